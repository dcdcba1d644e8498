"""Runs the Python code blocks of docs/guide/python.md (and README.md's), in order, from the
repository root."""

from __future__ import annotations

import os
import pathlib
import re
from typing import Any, Dict

import pytest

from conftest import ROOT

GUIDE = ROOT / "docs" / "guide" / "python.md"
README = ROOT / "README.md"
BLOCK = re.compile(r"^```python\n(.*?)^```", re.MULTILINE | re.DOTALL)


def test_the_guide_has_python_blocks() -> None:
    assert len(BLOCK.findall(GUIDE.read_text(encoding="utf-8"))) >= 5


@pytest.mark.parametrize("doc", [GUIDE, README], ids=["guide", "readme"])
def test_doc_blocks_run(
    doc: pathlib.Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(ROOT)
    namespace: Dict[str, Any] = {"__name__": "doc"}
    blocks = BLOCK.findall(doc.read_text(encoding="utf-8"))
    assert blocks
    for i, block in enumerate(blocks):
        exec(compile(block, f"{doc.name}[python block {i}]", "exec"), namespace)
    assert os.getcwd() == str(ROOT)
    assert "required" in capsys.readouterr().out

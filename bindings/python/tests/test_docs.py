"""Runs the Python code blocks of docs/guide/python.md, in order, from the repository root."""

from __future__ import annotations

import os
import re
from typing import Any, Dict

import pytest

from conftest import ROOT

GUIDE = ROOT / "docs" / "guide" / "python.md"
BLOCK = re.compile(r"^```python\n(.*?)^```", re.MULTILINE | re.DOTALL)


def test_the_guide_has_python_blocks() -> None:
    assert len(BLOCK.findall(GUIDE.read_text(encoding="utf-8"))) >= 5


def test_guide_blocks_run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(ROOT)
    namespace: Dict[str, Any] = {"__name__": "guide"}
    for i, block in enumerate(BLOCK.findall(GUIDE.read_text(encoding="utf-8"))):
        code = compile(block, f"{GUIDE.name}[block {i}]", "exec")
        exec(code, namespace)
    assert os.getcwd() == str(ROOT)
    assert "seiko-2023" in capsys.readouterr().out

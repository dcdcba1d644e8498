"""breachkit.Register: the same operations and checks as the Rust register suite."""

from __future__ import annotations

import datetime
import json
import os
import pathlib
import stat
from typing import List

import pytest

import breachkit
from conftest import ROOT

UTC = datetime.timezone.utc
CANARY = "CANARY-Taro-Yamada-taro@example.jp"


def revisions() -> List[breachkit.Incident]:
    h = json.loads((ROOT / "docs" / "examples" / "seiko-2023-history.json").read_text())
    return [breachkit.loads(json.dumps(r["incident"])) for r in h["revisions"]]


def at(text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text)


TIMES = ["2023-08-10T11:00:00+09:00", "2023-08-22T13:00:00+09:00", "2023-10-25T00:00:00+09:00"]


def fill(reg: breachkit.Register) -> None:
    revs = revisions()
    assert reg.add(revs[0], recorded_at=at(TIMES[0]), author="press") == 1
    for i in (1, 2):
        assert reg.update(revs[i], parent=i, recorded_at=at(TIMES[i]), author="press") == i + 1


def test_history_due_record_and_verify(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "r.db"
    with breachkit.Register(str(path)) as reg:
        assert reg.backend == "sqlite"
        fill(reg)
        hist = reg.history("seiko-2023")
        assert [h["number"] for h in hist] == [1, 2, 3]
        assert isinstance(hist[0]["incident"], breachkit.Incident)
        assert hist[1]["recorded_at"] == at(TIMES[1])
        early = reg.current("seiko-2023", at("2023-08-01T00:00:00+09:00"))
        assert early is None
        second = reg.current("seiko-2023", at("2023-09-01T00:00:00+09:00"))
        assert second is not None and second == hist[1]["incident"]
        kinds = {c["kind"] for c in reg.diff("seiko-2023", 1, 2)}
        assert "group_added" in kinds
        assert reg.due_records(at("2023-08-10T12:00:00+09:00")) == []
        due = reg.due_records(at("2023-10-25T12:00:00+09:00"))
        assert due and all(d["revision"] == 3 for d in due)
        assert list(due[0]) == breachkit.DUE_COLUMNS
        assert reg.decide(
            "seiko-2023",
            revision=3,
            decided_at=at("2023-10-26T00:00:00+09:00"),
            author="dpo",
            risk="high",
            notify=True,
            justification="contact data leaked",
        ) == 1
        md = reg.record("seiko-2023", as_of=at("2023-11-01T00:00:00+09:00"), lang="ja")
        assert md.startswith("# 個人データ侵害の記録") and "⟦" not in md
        v = reg.verify()
        assert v["broken"] is None and v["entries"] == 4
        lines = reg.export()
        assert len(lines) == 4
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    with pytest.raises(breachkit.RegisterError):
        reg.list()  # closed by the with block
    with breachkit.Register(str(tmp_path / "copy.db")) as other:
        assert other.import_lines(lines) == 4
        assert other.export() == lines


def test_stale_writer_gets_a_conflict(tmp_path: pathlib.Path) -> None:
    with breachkit.Register(str(tmp_path / "r.db")) as reg:
        fill(reg)
        with pytest.raises(breachkit.ConflictError) as e:
            reg.update(revisions()[2], parent=2, recorded_at=at(TIMES[2]), author="late")
        assert (e.value.expected, e.value.latest) == (2, 3)
        assert e.value.code == "conflict"
        assert isinstance(e.value, breachkit.BreachkitError)
        assert len(reg.history("seiko-2023")) == 3


def test_errors_hold_no_personal_value(tmp_path: pathlib.Path) -> None:
    with breachkit.Register(str(tmp_path / "r.db")) as reg:
        doc = breachkit.loads(json.dumps({"schema_version": "0.1", "id": "c", "title": CANARY}))
        reg.add(doc, recorded_at=at(TIMES[0]), author=CANARY, note=CANARY)
        errors: List[BaseException] = []
        for call in (
            lambda: reg.add(doc, recorded_at=at(TIMES[0]), author=CANARY),
            lambda: reg.update(doc, parent=1, recorded_at=at("2000-01-01T00:00:00+00:00"), author=CANARY),
            lambda: reg.import_lines([CANARY]),
            lambda: reg.decide("c", revision=9, decided_at=at(TIMES[0]), author=CANARY,
                               risk="high", notify=False, justification=CANARY),
        ):
            with pytest.raises(breachkit.BreachkitError) as e:
                call()
            errors.append(e.value)
        for err in errors:
            assert "CANARY" not in f"{err} {err!r}"


def test_due_tables(tmp_path: pathlib.Path) -> None:
    import pandas  # installed by `cargo xtask test`: a missing one fails, never skips
    import pyarrow
    with breachkit.Register(str(tmp_path / "r.db")) as reg:
        fill(reg)
        as_of = at("2023-10-25T12:00:00+09:00")
        df = reg.due_to_pandas(as_of)
        assert isinstance(df, pandas.DataFrame)
        assert list(df.columns) == breachkit.DUE_COLUMNS
        assert len(df) == len(reg.due_records(as_of))
        table = reg.due_to_arrow(as_of)
        assert isinstance(table, pyarrow.Table)
        assert table.num_rows == len(df)


def test_erase_keeps_the_chain(tmp_path: pathlib.Path) -> None:
    with breachkit.Register(str(tmp_path / "r.db")) as reg:
        fill(reg)
        n = reg.erase(
            "seiko-2023",
            requested_at=at("2030-11-01T00:00:00+09:00"),
            requested_by="dpo",
            reason="retention ended",
        )
        assert n == 1
        v = reg.verify()
        assert v["broken"] is None and v["entries"] == 4
        with pytest.raises(breachkit.RegisterError) as e:
            reg.history("seiko-2023")
        assert e.value.code == "erased"
        with pytest.raises(breachkit.RegisterError) as e:
            reg.erase("seiko-2023", requested_at=at(TIMES[0]), requested_by="x", reason="x")
        assert e.value.code == "erased"
        assert reg.due_records(at("2031-01-01T00:00:00+09:00")) == []
        assert reg.export() == []

"""The shared scenario corpus (tests/fixtures/scenarios/*.json), checked as tests/src/lib.rs does."""

from __future__ import annotations

import datetime
import json
import pathlib
from typing import Any, Dict, List

import pytest

import breachkit
from conftest import ROOT

SCENARIOS = sorted((ROOT / "tests" / "fixtures" / "scenarios").glob("*.json"))


def test_the_corpus_is_there() -> None:
    # The Rust suite asserts the same floor.
    assert len(SCENARIOS) >= 25


def parse_instant(text: str) -> datetime.datetime:
    # datetime.fromisoformat reads a trailing "Z" only from Python 3.11.
    t = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    assert t.tzinfo is not None
    return t


def incident_of(scenario: Dict[str, Any]) -> breachkit.Incident:
    if "incident" in scenario:
        assert "incident_file" not in scenario
        # from_dict on the inline document; the same text must give the same incident.
        from_dict = breachkit.Incident.from_dict(scenario["incident"])
        assert from_dict == breachkit.loads(json.dumps(scenario["incident"]))
        return from_dict
    return breachkit.load(ROOT / scenario["incident_file"])


def mismatches(scenario: Dict[str, Any], a: breachkit.Assessment) -> List[str]:
    errs = []
    ids = [o.id for o in a.obligations]
    for e in scenario["expect"]:
        o = a.get(e["obligation"])
        if e.get("absent", False):
            if o is not None:
                errs.append(f"{e['obligation']}: expected absent, found")
            continue
        if o is None:
            errs.append(f"{e['obligation']}: missing; have {ids}")
            continue
        if "status" in e and o.status != e["status"]:
            errs.append(f"{o.id}: status {o.status} != expected {e['status']}")
        if "due_local" in e and o.due_local != e["due_local"]:
            errs.append(f"{o.id}: due {o.due_local} != expected {e['due_local']}")
        if "guidance" in e:
            g = o.guidance
            got = None if g is None else [g["from"], g["to"]]
            if got != e["guidance"]:
                errs.append(f"{o.id}: guidance {got} != expected {e['guidance']}")
        if "filing" in e and o.filing["state"] != e["filing"]:
            errs.append(f"{o.id}: filing {o.filing['state']} != expected {e['filing']}")
        if "provisional" in e and o.provisional != e["provisional"]:
            errs.append(f"{o.id}: provisional {o.provisional} != expected {e['provisional']}")
    for n in scenario.get("expect_not_applicable", []):
        hit = [x for x in a.not_applicable if x["entity"] == n["entity"] and x["regime"] == n["regime"]]
        if not hit:
            errs.append(f"{n['entity']}/{n['regime']}: expected to be listed as not applicable")
        elif n["reason_contains"] not in hit[0]["reason"]:
            errs.append(f"{n['entity']}/{n['regime']}: reason {hit[0]['reason']!r} lacks {n['reason_contains']!r}")
    if scenario.get("expect_questions") is not None:
        want = sorted(scenario["expect_questions"])
        got = sorted({q.id for q in a.questions})
        if got != want:
            errs.append(f"questions {got} != expected {want}")
    return errs


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_scenario(path: pathlib.Path) -> None:
    scenario = json.loads(path.read_text(encoding="utf-8"))
    assert scenario["name"] == path.stem
    a = breachkit.assess(incident_of(scenario), as_of=parse_instant(scenario["as_of"]))
    assert mismatches(scenario, a) == []
    # The typed view agrees with the JSON form of the same assessment.
    d = json.loads(a.to_json())
    assert [o["id"] for o in d["obligations"]] == [o.id for o in a.obligations]
    for o in a.obligations:
        due = o.deadline.get("due")
        if due is None:
            assert o.due is None
        else:
            assert o.due == parse_instant(due)
            assert o.due.tzinfo is not None

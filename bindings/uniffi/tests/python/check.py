"""A small check of uniffi's generated Python against the same library as Swift and Kotlin.

Usage: python3 check.py <repository root> <dir with breachkit.py and libbreachkit_uniffi.so>.
Uses only the standard library and the generated module. Prints `python: N passed, M failed`.
"""

import datetime
import json
import sys
from pathlib import Path

root = Path(sys.argv[1])
sys.path.insert(0, sys.argv[2])
import breachkit as bk  # noqa: E402  (the generated module, not the pyo3 package)

passed = failed = 0


def test(name, body):
    global passed, failed
    try:
        body()
        passed += 1
    except Exception as e:  # noqa: BLE001
        failed += 1
        print(f"FAIL {name}: {e!r}")


def seiko():
    inc = bk.Incident.from_json((root / "docs/examples/seiko-2023.json").read_text())
    assert not [p for p in inc.validate() if p.severity == bk.Severity.ERROR]
    as_of = datetime.datetime(2023, 8, 1, 3, tzinfo=datetime.timezone.utc)
    a = bk.assess(inc, as_of)
    assert a.as_of == as_of, a.as_of
    o = next(o for o in a.obligations if o.id == "swc/jp.appi/ppc-final")
    assert o.status == bk.Status.REQUIRED and o.stage == bk.Stage.FINAL
    assert o.deadline.due is not None and o.deadline.due.tzinfo is not None


def scenarios():
    # Every scenario; a subset of the expectations (presence, due_local): Swift and Kotlin check all.
    for f in sorted((root / "tests/fixtures/scenarios").glob("*.json")):
        sc = json.loads(f.read_text())
        text = json.dumps(sc["incident"]) if "incident" in sc else (root / sc["incident_file"]).read_text()
        a = bk.assess(bk.Incident.from_json(text), datetime.datetime.fromisoformat(sc["as_of"]))
        by_id = {o.id: o for o in a.obligations}
        for e in sc["expect"]:
            o = by_id.get(e["obligation"])
            assert (o is None) == e.get("absent", False), (f.name, e["obligation"])
            if o is not None and "due_local" in e:
                assert o.deadline.due_local == e["due_local"], (f.name, e["obligation"])


def typed_errors():
    try:
        bk.Incident.from_json('{"id": "Jane Doe"')
    except bk.BreachkitError.InvalidDocument as e:
        assert "Jane" not in str(e)
    else:
        raise AssertionError("no error")


test("seiko example", seiko)
test("scenario corpus (presence and due_local)", scenarios)
test("typed errors", typed_errors)
print(f"python: {passed} passed, {failed} failed")
sys.exit(0 if failed == 0 else 1)

"""The engine from Python: obligations, records, rules, pickling and copying."""

from __future__ import annotations

import copy
import datetime
import json
import pathlib
import pickle
import zoneinfo

import pytest

import breachkit
from conftest import ROOT

UTC = datetime.timezone.utc
AS_OF = datetime.datetime(2023, 8, 1, 3, 0, tzinfo=UTC)


@pytest.fixture
def seiko(seiko_path: pathlib.Path) -> breachkit.Incident:
    return breachkit.load(seiko_path)


@pytest.fixture
def assessment(seiko: breachkit.Incident) -> breachkit.Assessment:
    return breachkit.assess(seiko, as_of=AS_OF)


def test_obligation_attributes(assessment: breachkit.Assessment) -> None:
    o = assessment.get("swc/jp.appi/ppc-final")
    assert o is not None
    assert isinstance(o, breachkit.Obligation)
    assert (o.obligor, o.regime, o.stage, o.status) == ("swc", "jp.appi", "final", "required")
    assert o.recipient["body"] == "jp.ppc"
    assert o.due_local == "2023-09-25T23:59:59+09:00"
    assert o.due == datetime.datetime(2023, 9, 25, 14, 59, 59, tzinfo=UTC)
    assert o.due is not None and o.due.utcoffset() == datetime.timedelta(0)
    assert o.citations and {"article", "source", "url"} <= set(o.citations[0])
    assert o.trace and {"kind", "outcome", "detail"} <= set(o.trace[0])
    assert o.trace[0]["kind"] == "scope" and o.trace[0]["outcome"] == {"kind": "yes"}
    assert all(isinstance(q, breachkit.Question) for q in o.questions)
    assert o.filing["state"]
    assert o.deadline["due_local"] == o.due_local
    assert isinstance(o.provisional, bool)
    prelim = assessment.get("swc/jp.appi/ppc-preliminary")
    assert prelim is not None and prelim.due is None and prelim.due_local is None
    assert prelim.guidance is not None and set(prelim.guidance) == {"from", "to", "text", "cite"}
    assert assessment.get("no/such/obligation") is None


def test_assessment_attributes(seiko: breachkit.Incident, assessment: breachkit.Assessment) -> None:
    assert assessment.incident == seiko.id
    assert assessment.as_of == AS_OF
    assert len(assessment) == len(assessment.obligations) > 0
    assert all(r.count("@") == 1 for r in assessment.rules)
    assert [q.id for q in assessment.questions] == sorted({q.id for q in assessment.questions})
    assert {q.id for q in assessment.questions} == {
        q.id for o in assessment.obligations for q in o.questions
    }
    assert [o.id for o in assessment.for_entity("swc")] == [
        o.id for o in assessment.obligations if o.obligor == "swc"
    ]
    assert isinstance(assessment.not_applicable, list)
    assert "swc" in assessment.to_text()


def test_as_of_in_any_zone_is_the_same_instant(seiko: breachkit.Incident) -> None:
    tokyo = datetime.datetime(2023, 8, 1, 12, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Tokyo"))
    fixed = datetime.datetime(2023, 8, 1, 12, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=9)))
    a = breachkit.assess(seiko, as_of=AS_OF)
    assert breachkit.assess(seiko, as_of=tokyo) == a
    assert breachkit.assess(seiko, as_of=fixed) == a
    # Same input, same output, byte for byte.
    assert breachkit.assess(seiko, as_of=AS_OF).to_json() == a.to_json()


def test_to_json_and_to_dict(assessment: breachkit.Assessment) -> None:
    d = json.loads(assessment.to_json())
    assert d == assessment.to_dict()
    assert breachkit.Assessment.from_json(assessment.to_json()) == assessment
    assert [o.to_dict() for o in assessment.obligations] == d["obligations"]


def test_records(assessment: breachkit.Assessment) -> None:
    records = assessment.to_records()
    # One row per obligation, then one per jurisdiction that is not covered.
    assert len(records) == len(assessment.obligations) + len(assessment.not_covered)
    for r, o in zip(records, assessment.obligations):
        assert list(r) == breachkit.RECORD_COLUMNS
        for v in r.values():
            assert v is None or isinstance(v, (str, bool, int, datetime.datetime)), (type(v), v)
        due = o.due.strftime("%Y-%m-%dT%H:%M:%SZ") if o.due else ""
        assert (r["id"], r["obligor"], r["status"], r["due_utc"], r["due_local"]) == (
            o.id,
            o.obligor,
            o.status,
            due,
            o.due_local or "",
        )
        assert r["recipient_kind"] == o.recipient["kind"]
        assert r["filing_state"] == o.filing["state"]
        assert r["citations"] == "; ".join(c["article"] for c in o.citations)
        assert r["questions"] == len(o.questions)


def test_to_pandas(assessment: breachkit.Assessment) -> None:
    import pandas as pd  # installed by the test command (xtask/src/python.rs)
    df = assessment.to_pandas()
    assert isinstance(df, pd.DataFrame)
    assert list(df.columns) == breachkit.RECORD_COLUMNS
    assert len(df) == len(assessment.obligations)


def test_to_arrow(assessment: breachkit.Assessment) -> None:
    import pyarrow as pa  # installed by the test command (xtask/src/python.rs)
    t = assessment.to_arrow()
    assert isinstance(t, pa.Table)
    assert t.num_rows == len(assessment.obligations)


def test_optional_libraries_are_not_needed_to_import() -> None:
    import subprocess
    import sys

    code = (
        "import sys; sys.modules['pandas'] = None; sys.modules['pyarrow'] = None\n"
        "import datetime, breachkit\n"
        "i = breachkit.load(sys.argv[1])\n"
        "a = breachkit.assess(i, as_of=datetime.datetime(2023, 8, 1, tzinfo=datetime.timezone.utc))\n"
        "for f in (a.to_pandas, a.to_arrow):\n"
        "    try:\n"
        "        f()\n"
        "    except ImportError as e:\n"
        "        assert 'pip install' in str(e)\n"
        "    else:\n"
        "        raise SystemExit('expected ImportError')\n"
    )
    subprocess.run([sys.executable, "-c", code, str(ROOT / "docs/examples/seiko-2023.json")], check=True)


def test_pickle_and_copy_everything(seiko: breachkit.Incident, assessment: breachkit.Assessment) -> None:
    objects = [seiko, assessment, *seiko.organisations, *seiko.groups, *seiko.timeline, *seiko.reports]
    objects += [*assessment.obligations, *assessment.questions]
    bad = breachkit.Incident.from_dict({"schema_version": "0.1", "id": "x", "timeline": [{"kind": "aware"}]})
    objects += bad.validate()
    for obj in objects:
        for proto in range(pickle.HIGHEST_PROTOCOL + 1):
            back = pickle.loads(pickle.dumps(obj, protocol=proto))
            assert type(back) is type(obj) and back == obj, (proto, obj)
        assert copy.copy(obj) == obj
        assert copy.deepcopy(obj) == obj


def test_questions_are_hashable(assessment: breachkit.Assessment) -> None:
    assert len(set(assessment.questions)) == len(assessment.questions)


def test_rules_parameter(seiko: breachkit.Incident, assessment: breachkit.Assessment) -> None:
    builtin = breachkit.Ruleset.builtin()
    assert builtin.assess(seiko, AS_OF) == assessment
    assert breachkit.assess(seiko, as_of=AS_OF, rules=builtin) == assessment
    # A rule file with the same regime id and effective_from replaces the built-in version; the
    # built-in file itself changes no obligation, and the assessment says which file was used.
    text = (ROOT / "crates/breachkit-rules/rules/jp-appi-2022.toml").read_text(encoding="utf-8")
    replaced = breachkit.assess(seiko, as_of=AS_OF, rules=[text]).to_dict()
    assert replaced["obligations"] == assessment.to_dict()["obligations"]
    assert replaced["overrides"] == [
        {"rules": "jp.appi@2022-04-01", "file": "rules[0]", "replaces": "jp-appi-2022.toml"}
    ]
    assert "overrides" not in assessment.to_dict()
    loaded = breachkit.load_rules(text, file="jp-appi-2022.toml")
    assert loaded.regimes == builtin.regimes
    again = builtin.with_rules(text).assess(seiko, AS_OF).to_dict()
    assert again["obligations"] == assessment.to_dict()["obligations"]
    assert "jp.appi@2022-04-01" in builtin.regimes


def test_not_covered_lists_residents_without_rules() -> None:
    scenario = json.loads((ROOT / "tests/fixtures/scenarios/not-covered-mexico-nigeria.json").read_text(encoding="utf-8"))
    incident = breachkit.Incident.from_dict(scenario["incident"])
    a = breachkit.assess(incident, as_of=datetime.datetime(2026, 3, 5, 12, 0, tzinfo=datetime.timezone.utc))
    got = {n["jurisdiction"]: n for n in a.not_covered}
    assert sorted(got) == ["MX", "NG"]
    assert got["MX"]["persons_min"] == 50 and got["MX"]["basis"] == "residents"
    assert got["NG"]["persons_max"] == 20
    assert "MX — 50 affected people live in MX" in a.to_text()
    assert "Not covered (2)" in a.to_text()
    assert [n["jurisdiction"] for n in json.loads(a.to_json())["not_covered"]] == ["MX", "NG"]
    assert "## Not covered (2)" in a.to_markdown()
    assert "- `NG`: between 10 and 20 affected people live in NG" in a.to_markdown()
    rows = [r for r in a.to_records() if r["status"] == "not_covered"]
    assert [r["id"] for r in rows] == ["not_covered/residents/MX", "not_covered/residents/NG"]
    assert all("cannot say what is owed" in r["name"] for r in rows)
    assert len(a.to_records()) == len(a.obligations) + 2
    assert "not_covered/residents/MX" in a.to_csv()


def test_not_covered_in_the_calendar_and_empty_in_json() -> None:
    import icalendar

    scenario = json.loads((ROOT / "tests/fixtures/scenarios/not-covered-mexico-nigeria.json").read_text(encoding="utf-8"))
    incident = breachkit.Incident.from_dict(scenario["incident"])
    a = breachkit.assess(incident, as_of=datetime.datetime(2026, 3, 5, 12, 0, tzinfo=datetime.timezone.utc))
    todos = list(icalendar.Calendar.from_ical(a.to_ics()).walk("VTODO"))
    assert sorted(str(t["UID"]) for t in todos) == [
        "not_covered.residents.MX@breachkit",
        "not_covered.residents.NG@breachkit",
    ]
    # Only California: the list is there and empty, not missing.
    only_ca = dict(scenario["incident"])
    group = dict(only_ca["groups"][0])
    group["count"] = {"kind": "exact", "value": 10}
    group["residence"] = [group["residence"][0]]
    only_ca["groups"] = [group]
    b = breachkit.assess(breachkit.Incident.from_dict(only_ca), as_of=datetime.datetime(2026, 3, 5, 12, 0, tzinfo=datetime.timezone.utc))
    assert b.not_covered == []
    assert json.loads(b.to_json())["not_covered"] == []
    assert "Not covered (0)" in b.to_text()


def test_csv_opens_in_pandas_with_the_record_columns(assessment: breachkit.Assessment) -> None:
    import io

    import pandas as pd

    df = pd.read_csv(io.StringIO(assessment.to_csv()), keep_default_na=False)
    assert list(df.columns) == breachkit.RECORD_COLUMNS
    assert list(df["id"]) == [r["id"] for r in assessment.to_records()]
    assert list(df["status"]) == [r["status"] for r in assessment.to_records()]


def test_ics_parses_back_with_one_event_per_deadline(assessment: breachkit.Assessment) -> None:
    import icalendar

    cal = icalendar.Calendar.from_ical(assessment.to_ics())
    events = list(cal.walk("VEVENT"))
    want = [
        o
        for o in assessment.obligations
        if o.status != "not_required" and (o.due is not None or o.deadline.get("guidance"))
    ]
    assert want and len(events) == len(want)
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids)
    timed = {o.id for o in want if o.due is not None}
    starts = sorted(e.decoded("DTSTART") for e in events if not str(e["UID"]).endswith(".guidance@breachkit"))
    assert starts == sorted(o.due for o in want if o.id in timed)


def test_japanese_assessment(seiko: breachkit.Incident) -> None:
    a = breachkit.assess(seiko, AS_OF, lang="ja")
    assert a.lang == "ja"
    en = breachkit.assess(seiko, AS_OF)
    assert [o.status for o in a.obligations] == [o.status for o in en.obligations]
    assert "個人情報保護委員会" in a.to_text()
    assert all(q.kind for q in a.questions)
    with pytest.raises(ValueError):
        breachkit.assess(seiko, AS_OF, lang="fr")

"""Reading, the model classes, validation and the dict/JSON/TOML forms."""

from __future__ import annotations

import json
import pathlib

import pytest

import breachkit
from conftest import ROOT

EXAMPLES = sorted(
    p
    for p in (ROOT / "docs" / "examples").iterdir()
    if p.suffix in (".json", ".toml") and not p.name.endswith("-history.json")
)


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_every_example_validates(path: pathlib.Path) -> None:
    incident = breachkit.load(path)
    errors = [p for p in incident.validate() if p.severity == "error"]
    assert errors == []
    assert incident.is_valid()
    # load(path) and loads(text, format) agree.
    fmt = "toml" if path.suffix == ".toml" else "json"
    assert breachkit.loads(path.read_text(encoding="utf-8"), format=fmt) == incident
    assert breachkit.load(str(path)) == incident


def test_toml_and_json_examples_are_the_same_incident() -> None:
    a = breachkit.load(ROOT / "docs/examples/seiko-2023.json")
    b = breachkit.load(ROOT / "docs/examples/seiko-2023.toml")
    assert a == b


def test_attributes(seiko_path: pathlib.Path) -> None:
    i = breachkit.load(seiko_path)
    doc = json.loads(seiko_path.read_text(encoding="utf-8"))
    assert i.id == doc["id"]
    assert i.schema_version == breachkit.SCHEMA_VERSION
    assert i.title == doc.get("title")
    assert i.time_zone == doc.get("time_zone")
    assert [o.id for o in i.organisations] == [o["id"] for o in doc["organisations"]]
    org = i.organisations[0]
    assert isinstance(org, breachkit.Organisation)
    assert org.name == doc["organisations"][0]["name"]
    assert org.country == doc["organisations"][0]["country"]
    assert org.to_dict() == doc["organisations"][0]
    assert [g.id for g in i.groups] == [g["id"] for g in doc["groups"]]
    g = i.groups[0]
    assert isinstance(g, breachkit.AffectedGroup)
    assert g.kind == doc["groups"][0]["kind"]
    assert g.categories == doc["groups"][0].get("categories", [])
    assert isinstance(g.count, dict) and "kind" in g.count
    assert [e.kind for e in i.timeline] == [e["kind"] for e in doc["timeline"]]
    assert all(isinstance(e, breachkit.Event) for e in i.timeline)
    assert [r.id for r in i.reports] == [r["id"] for r in doc["reports"]]
    r = i.reports[0]
    assert isinstance(r, breachkit.ReportRecord)
    assert r.recipient == doc["reports"][0]["recipient"]
    assert isinstance(i.breach, dict)


def test_to_dict_and_to_json_round_trip(seiko_path: pathlib.Path) -> None:
    i = breachkit.load(seiko_path)
    assert breachkit.Incident.from_dict(i.to_dict()) == i
    assert breachkit.Incident.from_json(i.to_json()) == i
    assert breachkit.Incident.from_toml(i.to_toml()) == i
    assert json.loads(i.to_json()) == i.to_dict()


def test_from_dict_takes_dates_and_tuples() -> None:
    import datetime

    d = {
        "schema_version": "0.1",
        "id": "demo",
        "time_zone": "Asia/Tokyo",
        "timeline": ({"kind": "detected", "at": datetime.date(2023, 7, 28)},),
    }
    i = breachkit.Incident.from_dict(d)
    assert i.timeline[0].at == "2023-07-28"


def test_validate_returns_problems() -> None:
    i = breachkit.Incident.from_dict(
        {
            "schema_version": "0.1",
            "id": "p",
            "organisations": [{"id": "a", "name": "A", "country": "JP", "parent": "nobody"}],
        }
    )
    problems = i.validate()
    assert problems, "a parent that is not in the document is a problem"
    p = next(p for p in problems if p.code == "unknown_entity")
    assert isinstance(p, breachkit.Problem)
    assert p.path == "/organisations/0/parent"
    assert p.severity == "error"
    assert p.message
    assert p.to_dict() == {"code": p.code, "path": p.path, "severity": "error", "message": p.message}
    assert str(p).startswith("error[unknown_entity] /organisations/0/parent")
    assert not i.is_valid()


def test_an_early_incident_is_valid() -> None:
    i = breachkit.loads('{"schema_version": "0.1", "id": "early"}')
    assert i.is_valid()
    assert i.organisations == [] and i.groups == [] and i.timeline == [] and i.reports == []
    assert i.title is None


def test_classes_are_frozen(seiko_path: pathlib.Path) -> None:
    i = breachkit.load(seiko_path)
    with pytest.raises(AttributeError):
        i.id = "other"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        i.organisations[0].name = "other"  # type: ignore[misc]
    # Lists handed out are copies: changing them does not change the incident.
    i.organisations.clear()
    assert len(i.organisations) == 3


def test_version() -> None:
    assert isinstance(breachkit.__version__, str) and breachkit.__version__

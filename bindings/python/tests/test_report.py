"""Report drafting from Python: the same drafts as `breachkit report` and the Rust tests."""

from __future__ import annotations

import copy
import datetime
import json
import pathlib
import pickle
from typing import Any, Dict, List

import pytest

import breachkit
from conftest import ROOT

JST = datetime.timezone(datetime.timedelta(hours=9))
AS_OF = datetime.datetime(2023, 10, 25, 12, 0, tzinfo=JST)
CANARY = "JANE-CANARY-7731"


@pytest.fixture
def seiko(seiko_path: pathlib.Path) -> breachkit.Incident:
    return breachkit.load(seiko_path)


def test_announcement_third_report_en(seiko: breachkit.Incident) -> None:
    [d] = breachkit.draft(seiko, "announcement", as_of=AS_OF)
    assert isinstance(d, breachkit.Draft)
    assert (d.kind, d.lang) == ("announcement", "en")
    assert "Regarding Our Recent Data Breach (Third Report)" in d.to_markdown()
    assert "Regarding Our Recent Data Breach (Third Report)" in d.title
    assert d.complete and d.missing == []


def test_announcement_third_report_ja(seiko: breachkit.Incident) -> None:
    [d] = breachkit.draft(seiko, "announcement", as_of=AS_OF, lang="ja")
    assert d.lang == "ja"
    assert "（第3報）" in d.to_markdown()
    html = d.to_html()
    assert '<html lang="ja">' in html and "（第3報）" in html


def test_sequence_is_passed_through(seiko: breachkit.Incident) -> None:
    [d] = breachkit.draft(seiko, "announcement", as_of=AS_OF, sequence=4)
    assert "(Fourth Report)" in d.title


@pytest.mark.parametrize("entity", ["sgc", "swc", "sii"])
def test_ppc_final_per_entity(seiko: breachkit.Incident, entity: str) -> None:
    [d] = breachkit.draft(seiko, "ppc-final", as_of=AS_OF, entity=entity)
    assert d.entity == entity and d.group is None
    assert [s["id"] for s in d.sections] == [f"ppc.item{i}" for i in range(1, 9)] + [
        "ppc.item8.planned",
        "ppc.item9",
    ]
    assert d.must_be_complete and not d.complete
    # Every field of the PPC form the draft cannot fill is listed (reporter's address, contact
    # person, date of occurrence …); the head count is one of them.
    assert d.missing and all(set(m) == {"item", "label", "path"} for m in d.missing)
    [m] = [m for m in d.missing if m["item"] == "ppc.item3"]
    assert m["path"].endswith("/count")
    assert "ppc.item3" in d.fields
    # The Markdown warns that a final report may not be filed incomplete, naming the pointer.
    assert m["path"] in d.to_markdown()


def test_ppc_final_for_every_entity_and_render(seiko: breachkit.Incident) -> None:
    drafts = breachkit.draft(seiko, "ppc-final", as_of=AS_OF)
    assert [d.entity for d in drafts] == ["sgc", "swc", "sii"]
    md = breachkit.render(drafts)
    assert md == "\n---\n\n".join(d.to_markdown() for d in drafts)
    assert breachkit.render(drafts, "markdown") == md
    as_json = json.loads(breachkit.render(drafts, format="json"))
    assert as_json == [d.to_dict() for d in drafts]
    assert as_json[0] == json.loads(drafts[0].to_json())
    html = breachkit.render(drafts, "html")
    assert html.count("<article") == 3 and html.startswith("<!DOCTYPE html>")
    assert "<svg" in html


def test_notices_per_group(seiko: breachkit.Incident) -> None:
    drafts = breachkit.draft(seiko, "individual-notice", as_of=AS_OF, entity="swc")
    assert {d.entity for d in drafts} == {"swc"}
    assert "swc-customers" in [d.group for d in drafts]
    [one] = breachkit.draft(
        seiko, "individual-notice", as_of=AS_OF, entity="swc", group="swc-customers"
    )
    assert one.group == "swc-customers"


@pytest.mark.parametrize(
    ("example", "kind", "as_of"),
    [
        ("seiko-2023.json", "ppc-preliminary", AS_OF),
        ("booking-2019-gdpr.json", "gdpr-art33", datetime.datetime(2019, 2, 6, 12, 0, tzinfo=datetime.timezone.utc)),
        ("anthem-2015-hipaa.json", "hhs", datetime.datetime(2015, 3, 13, 17, 0, tzinfo=datetime.timezone.utc)),
    ],
)
def test_other_kinds(root: pathlib.Path, example: str, kind: str, as_of: datetime.datetime) -> None:
    incident = breachkit.load(root / "docs" / "examples" / example)
    drafts = breachkit.draft(incident, kind, as_of=as_of)
    assert drafts and all(d.kind == kind for d in drafts)
    for d in drafts:
        assert d.to_dict()["kind"] == kind
        assert d.complete == (d.missing == [])


def test_attributes_and_dict(seiko: breachkit.Incident) -> None:
    [d] = breachkit.draft(seiko, "ppc-final", as_of=AS_OF, entity="swc")
    data = d.to_dict()
    assert data["title"] == d.title and data["footer"] == d.footer
    assert data["sections"] == d.sections and data["fields"] == d.fields
    assert data["missing"] == d.missing and data["timeline"] == d.timeline
    assert d.header == data.get("header", []) and d.intro == data.get("intro", [])
    assert d.closing == data.get("closing", [])
    assert all(set(p) == {"date", "label_date", "label"} for p in d.timeline)
    with pytest.raises(AttributeError):
        d.title = "x"  # type: ignore[misc]


def test_pickle_copy_and_eq(seiko: breachkit.Incident) -> None:
    drafts = breachkit.draft(seiko, "ppc-final", as_of=AS_OF, lang="ja")
    for d in drafts:
        for back in (pickle.loads(pickle.dumps(d)), copy.deepcopy(d)):
            assert back == d
            assert back.to_markdown() == d.to_markdown()
    assert drafts[0] != drafts[1]
    # Unpickled drafts render together with the originals.
    back = pickle.loads(pickle.dumps(drafts))
    assert breachkit.render(back) == breachkit.render(drafts)


def test_templates_override(seiko: breachkit.Incident) -> None:
    [base] = breachkit.draft(seiko, "ppc-final", as_of=AS_OF, entity="swc")
    [d] = breachkit.draft(
        seiko,
        "ppc-final",
        as_of=AS_OF,
        entity="swc",
        templates='[text]\nincomplete_final = "STOP: fill these in first"\n',
    )
    assert "STOP: fill these in first" in d.to_markdown()
    assert "STOP: fill these in first" not in base.to_markdown()
    assert d != base  # same draft, different templates
    assert pickle.loads(pickle.dumps(d)).to_markdown() == d.to_markdown()
    with pytest.raises(ValueError, match="one language and one set of templates"):
        breachkit.render([base, d])


def test_reprs_show_ids_and_counts_only(seiko: breachkit.Incident) -> None:
    [d] = breachkit.draft(seiko, "ppc-final", as_of=AS_OF, entity="swc")
    assert repr(d) == (
        'Draft(kind="ppc-final", lang="en", entity="swc", group=None, sections=10, missing=7,'
        " complete=False)"
    )


# Error paths: codes, classes, and messages that never hold incident values.


def canary_incident() -> breachkit.Incident:
    return breachkit.Incident.from_dict(
        {
            "schema_version": "0.1",
            "id": "canary",
            "time_zone": "Asia/Tokyo",
            "organisations": [
                {"id": "acme", "name": CANARY, "local_name": CANARY, "country": "JP"}
            ],
            "groups": [
                {
                    "id": "g",
                    "label": CANARY,
                    "kind": "customers",
                    "holders": [{"entity": "acme", "role": "controller"}],
                    "count": {"kind": "exact", "value": 3},
                    "categories": ["name"],
                }
            ],
            "timeline": [{"kind": "detected", "at": "2024-01-05", "note": CANARY}],
        }
    )


def assert_clean(exc: BaseException) -> None:
    for s in (str(exc), repr(exc)):
        assert "CANARY" not in s.upper(), s


ERRORS: List[Dict[str, Any]] = [
    {"args": {"kind": "ppc"}, "code": "unknown_kind", "match": "unknown report kind"},
    {"args": {"lang": "fr"}, "code": "unknown_language", "match": "use ja or en"},
    {"args": {"entity": CANARY}, "code": "no_such_entity", "match": "no organisation"},
    {"args": {"group": CANARY}, "code": "no_such_group", "match": "no group"},
    {
        # The message names the template key (the user's own file), never an incident value.
        "args": {"templates": f"[text]\nfooter = 1\nintro = \"{CANARY}\"\n"},
        "code": "template",
        "match": "values must be strings",
    },
    {"args": {"templates": f"{CANARY} ="}, "code": "template", "match": "TOML syntax error"},
]


@pytest.mark.parametrize("case", ERRORS, ids=[c["code"] + str(i) for i, c in enumerate(ERRORS)])
def test_report_errors(case: Dict[str, Any]) -> None:
    args: Dict[str, Any] = {"kind": "ppc-final", "as_of": AS_OF, **case["args"]}
    kind = args.pop("kind")
    with pytest.raises(breachkit.ReportError, match=case["match"]) as info:
        breachkit.draft(canary_incident(), kind, **args)
    e = info.value
    assert isinstance(e, breachkit.BreachkitError) and isinstance(e, ValueError)
    assert e.code == case["code"]
    assert_clean(e)


def test_template_error_names_the_key() -> None:
    with pytest.raises(breachkit.ReportError) as info:
        breachkit.draft(
            canary_incident(), "ppc-final", as_of=AS_OF, templates="[text]\nfooter = 1\n"
        )
    assert (info.value.code, info.value.key) == ("template", "text.footer")
    back = pickle.loads(pickle.dumps(info.value))
    assert (type(back), str(back), back.code, back.key) == (
        breachkit.ReportError,
        str(info.value),
        "template",
        "text.footer",
    )


def test_nothing_to_draft() -> None:
    doc = canary_incident().to_dict()
    doc["groups"] = []
    with pytest.raises(breachkit.ReportError) as info:
        breachkit.draft(breachkit.Incident.from_dict(doc), "ppc-final", as_of=AS_OF)
    assert info.value.code == "nothing_to_draft"


def test_canary_drafts_render_but_reprs_stay_clean() -> None:
    for kind in ("ppc-final", "individual-notice", "announcement"):
        for d in breachkit.draft(canary_incident(), kind, as_of=AS_OF):
            assert_clean(Exception(repr(d)))
            # The document itself does hold the incident's values, of course.
            assert CANARY in d.to_markdown()


def test_render_errors(seiko: breachkit.Incident) -> None:
    drafts = breachkit.draft(seiko, "announcement", as_of=AS_OF)
    with pytest.raises(breachkit.ReportError, match="unknown format") as info:
        breachkit.render(drafts, "pdf")
    assert info.value.code == "unknown_format"
    with pytest.raises(ValueError, match="empty"):
        breachkit.render([])
    with pytest.raises(TypeError, match="list of breachkit.Draft"):
        breachkit.render(["x"])  # type: ignore[list-item]
    with pytest.raises(TypeError, match="list of breachkit.Draft"):
        breachkit.render("md")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        breachkit.render(drafts[0])  # type: ignore[arg-type]


def test_as_of_and_argument_types(seiko: breachkit.Incident) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        breachkit.draft(seiko, "announcement", as_of=datetime.datetime(2023, 10, 25, 12))
    with pytest.raises(TypeError, match="datetime"):
        breachkit.draft(seiko, "announcement", as_of="2023-10-25T12:00:00+09:00")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="as_of"):
        breachkit.draft(seiko, "announcement")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="breachkit.Incident"):
        breachkit.draft(seiko.to_dict(), "announcement", as_of=AS_OF)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="TOML text"):
        breachkit.draft(seiko, "announcement", as_of=AS_OF, templates=b"x")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        breachkit.draft(seiko, 1, as_of=AS_OF)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        breachkit.draft(seiko, "announcement", AS_OF)  # type: ignore[call-arg]


@pytest.mark.parametrize("kind", ["gdpr-art33", "hhs"])
def test_no_draft_where_the_law_does_not_apply(seiko: breachkit.Incident, kind: str) -> None:
    # GDPR and HIPAA do not apply to the Seiko companies: there is nothing to draft.
    with pytest.raises(breachkit.ReportError) as e:
        breachkit.draft(seiko, kind, as_of=AS_OF)
    assert e.value.code == "nothing_to_draft"


def test_rules_reach_the_draft(seiko: breachkit.Incident) -> None:
    # The same rule files as `breachkit report --rules`: the built-in APPI file changes nothing;
    # a counsel's version without the final report leaves no final report to draft; a broken
    # one is a rules error, not a template error.
    text = (ROOT / "crates/breachkit-rules/rules/jp-appi-2022.toml").read_text(encoding="utf-8")
    same = breachkit.draft(seiko, "ppc-final", as_of=AS_OF, lang="ja", rules=[text])
    assert same == breachkit.draft(seiko, "ppc-final", as_of=AS_OF, lang="ja")
    no_final = text.replace('id = "ppc-final"', 'id = "ppc-final-renamed"')
    assert no_final != text
    with pytest.raises(breachkit.ReportError) as e:
        breachkit.draft(seiko, "ppc-final", as_of=AS_OF, rules=[no_final])
    assert e.value.code == "nothing_to_draft"
    with pytest.raises(breachkit.BreachkitError) as b:
        breachkit.draft(seiko, "ppc-final", as_of=AS_OF, rules=["[regime\nid = 1"])
    assert b.value.code != "template"
    with pytest.raises(TypeError):
        breachkit.draft(seiko, "ppc-final", as_of=AS_OF, rules=text)  # type: ignore[arg-type]

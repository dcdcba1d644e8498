"""Every exception path, and the privacy canaries of tests/tests/it/privacy.rs, from Python."""

from __future__ import annotations

import copy
import datetime
import json
import pickle
from typing import Any, Dict, List

import pytest

import breachkit

CANARY = "JANE-CANARY-7731"
UTC = datetime.timezone.utc
AS_OF = datetime.datetime(2024, 2, 1, tzinfo=UTC)


def base() -> Dict[str, Any]:
    return {
        "schema_version": "0.1",
        "id": "canary",
        "time_zone": "Asia/Tokyo",
        "organisations": [
            {
                "id": "acme",
                "name": "Acme",
                "country": "JP",
                "contacts": [{"kind": "email", "value": "privacy@example.com"}],
            }
        ],
        "groups": [
            {
                "id": "g",
                "kind": "customers",
                "holders": [{"entity": "acme", "role": "controller"}],
                "count": {"kind": "exact", "value": 3},
                "categories": ["name"],
            }
        ],
        "timeline": [{"kind": "detected", "at": "2024-01-05"}],
    }


def put(doc: Any, pointer: str, value: Any) -> None:
    *parents, last = pointer.strip("/").split("/")
    for p in parents:
        doc = doc[int(p)] if isinstance(doc, list) else doc[p]
    if isinstance(doc, list):
        doc[int(last)] = value
    else:
        doc[last] = value


def assert_clean(exc: BaseException) -> None:
    shown = [str(exc), repr(exc)]
    if isinstance(exc, breachkit.ValidationError):
        shown.append(repr(exc.errors()))
    for s in shown:
        assert "CANARY" not in s.upper(), s


CASES = [
    ("/organisations/0/country", CANARY),
    ("/organisations/0/id", f"{CANARY} smith"),
    ("/groups/0/categories/0", CANARY),
    ("/groups/0/kind", CANARY),
    ("/groups/0/count/value", CANARY),
    ("/groups/0/count/kind", CANARY),
    ("/timeline/0/at", CANARY),
    ("/time_zone", CANARY),
    ("/organisations/0/contacts/0/kind", CANARY),
    ("/organisations/0/name", {"first": CANARY}),
    ("/groups/0/holders/0/role", CANARY),
    ("/groups/0/categories/0", f"other:{CANARY}"),
]


@pytest.mark.parametrize("pointer,value", CASES, ids=[c[0] for c in CASES])
def test_parse_errors_never_echo_values(pointer: str, value: Any) -> None:
    doc = base()
    put(doc, pointer, value)
    for read in (lambda: breachkit.loads(json.dumps(doc)), lambda: breachkit.Incident.from_dict(doc)):
        with pytest.raises(breachkit.ValidationError) as info:
            read()
        e = info.value
        assert_clean(e)
        assert isinstance(e, breachkit.BreachkitError) and isinstance(e, ValueError)
        [err] = e.errors()
        assert set(err) == {"code", "path", "message"}
        assert err["code"] == "shape"
        # The path is the field itself, or (for a tagged object such as a count) the object
        # holding it — as in the Rust test.
        assert err["path"] != "/" and pointer.startswith(err["path"]), err


def test_unknown_field_named_like_a_person() -> None:
    doc = base()
    doc[f"{CANARY}@example.com"] = 1
    with pytest.raises(breachkit.ValidationError) as info:
        breachkit.loads(json.dumps(doc))
    assert_clean(info.value)


def test_toml_value_is_not_echoed() -> None:
    toml = f'schema_version = "0.1"\nid = "x"\n[[organisations]]\nid = "a"\nname = "A"\ncountry = "{CANARY}"\n'
    with pytest.raises(breachkit.ValidationError) as info:
        breachkit.loads(toml, format="toml")
    assert_clean(info.value)


def test_validation_problems_never_echo_values() -> None:
    doc = base()
    put(doc, "/organisations/0/contacts/0/value", f"{CANARY} at home")
    put(doc, "/groups/0/holders/0/entity", "jane-canary-7731")
    problems = breachkit.Incident.from_dict(doc).validate()
    assert len(problems) >= 2
    for p in problems:
        for s in (str(p), repr(p), repr(p.to_dict())):
            assert "CANARY" not in s.upper(), s


def test_reprs_show_ids_and_counts_only() -> None:
    doc = base()
    put(doc, "/organisations/0/name", CANARY)
    put(doc, "/organisations/0/contacts/0/value", f"{CANARY}@example.com")
    doc["title"] = CANARY
    doc["summary"] = CANARY
    doc["groups"][0]["notes"] = CANARY
    doc["groups"][0]["label"] = CANARY
    doc["timeline"][0]["note"] = CANARY
    doc["reports"] = [
        {
            "id": "r1",
            "by": ["acme"],
            "recipient": {"kind": "regulator", "name": CANARY},
            "kind": "preliminary",
            "title": CANARY,
            "at": "2024-01-06",
        }
    ]
    i = breachkit.Incident.from_dict(doc)
    a = breachkit.assess(i, as_of=AS_OF)
    shown: List[object] = [i, *i.organisations, *i.groups, *i.timeline, *i.reports, a, *a.obligations]
    shown += a.questions + i.validate() + [breachkit.Ruleset.builtin()]
    for obj in shown:
        assert CANARY not in repr(obj), repr(obj)
    assert repr(i) == "Incident(id=\"canary\", organisations=1, groups=1, timeline=1, reports=1)"


HOSTILE = [
    "",
    "{",
    "null",
    "[]",
    '"just a string"',
    '{"schema_version": "0.1", "id": "x", "groups": [{"id": "g", "kind": "customers", "count": {"kind": "exact", "value": 1e400}}]}',
    '{"schema_version": "0.1", "id": "x", "groups": [{"id": "g", "kind": "customers", "count": {"kind": "exact", "value": 18446744073709551616}}]}',
    '{"schema_version": "0.1", "id": "x", "groups": [{"id": "g", "kind": "customers", "count": {"kind": "exact", "value": -1}}]}',
    '{"a":' * 10_000 + "}" * 10_000,
    "[" + "1," * 100_000 + "1]",
    '{"schema_version": "0.1", "id": "x"',
    '{"schema_version": "9", "id": "x"}',
    '{"schema_version": "0.1", "id": "x", "breach": {"risk": "apocalyptic"}}',
]


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_text_raises_validation_error(text: str) -> None:
    with pytest.raises(breachkit.ValidationError) as info:
        breachkit.loads(text)
    assert info.value.errors()


def test_codes_of_document_errors() -> None:
    def code(text: str, fmt: str = "json") -> str:
        with pytest.raises(breachkit.ValidationError) as info:
            breachkit.loads(text, format=fmt)
        return info.value.errors()[0]["code"]

    assert code('{"schema_version": "0.1", "id": "x"') == "syntax"
    assert code("x = ", fmt="toml") == "syntax"
    assert code("[" * 200 + "]" * 200) == "too_deep"
    assert code('{"schema_version": "9", "id": "x"}') == "unsupported_schema_version"
    assert code('{"schema_version": "0.1", "id": "x", "breach": {"risk": "apocalyptic"}}') == "shape"
    big = '{"notes": "' + "x" * (16 * 1024 * 1024) + '"}'
    assert code(big) == "too_large"


def test_from_dict_hostile_values() -> None:
    deep: Any = []
    for _ in range(10_000):
        deep = [deep]
    with pytest.raises(breachkit.ValidationError) as info:
        breachkit.Incident.from_dict({"schema_version": "0.1", "id": "x", "notes": deep})
    assert info.value.errors()[0]["code"] == "too_deep"
    loop: Dict[str, Any] = {}
    loop["self"] = loop
    with pytest.raises(breachkit.ValidationError):
        breachkit.Incident.from_dict(loop)
    doc = base()
    put(doc, "/groups/0/count/value", 2**70)
    with pytest.raises(breachkit.ValidationError):
        breachkit.Incident.from_dict(doc)
    put(doc, "/groups/0/count/value", float("nan"))
    with pytest.raises(breachkit.ValidationError):
        breachkit.Incident.from_dict(doc)


class Secret:
    def __repr__(self) -> str:
        return CANARY


@pytest.mark.parametrize(
    "data",
    [
        {"schema_version": "0.1", "id": "x", "notes": Secret()},
        {"schema_version": "0.1", "id": "x", "notes": {1: CANARY}},
        {"schema_version": "0.1", "id": "x", "notes": {CANARY}},
        {"schema_version": "0.1", "id": "x", "notes": b"JANE-CANARY-7731"},
    ],
)
def test_from_dict_wrong_types_raise_type_error(data: Dict[str, Any]) -> None:
    with pytest.raises(TypeError) as info:
        breachkit.Incident.from_dict(data)
    assert "CANARY" not in str(info.value).upper()


@pytest.mark.parametrize("value", [None, 42, b"{}", ["{}"]])
def test_loads_wrong_types(value: Any) -> None:
    with pytest.raises(TypeError) as info:
        breachkit.loads(value)
    assert "CANARY" not in str(info.value).upper()


def test_lone_surrogates() -> None:
    with pytest.raises(breachkit.ValidationError) as info:
        breachkit.loads('{"schema_version": "0.1", "id": "x", "notes": "\udc80' + CANARY + '"}')
    assert_clean(info.value)
    assert info.value.errors()[0]["code"] == "encoding"


def test_unknown_format() -> None:
    with pytest.raises(ValueError):
        breachkit.loads("{}", format="yaml")


def test_load_missing_file(tmp_path: Any) -> None:
    with pytest.raises(FileNotFoundError):
        breachkit.load(tmp_path / "missing.json")


def test_naive_and_wrong_as_of() -> None:
    i = breachkit.Incident.from_dict(base())
    with pytest.raises(ValueError, match="timezone-aware"):
        breachkit.assess(i, as_of=datetime.datetime(2024, 2, 1))
    for bad in ("2024-02-01T00:00:00Z", datetime.date(2024, 2, 1), None, 1706745600):
        with pytest.raises(TypeError, match="as_of must be a datetime"):
            breachkit.assess(i, as_of=bad)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        breachkit.assess(base(), as_of=AS_OF)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="timezone-aware"):
        breachkit.Ruleset.builtin().assess(i, datetime.datetime(2024, 2, 1))


BAD_RULES = [
    ("x = ", None),
    ("[regime]\nid = 'x'\n", "/regime"),
]


@pytest.mark.parametrize("text,path", BAD_RULES)
def test_rules_errors(text: str, path: Any) -> None:
    for call in (
        lambda: breachkit.load_rules(text, file="counsel.toml"),
        lambda: breachkit.Ruleset.builtin().with_rules(text, file="counsel.toml"),
    ):
        with pytest.raises(breachkit.RulesError) as info:
            call()
        e = info.value
        assert isinstance(e, breachkit.BreachkitError)
        assert e.file == "counsel.toml"
        assert e.path == path
        assert "counsel.toml" in str(e)
    with pytest.raises(breachkit.RulesError) as info:
        breachkit.assess(breachkit.Incident.from_dict(base()), as_of=AS_OF, rules=[text])
    assert info.value.file == "rules[0]"


def test_rules_argument_types() -> None:
    i = breachkit.Incident.from_dict(base())
    with pytest.raises(TypeError):
        breachkit.assess(i, as_of=AS_OF, rules="[regime]")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        breachkit.assess(i, as_of=AS_OF, rules=[1])  # type: ignore[list-item]


def test_exceptions_pickle_and_copy() -> None:
    with pytest.raises(breachkit.ValidationError) as info:
        breachkit.loads("{")
    e = info.value
    for back in (pickle.loads(pickle.dumps(e)), copy.deepcopy(e)):
        assert type(back) is breachkit.ValidationError
        assert str(back) == str(e) and back.errors() == e.errors()
    # errors() hands out copies.
    e.errors()[0]["code"] = "changed"
    assert e.errors()[0]["code"] == "syntax"
    r = breachkit.RulesError("m", "f.toml", "/p")
    back = pickle.loads(pickle.dumps(r))
    assert (str(back), back.file, back.path) == ("m", "f.toml", "/p")


def test_hierarchy() -> None:
    assert issubclass(breachkit.ValidationError, breachkit.BreachkitError)
    assert issubclass(breachkit.ValidationError, ValueError)
    assert issubclass(breachkit.RulesError, breachkit.BreachkitError)
    assert issubclass(breachkit.ReportError, breachkit.BreachkitError)
    assert not issubclass(breachkit.RulesError, ValueError)

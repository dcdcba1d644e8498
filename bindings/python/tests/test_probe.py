"""The 2026-12 reliability probe's reproducers (tests/fixtures/probe/), through Python: each ends
quickly in a result or a typed breachkit error naming the field or file, never a crash."""

from __future__ import annotations

import datetime
import os
import pathlib
import subprocess
import sys
import time

import pytest

import breachkit

ROOT = pathlib.Path(__file__).resolve().parents[3]
PROBE = ROOT / "tests" / "fixtures" / "probe"
FUZZ = ROOT / "tests" / "fixtures" / "fuzz"
AS_OF = datetime.datetime(2023, 10, 26, tzinfo=datetime.timezone(datetime.timedelta(hours=9)))
KINDS = ["ppc-preliminary", "ppc-final", "gdpr-art33", "hhs", "individual-notice", "announcement"]


def incident_fixtures():
    return sorted(p for p in PROBE.iterdir() if p.suffix in (".json", ".toml") and not p.name.startswith("rules-"))


def exercise(inc: breachkit.Incident) -> None:
    inc.validate()
    try:
        a = breachkit.assess(inc, AS_OF)
    except breachkit.ValidationError as e:
        assert e.errors()[0]["path"].startswith("/")
        return
    for kind in KINDS:
        for lang in ("en", "ja"):
            try:
                breachkit.render(breachkit.draft(inc, kind, as_of=AS_OF, lang=lang), "html")
            except breachkit.ReportError:
                pass
    assert a is not None


@pytest.mark.parametrize("path", incident_fixtures(), ids=lambda p: p.name)
def test_incident_reproducers_end_in_a_result_or_a_typed_error(path: pathlib.Path) -> None:
    try:
        inc = breachkit.load(path)
    except breachkit.ValidationError as e:
        err = e.errors()[0]
        assert err["code"] in {"duplicate_key", "shape", "too_deep", "syntax"}, err
        assert err["path"].startswith("/")
        return
    exercise(inc)


def test_d1_announcement_overflow_is_refused() -> None:
    inc = breachkit.load(PROBE / "announcement-sequence-overflow.json")
    assert [p.code for p in inc.validate()] == ["sequence_too_large"]
    with pytest.raises(breachkit.ValidationError) as e:
        breachkit.draft(inc, "announcement", as_of=AS_OF)
    assert e.value.errors()[0]["path"] == "/reports/0/sequence"
    with pytest.raises(breachkit.ValidationError):
        breachkit.assess(inc, AS_OF)


def test_d7_duplicate_key_and_nan() -> None:
    with pytest.raises(breachkit.ValidationError) as e:
        breachkit.load(PROBE / "duplicate-key.json")
    assert e.value.errors()[0]["code"] == "duplicate_key"
    assert e.value.errors()[0]["path"] == "/id"
    with pytest.raises(breachkit.ValidationError) as e:
        breachkit.load(PROBE / "toml-nan-dropped.toml")
    assert "not a finite number" in e.value.errors()[0]["message"]


@pytest.mark.parametrize("name", ["rules-condition-path.toml", "rules-route-unchecked.toml"])
def test_d8_rule_files_give_a_typed_error_with_the_path(name: str) -> None:
    with pytest.raises(breachkit.RulesError) as e:
        breachkit.load_rules((PROBE / name).read_text(), file=name)
    assert "/when/" in str(e.value)


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_d6_endless_input_is_too_large_at_once() -> None:
    t = time.monotonic()
    with pytest.raises(breachkit.ValidationError) as e:
        breachkit.load("/dev/zero")
    assert e.value.errors()[0]["code"] == "too_large"
    assert time.monotonic() - t < 5


def test_d12_invalid_utf8_has_its_own_code(tmp_path: pathlib.Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(b'{"schema_version": "0.1", "id": "\xff"}')
    with pytest.raises(breachkit.ValidationError) as e:
        breachkit.load(bad)
    assert e.value.errors()[0]["code"] == "invalid_utf8"


def test_d9_template_errors_name_the_key(tmp_path: pathlib.Path) -> None:
    inc = breachkit.load(ROOT / "docs" / "examples" / "seiko-2023.json")
    with pytest.raises(breachkit.ReportError) as e:
        breachkit.draft(inc, "announcement", as_of=AS_OF, templates='[labelz]\ntitel = "x"\n')
    assert e.value.key == "labelz"


def test_generated_large_shapes_finish(tmp_path: pathlib.Path) -> None:
    """The probe's generator at the write-up's sizes; each run ends in a result or a typed error."""
    subprocess.run([sys.executable, str(PROBE / "gen_slow_inputs.py"), str(tmp_path)], check=True)
    for path in sorted(tmp_path.iterdir()):
        inc = breachkit.load(path)
        problems = inc.validate()
        assert len(problems) <= 1001, path.name
        if path.name.startswith(("many-holders", "duplicate-org-ids")):
            try:
                breachkit.draft(inc, "individual-notice", as_of=AS_OF, lang="ja")
            except breachkit.ValidationError as e:
                assert e.errors()[0]["code"] == "duplicate_id"


def fuzz_regressions():
    """Every input a fuzz target crashed on, kept by `cargo xtask fuzz` (none while none has)."""
    if not FUZZ.is_dir():
        return []
    return sorted(p for d in FUZZ.iterdir() if d.is_dir() for p in d.iterdir() if p.is_file())


@pytest.mark.parametrize("path", fuzz_regressions(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fuzz_regressions_end_in_a_result_or_a_typed_error(path: pathlib.Path) -> None:
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        with pytest.raises(breachkit.ValidationError):
            breachkit.load(path)
        return
    for fmt in ("json", "toml"):
        try:
            inc = breachkit.loads(text, fmt)
        except breachkit.ValidationError as e:
            assert e.errors()[0]["path"].startswith("/")
            continue
        exercise(inc)

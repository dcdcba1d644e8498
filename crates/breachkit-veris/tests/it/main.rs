//! Integration tests: upstream fixtures upgraded to 1.4.1, the VCDB sample, round trips, bad
//! input.
#![allow(clippy::panic, clippy::expect_used, clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use breachkit_model::{Problem, Severity};
use breachkit_veris::{
    export, import_checked, import_value, parse, schema_problems, upgrade, validate, validate_value,
};
use serde_json::{Value, json};

/// `tests/fixtures/veris` at the repository root. The data is committed; a missing directory
/// is a broken checkout and fails loudly.
fn fixtures() -> PathBuf {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/veris");
    assert!(
        p.join("upstream-tests").is_dir() && p.join("vcdb-sample").is_dir(),
        "VERIS fixtures missing at {}: restore tests/fixtures/veris (copied from ../shared/data, see its README.md)",
        p.display()
    );
    p
}

fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(json_files(&p));
        } else if p
            .extension()
            .is_some_and(|x| x.eq_ignore_ascii_case("json"))
        {
            out.push(p);
        }
    }
    out.sort();
    out
}

fn errors(p: &[Problem]) -> Vec<&Problem> {
    p.iter().filter(|p| p.severity == Severity::Error).collect()
}

const REASONS: &[&str] = &[
    "not_array",
    "empty",
    "missing",
    "duplicate",
    "invalid",
    "unrecognized",
    "high",
    "low",
    "long",
    "short",
    "alpha",
    "numbers",
    "present",
];

/// Fail fixtures that no longer test their stated reason under 1.4.1: after the upgrade they
/// are valid, because 1.4.1 dropped the rule they test.
const NO_LONGER_TESTED: &[(&str, &str)] = &[
    (
        "actor.external.country_missing",
        "1.4.1 no longer requires actor.external.country",
    ),
    (
        "asset.governance_duplicate",
        "asset.governance was removed from VERIS; the upgrade drops it",
    ),
    (
        "asset.governance_empty",
        "asset.governance was removed from VERIS; the upgrade drops it",
    ),
    (
        "timeline.incident.year_high",
        "the year is inside 1.4.1's 1950..=2050 range",
    ),
    (
        "actor.external.name_empty",
        "1.4.1 sets no minItems on actor.external.name; before the upgrade it failed only on the stale string region",
    ),
];

/// Fail fixtures whose file name names another path than the one their incident breaks (an
/// upstream labelling slip): they fail for the stated kind of reason at this path.
const MISLABELLED: &[(&str, &str, &str)] = &[
    (
        "action.error.vector_empty",
        "/action/misuse/vector",
        "schema.min_items",
    ),
    (
        "action.error.vector_missing",
        "/action/misuse",
        "schema.required",
    ),
    (
        "action.physical_unrecognized",
        "/action/social",
        "schema.additional_properties",
    ),
    (
        "attribute.availability_unrecognized",
        "/attribute",
        "schema.additional_properties",
    ),
    (
        "impact.loss.overall_rating_missing",
        "/impact",
        "schema.required",
    ),
    ("impact_unrecognized", "/", "schema.additional_properties"),
    ("ioc.0.variety_missing", "/ioc/0", "schema.required"),
];

/// Pass fixtures whose stated intent 1.4.1 contradicts: they must now fail, for this reason.
const PASS_NOW_FAILS: &[(&str, &str, &str, &str)] = &[
    (
        "asset.assets_missing",
        "/asset",
        "schema.required",
        "1.4.1 requires asset.assets",
    ),
    (
        "valid_victim.industry_two",
        "/victim/industry",
        "schema.pattern",
        "12 is not a NAICS sector; 1.4.1's industry pattern rejects it",
    ),
];

/// Fail fixtures about a property VERIS removed: they still fail, because the property is
/// now unknown to the schema (additionalProperties at the parent), not for the array rule in
/// their name.
const REMOVED_PROPERTY: &[&str] = &[
    "action.physical.location_duplicate",
    "action.physical.location_empty",
];

fn split_reason(stem: &str) -> Option<(&str, &str)> {
    REASONS.iter().find_map(|r| {
        stem.strip_suffix(r)
            .and_then(|s| s.strip_suffix('_').or_else(|| s.strip_suffix('.')))
            .map(|p| (p, *r))
    })
}

fn reason_matches(stem: &str, problems: &[&Problem]) -> bool {
    if stem == "related_incidents" {
        return problems
            .iter()
            .any(|p| p.path == "/" && p.code == "schema.additional_properties");
    }
    let Some((field, reason)) = split_reason(stem) else {
        panic!("fixture name without a known reason: {stem}");
    };
    let ptr = if field == "root" {
        String::new()
    } else {
        format!("/{}", field.replace('.', "/"))
    };
    let (parent, last) = match ptr.rsplit_once('/') {
        Some((p, l)) => (
            if p.is_empty() {
                "/".to_owned()
            } else {
                p.to_owned()
            },
            l.to_owned(),
        ),
        None => ("/".to_owned(), String::new()),
    };
    let at = |p: &Problem| p.path == ptr || (ptr.is_empty() && p.path == "/");
    let under = |p: &Problem| at(p) || p.path.starts_with(&format!("{ptr}/"));
    problems.iter().any(|p| match reason {
        "missing" => {
            p.path == parent
                && p.code == "schema.required"
                && p.message.contains(&format!("`{last}`"))
        }
        "empty" => {
            at(p)
                && [
                    "schema.min_items",
                    "schema.min_length",
                    "schema.min_properties",
                    "schema.required",
                ]
                .contains(&p.code.as_str())
        }
        "duplicate" => at(p) && p.code == "schema.unique_items",
        "invalid" => under(p) && (p.code == "schema.enum" || p.code.starts_with("rule.")),
        "unrecognized" => at(p) && p.code == "schema.additional_properties",
        "high" => at(p) && p.code == "schema.maximum",
        "low" => at(p) && p.code == "schema.minimum",
        "long" => {
            under(p)
                && ["schema.max_length", "schema.pattern", "rule.region_pair"]
                    .contains(&p.code.as_str())
        }
        "short" => {
            under(p)
                && ["schema.min_length", "schema.pattern", "rule.region_pair"]
                    .contains(&p.code.as_str())
        }
        "alpha" => at(p) && p.code == "schema.pattern",
        "numbers" => under(p) && (p.code == "schema.type" || p.code == "schema.enum"),
        "not_array" => at(p) && p.code == "schema.type",
        "present" => p.path == parent && p.code == "schema.additional_properties",
        _ => false,
    })
}

#[test]
fn upstream_fixtures_under_1_4_1() {
    let files = json_files(&fixtures().join("upstream-tests"));
    assert_eq!(files.len(), 222, "expected the 222 upstream fixtures");
    let (mut pass_ok, mut fail_ok, mut removed, mut untested, mut now_fail, mut mislabelled) =
        (0, 0, 0, 0, 0, 0);
    let mut wrong = Vec::new();
    for f in &files {
        let stem = f.file_stem().unwrap().to_str().unwrap().to_owned();
        let case: Value = serde_json::from_str(&std::fs::read_to_string(f).unwrap()).unwrap();
        let mut inc = case["incident"].clone();
        upgrade(&mut inc);
        let problems = validate_value(&inc);
        let errs = errors(&problems);
        let should = case["should"].as_str().unwrap();
        if let Some((_, path, code, _)) = PASS_NOW_FAILS.iter().find(|(n, ..)| *n == stem) {
            if errs.iter().any(|p| p.path == *path && p.code == *code) {
                now_fail += 1;
            } else {
                wrong.push(format!("{stem}: expected {code} at {path}, got {errs:?}"));
            }
        } else if NO_LONGER_TESTED.iter().any(|(n, _)| *n == stem) {
            if errs.is_empty() {
                untested += 1;
            } else {
                wrong.push(format!(
                    "{stem}: listed as no longer tested but fails: {errs:?}"
                ));
            }
        } else if should == "pass" {
            if errs.is_empty() {
                pass_ok += 1;
            } else {
                wrong.push(format!("{stem}: should pass, got {errs:?}"));
            }
        } else if let Some((_, path, code)) = MISLABELLED.iter().find(|(n, ..)| *n == stem) {
            if errs.iter().any(|p| p.path == *path && p.code == *code) {
                mislabelled += 1;
            } else {
                wrong.push(format!("{stem}: expected {code} at {path}, got {errs:?}"));
            }
        } else if REMOVED_PROPERTY.contains(&stem.as_str()) {
            if errs
                .iter()
                .any(|p| p.path == "/action/physical" && p.code == "schema.additional_properties")
            {
                removed += 1;
            } else {
                wrong.push(format!(
                    "{stem}: expected the removed property to be reported: {errs:?}"
                ));
            }
        } else if reason_matches(&stem, &errs) {
            fail_ok += 1;
        } else {
            wrong.push(format!("{stem}: should fail for its reason, got {errs:?}"));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} fixture(s) wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
    println!(
        "pass ok {pass_ok}, fail for reason {fail_ok}, mislabelled {mislabelled}, removed property {removed}, no longer tested {untested}, pass-now-fails {now_fail}"
    );
    assert_eq!((pass_ok, now_fail), (24, 2));
    assert_eq!((fail_ok, mislabelled, removed, untested), (182, 7, 2, 5));
}

fn vcdb() -> Vec<PathBuf> {
    let files = json_files(&fixtures().join("vcdb-sample"));
    assert_eq!(files.len(), 155, "expected the 155 VCDB sample records");
    files
}

#[test]
fn vcdb_sample_imports_or_is_rejected_precisely() {
    let mut ok = 0;
    let mut rejected = Vec::new();
    for f in vcdb() {
        let text = std::fs::read_to_string(&f).unwrap();
        match import_checked(&text) {
            Ok(_) => ok += 1,
            Err(e) => rejected.push(format!("{}: {} {}", f.display(), e.code(), e)),
        }
    }
    println!(
        "imported {ok}, rejected {}:\n{}",
        rejected.len(),
        rejected.join("\n")
    );
    assert_eq!(ok, 155, "rejections:\n{}", rejected.join("\n"));
}

#[test]
fn export_validates_and_round_trips_on_the_sample() {
    for f in vcdb() {
        let text = std::fs::read_to_string(&f).unwrap();
        let Ok(i1) = import_checked(&text) else {
            continue;
        };
        let e1 = export(&i1).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        let p = validate_value(&e1);
        assert!(
            errors(&p).is_empty(),
            "{}: export invalid: {:?}",
            f.display(),
            errors(&p)
        );
        assert!(p.is_empty(), "{}: export has warnings: {p:?}", f.display());
        let i2 = import_value(e1.clone()).unwrap();
        assert!(i2.is_valid(), "{}", f.display());
        let e2 = export(&i2).unwrap();
        assert_eq!(e1, e2, "{}: export → import → export changed", f.display());
    }
}

#[test]
fn bin_tests_known_valid_files() {
    // The three converter inputs SOURCE.md says validate against 1.4.1 as they are.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/veris/vcdb-sample/validated");
    assert!(dir.is_dir());
    let text =
        std::fs::read_to_string(dir.join("00163384-B4D7-46D5-9E6F-543DFB00F598.json")).unwrap();
    let p = validate(&text).unwrap();
    assert!(errors(&p).is_empty(), "{p:?}");
}

#[test]
fn bad_input_errors_never_panics() {
    for text in [
        "",
        "{",
        r#"{"incident_id": "x", "timeline": {"incident": {"year": 2019"#,
        "[1, 2",
        "1e400",
        "\"just a string\"",
        "null",
    ] {
        let _ = validate(text);
        let _ = breachkit_veris::import(text);
    }
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    assert_eq!(validate(&deep).unwrap_err().code(), "too_deep");
    assert_eq!(
        breachkit_veris::import(&deep).unwrap_err().code(),
        "too_deep"
    );
    assert_eq!(validate("{").unwrap_err().code(), "syntax");
    assert_eq!(
        breachkit_veris::import("[]").unwrap_err().code(),
        "not_veris"
    );
    // Wrong types everywhere: problems, no panic.
    let wrong = json!({"incident_id": 5, "timeline": {"incident": {"year": "2019", "month": [], "day": {}}},
        "victim": {"country": 7, "region": [1], "secondary": {"victim_id": "x", "amount": "a"}},
        "action": {"hacking": "x", "Unknown": 3}, "attribute": {"confidentiality": {"data": "x", "data_total": -5}},
        "discovery_method": 9, "asset": "x", "plus": {"timeline": {"notification": {"year": "x"}}}});
    assert!(!errors(&validate_value(&wrong)).is_empty());
    let _ = import_value(wrong);
    // Huge numbers.
    for n in [
        "18446744073709551616",
        "1e300",
        "-9223372036854775809",
        "99999999999999999999999",
    ] {
        let text = format!(
            r#"{{"incident_id": "x", "timeline": {{"incident": {{"year": {n}, "month": {n}, "day": {n}}}, "discovery": {{"unit": "Years", "value": {n}}}}},
            "attribute": {{"confidentiality": {{"data_disclosure": "Yes", "data_total": {n}}}}}}}"#
        );
        let _ = validate(&text);
        let _ = breachkit_veris::import(&text);
    }
    let big = json!({"incident_id": "x", "timeline": {"incident": {"year": 2019, "month": 1, "day": 1},
        "discovery": {"unit": "Years", "value": 1.0e5}, "containment": {"unit": "Seconds", "value": 1.0e300}}});
    let _ = import_value(big);
}

#[test]
fn messages_never_contain_values() {
    let canary = "Jane-Doe-canary";
    let doc = json!({"incident_id": canary, "summary": canary,
        "victim": {"victim_id": canary, "country": [canary], "industry": canary, "region": [canary], canary: 1},
        "action": {"error": {"variety": [canary], "vector": [canary, canary]}},
        "timeline": {"incident": {"year": canary, "time": canary}}, canary: {}});
    let p = validate_value(&doc);
    assert!(!p.is_empty());
    for x in &p {
        assert!(
            !x.message.contains("Jane") && !x.path.contains("Jane"),
            "{x:?}"
        );
    }
    let text = serde_json::to_string(
        &json!({"incident_id": " ", "plus": {"master_id": canary.repeat(10)}}),
    )
    .unwrap();
    let e = breachkit_veris::import(&text).unwrap_err();
    assert!(!e.to_string().contains("Jane"));
}

#[test]
fn export_needs_a_year() {
    let inc = breachkit_model::Incident::new("x".parse().unwrap());
    assert_eq!(export(&inc).unwrap_err().code(), "unexportable");
    let _ = parse("{}").unwrap();
    assert!(
        schema_problems(&json!({}))
            .iter()
            .any(|p| p.code == "schema.required")
    );
}

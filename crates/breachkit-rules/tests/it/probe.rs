//! The rule-file defects of the 2026-12 reliability probe (D8, D10), with its reproducers from
//! `tests/fixtures/probe/`.

use breachkit_rules::{BUILTIN_RULE_FILES, RulesError, Ruleset};

fn fixture(name: &str) -> String {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/probe")
        .join(name);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn load_err(text: &str) -> RulesError {
    let mut rs = Ruleset::with_builtin_classes().unwrap_or_else(|e| panic!("{e}"));
    rs.load_regime("bad.toml", text).expect_err("should fail")
}

fn path_of(text: &str) -> String {
    load_err(text).path().unwrap_or("(none)").to_owned()
}

#[test]
fn d8_condition_pointers_keep_every_segment() {
    // The reproducer has two mistakes: a country code in /regime/applies (found first) and a
    // cause code in a trigger.
    let file = fixture("rules-condition-path.toml");
    assert_eq!(path_of(&file), "/regime/applies/0/when/established_in/1");
    let base = file.replace("[\"JP\", \"XX\"]", "[\"JP\"]");
    assert_eq!(
        path_of(&base),
        "/obligation/0/triggers/0/when/all/1/cause_in/0"
    );
    let not_any = base.replace(
        "when = { all = [{ fact = \"risk_high\" }, { cause_in = [\"bogus\"] }] }",
        "when = { not = { any = [{ fact = \"risk_high\" }, { cause_in = [\"ransomware\", \"bogus\"] }] } }",
    );
    assert_eq!(
        path_of(&not_any),
        "/obligation/0/triggers/0/when/not/any/1/cause_in/1"
    );
    let country = base.replace(
        "when = { all = [{ fact = \"risk_high\" }, { cause_in = [\"bogus\"] }] }",
        "when = { any = [{ fact = \"risk_high\" }, { markets_in = [\"JP\", \"@eea\", \"XY\"] }] }",
    );
    assert_eq!(
        path_of(&country),
        "/obligation/0/triggers/0/when/any/1/markets_in/2"
    );
}

#[test]
fn d8_route_conditions_are_checked() {
    let base = fixture("rules-route-unchecked.toml");
    assert_eq!(
        path_of(&base),
        "/obligation/0/recipient/routes/0/when/data_class"
    );
    let country_only = base.replace("data_class = \"no.such.class\"", "fact = \"risk_high\"");
    assert_eq!(
        path_of(&country_only),
        "/obligation/0/recipient/routes/1/when/established_in/0"
    );
}

#[test]
fn d8_depth_large_integers_and_nan_are_told_apart_from_syntax() {
    let base = fixture("rules-condition-path.toml")
        .replace("\"bogus\"", "\"ransomware\"")
        .replace("[\"JP\", \"XX\"]", "[\"JP\"]");
    let deep_not = base.replace(
        "when = { all = [{ fact = \"risk_high\" }, { cause_in = [\"ransomware\"] }] }",
        &format!(
            "when = {}{{ fact = \"risk_high\" }}{}",
            "{ not = ".repeat(120),
            " }".repeat(120)
        ),
    );
    let e = load_err(&deep_not);
    assert!(e.to_string().contains("nests too deeply"), "{e}");
    // An apostrophe and brackets in a comment change nothing.
    let commented = format!("# it's [[[[ {}\n{base}", "[".repeat(100));
    let mut rs = Ruleset::with_builtin_classes().unwrap_or_else(|e| panic!("{e}"));
    rs.load_regime("ok.toml", &commented)
        .unwrap_or_else(|e| panic!("{e}"));
    let big = base.replace(
        "{ fact = \"risk_high\" }",
        "{ persons_at_least = 18446744073709551615 }",
    );
    let e = load_err(&big);
    assert!(e.to_string().contains("number out of range"), "{e}");
    let nan = base.replace("kind = \"none\"", "kind = \"hours\"\namount = nan");
    let e = load_err(&nan);
    assert_eq!(e.path(), Some("/obligation/0/clock/amount"), "{e}");
    assert!(e.to_string().contains("not a finite number"), "{e}");
}

fn gdpr() -> String {
    BUILTIN_RULE_FILES
        .iter()
        .find(|(n, _)| *n == "eu-gdpr.toml")
        .map(|(_, t)| (*t).to_owned())
        .unwrap_or_default()
}

fn seiko_like() -> breachkit_model::Incident {
    let doc = r#"{"schema_version": "0.1", "id": "x", "time_zone": "Europe/Berlin",
        "organisations": [{"id": "a", "name": "A", "country": "DE"}],
        "timeline": [{"kind": "aware", "at": "2019-01-13"}],
        "breach": {"nature": ["confidentiality"], "risk": "high"},
        "groups": [{"id": "g", "kind": "customers", "holders": [{"entity": "a", "role": "controller"}], "count": {"kind": "exact", "value": 10}, "categories": ["name"]}]}"#;
    breachkit_model::Incident::from_json(doc).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn d10_an_override_is_visible_in_the_assessment() {
    let mut rs = Ruleset::builtin().unwrap_or_else(|e| panic!("{e}")).clone();
    rs.load_regime("counsel/gdpr.toml", &gdpr())
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(rs.warnings().is_empty(), "{:?}", rs.warnings());
    let a = rs.assess(
        &seiko_like(),
        "2019-01-14T00:00:00Z"
            .parse()
            .unwrap_or_else(|_| unreachable!()),
    );
    assert_eq!(a.overrides.len(), 1, "{:?}", a.overrides);
    assert_eq!(a.overrides[0].file, "counsel/gdpr.toml");
    assert_eq!(a.overrides[0].replaces.as_deref(), Some("eu-gdpr.toml"));
    assert!(a.to_json().contains("\"replaces\": \"eu-gdpr.toml\""));
    assert!(
        a.to_text()
            .contains("from counsel/gdpr.toml (replaces eu-gdpr.toml)")
    );
    // With the built-in rules alone, no overrides (and the JSON is unchanged).
    let builtin = breachkit_rules::assess(
        &seiko_like(),
        "2019-01-14T00:00:00Z"
            .parse()
            .unwrap_or_else(|_| unreachable!()),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(builtin.overrides.is_empty());
    assert!(!builtin.to_json().contains("overrides"));
}

#[test]
fn d10_shadowed_and_proposed_overrides_are_never_silent() {
    let text = gdpr();
    let from = text
        .lines()
        .find(|l| l.starts_with("effective_from"))
        .unwrap_or_default()
        .to_owned();
    // One day earlier than the built-in version: shadowed from the built-in's date on.
    let mut rs = Ruleset::builtin().unwrap_or_else(|e| panic!("{e}")).clone();
    rs.load_regime(
        "earlier.toml",
        &text.replacen(&from, "effective_from = \"2018-05-24\"", 1),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(rs.warnings().len(), 1);
    let w = rs.warnings()[0].to_string();
    assert!(w.contains("/regime/effective_from"), "{w}");
    assert!(w.contains("eu-gdpr.toml takes over"), "{w}");
    // Same date, proposed: would remove the regime; an error naming the field.
    let mut rs = Ruleset::builtin().unwrap_or_else(|e| panic!("{e}")).clone();
    let proposed = text.replacen(&from, &format!("{from}\nstatus = \"proposed\""), 1);
    let e = rs
        .load_regime("proposed.toml", &proposed)
        .expect_err("a proposed version must not replace one in force");
    assert_eq!(e.path(), Some("/regime/status"), "{e}");
    // GDPR still applies.
    let a = rs.assess(
        &seiko_like(),
        "2019-01-14T00:00:00Z"
            .parse()
            .unwrap_or_else(|_| unreachable!()),
    );
    assert!(a.rules.iter().any(|r| r.starts_with("eu.gdpr@")));
}

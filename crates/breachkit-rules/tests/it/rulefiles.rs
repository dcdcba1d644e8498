//! Loading rule files: the built-in ones, a counsel's overlay, and precise errors for bad files.

use breachkit_rules::{BUILTIN_RULE_FILES, RulesError, Ruleset};

#[test]
fn builtin_rules_load_and_every_rule_cites_a_source() {
    let rs = Ruleset::builtin().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(rs.regimes().len(), BUILTIN_RULE_FILES.len());
    for r in rs.regimes() {
        assert!(!r.regime.sources.is_empty(), "{}", r.regime.id);
        for o in &r.obligation {
            assert!(!o.citations.is_empty(), "{}/{}", r.regime.id, o.id);
            for c in &o.citations {
                let src = r
                    .regime
                    .sources
                    .iter()
                    .find(|s| s.key == c.source)
                    .unwrap_or_else(|| panic!("{}", c.source));
                assert!(src.url.starts_with("https://"), "{}", src.url);
            }
        }
    }
}

fn overlay() -> String {
    let (_, text) = BUILTIN_RULE_FILES
        .iter()
        .find(|(n, _)| *n == "jp-appi-2024.toml")
        .copied()
        .unwrap_or_default();
    text.to_owned()
}

#[test]
fn a_counsels_reading_replaces_the_builtin_version() {
    let mut rs = Ruleset::builtin().unwrap_or_else(|e| panic!("{e}")).clone();
    // Counsel reads the final report as 25 days (a deliberately different reading).
    let text = overlay().replacen("amount = 30", "amount = 25", 1);
    rs.load_regime("counsel.toml", &text)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(rs.regimes().len(), BUILTIN_RULE_FILES.len());
    let doc = r#"{"schema_version": "0.1", "id": "x", "time_zone": "Asia/Tokyo",
        "organisations": [{"id": "a", "name": "A", "country": "JP"}],
        "timeline": [{"kind": "aware", "at": "2024-06-03"}],
        "breach": {"wrongful_purpose": "no", "encryption": {"state": "none"}},
        "groups": [{"id": "g", "kind": "patients", "holders": [{"entity": "a", "role": "controller"}], "count": {"kind": "exact", "value": 1}, "categories": ["health_medical"]}]}"#;
    let inc = breachkit_model::Incident::from_json(doc).unwrap_or_else(|e| panic!("{e}"));
    let a = rs.assess(
        &inc,
        "2024-06-04T00:00:00Z"
            .parse()
            .unwrap_or_else(|_| unreachable!()),
    );
    let due = a
        .get("a/jp.appi/ppc-final")
        .and_then(|o| o.deadline.due_local.clone());
    // 2024-06-03 + 24 = 2024-06-27 (Thu).
    assert_eq!(due.as_deref(), Some("2024-06-27T23:59:59+09:00"));
}

fn load_err(text: &str) -> RulesError {
    let mut rs = Ruleset::with_builtin_classes().unwrap_or_else(|e| panic!("{e}"));
    rs.load_regime("bad.toml", text).expect_err("should fail")
}

#[test]
fn bad_rule_files_give_precise_errors() {
    let cases: Vec<(String, &str)> = vec![
        (
            overlay().replacen("amount = 30", "amount = 0", 1),
            "/obligation/1/clock/amount",
        ),
        (
            overlay().replacen("when_trigger = \"r7-iii\"", "when_trigger = \"r7-ix\"", 1),
            "/obligation/1/clock/variants/0/when_trigger",
        ),
        (
            overlay().replacen(
                "data_class = \"jp.appi.special_care\"",
                "data_class = \"jp.nope\"",
                1,
            ),
            "/obligation/0/triggers/0/when/data_class",
        ),
        (
            overlay().replacen("source = \"appi\"", "source = \"nowhere\"", 1),
            "/obligation/0/citations/0/source",
        ),
        (
            overlay().replacen(
                "time_zone = \"Asia/Tokyo\"",
                "time_zone = \"Mars/Olympus\"",
                1,
            ),
            "/regime/time_zone",
        ),
        (
            overlay().replacen("stage = \"preliminary\"", "stage = \"sometime\"", 1),
            "/obligation/0/stage",
        ),
        (
            overlay().replacen("kind = \"calendar_days\"", "kind = \"fortnights\"", 1),
            "/obligation/1/clock/kind",
        ),
        (
            overlay().replacen(
                "satisfied_by = [\"final\", \"complete\"]",
                "satisfied_by = [\"telegram\"]",
                1,
            ),
            "/obligation/1/satisfied_by/0",
        ),
    ];
    for (text, path) in cases {
        let e = load_err(&text);
        assert_eq!(e.path(), Some(path), "{e}");
    }
    assert!(matches!(
        load_err("this is = = not toml"),
        RulesError::Syntax { .. }
    ));
}

#[test]
fn financial_businesses_report_to_the_fsa() {
    let inc = scenario_incident("appi-financial-routed-to-fsa");
    let a = breachkit_rules::assess(
        &inc,
        "2024-06-04T00:00:00Z"
            .parse()
            .unwrap_or_else(|_| unreachable!()),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let o = a
        .get("acme/jp.appi/ppc-final")
        .unwrap_or_else(|| panic!("missing"));
    assert_eq!(o.recipient.body.as_deref(), Some("jp.fsa"));
    assert!(o.recipient.routing[0].contains("Art. 150(1)"));
    // A non-financial business reports to the PPC.
    let mut plain = inc.clone();
    plain.organisations[0].sectors.clear();
    let a = breachkit_rules::assess(
        &plain,
        "2024-06-04T00:00:00Z"
            .parse()
            .unwrap_or_else(|_| unreachable!()),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        a.get("acme/jp.appi/ppc-final")
            .and_then(|o| o.recipient.body.as_deref()),
        Some("jp.ppc")
    );
}

#[test]
fn gdpr_34_3_c_routes_the_communication_to_the_public() {
    let inc = scenario_incident("gdpr-34-3-c-public-communication");
    let a = breachkit_rules::assess(
        &inc,
        "2024-03-04T09:00:00Z"
            .parse()
            .unwrap_or_else(|_| unreachable!()),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let o = a
        .get("gmbh/eu.gdpr/data-subject-communication")
        .unwrap_or_else(|| panic!("missing"));
    assert_eq!(o.recipient.kind, breachkit_model::RecipientKind::Public);
    let route = o
        .recipient
        .route
        .as_ref()
        .unwrap_or_else(|| panic!("no route"));
    assert_eq!(route.code, breachkit_rules::FactCode::RouteTaken);
    assert!(
        route
            .args
            .get("cite")
            .is_some_and(|c| c.contains("34(3)(c)"))
    );
}

#[test]
fn a_later_version_wins_over_an_open_ended_earlier_one() {
    let mut rs = Ruleset::builtin().unwrap_or_else(|e| panic!("{e}")).clone();
    // A counsel's reading in force from 2024-06-01, while the built-in 2024-04-01 version has no end.
    let text = overlay()
        .replacen(
            "version = \"2024-04-01\"",
            "version = \"counsel-2024-06\"",
            1,
        )
        .replacen(
            "effective_from = \"2024-04-01\"",
            "effective_from = \"2024-06-01\"",
            1,
        )
        .replacen("amount = 30", "amount = 25", 1);
    rs.load_regime("counsel.toml", &text)
        .unwrap_or_else(|e| panic!("{e}"));
    let doc = |aware: &str| {
        format!(
            r#"{{"schema_version": "0.1", "id": "x", "time_zone": "Asia/Tokyo",
        "organisations": [{{"id": "a", "name": "A", "country": "JP"}}],
        "timeline": [{{"kind": "aware", "at": "{aware}"}}],
        "breach": {{"wrongful_purpose": "no", "encryption": {{"state": "none"}}}},
        "groups": [{{"id": "g", "kind": "patients", "holders": [{{"entity": "a", "role": "controller"}}], "count": {{"kind": "exact", "value": 1}}, "categories": ["health_medical"]}}]}}"#
        )
    };
    let as_of = "2024-12-01T00:00:00Z"
        .parse()
        .unwrap_or_else(|_| unreachable!());
    let after =
        breachkit_model::Incident::from_json(&doc("2024-06-03")).unwrap_or_else(|e| panic!("{e}"));
    let a = rs.assess(&after, as_of);
    assert_eq!(a.rules, ["jp.appi@counsel-2024-06"]);
    assert_eq!(
        a.get("a/jp.appi/ppc-final")
            .and_then(|o| o.deadline.due_local.clone())
            .as_deref(),
        Some("2024-06-27T23:59:59+09:00")
    );
    let before =
        breachkit_model::Incident::from_json(&doc("2024-05-07")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(rs.assess(&before, as_of).rules, ["jp.appi@2024-04-01"]);
}

#[test]
fn huge_amounts_are_refused() {
    let e = load_err(&overlay().replacen("amount = 30", "amount = 4000000000", 1));
    assert_eq!(e.path(), Some("/obligation/1/clock/amount"));
}

/// The inline incident of a shared scenario file.
fn scenario_incident(name: &str) -> breachkit_model::Incident {
    let path = format!(
        "{}/../../tests/fixtures/scenarios/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let scenario: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
    breachkit_model::Incident::from_json(&scenario["incident"].to_string())
        .unwrap_or_else(|e| panic!("{e}"))
}

/// `docs/regimes/world.md` is generated from the built-in rules and must be current.
#[test]
fn world_table_is_current() {
    let rs = Ruleset::builtin().unwrap_or_else(|e| panic!("{e}"));
    let want = rs.regime_table_markdown();
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/regimes/world.md");
    if std::env::var_os("BREACHKIT_UPDATE_DOCS").is_some() {
        std::fs::write(&path, &want).unwrap_or_else(|e| panic!("{e}"));
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "docs/regimes/world.md is stale: run `BREACHKIT_UPDATE_DOCS=1 cargo test -p breachkit-rules world_table` and commit"
    );
    // Every regime version of the built-in rules is in the table.
    for r in rs.regimes() {
        assert!(
            have.contains(&format!("`{}`", r.regime.id)),
            "{}",
            r.regime.id
        );
    }
}

fn world_file(name: &str) -> String {
    BUILTIN_RULE_FILES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, t)| (*t).to_owned())
        .unwrap_or_else(|| panic!("{name}"))
}

/// The world-rule extensions are checked as strictly as the rest of the format.
#[test]
fn bad_world_rule_extensions_give_precise_errors() {
    let sg = world_file("world/sg-pdpa.toml");
    let dora = world_file("world/eu-dora.toml");
    let br = world_file("world/br-lgpd.toml");
    let tw = world_file("world/tw-pdpa-2025.toml");
    let cases: Vec<(String, &str)> = vec![
        // A report-started clock must name an earlier obligation.
        (
            sg.replacen("after = \"pdpc-notification\"", "after = \"nowhere\"", 1),
            "/obligation/3/clock/after",
        ),
        // until_determined must name an assessment obligation.
        (
            sg.replacen(
                "until_determined = \"assessment\"",
                "until_determined = \"processor-to-controller\"",
                1,
            ),
            "/obligation/2/clock/until_determined",
        ),
        // A determined start needs its determination.
        (
            sg.replacen("determination = \"sg.pdpa.notifiable\"\n", "", 1),
            "/obligation/2/clock/determination",
        ),
        // A backstop counts hours from awareness or detection.
        (
            dora.replacen(
                "[obligation.clock.backstop]\nstart = \"aware\"\nkind = \"hours\"",
                "[obligation.clock.backstop]\nstart = \"aware\"\nkind = \"calendar_days\"",
                1,
            ),
            "/obligation/0/clock/backstop",
        ),
        // A variant names exactly one selector.
        (
            br.replacen(
                "when_designation = \"br.small_agent\"",
                "when_designation = \"br.small_agent\"\nwhen_trigger = \"listed-data\"",
                1,
            ),
            "/obligation/0/clock/variants/0",
        ),
        // A version pending commencement has no effective_from.
        (
            tw.replacen(
                "status = \"pending_commencement\"",
                "status = \"pending_commencement\"\neffective_from = \"2026-01-01\"",
                1,
            ),
            "/regime/effective_from",
        ),
        // Unknown sector codes are caught.
        (
            world_file("world/eu-nis2.toml").replacen("\"space\"", "\"spaec\"", 1),
            "/regime/applies/0/when/all/1/any/0/all/0/sector_in/10",
        ),
    ];
    for (text, path) in cases {
        let e = load_err(&text);
        assert_eq!(e.path(), Some(path), "{e}");
    }
}

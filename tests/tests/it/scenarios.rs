use breachkit_conformance::scenarios;

#[test]
fn every_scenario_passes() {
    let all = scenarios().unwrap_or_else(|e| panic!("{e}"));
    assert!(all.len() >= 25, "the corpus shrank: {}", all.len());
    let mut failures = Vec::new();
    for s in &all {
        match s.check() {
            Ok(errs) if errs.is_empty() => {}
            Ok(errs) => failures.push(format!("{}:\n    {}", s.name, errs.join("\n    "))),
            Err(e) => failures.push(format!("{}: {e}", s.name)),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} scenarios failed:\n{}",
        failures.len(),
        all.len(),
        failures.join("\n")
    );
}

#[test]
fn scenario_names_match_files() {
    for s in scenarios().unwrap_or_else(|e| panic!("{e}")) {
        let path = breachkit_conformance::repo_root()
            .join(format!("tests/fixtures/scenarios/{}.json", s.name));
        assert!(path.exists(), "{}", s.name);
        assert!(!s.description.is_empty());
    }
}

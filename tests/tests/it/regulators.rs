//! The regulators' own published examples: breachkit's advisory verdict is what the case file
//! expects, agrees with the regulator in at least 95% of cases, and every disagreement is
//! explained in the case and listed in docs/regimes/.

use breachkit::model::Severity;
use breachkit_conformance::{regulator_cases, repo_root};

#[test]
fn every_case_gives_its_expected_verdict() {
    let cases = regulator_cases().unwrap_or_else(|e| panic!("{e}"));
    assert!(
        cases.len() >= 60,
        "the regulator corpus shrank: {}",
        cases.len()
    );
    let mut failures = Vec::new();
    for c in &cases {
        let inc = c.incident().unwrap_or_else(|e| panic!("{}: {e}", c.name));
        let errors: Vec<String> = inc
            .validate()
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .map(ToString::to_string)
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", c.name);
        let a = c.advisory().unwrap_or_else(|e| panic!("{}: {e}", c.name));
        if a.advisory.code() != c.expect {
            failures.push(format!(
                "{}: advisory {} (basis {}: {}) != expected {}; questions {:?}",
                c.name,
                a.advisory.code(),
                a.basis,
                a.reason,
                c.expect,
                a.questions
                    .iter()
                    .map(|q| q.id.as_str())
                    .collect::<Vec<_>>()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn agreement_with_the_regulators_is_at_least_95_percent() {
    let cases = regulator_cases().unwrap_or_else(|e| panic!("{e}"));
    let mut agree = 0usize;
    let mut listed = Vec::new();
    for c in &cases {
        let a = c.advisory().unwrap_or_else(|e| panic!("{}: {e}", c.name));
        let ok = c.regulator.accepts.iter().any(|v| v == a.advisory.code());
        if ok {
            agree += 1;
            assert!(
                c.disagreement.is_none(),
                "{}: agrees but says it disagrees",
                c.name
            );
        } else {
            let why = c.disagreement.as_deref().unwrap_or("");
            assert!(
                !why.trim().is_empty(),
                "{}: disagrees with the regulator without an explanation",
                c.name
            );
            listed.push(c.name.clone());
        }
    }
    let share = agree as f64 / cases.len() as f64;
    assert!(
        share >= 0.95,
        "agreement {agree}/{} = {share:.3}",
        cases.len()
    );
    // Every disagreement is listed and explained in docs/regimes/.
    let mut docs = String::new();
    for f in ["eu-gdpr.md", "us-hipaa.md", "jp-appi.md"] {
        docs.push_str(
            &std::fs::read_to_string(repo_root().join("docs/regimes").join(f)).unwrap_or_default(),
        );
    }
    for name in listed {
        assert!(
            docs.contains(&name),
            "{name} is not listed in docs/regimes/"
        );
    }
}

#[test]
fn every_case_cites_its_source() {
    for c in regulator_cases().unwrap_or_else(|e| panic!("{e}")) {
        assert!(c.source.url.starts_with("https://"), "{}", c.name);
        assert!(
            !c.source.reference.is_empty() && !c.source.document.is_empty(),
            "{}",
            c.name
        );
        assert!(
            !c.regulator.says.is_empty() && !c.regulator.accepts.is_empty(),
            "{}",
            c.name
        );
        assert!(
            ["high", "medium", "low"].contains(&c.regulator.confidence.as_str()),
            "{}",
            c.name
        );
        let path = repo_root().join(format!("tests/fixtures/regulators/{}.json", c.name));
        assert!(path.exists(), "{}", c.name);
    }
}

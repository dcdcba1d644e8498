use breachkit::model::{Incident, Severity};
use breachkit_conformance::repo_root;

fn examples() -> Vec<(String, Incident)> {
    let dir = repo_root().join("docs/examples");
    let mut out = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    paths.sort();
    for p in paths {
        let Some(ext) = p.extension().and_then(|e| e.to_str()) else {
            continue;
        };
        // Incident histories are another format (tests/it/history.rs).
        if p.to_string_lossy().ends_with("-history.json") {
            continue;
        }
        let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{e}"));
        let inc = match ext {
            "json" => Incident::from_json(&text),
            "toml" => Incident::from_toml(&text),
            _ => continue,
        };
        out.push((
            p.display().to_string(),
            inc.unwrap_or_else(|e| panic!("{}: {e}", p.display())),
        ));
    }
    out
}

#[test]
fn every_example_validates_without_errors() {
    let all = examples();
    assert!(all.len() >= 2);
    for (name, inc) in all {
        let errors: Vec<_> = inc
            .validate()
            .into_iter()
            .filter(|p| p.severity == Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{name}: {errors:?}");
    }
}

#[test]
fn toml_example_equals_json_example() {
    let dir = repo_root().join("docs/examples");
    let json = Incident::from_json(
        &std::fs::read_to_string(dir.join("seiko-2023.json")).unwrap_or_default(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let toml = Incident::from_toml(
        &std::fs::read_to_string(dir.join("seiko-2023.toml")).unwrap_or_default(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(json, toml);
}

/// Every fact of the seed report is in the Seiko example (the report is read from shared/ when
/// present, and a fixed list of its facts is checked either way).
#[test]
fn seiko_example_holds_every_fact_of_the_seed() {
    let inc = Incident::from_json(
        &std::fs::read_to_string(repo_root().join("docs/examples/seiko-2023.json"))
            .unwrap_or_default(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let json = inc.to_json();
    for fact in [
        "Seiko Group Corporation",
        "Seiko Watch Corporation",
        "Seiko Instruments Inc.",
        "2023-07-28",
        "ransomware",
        "Personal Information Protection Committee",
        "Tokyo Metropolitan Police",
        "\"value\": 60000",
        "2023-08-10",
        "2023-08-22",
        "2023-10-25",
        "https://www.seiko.co.jp/en/information/202308101100.html",
        "https://www.seiko.co.jp/en/information/202308221300.html",
        "privacy@seiko.co.jp",
        "yserv@seiko-watch.co.jp",
        "https://krs.bz/sii/m/sii_inquiry_en",
        "payment_card_number",
        "education",
        "job_title",
        "organisation_affiliation",
        "business_contact_details",
        "current_and_former_employees",
        "\"edr\"",
        "\"mfa\"",
        "\"isolation\"",
        "EDR",
        "Multi-factor authentication",
        "Review all IT operations",
        "Identify the scope",
        "Assess the cause",
        "Enhance system security",
        "Strengthen corporate governance",
        "Review the Business Continuity Plan",
        "Implement third-party assessments",
        "reaching out to each of the affected parties individually",
    ] {
        assert!(json.contains(fact), "missing fact: {fact}");
    }
    // Structure: parent and two subsidiaries; four groups; SWC customers held by SWC only.
    assert_eq!(
        inc.organisations
            .iter()
            .filter(|o| o.parent.as_ref().map(|p| p.as_str()) == Some("sgc"))
            .count(),
        2
    );
    assert_eq!(inc.groups.len(), 4);
    let customers = inc
        .groups
        .iter()
        .find(|g| g.id.as_str() == "swc-customers")
        .unwrap_or_else(|| panic!("no customers"));
    assert_eq!(customers.holders.len(), 1);
    assert_eq!(customers.holders[0].entity.as_str(), "swc");
    assert_eq!(
        inc.reports.iter().filter(|r| r.sequence.is_some()).count(),
        3
    );
    assert_eq!(
        inc.measures
            .iter()
            .filter(|m| m.status == breachkit::model::MeasureStatus::Planned)
            .count(),
        7
    );
}

//! A document with many different mistakes gets one precise problem per mistake.

use breachkit_model::{Incident, Severity};

const DOC: &str = r#"{
  "schema_version": "0.1",
  "id": "mistakes",
  "time_zone": "Europe/Berlin",
  "organisations": [
    {"id": "a", "name": "A GmbH", "country": "DE", "parent": "b",
     "contacts": [{"kind": "email", "value": "no-at-sign"}, {"kind": "web_form", "value": "not a url"}]},
    {"id": "b", "name": "  ", "country": "DE", "parent": "a"},
    {"id": "a", "name": "Duplicate", "country": "DE", "parent": "ghost"}
  ],
  "timeline": [
    {"kind": "occurred", "at": "2024-03-10"},
    {"kind": "aware", "at": "2024-03-01"},
    {"kind": "contained", "after": "2024-03-20", "before": "2024-03-15"}
  ],
  "groups": [
    {"id": "g1", "kind": "customers",
     "holders": [{"entity": "nobody", "role": "controller"}, {"entity": "a", "role": "processor"}],
     "count": {"kind": "exact", "value": 5},
     "categories": ["name", "payment_card_number"],
     "not_affected": ["payment_card_number"],
     "residence": [{"jurisdiction": "DE", "count": {"kind": "exact", "value": 9}}, {"jurisdiction": "DE"}]}
  ],
  "reports": [
    {"id": "r1", "recipient": {"kind": "regulator"}, "kind": "preliminary", "at": "2024-03-12",
     "groups": ["g9"], "language": "not a tag!"}
  ]
}"#;

#[test]
fn one_problem_per_mistake() {
    let inc = Incident::from_json(DOC).unwrap_or_else(|e| panic!("{e}"));
    let problems = inc.validate();
    let text: Vec<String> = problems.iter().map(ToString::to_string).collect();
    insta::assert_snapshot!(text.join("\n"));
    // 15 mistakes, 15 problems, each with its own path.
    assert_eq!(problems.len(), 15, "{text:#?}");
    let mut paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    paths.sort_unstable();
    paths.dedup();
    assert_eq!(paths.len(), problems.len());
    assert!(
        problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count()
            >= 12
    );
    // No value of the document appears in any message.
    for v in [
        "no-at-sign",
        "not a url",
        "ghost",
        "nobody",
        "g9",
        "not a tag",
        "Duplicate",
    ] {
        assert!(problems.iter().all(|p| !p.message.contains(v)), "{v}");
    }
}

#[test]
fn an_early_incomplete_incident_is_valid() {
    let inc = Incident::from_json(r#"{"schema_version": "0.1", "id": "early"}"#)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(inc.validate().is_empty());
}

#[test]
fn a_determination_names_known_entities() {
    let inc = Incident::from_json(
        r#"{"schema_version": "0.1", "id": "d", "time_zone": "Asia/Singapore",
            "organisations": [{"id": "a", "name": "A", "country": "SG", "size_class": "large",
                               "designations": ["eu.nis2.important"]}],
            "breach": {"determinations": [
                {"test": "sg.pdpa.notifiable", "result": "yes", "at": "2025-06-03T15:00:00+08:00", "entities": ["a"]},
                {"test": "sg.pdpa.significant_harm", "result": "no", "entities": ["ghost"]}]}}"#,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let problems = inc.validate();
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert_eq!(problems[0].code, "unknown_entity");
    assert_eq!(problems[0].path, "/breach/determinations/1/entities/0");
    // A bad test code is a shape error with its path, never the value.
    let bad = Incident::from_json(
        r#"{"schema_version": "0.1", "id": "d", "breach": {"determinations": [{"test": "no spaces!"}]}}"#,
    );
    let e = bad.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(e.contains("/breach/determinations/0/test"), "{e}");
    assert!(!e.contains("no spaces"), "{e}");
}

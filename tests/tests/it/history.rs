//! The Seiko example as a history of three revisions (the three public reports).

use breachkit::model::{ChangeKind, Incident, IncidentHistory, Severity, diff};
use breachkit_conformance::repo_root;
use chrono::{DateTime, Utc};

fn seiko_history() -> IncidentHistory {
    let text = std::fs::read_to_string(repo_root().join("docs/examples/seiko-2023-history.json"))
        .unwrap_or_default();
    IncidentHistory::from_json(&text).unwrap_or_else(|e| panic!("{e}"))
}

fn at(s: &str) -> DateTime<Utc> {
    s.parse().unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn history_validates_and_round_trips() {
    let h = seiko_history();
    let errors: Vec<_> = h
        .validate()
        .into_iter()
        .filter(|p| p.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(h.revisions.len(), 3);
    assert_eq!(
        IncidentHistory::from_json(&h.to_json()).ok(),
        Some(h.clone())
    );
    let toml = h.to_toml().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(IncidentHistory::from_toml(&toml).ok(), Some(h));
}

#[test]
fn third_revision_is_the_seiko_example() {
    let h = seiko_history();
    let example = Incident::from_json(
        &std::fs::read_to_string(repo_root().join("docs/examples/seiko-2023.json"))
            .unwrap_or_default(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(h.revisions[2].incident, example);
}

#[test]
fn known_as_of_each_report() {
    let h = seiko_history();
    // Before the first public report nothing was published.
    assert!(h.current_at(at("2023-08-01T03:00:00Z")).is_none());
    let n = |s: &str| h.current_at(at(s)).map(|r| r.number);
    assert_eq!(n("2023-08-10T12:00:00+09:00"), Some(1));
    assert_eq!(n("2023-08-22T12:59:59+09:00"), Some(1));
    assert_eq!(n("2023-08-22T13:00:00+09:00"), Some(2));
    assert_eq!(n("2023-10-25T12:00:00+09:00"), Some(3));
    // What the first revision knows: no affected group, no count, no ransomware yet.
    let r1 = &h.revisions[0].incident;
    assert!(r1.groups.is_empty());
    assert!(!r1.to_json().contains("ransomware"));
    assert!(!r1.to_json().contains("60000"));
}

#[test]
fn three_revisions_give_three_assessments() {
    let h = seiko_history();
    let mut seen = Vec::new();
    for (r, as_of) in h.revisions.iter().zip([
        "2023-08-10T12:00:00+09:00",
        "2023-08-22T14:00:00+09:00",
        "2023-10-25T12:00:00+09:00",
    ]) {
        let a = breachkit::rules::assess(&r.incident, at(as_of)).unwrap_or_else(|e| panic!("{e}"));
        let shape: Vec<String> = a
            .obligations
            .iter()
            .map(|o| format!("{}:{}:{:?}", o.obligor.as_str(), o.id, o.status))
            .collect();
        assert!(
            !seen.contains(&shape),
            "revision {} repeats an assessment",
            r.number
        );
        seen.push(shape);
    }
}

#[test]
fn diffs_between_the_reports_are_typed() {
    let h = seiko_history();
    let d12 = diff(&h.revisions[0].incident, &h.revisions[1].incident);
    let kinds =
        |d: &[breachkit::model::Change], k: ChangeKind| d.iter().filter(|c| c.kind == k).count();
    assert_eq!(kinds(&d12, ChangeKind::GroupAdded), 2, "{d12:?}");
    assert_eq!(kinds(&d12, ChangeKind::ReportAdded), 1);
    assert_eq!(kinds(&d12, ChangeKind::EventAdded), 1);
    assert!(kinds(&d12, ChangeKind::BreachChanged) >= 1);
    let d23 = diff(&h.revisions[1].incident, &h.revisions[2].incident);
    assert_eq!(kinds(&d23, ChangeKind::OrganisationAdded), 2);
    assert_eq!(
        kinds(&d23, ChangeKind::GroupAdded),
        2,
        "customers and applicants"
    );
    assert!(
        d23.iter()
            .any(|c| c.kind == ChangeKind::CountChanged && c.path.starts_with("/totals"))
    );
    assert!(d23.iter().any(
        |c| c.kind == ChangeKind::CategoryAdded && c.id.as_deref() == Some("business-contacts")
    ));
    assert!(kinds(&d23, ChangeKind::MeasureAdded) >= 5);
    // Every pointer resolves in the document it points into.
    let v2 = serde_json::to_value(&h.revisions[1].incident).unwrap_or_default();
    let v3 = serde_json::to_value(&h.revisions[2].incident).unwrap_or_default();
    for c in &d23 {
        let doc = if c.op == breachkit::model::Op::Remove {
            &v2
        } else {
            &v3
        };
        assert!(doc.pointer(&c.path).is_some(), "{c:?}");
    }
}

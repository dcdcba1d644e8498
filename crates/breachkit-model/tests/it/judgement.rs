//! The judgement facts: defaults are unknown, they round-trip, every field is addressable by a
//! JSON pointer, and mistakes get value-free problems with their paths.

use breachkit_model::{
    CompromiseStatus, DataEffect, DecisionOutcome, DecisionTopic, Identifiability, Incident,
    RecipientType, Severity, Tristate,
};

const MIN: &str = r#"{"schema_version": "0.1", "id": "j"}"#;

const FULL: &str = r#"{
  "schema_version": "0.1", "id": "j", "time_zone": "Europe/Berlin",
  "breach": {
    "compromise": {"status": "ruled_out", "basis": "SECRET-BASIS"},
    "data_effects": ["none"],
    "recipient": {"kind": "trusted_confidential", "recovered": "yes", "recovery": "deleted",
                  "recovery_confirmed": "yes", "recovered_at": "2024-03-02", "could_retain": "no",
                  "further_use": "no"},
    "hashing": {"applied": "yes", "algorithm": "slow_keyed", "salted": "yes", "secret_compromised": "no"},
    "pseudonymisation": {"applied": "yes", "key_separate_and_safe": "yes"},
    "redacted": "no",
    "availability": {"outage_hours": 3, "restored_from_backup": "yes", "restore_complete": "yes",
                     "impact": "none_noticeable"},
    "consequences": {"assessed": "yes", "observed": [], "likely": ["loss_of_control", "other:spam_calls"]},
    "decisions": [{"topic": "gdpr_risk", "outcome": "no_risk", "justification": "SECRET-WHY",
                   "by": "dpo@example.test", "at": "2024-03-02T09:00+01:00"}]
  },
  "organisations": [{"id": "a", "name": "A", "country": "DE"}],
  "groups": [{"id": "c", "kind": "customers", "holders": [{"entity": "a", "role": "controller"}], "vulnerable": "yes",
              "vulnerabilities": ["children"], "identifiability": "direct",
              "volume_per_person": "limited"}]
}"#;

#[test]
fn unknown_by_default() {
    let inc = Incident::from_json(MIN).unwrap_or_else(|e| panic!("{e}"));
    let b = &inc.breach;
    assert_eq!(b.compromise.status, CompromiseStatus::Unknown);
    assert!(b.data_effects.is_empty());
    assert_eq!(b.recipient.kind, RecipientType::Unknown);
    assert_eq!(b.hashing.strong(), Tristate::Unknown);
    assert!(b.decisions.is_empty());
    // Nothing new is written for an incident that records none of it.
    let v: serde_json::Value =
        serde_json::from_str(&inc.to_json()).unwrap_or_else(|e| panic!("{e}"));
    for key in [
        "compromise",
        "recipient",
        "hashing",
        "availability",
        "consequences",
        "decisions",
    ] {
        assert!(
            v.pointer(&format!("/breach/{key}")).is_none(),
            "{key} written by default"
        );
    }
}

#[test]
fn full_round_trip_and_pointers() {
    let inc = Incident::from_json(FULL).unwrap_or_else(|e| panic!("{e}"));
    assert!(inc.validate().is_empty(), "{:?}", inc.validate());
    let text = inc.to_json();
    let again = Incident::from_json(&text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(inc, again);
    assert_eq!(inc.breach.hashing.strong(), Tristate::Yes);
    assert_eq!(inc.groups[0].identifiability, Identifiability::Direct);
    let d = inc
        .breach
        .decision(DecisionTopic::GdprRisk)
        .map(|d| d.outcome);
    assert_eq!(d, Some(DecisionOutcome::NoRisk));
    let v: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
    for p in [
        "/breach/compromise/status",
        "/breach/data_effects/0",
        "/breach/recipient/kind",
        "/breach/recipient/could_retain",
        "/breach/hashing/algorithm",
        "/breach/pseudonymisation/key_separate_and_safe",
        "/breach/redacted",
        "/breach/availability/impact",
        "/breach/availability/outage_hours",
        "/breach/consequences/likely/1",
        "/breach/decisions/0/outcome",
        "/groups/0/identifiability",
        "/groups/0/volume_per_person",
        "/groups/0/vulnerabilities/0",
    ] {
        assert!(v.pointer(p).is_some(), "{p}");
    }
    // Debug never shows free text.
    let dbg = format!("{inc:?}");
    assert!(!dbg.contains("SECRET"), "{dbg}");
}

#[test]
fn mistakes_are_reported_with_paths_and_no_values() {
    let doc = r#"{
      "schema_version": "0.1", "id": "j",
      "breach": {
        "compromise": {"status": "ruled_out"},
        "data_effects": ["none", "acquired"],
        "recipient": {"recovered": "no", "recovery_confirmed": "yes"},
        "decisions": [{"topic": "hipaa_breach", "outcome": "high_risk", "justification": "SECRET-WHY", "by": "x"},
                      {"topic": "appi_leak", "outcome": "leak"}]
      },
      "organisations": [{"id": "a", "name": "A", "country": "DE"}],
      "groups": [{"id": "c", "kind": "customers", "holders": [{"entity": "a", "role": "controller"}], "vulnerable": "no", "vulnerabilities": ["patients"]}]
    }"#;
    let inc = Incident::from_json(doc).unwrap_or_else(|e| panic!("{e}"));
    let problems = inc.validate();
    let got: Vec<(&str, &str, Severity)> = problems
        .iter()
        .map(|p| (p.code.as_str(), p.path.as_str(), p.severity))
        .collect();
    for want in [
        (
            "effects_contradiction",
            "/breach/data_effects",
            Severity::Error,
        ),
        (
            "ruled_out_with_effects",
            "/breach/compromise/status",
            Severity::Warning,
        ),
        (
            "ruled_out_without_basis",
            "/breach/compromise/basis",
            Severity::Warning,
        ),
        (
            "recovery_contradiction",
            "/breach/recipient/recovery_confirmed",
            Severity::Error,
        ),
        (
            "decision_outcome_mismatch",
            "/breach/decisions/0/outcome",
            Severity::Error,
        ),
        (
            "decision_without_justification",
            "/breach/decisions/1/justification",
            Severity::Warning,
        ),
        (
            "decision_without_author",
            "/breach/decisions/1/by",
            Severity::Warning,
        ),
        (
            "vulnerability_contradiction",
            "/groups/0/vulnerable",
            Severity::Error,
        ),
    ] {
        assert!(got.contains(&want), "{want:?} not in {got:?}");
    }
    assert_eq!(problems.len(), 8, "{got:?}");
    for p in &problems {
        assert!(!p.message.contains("SECRET"));
    }
}

#[test]
fn bad_codes_are_rejected_without_echoing_them() {
    for (doc, path) in [
        (
            r#"{"schema_version": "0.1", "id": "j", "breach": {"compromise": {"status": "SECRET-X"}}}"#,
            "/breach/compromise/status",
        ),
        (
            r#"{"schema_version": "0.1", "id": "j", "breach": {"consequences": {"likely": ["SECRET-X"]}}}"#,
            "/breach/consequences/likely/0",
        ),
        (
            r#"{"schema_version": "0.1", "id": "j", "breach": {"data_effects": ["SECRET-X"]}}"#,
            "/breach/data_effects/0",
        ),
    ] {
        let e = Incident::from_json(doc)
            .err()
            .unwrap_or_else(|| panic!("accepted {doc}"));
        let msg = e.to_string();
        assert!(!msg.contains("SECRET"), "{msg}");
        assert_eq!(e.path(), Some(path), "{msg}");
    }
    // The catch-all accepts an open code.
    assert!(DataEffect::ALL.contains(&DataEffect::None));
}

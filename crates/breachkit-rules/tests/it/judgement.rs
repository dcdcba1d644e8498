//! The judgement from facts, end to end through the engine: the three "done when"
//! cases, the recorded decision overriding the advisory with the disagreement flagged, and
//! "undetermined" with questions when facts are missing.

use std::collections::BTreeSet;

use breachkit_model::Incident;
use breachkit_rules::judgement::{JudgementRules, RuleState};
use breachkit_rules::{Status, Verdict, assess, judge};
use chrono::{DateTime, Utc};

fn inc(v: serde_json::Value) -> Incident {
    Incident::from_json(&v.to_string()).unwrap_or_else(|e| panic!("{e}"))
}

fn eu(breach: serde_json::Value, extra_group: serde_json::Value) -> Incident {
    let mut g = serde_json::json!({"id": "c", "kind": "customers", "holders": [{"entity": "gmbh", "role": "controller"}],
        "count": {"kind": "exact", "value": 2000}, "categories": ["name", "email_address", "postal_address"],
        "residence": [{"jurisdiction": "DE", "count": {"kind": "exact", "value": 2000}}]});
    if let (Some(g), Some(x)) = (g.as_object_mut(), extra_group.as_object()) {
        g.extend(x.clone());
    }
    inc(serde_json::json!({
        "schema_version": "0.1", "id": "j", "time_zone": "Europe/Berlin",
        "organisations": [{"id": "gmbh", "name": "Beispiel GmbH", "country": "DE"}],
        "timeline": [{"kind": "aware", "at": "2024-03-01T10:00+01:00"}],
        "breach": breach, "groups": [g]
    }))
}

fn as_of() -> DateTime<Utc> {
    "2024-03-02T09:00:00Z"
        .parse()
        .unwrap_or_else(|_| unreachable!())
}

fn ransomware_encrypted() -> Incident {
    eu(
        serde_json::json!({"nature": ["availability"], "causes": ["ransomware"], "wrongful_purpose": "yes",
            "compromise": {"status": "confirmed"}, "data_effects": ["made_unavailable"], "exfiltration": "none_found",
            "encryption": {"state": "full", "high_standard": "yes", "key_compromised": "no"},
            "recipient": {"kind": "malicious"},
            "availability": {"outage_hours": 4, "restored_from_backup": "yes", "restore_complete": "yes", "impact": "none_noticeable"},
            "consequences": {"assessed": "yes"}}),
        serde_json::json!({"vulnerable": "no", "identifiability": "direct", "volume_per_person": "moderate"}),
    )
}

#[test]
fn encrypted_ransomware_restored_in_hours_needs_only_an_internal_record() {
    let a = assess(&ransomware_encrypted(), as_of()).unwrap_or_else(|e| panic!("{e}"));
    let sa = a
        .get("gmbh/eu.gdpr/sa-notification/eu.sa.de")
        .unwrap_or_else(|| panic!("no SA obligation"));
    assert_eq!(sa.status, Status::NotRequired);
    let ds = a
        .get("gmbh/eu.gdpr/data-subject-communication")
        .unwrap_or_else(|| panic!("no DS obligation"));
    assert_eq!(ds.status, Status::NotRequired);
    let rec = a
        .get("gmbh/eu.gdpr/internal-record")
        .unwrap_or_else(|| panic!("no record obligation"));
    assert_eq!(rec.status, Status::Required);
    assert!(rec.deadline.due.is_none());
    // The reason and the citation are in the trace.
    let trace: String = sa
        .trace
        .iter()
        .map(|t| t.detail.clone())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(trace.contains("unintelligible-and-available"), "{trace}");
    assert!(
        trace.contains("Case 01") || trace.contains("Cases 01"),
        "{trace}"
    );
    assert!(rec.citations.iter().any(|c| c.article.contains("33(5)")));
}

#[test]
fn a_phishing_attempt_that_took_nothing_is_no_breach_anywhere() {
    let mut v = serde_json::json!({
        "schema_version": "0.1", "id": "p", "time_zone": "Asia/Tokyo",
        "organisations": [{"id": "acme", "name": "Acme KK", "country": "JP", "markets": ["JP", "DE"]},
                          {"id": "gmbh", "name": "Acme GmbH", "country": "DE"}],
        "timeline": [{"kind": "aware", "at": "2024-06-03"}],
        "breach": {"causes": ["phishing"], "wrongful_purpose": "yes",
                   "compromise": {"status": "ruled_out", "basis": "the phishing site captured nothing of ours"},
                   "data_effects": ["none"]},
        "groups": [{"id": "c", "kind": "customers", "holders": [{"entity": "acme", "role": "controller"}, {"entity": "gmbh", "role": "controller"}],
                    "count": {"kind": "exact", "value": 5000}, "categories": ["name", "credentials"],
                    "residence": [{"jurisdiction": "JP", "count": {"kind": "exact", "value": 4000}}, {"jurisdiction": "DE", "count": {"kind": "exact", "value": 1000}}]}]
    });
    let i = inc(v.take());
    let a = assess(
        &i,
        "2024-06-04T00:00:00Z"
            .parse()
            .unwrap_or_else(|_| unreachable!()),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    for id in [
        "acme/jp.appi/ppc-final",
        "acme/jp.appi/ppc-preliminary",
        "acme/jp.appi/individual-notice",
    ] {
        let o = a.get(id).unwrap_or_else(|| panic!("{id} missing"));
        assert_eq!(o.status, Status::NotRequired, "{id}");
        assert!(
            o.trace.iter().any(|t| t.detail.contains("no_leak")),
            "{id}: {:?}",
            o.trace
        );
    }
    for id in [
        "gmbh/eu.gdpr/sa-notification/eu.sa.de",
        "gmbh/eu.gdpr/internal-record",
    ] {
        let o = a.get(id).unwrap_or_else(|| panic!("{id} missing"));
        assert_eq!(o.status, Status::NotRequired, "{id}");
        assert!(
            o.trace.iter().any(|t| t.detail.contains("no_breach")),
            "{id}: {:?}",
            o.trace
        );
    }
}

#[test]
fn a_misdirected_fax_destroyed_by_another_covered_entity_needs_no_notice() {
    let i = inc(serde_json::json!({
        "schema_version": "0.1", "id": "h", "time_zone": "America/New_York",
        "organisations": [{"id": "clinic", "name": "Clinic", "country": "US", "sectors": ["hipaa_covered_entity"]}],
        "timeline": [{"kind": "aware", "at": "2024-02-01"}],
        "breach": {"nature": ["confidentiality"], "causes": ["misdelivery"], "wrongful_purpose": "no",
                   "encryption": {"state": "none"}, "compromise": {"status": "confirmed"}, "data_effects": ["disclosed", "viewed"],
                   "recipient": {"kind": "trusted_confidential", "recovered": "yes", "recovery": "deleted", "recovery_confirmed": "yes"}},
        "groups": [{"id": "p", "kind": "patients", "holders": [{"entity": "clinic", "role": "controller"}],
                    "count": {"kind": "exact", "value": 1}, "categories": ["name", "health_medical"],
                    "residence": [{"jurisdiction": "US-NY", "count": {"kind": "exact", "value": 1}}]}]
    }));
    let a = assess(
        &i,
        "2024-02-02T17:00:00Z"
            .parse()
            .unwrap_or_else(|_| unreachable!()),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let o = a
        .get("clinic/us.hipaa/individual-notice")
        .unwrap_or_else(|| panic!("missing"));
    assert_eq!(o.status, Status::NotRequired);
    assert!(
        o.trace.iter().any(|t| t.detail.contains("low_probability")),
        "{:?}",
        o.trace
    );
    let j = judge(&i).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(j.hipaa.advisory, Verdict::LowProbability);
    assert_eq!(j.hipaa.factors.len(), 4, "the four factors are shown");
}

#[test]
fn a_recorded_decision_overrides_and_the_disagreement_is_flagged() {
    let mut i = ransomware_encrypted();
    let d: breachkit_model::Decision = serde_json::from_value(serde_json::json!({
        "topic": "gdpr_risk", "outcome": "risk", "justification": "precaution", "by": "dpo", "at": "2024-03-01"}))
    .unwrap_or_else(|e| panic!("{e}"));
    i.breach.decisions.push(d);
    let j = judge(&i).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(j.gdpr.advisory, Verdict::NoRisk);
    assert_eq!(j.gdpr.effective, Verdict::Risk);
    assert!(j.gdpr.disagreement);
    let a = assess(&i, as_of()).unwrap_or_else(|e| panic!("{e}"));
    let sa = a
        .get("gmbh/eu.gdpr/sa-notification/eu.sa.de")
        .unwrap_or_else(|| panic!("missing"));
    assert_eq!(sa.status, Status::Required, "the recorded decision counts");
    assert!(
        sa.trace.iter().any(|t| t.detail.contains("DISAGREES")),
        "{:?}",
        sa.trace
    );
    // The legacy field is read as a decision too.
    let mut legacy = ransomware_encrypted();
    legacy.breach.risk = breachkit_model::RiskLevel::High;
    let j = judge(&legacy).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(j.gdpr.effective, Verdict::HighRisk);
    assert_eq!(
        j.gdpr.decision.as_ref().map(|d| d.path.as_str()),
        Some("/breach/risk")
    );
}

#[test]
fn missing_facts_give_undetermined_with_questions() {
    let i = eu(
        serde_json::json!({"nature": ["confidentiality"], "causes": ["unauthorised_access"], "wrongful_purpose": "yes",
            "encryption": {"state": "none"}}),
        serde_json::json!({}),
    );
    let j = judge(&i).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(j.gdpr.advisory, Verdict::Undetermined);
    let ids: Vec<&str> = j.gdpr.questions.iter().map(|q| q.id.as_str()).collect();
    assert!(ids.contains(&"judgement.vulnerable"), "{ids:?}");
    assert!(j.gdpr.questions.iter().all(|q| q.path.starts_with('/')));
    let sev = j
        .gdpr
        .severity
        .as_ref()
        .unwrap_or_else(|| panic!("no ENISA range"));
    assert!(sev.score[0] < sev.score[1]);
    // Answering them decides it.
    let k = eu(
        serde_json::json!({"nature": ["confidentiality"], "causes": ["unauthorised_access"], "wrongful_purpose": "yes",
            "encryption": {"state": "none"}, "recipient": {"kind": "malicious"}, "data_effects": ["acquired"],
            "consequences": {"assessed": "yes", "likely": ["loss_of_control"]}}),
        serde_json::json!({"vulnerable": "no", "identifiability": "direct", "volume_per_person": "limited"}),
    );
    let j = judge(&k).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(j.gdpr.advisory, Verdict::Risk, "{}", j.gdpr.reason);
    assert_eq!(j.gdpr.basis, "enisa");
    assert!(
        j.gdpr
            .rules
            .iter()
            .all(|r| r.state == RuleState::NotMatched)
    );
}

#[test]
fn judgement_files_are_checked() {
    let good = breachkit_rules::judgement::BUILTIN_JUDGEMENT_FILE.1;
    assert!(JudgementRules::parse("judgement.toml", good).is_ok());
    let bad = good.replacen(
        "when = { no_breach = \"yes\" }",
        "when = { no_such_fact = \"yes\" }",
        1,
    );
    let e = JudgementRules::parse("x.toml", &bad)
        .err()
        .unwrap_or_else(|| panic!("accepted"));
    assert_eq!(e.path(), Some("/rule/0/when"));
    let bad = good.replacen("conclusion = \"no_breach\"", "conclusion = \"leak\"", 1);
    let e = JudgementRules::parse("x.toml", &bad)
        .err()
        .unwrap_or_else(|| panic!("accepted"));
    assert_eq!(e.path(), Some("/rule/0/conclusion"));
}

#[test]
fn same_incident_same_judgement_bytes() {
    let i = ransomware_encrypted();
    let a = serde_json::to_string(&judge(&i).unwrap_or_else(|e| panic!("{e}"))).unwrap_or_default();
    let b = serde_json::to_string(&judge(&i).unwrap_or_else(|e| panic!("{e}"))).unwrap_or_default();
    assert_eq!(a, b);
    assert!(!a.is_empty());
}

/// The judgement's questions are worded from the catalogue in the assessment's language: with
/// no facts recorded, the GDPR judgement asks about them, in Japanese as Japanese sentences.
#[test]
fn judgement_questions_are_asked_in_the_assessments_language() {
    let bare = eu(serde_json::json!({}), serde_json::json!({}));
    let rs = breachkit_rules::Ruleset::builtin().unwrap_or_else(|e| panic!("{e}"));
    let en = rs.assess_in(&bare, as_of(), breachkit_rules::Lang::En);
    let ja = rs.assess_in(&bare, as_of(), breachkit_rules::Lang::Ja);
    let judgement = |a: &breachkit_rules::Assessment| -> Vec<(String, String)> {
        a.questions
            .iter()
            .filter(|q| q.kind == breachkit_rules::QuestionKind::Judgement)
            .map(|q| (q.id.clone(), q.text.clone()))
            .collect()
    };
    let (en, ja) = (judgement(&en), judgement(&ja));
    assert!(!en.is_empty(), "no judgement question without facts");
    assert_eq!(
        en.iter().map(|q| &q.0).collect::<Vec<_>>(),
        ja.iter().map(|q| &q.0).collect::<Vec<_>>(),
        "the same questions in both languages"
    );
    for ((id, e), (_, j)) in en.iter().zip(&ja) {
        assert!(e.ends_with('?'), "{id}: English question {e:?}");
        assert!(
            j.ends_with('。') && !j.contains(|c: char| c.is_ascii_alphabetic()),
            "{id}: not a Japanese sentence: {j:?}"
        );
    }
}

/// Every guidance rule has a Japanese label, and the Seiko judgement in Japanese reads without an
/// English phrase: only rule ids, fact names and JSON pointers (identifiers) stay in ASCII.
#[test]
fn judgement_account_in_japanese() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../docs/examples/seiko-2023.json"
    ))
    .unwrap_or_default();
    let seiko = Incident::from_json(&text).unwrap_or_else(|e| panic!("{e}"));
    let j =
        breachkit_rules::judgement::judge_entity(&seiko, "sgc").unwrap_or_else(|e| panic!("{e}"));
    let adv = j.get(breachkit_model::DecisionTopic::AppiLeak);
    assert!(
        adv.rules.iter().all(|r| r.label_ja.is_some()),
        "a rule without label_ja"
    );
    let ja = adv.to_text_in(breachkit_rules::Lang::Ja);
    let en = adv.to_text_in(breachkit_rules::Lang::En);
    assert_eq!(en, adv.to_text());
    assert!(en.contains("advisory: leak, presumed"), "{en}");
    assert!(ja.contains("助言的結論：漏えい等あり（推定）"), "{ja}");
    // Identifiers allowed in ASCII: rule ids, fact names, pointers, the verdict basis.
    let mut ids: BTreeSet<String> = BTreeSet::new();
    for r in &adv.rules {
        ids.extend(r.id.split('-').map(str::to_owned));
        for f in &r.unknown {
            ids.extend(f.split('_').map(str::to_owned));
        }
    }
    for q in &adv.questions {
        ids.extend(q.path.split(['/', '_']).map(str::to_owned));
    }
    ids.extend(["breach", "decisions"].map(str::to_owned));
    let english: Vec<&str> = ja
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() > 1 && !ids.contains(*w))
        .collect();
    assert!(
        english.is_empty(),
        "English in the Japanese account: {english:?}\n{ja}"
    );
}

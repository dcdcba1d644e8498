//! The assessment as typed data: every code has a sentence in every language, the wire carries
//! only snake_case codes, the Japanese rendering is Japanese, and the exports agree.

use std::collections::BTreeSet;

use breachkit_rules::i18n::{Messages, check_builtin_messages, check_builtin_translations};
use breachkit_rules::{
    Assessment, FactCode, FilingState, Lang, Outcome, QuestionKind, RECORD_COLUMNS, Ruleset,
    Status, StepKind,
};

fn seiko() -> breachkit_model::Incident {
    breachkit_model::Incident::from_json(include_str!("../../../../docs/examples/seiko-2023.json"))
        .unwrap_or_else(|e| panic!("{e}"))
}

fn as_of() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::parse_from_rfc3339("2023-08-01T12:00:00+09:00")
        .unwrap_or_else(|e| panic!("{e}"))
        .with_timezone(&chrono::Utc)
}

fn assess(lang: Lang) -> Assessment {
    Ruleset::builtin()
        .unwrap_or_else(|e| panic!("{e}"))
        .assess_in(&seiko(), as_of(), lang)
}

fn placeholders(t: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = t;
    while let Some(i) = rest.find('{') {
        let tail = &rest[i + 1..];
        match tail.find('}') {
            Some(j) => {
                out.insert(tail[..j].to_owned());
                rest = &tail[j + 1..];
            }
            None => break,
        }
    }
    out
}

#[test]
fn every_code_has_a_sentence_in_every_language_with_the_same_placeholders() {
    let outcomes = [
        Outcome::Yes,
        Outcome::No,
        Outcome::Unknown,
        Outcome::NotEstablished,
        Outcome::Period {
            amount: 1,
            unit: "calendar_days".into(),
        },
        Outcome::Open,
        Outcome::Due {
            due_local: String::new(),
        },
        Outcome::NoFixedDeadline,
        Outcome::UnknownStart,
        Outcome::Filing {
            state: FilingState::Pending,
        },
    ];
    let mut keys: Vec<String> = Vec::new();
    keys.extend(StepKind::ALL.iter().map(|k| format!("step.{}", k.code())));
    keys.extend(outcomes.iter().map(|o| format!("outcome.{}", o.code())));
    keys.extend(FactCode::ALL.iter().map(|k| format!("fact.{}", k.code())));
    keys.extend(
        QuestionKind::ALL
            .iter()
            .map(|k| format!("question.{}", k.code())),
    );
    keys.extend(
        FilingState::ALL
            .iter()
            .map(|k| format!("filing_state.{}", k.code())),
    );
    keys.extend(
        [Status::Required, Status::NotRequired, Status::Undetermined]
            .iter()
            .map(|s| format!("status.{}", s.code())),
    );
    check_builtin_messages().unwrap_or_else(|e| panic!("{e}"));
    let en = Messages::builtin(Lang::En);
    let ja = Messages::builtin(Lang::Ja);
    let mut missing = Vec::new();
    for k in &keys {
        match (en.get(k), ja.get(k)) {
            (Some(e), Some(j)) => {
                // Japanese may drop a placeholder only where the English has the value inline
                // (`class_question` is the class file's English question); it may never add one.
                let (pe, pj) = (placeholders(e), placeholders(j));
                let extra: Vec<_> = pj.difference(&pe).collect();
                let allowed_extra: BTreeSet<&str> = ["category", "class_label"].into();
                assert!(
                    extra.iter().all(|x| allowed_extra.contains(x.as_str())),
                    "{k}: ja has placeholders {extra:?} the en template lacks"
                );
            }
            _ => missing.push(k.clone()),
        }
    }
    assert!(missing.is_empty(), "missing messages: {missing:?}");
    // And no stray keys: every en key exists in ja and vice versa.
    // `arg.*` keys localise codes and are optional (English shows the code itself).
    let ek: BTreeSet<&str> = en.keys().filter(|k| !k.starts_with("arg.")).collect();
    let jk: BTreeSet<&str> = ja.keys().filter(|k| !k.starts_with("arg.")).collect();
    assert_eq!(
        ek.symmetric_difference(&jk).collect::<Vec<_>>(),
        Vec::<&&str>::new()
    );
    assert_eq!(check_builtin_translations().unwrap_or(0), 1);
}

fn collect_wire_values(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::Object(m) => {
            for (k, v) in m {
                if k == "enum" {
                    if let serde_json::Value::Array(items) = v {
                        out.extend(items.iter().filter_map(|i| i.as_str().map(str::to_owned)));
                    }
                } else if k == "const" {
                    if let Some(s) = v.as_str() {
                        out.push(s.to_owned());
                    }
                }
                collect_wire_values(v, out);
            }
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| collect_wire_values(x, out)),
        _ => {}
    }
}

#[test]
fn the_assessment_schema_has_only_snake_case_codes() {
    let schema: serde_json::Value =
        serde_json::from_str(&breachkit_rules::assessment_schema_json()).unwrap_or_default();
    let mut values = Vec::new();
    collect_wire_values(&schema, &mut values);
    // Enum codes of the assessment and the model it embeds (recipient kinds, roles …).
    assert!(
        values.len() > 100,
        "too few enum values found: {}",
        values.len()
    );
    let bad: Vec<&String> = values
        .iter()
        .filter(|v| v.chars().any(|c| c.is_ascii_uppercase()))
        .collect();
    assert!(
        bad.is_empty(),
        "CamelCase or upper-case codes on the wire: {bad:?}"
    );
}

#[test]
fn the_wire_json_of_every_example_has_no_debug_names() {
    // A value rendered with `{:?}` would show as CamelCase (`Unknown`, `Pending`, `Processor`)
    // where the schema promises snake_case; scan the outcome and code fields of real output.
    for file in [
        "seiko-2023.json",
        "booking-2019-gdpr.json",
        "anthem-2015-hipaa.json",
    ] {
        let text = std::fs::read_to_string(format!("../../docs/examples/{file}"))
            .unwrap_or_else(|e| panic!("{e}"));
        let inc = breachkit_model::Incident::from_json(&text).unwrap_or_else(|e| panic!("{e}"));
        let a = Ruleset::builtin()
            .unwrap_or_else(|e| panic!("{e}"))
            .assess(&inc, as_of());
        let v: serde_json::Value = serde_json::from_str(&a.to_json()).unwrap_or_default();
        let mut codes = Vec::new();
        fn walk(v: &serde_json::Value, out: &mut Vec<String>) {
            match v {
                serde_json::Value::Object(m) => {
                    for (k, x) in m {
                        if k == "args" {
                            continue;
                        }
                        if matches!(k.as_str(), "kind" | "code" | "status" | "state" | "stage") {
                            if let Some(s) = x.as_str() {
                                out.push(s.to_owned());
                            }
                        }
                        walk(x, out);
                    }
                }
                serde_json::Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
                _ => {}
            }
        }
        walk(&v, &mut codes);
        assert!(codes.len() > 20, "{file}: too few codes");
        for c in codes {
            assert!(
                c.chars()
                    .all(|ch| ch.is_ascii_lowercase() || ch == '_' || ch.is_ascii_digit()),
                "{file}: code {c:?} is not snake_case"
            );
        }
    }
}

#[test]
fn the_committed_assessment_schema_is_current() {
    let have =
        std::fs::read_to_string("../../docs/schema/assessment.schema.json").unwrap_or_default();
    assert!(
        have == breachkit_rules::assessment_schema_json(),
        "docs/schema/assessment.schema.json is stale: run `cargo xtask schema`"
    );
}

#[test]
fn the_seiko_assessment_in_japanese_has_no_english_words_beyond_names_and_codes() {
    let a = assess(Lang::Ja);
    let text = a.to_text();
    let md = a.to_markdown();
    // Words that may appear: anything spelled in the incident document (names, ids, codes, keys)
    // and the identifiers of the rules (regime ids, rule and clause ids, pointers).
    let incident_text = include_str!("../../../../docs/examples/seiko-2023.json");
    let mut allowed: BTreeSet<String> = BTreeSet::new();
    let mut add_words = |s: &str| {
        for w in s.split(|c: char| !c.is_ascii_alphabetic()) {
            if !w.is_empty() {
                allowed.insert(w.to_ascii_lowercase());
            }
        }
    };
    add_words(incident_text);
    for o in &a.obligations {
        add_words(&o.regime);
        add_words(&o.rule);
        add_words(&o.recipient.kind.code());
        for t in &o.trace {
            add_words(t.clause.as_deref().unwrap_or(""));
        }
    }
    // Technical identifiers printed on purpose: JSON pointers into the document, zone names,
    // the field names of facts, and these words of the rule ids.
    for w in [
        "breach",
        "encryption",
        "exfiltration",
        "wrongful",
        "purpose",
        "nature",
        "causes",
        "risk",
        "time",
        "zone",
        "asia",
        "tokyo",
        "controller",
        "informed",
        "appi",
        "jp",
        "ppc",
        "groups",
        "categories",
        "count",
        "organisations",
        "timeline",
        "markets",
        "aware",
        "jp-admin",
        "admin",
        "high",
        "level",
        "entrustee",
        "entrustor",
        "business",
        "extraterritorial",
        "eu",
        "gdpr",
        "uk",
        "us",
        "hipaa",
        "low",
        "probability",
        "of",
        "compromise",
        "mitigated",
        "contact",
        "details",
        "available",
        "established",
        "in",
        "residents",
        "sector",
        "covered",
        "entity",
        "associate",
        "t",
        "z",
        "r",
        // Regime ids and designation codes of the world rules (codes, not English words).
        "au",
        "ndb",
        "app",
        "br",
        "lgpd",
        "ca",
        "qc",
        "law",
        "pipeda",
        "ch",
        "fadp",
        "cn",
        "pipl",
        "cac",
        "certin",
        "dpdp",
        "dora",
        "nis",
        "hk",
        "pdpo",
        "kr",
        "pipa",
        "nz",
        "ph",
        "dpa",
        "sg",
        "pdpa",
        "th",
        "tw",
        "za",
        "popia",
    ] {
        allowed.insert(w.to_owned());
    }
    for (name, out) in [("text", &text), ("md", &md)] {
        let english: BTreeSet<String> = out
            .split(|c: char| !c.is_ascii_alphabetic())
            .filter(|w| w.len() >= 2)
            // ISO country codes in scope lists (`AT, BE, BG …`) are codes, not English.
            .filter(|w| !(w.len() == 2 && w.chars().all(|c| c.is_ascii_uppercase())))
            .map(str::to_ascii_lowercase)
            .filter(|w| !allowed.contains(w))
            .collect();
        assert!(
            english.is_empty(),
            "{name}: English words in the Japanese assessment: {english:?}\n{out}"
        );
    }
    // And it is really Japanese: the statuses and the PPC's name.
    assert!(text.contains("必要"), "{text}");
    assert!(text.contains("個人情報保護委員会への確報"), "{text}");
}

#[test]
fn languages_change_words_not_decisions() {
    let en = assess(Lang::En);
    let ja = assess(Lang::Ja);
    assert_eq!(en.obligations.len(), ja.obligations.len());
    for (e, j) in en.obligations.iter().zip(&ja.obligations) {
        assert_eq!(e.id, j.id);
        assert_eq!(e.status, j.status);
        assert_eq!(e.deadline.due, j.deadline.due);
        assert_eq!(e.filing.state, j.filing.state);
        assert_eq!(
            e.trace
                .iter()
                .map(|t| (t.kind, &t.outcome))
                .collect::<Vec<_>>(),
            j.trace
                .iter()
                .map(|t| (t.kind, &t.outcome))
                .collect::<Vec<_>>()
        );
        assert_ne!(e.name, j.name, "{}: the name was not translated", e.id);
    }
}

#[test]
fn csv_has_one_row_per_obligation_with_the_record_columns() {
    let a = assess(Lang::En);
    let csv = a.to_csv();
    let mut r = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = r
        .headers()
        .unwrap_or_else(|e| panic!("{e}"))
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(header, RECORD_COLUMNS);
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap_or_default()).collect();
    assert_eq!(rows.len(), a.obligations.len());
    let records = a.records();
    for (row, rec) in rows.iter().zip(&records) {
        assert_eq!(row.get(0), Some(rec.id.as_str()));
        assert_eq!(row.get(8), Some(rec.status.as_str()));
        assert_eq!(row.get(12), Some(rec.due_utc.as_str()));
    }
}

#[test]
fn ics_has_one_event_per_deadline_and_stable_uids() {
    let a = assess(Lang::En);
    let ics = a.to_ics();
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
    let events = ics.matches("BEGIN:VEVENT").count();
    let want = a
        .obligations
        .iter()
        .filter(|o| o.status != Status::NotRequired)
        .filter(|o| o.deadline.due.is_some() || o.deadline.guidance.is_some())
        .count();
    assert!(want > 0);
    assert_eq!(events, want);
    // No content line longer than 75 octets.
    for l in ics.split("\r\n") {
        assert!(l.len() <= 75, "unfolded line: {l}");
    }
    // Same UIDs on a later assessment, so a calendar updates instead of duplicating.
    let later = Ruleset::builtin()
        .unwrap_or_else(|e| panic!("{e}"))
        .assess(&seiko(), as_of() + chrono::Duration::days(3));
    let uids = |s: &str| -> BTreeSet<String> {
        s.split("\r\n")
            .filter(|l| l.starts_with("UID:"))
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(uids(&ics), uids(&later.to_ics()));
}

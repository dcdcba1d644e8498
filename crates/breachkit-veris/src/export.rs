//! breachkit [`Incident`] → VERIS 1.4.1.

use breachkit_model::{
    Cause, Count, EncryptionState, EventKind, Exfiltration, Incident, Nature, PartialTime,
    Precision, RecipientKind, ReportKind,
};
use chrono::NaiveDate;
use serde_json::{Map, Value, json};

use crate::error::VerisError;
use crate::import::{ACTIONS, DATA, DISCOVERY_NOTE, NAICS, SPECIFIC, VICTIMS, base_cause, slug};
use crate::schema::{VERIS_VERSION, enumeration};

fn first_day(t: &PartialTime) -> Option<NaiveDate> {
    t.first_day()
}

fn days_between(from: &PartialTime, to: &PartialTime) -> Option<i64> {
    let (to, from) = (first_day(to)?, first_day(from)?);
    Some(to.signed_duration_since(from).num_days()).filter(|d| *d >= 0)
}

/// The enumeration value whose slug is `s`, if 1.4.1 still has it.
fn by_slug(path: &[&str], s: &str) -> Option<Value> {
    enumeration(path)
        .iter()
        .find(|v| v.as_str().is_some_and(|x| slug(x) == s))
        .cloned()
}

fn actions(causes: &[Cause]) -> Map<String, Value> {
    let mut out = Map::new();
    for a in ACTIONS {
        let mut present = false;
        let mut varieties: Vec<Value> = Vec::new();
        for c in causes {
            if base_cause(a).as_ref() == Some(c) {
                present = true;
            }
            if let Some((_, v, _)) = SPECIFIC.iter().find(|(x, _, k)| x == a && k == c) {
                present = true;
                varieties.push(Value::from(*v));
            }
            let code = c.code();
            if let Some(s) = code.strip_prefix(&format!("other:veris.{a}.")) {
                present = true;
                if let Some(v) = by_slug(&["action", a, "variety"], s) {
                    if !varieties.contains(&v) {
                        varieties.push(v);
                    }
                }
            }
        }
        if !present {
            continue;
        }
        if varieties.is_empty() {
            varieties.push(Value::from("Unknown"));
        }
        let body = match *a {
            "unknown" => json!({}),
            "environmental" => json!({"variety": varieties}),
            "social" => json!({"variety": varieties, "vector": ["Unknown"], "target": ["Unknown"]}),
            _ => json!({"variety": varieties, "vector": ["Unknown"]}),
        };
        out.insert((*a).to_owned(), body);
    }
    if out.is_empty() {
        out.insert("unknown".to_owned(), json!({}));
    }
    out
}

/// Exports an incident as a VERIS 1.4.1 document that validates against the schema.
///
/// # Errors
/// [`VerisError::Unexportable`] when the incident has no `occurred` event with a year: VERIS
/// requires `timeline.incident.year`.
///
/// ```
/// let inc = breachkit_veris::import(r#"{"incident_id": "x1", "timeline": {"incident": {"year": 2020}},
///   "action": {"error": {"variety": ["Loss"], "vector": ["Carelessness"]}}}"#)?;
/// let veris = breachkit_veris::export(&inc)?;
/// assert!(breachkit_veris::schema_problems(&veris).is_empty());
/// # Ok::<(), breachkit_veris::VerisError>(())
/// ```
pub fn export(inc: &Incident) -> Result<Value, VerisError> {
    let occurred = inc
        .timeline
        .iter()
        .find(|e| e.kind == EventKind::Occurred && (e.at.is_some() || e.after.is_some()));
    let occ_t = occurred
        .and_then(|e| e.at.or(e.after))
        .ok_or(VerisError::Unexportable {
            path: "/timeline".to_owned(),
            rule: "VERIS requires the year the incident occurred: add an `occurred` event with `at`",
        })?;
    let mut doc = Map::new();
    doc.insert("schema_version".into(), Value::from(VERIS_VERSION));
    doc.insert("schema_name".into(), Value::from("verisc"));
    doc.insert("incident_id".into(), Value::from(inc.id.as_str()));
    doc.insert("security_incident".into(), Value::from("Confirmed"));
    doc.insert(
        "summary".into(),
        Value::from(
            inc.summary
                .as_ref()
                .or(inc.title.as_ref())
                .map_or("(exported from breachkit without a summary)", |t| {
                    t.as_str()
                }),
        ),
    );
    if let Some(n) = inc.notes.as_ref().filter(|n| !n.is_blank()) {
        doc.insert("notes".into(), Value::from(n.as_str()));
    }

    // Timeline.
    let mut t_inc = Map::new();
    t_inc.insert("year".into(), Value::from(occ_t.year()));
    if let Some(d) = first_day(&occ_t) {
        if occ_t.precision() >= Precision::Month {
            t_inc.insert("month".into(), Value::from(chrono::Datelike::month(&d)));
        }
        if occ_t.precision() >= Precision::Day {
            t_inc.insert("day".into(), Value::from(chrono::Datelike::day(&d)));
        }
    }
    if occ_t.precision() >= Precision::Minute {
        let s = occ_t.to_string();
        if let (Some(h), Some(m)) = (s.get(11..13), s.get(14..16)) {
            let sec = s
                .get(17..19)
                .filter(|x| x.bytes().all(|b| b.is_ascii_digit()))
                .unwrap_or("00");
            if let (Ok(h), Ok(_)) = (h.parse::<u32>(), m.parse::<u32>()) {
                let (h12, ap) = match h {
                    0 => (12, "AM"),
                    1..=11 => (h, "AM"),
                    12 => (12, "PM"),
                    _ => (h.saturating_sub(12), "PM"),
                };
                t_inc.insert(
                    "time".into(),
                    Value::from(format!("{h12:02}:{m}:{sec} {ap}")),
                );
            }
        }
    }
    let mut timeline = Map::new();
    timeline.insert("incident".into(), Value::Object(t_inc));
    let detected = inc.timeline.iter().find(|e| e.kind == EventKind::Detected);
    let det_t = detected.and_then(|e| e.at.or(e.after));
    if let Some(days) = det_t.and_then(|d| days_between(&occ_t, &d)) {
        timeline.insert("discovery".into(), json!({"unit": "Days", "value": days}));
    }
    let contained = inc.timeline.iter().find(|e| e.kind == EventKind::Contained);
    if let (Some(d), Some(c)) = (det_t, contained.and_then(|e| e.at.or(e.after))) {
        if let Some(days) = days_between(&d, &c) {
            timeline.insert("containment".into(), json!({"unit": "Days", "value": days}));
        }
    }
    doc.insert("timeline".into(), Value::Object(timeline));

    // Discovery method, kept from an import on the detected event's note.
    let method = detected
        .and_then(|e| e.note.as_ref())
        .and_then(|n| n.as_str().strip_prefix(DISCOVERY_NOTE))
        .and_then(|j| serde_json::from_str::<Value>(j).ok())
        .filter(|m| {
            crate::schema_problems(&json!({"discovery_method": m}))
                .iter()
                .all(|p| !p.path.starts_with("/discovery_method"))
        })
        .unwrap_or_else(|| json!({"unknown": true}));
    doc.insert("discovery_method".into(), method);

    // Actions and actor.
    doc.insert("action".into(), Value::Object(actions(&inc.breach.causes)));
    let actor = if inc.breach.causes.contains(&Cause::InsiderMisuse) {
        json!({"internal": {"variety": ["Unknown"], "motive": ["Unknown"]}})
    } else {
        json!({"unknown": {"notes": "The actor is not recorded in breachkit."}})
    };
    doc.insert("actor".into(), actor);
    doc.insert(
        "asset".into(),
        json!({"assets": [{"variety": "Unknown"}], "cloud": ["Unknown"]}),
    );

    // Attributes.
    let mut attr = Map::new();
    if inc.breach.nature.contains(&Nature::Confidentiality) {
        let mut c = Map::new();
        let disclosure = match inc.breach.exfiltration {
            Exfiltration::Confirmed => "Yes",
            Exfiltration::Suspected => "Potentially",
            Exfiltration::NoneFound => "No",
            _ => "Unknown",
        };
        c.insert("data_disclosure".into(), Value::from(disclosure));
        let total = inc.totals.records.as_ref().and_then(|r| match *r {
            Count::Exact { value } | Count::Approximate { value } | Count::AtLeast { value } => {
                Some(value)
            }
            Count::Range { max, .. } => Some(max),
            _ => None,
        });
        if let Some(t) = total.filter(|t| i64::try_from(*t).is_ok()) {
            c.insert("data_total".into(), Value::from(t));
        }
        let mut data: Vec<Value> = Vec::new();
        let mut victims: Vec<Value> = Vec::new();
        for g in &inc.groups {
            let victim = VICTIMS
                .iter()
                .find(|(_, k)| *k == g.kind)
                .map(|(v, _)| Value::from(*v))
                .or_else(|| {
                    g.kind
                        .code()
                        .strip_prefix("other:veris.")
                        .and_then(|s| by_slug(&["attribute", "confidentiality", "data_victim"], s))
                });
            if let Some(v) = victim {
                if !victims.contains(&v) {
                    victims.push(v);
                }
            }
            for cat in &g.categories {
                let variety = DATA
                    .iter()
                    .find(|(_, c)| c == cat)
                    .map(|(v, _)| Value::from(*v))
                    .or_else(|| {
                        cat.code().strip_prefix("other:veris.").and_then(|s| {
                            by_slug(&["attribute", "confidentiality", "data", "variety"], s)
                        })
                    })
                    .unwrap_or_else(|| Value::from("Personal"));
                let item = json!({"variety": variety});
                if !data.contains(&item) {
                    data.push(item);
                }
            }
        }
        if !data.is_empty() {
            c.insert("data".into(), Value::Array(data));
        }
        if !victims.is_empty() {
            c.insert("data_victim".into(), Value::Array(victims));
        }
        let state = match inc.breach.encryption.state {
            EncryptionState::Full => Some(json!(["Stored encrypted"])),
            EncryptionState::None => Some(json!(["Stored unencrypted"])),
            EncryptionState::Partial => Some(json!(["Stored encrypted", "Stored unencrypted"])),
            _ => None,
        };
        if let Some(s) = state {
            c.insert("state".into(), s);
        }
        attr.insert("confidentiality".into(), Value::Object(c));
    }
    if inc.breach.nature.contains(&Nature::Integrity) {
        attr.insert("integrity".into(), json!({"variety": ["Unknown"]}));
    }
    let ransomware = inc.breach.causes.contains(&Cause::Ransomware);
    if inc.breach.nature.contains(&Nature::Availability) || ransomware {
        attr.insert("availability".into(), json!({"variety": ["Unknown"]}));
    }
    if !attr.is_empty() {
        doc.insert("attribute".into(), Value::Object(attr));
    }
    let mut vc = Map::new();
    if ransomware {
        vc.insert("development".into(), json!({"variety": ["Ransomware"]}));
        vc.insert("cash-out".into(), json!({"variety": ["Cryptocurrency"]}));
    }
    if !vc.is_empty() {
        doc.insert("value_chain".into(), Value::Object(vc));
    }

    // Victim: the first organisation.
    if let Some(o) = inc.organisations.first() {
        let mut v = Map::new();
        v.insert("victim_id".into(), Value::from(o.name.as_str()));
        let mut countries = vec![Value::from(o.country.as_str())];
        for e in &o.establishments {
            let c = Value::from(e.jurisdiction.country().as_str());
            if !countries.contains(&c) {
                countries.push(c);
            }
        }
        v.insert("country".into(), Value::Array(countries));
        if let Some(s) = &o.subdivision {
            v.insert("state".into(), Value::from(s.to_string()));
        }
        let naics = o
            .sectors
            .iter()
            .find_map(|s| s.code().strip_prefix("other:naics-").map(str::to_owned))
            .filter(|c| c.len() <= 6 && c.bytes().all(|b| b.is_ascii_digit()) && c.len() >= 2)
            .or_else(|| {
                o.sectors.iter().find_map(|s| {
                    NAICS
                        .iter()
                        .find(|(_, k)| k == s)
                        .map(|(p, _)| (*p).to_owned())
                })
            })
            .unwrap_or_else(|| "000".to_owned());
        let public = naics.starts_with("92");
        v.insert("industry".into(), Value::from(naics));
        v.insert(
            "government".into(),
            json!([if public { "Unknown" } else { "NA" }]),
        );
        v.insert("employee_count".into(), Value::from("Unknown"));
        if let Some(n) = o.notes.as_ref().filter(|n| !n.is_blank()) {
            v.insert("notes".into(), Value::from(n.as_str()));
        }
        doc.insert("victim".into(), Value::Object(v));
    }

    // plus: master_id and the notice to individuals.
    let mut plus = Map::new();
    plus.insert("master_id".into(), Value::from(inc.id.as_str()));
    if let Some(at) = inc
        .reports
        .iter()
        .filter(|r| r.recipient.kind == RecipientKind::Individuals && r.kind == ReportKind::Notice)
        .find_map(|r| r.at)
    {
        let mut n = Map::new();
        n.insert("year".into(), Value::from(at.year()));
        if let Some(d) = first_day(&at) {
            if at.precision() >= Precision::Month {
                n.insert("month".into(), Value::from(chrono::Datelike::month(&d)));
            }
            if at.precision() >= Precision::Day {
                n.insert("day".into(), Value::from(chrono::Datelike::day(&d)));
            }
        }
        plus.insert("timeline".into(), json!({"notification": n}));
    }
    doc.insert("plus".into(), Value::Object(plus));
    Ok(Value::Object(doc))
}

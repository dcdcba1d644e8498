//! Cross-field rules: what VERIS asks beyond its JSON Schema.
//!
//! Re-derived from the schema's descriptions, the enumerations and the upstream changelog (no
//! upstream code was used). Each rule has a stable code under `rule.`. Errors are rules the
//! VERIS documentation states as "must" or "will not validate"; warnings are the consistency
//! hints upstream describes as suggestions or inferences.

use breachkit_model::{Problem, Severity};
use serde_json::Value;

/// UN M.49 super-regions (three digits) and their sub-regions, as VERIS joins them
/// (`019021` = Americas + Northern America). `000` is "unknown" and `001` (only as `000001`)
/// "other". Source: UN Statistics Division, Standard country or area codes (M49).
const M49: &[(&str, &[&str])] = &[
    ("000", &["000", "001"]),
    ("002", &["000", "011", "014", "015", "017", "018", "202"]),
    ("019", &["000", "005", "013", "021", "029", "419"]),
    ("142", &["000", "030", "034", "035", "143", "145"]),
    ("150", &["000", "039", "151", "154", "155"]),
    ("009", &["000", "053", "054", "057", "061"]),
];

/// Whether a six-digit VERIS region code is a real super-region + sub-region pair.
pub fn is_valid_region(code: &str) -> bool {
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let (sup, sub) = code.split_at(3);
    M49.iter().any(|(s, subs)| *s == sup && subs.contains(&sub))
}

const E: Severity = Severity::Error;
const W: Severity = Severity::Warning;

struct Out(Vec<Problem>);

impl Out {
    fn push(&mut self, severity: Severity, code: &str, path: String, message: &str) {
        self.0.push(Problem {
            code: format!("rule.{code}"),
            path,
            severity,
            message: message.to_owned(),
        });
    }
}

fn strings(v: Option<&Value>) -> impl Iterator<Item = &str> {
    v.and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
}

fn has(v: Option<&Value>, what: &str) -> bool {
    strings(v).any(|s| s == what)
}

fn ptr<'a>(v: &'a Value, p: &str) -> Option<&'a Value> {
    v.pointer(p)
}

/// Checks the cross-field rules of VERIS 1.4.1 on a document (which need not be schema-valid:
/// a rule whose fields have the wrong shape is skipped, the schema reports those).
pub fn rule_problems(doc: &Value) -> Vec<Problem> {
    let mut out = Out(Vec::new());

    // Regions: victim.region and actor.<kind>.region hold valid M.49 pairs.
    let mut region_paths = vec!["/victim/region".to_owned()];
    for a in ["external", "internal", "partner"] {
        region_paths.push(format!("/actor/{a}/region"));
    }
    for base in region_paths {
        if let Some(list) = ptr(doc, &base).and_then(Value::as_array) {
            for (i, r) in list.iter().enumerate() {
                if let Some(code) = r.as_str() {
                    if !is_valid_region(code) {
                        out.push(E, "region_pair", format!("{base}/{i}"),
                            "not a UN M.49 super-region + sub-region pair (e.g. 019021, 150155, 142000; 000000 unknown)");
                    }
                }
            }
        }
    }

    // victim.secondary: victim ids need an amount above zero (changelog 1.3.6, #407).
    if let Some(sec) = ptr(doc, "/victim/secondary") {
        let ids = sec
            .get("victim_id")
            .and_then(Value::as_array)
            .is_some_and(|a| !a.is_empty());
        let amount = sec.get("amount").and_then(Value::as_i64).unwrap_or(0);
        if ids && amount <= 0 {
            out.push(E, "secondary_amount", "/victim/secondary/amount".to_owned(),
                "victim.secondary.victim_id is set, so victim.secondary.amount must be greater than 0");
        }
    }

    // actor.unknown "must" carry notes (schema description). A warning, not an error: the
    // upstream pass fixture `valid_actor.unknown` has none.
    if let Some(u) = ptr(doc, "/actor/unknown") {
        if u.is_object()
            && u.get("notes")
                .and_then(Value::as_str)
                .is_none_or(|s| s.trim().is_empty())
        {
            out.push(
                W,
                "unknown_actor_notes",
                "/actor/unknown".to_owned(),
                "an unknown actor must have notes",
            );
        }
    }

    // Government level: set (not NA) only for public administration (industry 92).
    if let (Some(ind), Some(gov)) = (
        ptr(doc, "/victim/industry").and_then(Value::as_str),
        ptr(doc, "/victim/government"),
    ) {
        let public = ind.starts_with("92");
        let levels: Vec<&str> = strings(Some(gov)).collect();
        if !public
            && levels
                .iter()
                .any(|l| ["Federal", "Regional", "Local"].contains(l))
        {
            out.push(
                W,
                "government_not_public",
                "/victim/government".to_owned(),
                "a government level is given but victim.industry is not public administration (92)",
            );
        }
    }

    // Timeline: day needs month, and the date must exist.
    if let Some(inc) = ptr(doc, "/timeline/incident") {
        let y = inc.get("year").and_then(Value::as_i64);
        let m = inc.get("month").and_then(Value::as_i64);
        let d = inc.get("day").and_then(Value::as_i64);
        if d.is_some() && m.is_none() {
            out.push(
                E,
                "day_without_month",
                "/timeline/incident/day".to_owned(),
                "timeline.incident.day needs timeline.incident.month",
            );
        }
        if let (Some(y), Some(m), Some(d)) = (y, m, d) {
            if (1..=12).contains(&m) && (1..=31).contains(&d) && d > days_in_month(y, m) {
                out.push(
                    E,
                    "no_such_date",
                    "/timeline/incident/day".to_owned(),
                    "the day does not exist in that month",
                );
            }
        }
    }
    for part in ["compromise", "exfiltration", "discovery", "containment"] {
        if let Some(t) = ptr(doc, &format!("/timeline/{part}")) {
            let unit = t.get("unit").and_then(Value::as_str);
            if let Some(v) = t.get("value").and_then(Value::as_f64) {
                if v < 0.0 {
                    out.push(
                        E,
                        "negative_duration",
                        format!("/timeline/{part}/value"),
                        "a duration cannot be negative",
                    );
                }
                if matches!(unit, Some("NA" | "Never" | "Unknown")) {
                    out.push(
                        W,
                        "value_without_unit",
                        format!("/timeline/{part}/value"),
                        "a value is given but the unit is NA, Never or Unknown",
                    );
                }
            }
        }
    }

    // Confidentiality: per-variety amounts should not exceed the total.
    if let Some(c) = ptr(doc, "/attribute/confidentiality") {
        if let Some(total) = c.get("data_total").and_then(Value::as_u64) {
            for (i, d) in c
                .get("data")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .enumerate()
            {
                if d.get("amount")
                    .and_then(Value::as_u64)
                    .is_some_and(|a| a > total)
                {
                    out.push(
                        W,
                        "amount_over_total",
                        format!("/attribute/confidentiality/data/{i}/amount"),
                        "a data variety's amount exceeds attribute.confidentiality.data_total",
                    );
                }
            }
        }
        if c.get("data_disclosure").and_then(Value::as_str) == Some("No")
            && c.get("data_total")
                .and_then(Value::as_u64)
                .is_some_and(|t| t > 0)
        {
            out.push(
                W,
                "total_without_disclosure",
                "/attribute/confidentiality/data_total".to_owned(),
                "data_total is given but data_disclosure is No",
            );
        }
    }

    // Action ↔ value chain / attribute consistency (changelog #400 "infer value chain values",
    // #429, #271; SOURCE.md).
    let malware = ptr(doc, "/action/malware/variety");
    if has(malware, "Ransomware") {
        if !has(ptr(doc, "/value_chain/development/variety"), "Ransomware") {
            out.push(
                W,
                "ransomware_development",
                "/value_chain/development/variety".to_owned(),
                "ransomware in action.malware.variety implies value_chain.development Ransomware",
            );
        }
        if !has(ptr(doc, "/value_chain/cash-out/variety"), "Cryptocurrency") {
            out.push(
                W,
                "ransomware_cash_out",
                "/value_chain/cash-out/variety".to_owned(),
                "ransomware in action.malware.variety implies value_chain.cash-out Cryptocurrency",
            );
        }
        if ptr(doc, "/attribute/availability").is_none() {
            out.push(
                W,
                "ransomware_availability",
                "/attribute/availability".to_owned(),
                "ransomware implies a loss of availability (attribute.availability)",
            );
        }
    }
    let social = ptr(doc, "/action/social");
    if has(social.and_then(|s| s.get("variety")), "Phishing")
        && has(social.and_then(|s| s.get("vector")), "Email")
    {
        if !has(
            ptr(doc, "/value_chain/targeting/variety"),
            "Email addresses",
        ) {
            out.push(
                W,
                "phishing_targeting",
                "/value_chain/targeting/variety".to_owned(),
                "email phishing implies value_chain.targeting Email addresses",
            );
        }
        if !has(ptr(doc, "/value_chain/distribution/variety"), "Email") {
            out.push(
                W,
                "phishing_distribution",
                "/value_chain/distribution/variety".to_owned(),
                "email phishing implies value_chain.distribution Email",
            );
        }
    }
    if has(ptr(doc, "/attribute/integrity/variety"), "Defacement")
        && !has(ptr(doc, "/attribute/availability/variety"), "Interruption")
    {
        out.push(W, "defacement_interruption", "/attribute/availability/variety".to_owned(),
            "a defacement usually interrupts the site: consider attribute.availability Interruption");
    }
    if has(malware, "DoS") || has(ptr(doc, "/action/hacking/variety"), "DoS") {
        let secondary = ["external", "internal", "partner"]
            .iter()
            .any(|a| has(ptr(doc, &format!("/actor/{a}/motive")), "Secondary"));
        if !secondary && ptr(doc, "/actor/unknown").is_none() {
            out.push(
                W,
                "dos_secondary_motive",
                "/actor".to_owned(),
                "a DoS action implies an actor motive of Secondary",
            );
        }
    }
    if has(ptr(doc, "/action/hacking/variety"), "Use of stolen creds")
        && ptr(doc, "/attribute/confidentiality").is_none()
        && ptr(doc, "/attribute/integrity").is_none()
    {
        out.push(
            W,
            "stolen_creds_attribute",
            "/attribute".to_owned(),
            "use of stolen credentials implies a compromised attribute",
        );
    }
    out.0
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions() {
        assert!(is_valid_region("019021"));
        assert!(!is_valid_region("019011"));
        assert!(is_valid_region("000000"));
        assert!(is_valid_region("142000"));
        assert!(!is_valid_region("14200"));
    }

    #[test]
    fn secondary_needs_amount() {
        let doc = serde_json::json!({"victim": {"secondary": {"victim_id": ["x"]}}});
        assert!(
            rule_problems(&doc)
                .iter()
                .any(|p| p.code == "rule.secondary_amount")
        );
    }
}

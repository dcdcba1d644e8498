//! Upgrading VERIS 1.3.x / 1.4.0 records to the 1.4.1 shape.
//!
//! Only fields that are present are touched: a record that lacks a required field still lacks
//! it afterwards, so validation still reports it. Each step is listed in `docs/veris.md`.

use serde_json::{Map, Value, json};

use crate::schema::VERIS_VERSION;

/// A 1.3-era string `discovery_method` ("Ext - law enforcement") as a 1.4 object.
fn discovery_object(s: &str) -> Value {
    let (side, rest) = match s.split_once(" - ") {
        Some((a, b)) => (a.trim(), b.trim()),
        None => (s.trim(), "Unknown"),
    };
    let key = match side {
        "Int" | "Internal" => "internal",
        "Ext" | "External" => "external",
        "Prt" | "Partner" => "partner",
        "Other" => return json!({"other": true}),
        _ => return json!({"unknown": true}),
    };
    // Old enumerations are lower case ("law enforcement"); 1.4.1 capitalises the first letter.
    let mut variety = String::new();
    for (i, ch) in rest.chars().enumerate() {
        if i == 0 {
            variety.extend(ch.to_uppercase());
        } else {
            variety.push(ch);
        }
    }
    let allowed = crate::schema::enumeration(&["discovery_method", key, "variety"]);
    if !allowed.iter().any(|v| v == variety.as_str()) {
        variety = "Unknown".to_owned();
    }
    json!({ key: {"variety": [variety]} })
}

/// "16:20" (24-hour, as 1.3 records wrote it) → "04:20:00 PM" (the 1.4.1 pattern).
fn twelve_hour(t: &str) -> Option<String> {
    let mut parts = t.split(':');
    let h: u32 = parts.next()?.parse().ok()?;
    let m: u32 = parts.next()?.parse().ok()?;
    let s: u32 = parts.next().map_or(Some(0), |s| s.parse().ok())?;
    if h > 23 || m > 59 || s > 59 || parts.next().is_some() {
        return None;
    }
    let (h12, ampm) = match h {
        0 => (12, "AM"),
        1..=11 => (h, "AM"),
        12 => (12, "PM"),
        _ => (h.saturating_sub(12), "PM"),
    };
    Some(format!("{h12:02}:{m:02}:{s:02} {ampm}"))
}

fn wrap_string(obj: &mut Map<String, Value>, key: &str) {
    if let Some(v) = obj.get_mut(key) {
        if v.is_string() {
            *v = Value::Array(vec![v.take()]);
        }
    }
}

/// Upgrades a VERIS incident (1.3.x or 1.4.0) in place to the 1.4.1 shape:
///
/// - `schema_version` (when present) becomes `1.4.1`;
/// - a string `discovery_method` becomes the 1.4 object (`"Int - unknown"` →
///   `{"internal": {"variety": ["Unknown"]}}`);
/// - a non-empty `asset` gets `cloud: ["Unknown"]` when it has none; a string `cloud`,
///   `hosting`, `country` is wrapped in an array; `asset.governance` (removed) is dropped;
/// - a non-empty `victim` gets `government: ["Unknown"]`; a string `victim.country` /
///   `victim.region` (and actor regions/countries) is wrapped in an array;
/// - `action.Unknown` becomes `action.unknown`;
/// - a 24-hour `timeline.incident.time` becomes the 12-hour form 1.4.1's pattern wants;
/// - `summary` is added when missing (1.4.1 requires it);
/// - the removed `plus.attribute.confidentiality` fields (`credit_monitoring`,
///   `credit_monitoring_years`, `partner_data`, `partner_number`) are dropped.
///
/// Anything not listed is left as it is, so an upgraded record may still be invalid.
pub fn upgrade(doc: &mut Value) {
    let Some(root) = doc.as_object_mut() else {
        return;
    };
    if root.contains_key("schema_version") {
        root.insert("schema_version".into(), Value::from(VERIS_VERSION));
    }
    if let Some(Value::String(s)) = root.get("discovery_method") {
        let o = discovery_object(s);
        root.insert("discovery_method".into(), o);
    }
    if let Some(Value::Object(asset)) = root.get_mut("asset") {
        if !asset.is_empty() {
            asset.remove("governance");
            for k in ["cloud", "hosting", "country"] {
                wrap_string(asset, k);
            }
            asset.entry("cloud").or_insert_with(|| json!(["Unknown"]));
        }
    }
    if let Some(Value::Object(victim)) = root.get_mut("victim") {
        if !victim.is_empty() {
            for k in ["country", "region", "government"] {
                wrap_string(victim, k);
            }
            victim
                .entry("government")
                .or_insert_with(|| json!(["Unknown"]));
        }
    }
    if let Some(Value::Object(actor)) = root.get_mut("actor") {
        for a in ["external", "internal", "partner"] {
            if let Some(Value::Object(x)) = actor.get_mut(a) {
                for k in ["country", "region"] {
                    wrap_string(x, k);
                }
            }
        }
    }
    if let Some(Value::Object(action)) = root.get_mut("action") {
        if let Some(u) = action.remove("Unknown") {
            action.entry("unknown").or_insert(u);
        }
    }
    if !root.contains_key("summary") {
        root.insert(
            "summary".into(),
            Value::from("(no summary in the source record; added on upgrade to VERIS 1.4.1)"),
        );
    }
    if let Some(t) = doc.pointer_mut("/timeline/incident/time") {
        if let Some(fixed) = t.as_str().and_then(twelve_hour) {
            *t = Value::from(fixed);
        }
    }
    if let Some(Value::Object(c)) = doc.pointer_mut("/plus/attribute/confidentiality") {
        for k in [
            "credit_monitoring",
            "credit_monitoring_years",
            "partner_data",
            "partner_number",
        ] {
            c.remove(k);
        }
    }
    let empty = doc
        .pointer("/plus/attribute/confidentiality")
        .and_then(Value::as_object)
        .is_some_and(Map::is_empty);
    if empty {
        if let Some(Value::Object(a)) = doc.pointer_mut("/plus/attribute") {
            a.remove("confidentiality");
        }
    }
    let empty = doc
        .pointer("/plus/attribute")
        .and_then(Value::as_object)
        .is_some_and(Map::is_empty);
    if empty {
        if let Some(Value::Object(p)) = doc.pointer_mut("/plus") {
            p.remove("attribute");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times() {
        assert_eq!(twelve_hour("16:20").as_deref(), Some("04:20:00 PM"));
        assert_eq!(twelve_hour("00:05").as_deref(), Some("12:05:00 AM"));
        assert_eq!(twelve_hour("05:45:00 PM"), None);
    }

    #[test]
    fn discovery() {
        assert_eq!(
            discovery_object("Int - unknown"),
            json!({"internal": {"variety": ["Unknown"]}})
        );
        assert_eq!(
            discovery_object("Ext - law enforcement"),
            json!({"external": {"variety": ["Law enforcement"]}})
        );
    }
}

//! Inputs for the benchmarks: generated incidents of growing size.

use breachkit::model::Incident;

/// An incident with `entities` Japanese group companies, each holding `groups` groups whose
/// people live in `jurisdictions` jurisdictions (prefectures), with health data (APPI item (i))
/// and one aware event per entity.
pub fn generated(entities: usize, groups: usize, jurisdictions: usize) -> Incident {
    let orgs: Vec<serde_json::Value> = (0..entities)
        .map(|i| serde_json::json!({"id": format!("e{i}"), "name": format!("Entity {i}"), "country": "JP", "parent": if i > 0 { Some("e0") } else { None }}))
        .collect();
    let mut gs = Vec::new();
    for i in 0..entities {
        for j in 0..groups {
            let residence: Vec<serde_json::Value> = (0..jurisdictions)
                .map(|k| serde_json::json!({"jurisdiction": format!("JP-{:02}", 1 + k % 47), "count": {"kind": "exact", "value": 10}}))
                .collect();
            gs.push(serde_json::json!({
                "id": format!("g{i}-{j}"), "kind": "customers",
                "holders": [{"entity": format!("e{i}"), "role": "controller"}],
                "count": {"kind": "exact", "value": 10 * jurisdictions},
                "categories": ["name", "email_address", if j % 2 == 0 { "health_medical" } else { "postal_address" }],
                "residence": residence,
            }));
        }
    }
    let timeline: Vec<serde_json::Value> = (0..entities)
        .map(|i| serde_json::json!({"kind": "aware", "at": "2024-06-03T10:00+09:00", "entities": [format!("e{i}")]}))
        .collect();
    let doc = serde_json::json!({
        "schema_version": "0.1", "id": "generated", "time_zone": "Asia/Tokyo",
        "organisations": orgs, "timeline": timeline, "groups": gs,
        "breach": {"nature": ["confidentiality"], "causes": ["misdelivery"], "wrongful_purpose": "no", "encryption": {"state": "none"}}
    });
    Incident::from_json(&doc.to_string())
        .unwrap_or_else(|_| Incident::new("generated".parse().unwrap_or_else(|_| unreachable!())))
}

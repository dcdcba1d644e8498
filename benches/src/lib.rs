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

/// The 50 states, DC, Puerto Rico, Guam and the US Virgin Islands (ISO 3166-2:US codes).
pub const US_JURISDICTIONS: [&str; 54] = [
    "AK", "AL", "AR", "AZ", "CA", "CO", "CT", "DC", "DE", "FL", "GA", "GU", "HI", "IA", "ID", "IL",
    "IN", "KS", "KY", "LA", "MA", "MD", "ME", "MI", "MN", "MO", "MS", "MT", "NC", "ND", "NE", "NH",
    "NJ", "NM", "NV", "NY", "OH", "OK", "OR", "PA", "PR", "RI", "SC", "SD", "TN", "TX", "UT", "VA",
    "VI", "VT", "WA", "WI", "WV", "WY",
];

/// A US retailer's breach with `groups` customer groups, each with residents of all 54 US
/// jurisdictions (names and Social Security numbers): every state law applies.
pub fn us_states(groups: usize) -> Incident {
    let mut gs = Vec::new();
    for j in 0..groups {
        let residence: Vec<serde_json::Value> = US_JURISDICTIONS
            .iter()
            .enumerate()
            .map(|(k, s)| serde_json::json!({"jurisdiction": format!("US-{s}"), "count": {"kind": "exact", "value": 100 + 37 * k}}))
            .collect();
        let total: usize = (0..US_JURISDICTIONS.len()).map(|k| 100 + 37 * k).sum();
        gs.push(serde_json::json!({
            "id": format!("g{j}"), "kind": "customers",
            "holders": [{"entity": "shop", "role": "controller"}],
            "count": {"kind": "exact", "value": total},
            "categories": ["name", "social_security_number", "email_address"],
            "residence": residence,
        }));
    }
    let doc = serde_json::json!({
        "schema_version": "0.1", "id": "us-54", "time_zone": "America/New_York",
        "organisations": [{"id": "shop", "name": "Shop Inc.", "country": "US", "sectors": ["retail"]}],
        "timeline": [{"kind": "aware", "at": "2026-03-02"}],
        "groups": gs,
        "breach": {"nature": ["confidentiality"], "causes": ["unauthorised_access"], "wrongful_purpose": "yes",
                   "exfiltration": "confirmed", "encryption": {"state": "none"}, "risk": "high"}
    });
    Incident::from_json(&doc.to_string())
        .unwrap_or_else(|_| Incident::new("us-54".parse().unwrap_or_else(|_| unreachable!())))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_us_incident_gives_every_jurisdiction_its_notices() {
        let inc = super::us_states(2);
        let a = breachkit::rules::assess(&inc, "2026-03-05T12:00:00Z".parse().unwrap_or_default())
            .unwrap_or_else(|e| panic!("{e}"));
        for s in super::US_JURISDICTIONS {
            let id = format!("shop/us.{}/individual-notice", s.to_lowercase());
            assert!(a.get(&id).is_some(), "{id}");
        }
        assert!(a.not_covered.is_empty());
    }
}

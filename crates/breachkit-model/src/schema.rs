//! The JSON Schema of the incident format, generated from the types.

/// The JSON Schema (draft 2020-12) of an incident document, pretty-printed with a final newline.
pub fn incident_schema_json() -> String {
    let schema = schemars::schema_for!(crate::Incident);
    let mut s = serde_json::to_string_pretty(&schema).unwrap_or_default();
    s.push('\n');
    s
}

/// The JSON Schema (draft 2020-12) of an incident history (revisions of one incident),
/// pretty-printed with a final newline.
pub fn history_schema_json() -> String {
    let schema = schemars::schema_for!(crate::IncidentHistory);
    let mut s = serde_json::to_string_pretty(&schema).unwrap_or_default();
    s.push('\n');
    s
}

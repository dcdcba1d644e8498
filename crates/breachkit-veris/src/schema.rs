//! The VERIS 1.4.1 JSON Schema (draft-04), shipped as data, and the problems it reports.

use std::sync::OnceLock;

use breachkit_model::{Problem, Severity};
use jsonschema::error::ValidationErrorKind;
use serde_json::Value;

/// The VERIS Community Schema 1.4.1 (`verisc-merged.json`, enumerations inlined), byte for byte
/// as published by vz-risk. CC BY-SA 4.0; see `NOTICE.md`.
pub const SCHEMA_JSON: &str = include_str!("../data/verisc-merged.json");

/// The VERIS version this crate validates against and exports.
pub const VERIS_VERSION: &str = "1.4.1";

struct Compiled {
    schema: Value,
    validator: Option<jsonschema::Validator>,
}

fn compiled() -> &'static Compiled {
    static C: OnceLock<Compiled> = OnceLock::new();
    C.get_or_init(|| {
        let schema: Value = serde_json::from_str(SCHEMA_JSON).unwrap_or(Value::Null);
        let validator = jsonschema::draft4::options()
            .should_validate_formats(false)
            .build(&schema)
            .ok();
        Compiled { schema, validator }
    })
}

/// The parsed schema.
pub fn schema() -> &'static Value {
    &compiled().schema
}

/// The enumeration at a schema location given as property names from the root
/// (for example `["action", "error", "variety"]`); array items are looked through.
pub(crate) fn enumeration(path: &[&str]) -> &'static [Value] {
    let mut node = schema();
    for key in path {
        if let Some(items) = node.get("items") {
            node = items;
        }
        match node.get("properties").and_then(|p| p.get(*key)) {
            Some(n) => node = n,
            None => return &[],
        }
    }
    if let Some(items) = node.get("items") {
        node = items;
    }
    node.get("enum")
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

fn message(kind: &ValidationErrorKind) -> (String, String) {
    // One mapping of schema errors to value-free messages, shared with the incident format.
    let (code, msg) = breachkit_model::schema_error_message(kind, "VERIS 1.4.1");
    (format!("schema.{code}"), msg)
}

/// Checks a VERIS document against the 1.4.1 JSON Schema only (no cross-field rules).
///
/// Codes are `schema.<keyword>` (`schema.required`, `schema.enum`, ...); paths are JSON
/// pointers into the document; messages never contain document values.
pub fn schema_problems(doc: &Value) -> Vec<Problem> {
    let Some(v) = compiled().validator.as_ref() else {
        return vec![Problem {
            code: "schema.unavailable".to_owned(),
            path: "/".to_owned(),
            severity: Severity::Error,
            message: "the embedded VERIS schema could not be compiled".to_owned(),
        }];
    };
    let mut out: Vec<Problem> = v
        .iter_errors(doc)
        .map(|e| {
            let (code, message) = message(e.kind());
            let p = e.instance_path().to_string();
            Problem {
                code,
                path: if p.is_empty() { "/".to_owned() } else { p },
                severity: Severity::Error,
                message,
            }
        })
        .collect();
    out.sort_by(|a, b| a.path.cmp(&b.path).then(a.code.cmp(&b.code)));
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_compiles_and_has_enums() {
        assert!(compiled().validator.is_some());
        assert!(
            enumeration(&["action", "error", "variety"])
                .iter()
                .any(|v| v == "Misdelivery")
        );
        assert!(
            enumeration(&["attribute", "confidentiality", "data", "variety"])
                .iter()
                .any(|v| v == "Medical")
        );
    }
}

//! VERIS 1.4.1 interop for breachkit.
//!
//! [VERIS](https://verisframework.org/) (the Vocabulary for Event Recording and Incident
//! Sharing, © Verizon / vz-risk, CC BY-SA 4.0) is the incident vocabulary behind the DBIR and
//! the VERIS Community Database. This crate:
//!
//! - validates a VERIS document against the 1.4.1 JSON Schema (draft-04, shipped in the crate)
//!   plus the cross-field rules VERIS states outside the schema ([`validate`]);
//! - upgrades 1.3.x / 1.4.0 records to the 1.4.1 shape ([`upgrade()`]);
//! - imports a VERIS record as a breachkit [`Incident`] ([`import`]) and exports an incident as
//!   VERIS 1.4.1 ([`export`]). The mapping and every lossy point are in `docs/veris.md`.
//!
//! Interop lives at the edge: the model crate knows nothing about VERIS.
//!
//! Problems use the model's [`Problem`] (stable `code`, JSON-pointer `path`, severity, message)
//! and, like the model, never contain a value from the document.
//!
//! ```
//! let doc = r#"{"schema_version": "1.4.1"}"#;
//! let problems = breachkit_veris::validate(doc)?;
//! assert!(problems.iter().any(|p| p.code == "schema.required" && p.path == "/"));
//! # Ok::<(), breachkit_veris::VerisError>(())
//! ```
#![doc = include_str!("../README.md")]
// Dates, clock amounts and VERIS numbers meet arithmetic here: every operation is checked,
// saturating or proven in range, and no index can panic (issue 16). Tests may index freely.
#![cfg_attr(
    not(test),
    deny(
        clippy::arithmetic_side_effects,
        clippy::indexing_slicing,
        clippy::unreachable
    )
)]
#![deny(missing_docs)]

mod error;
mod export;
mod import;
mod rules;
mod schema;
mod upgrade;

use breachkit_model::{Incident, Problem};
use serde_json::Value;

pub use error::VerisError;
pub use export::export;
pub use import::{import, import_value};
pub use rules::{is_valid_region, rule_problems};
pub use schema::{SCHEMA_JSON, VERIS_VERSION, schema, schema_problems};
pub use upgrade::upgrade;

/// Reads VERIS JSON text with the model's size and depth limits.
///
/// # Errors
/// [`VerisError::Read`] for syntax errors, documents over 16 MiB or nested deeper than 64.
pub fn parse(text: &str) -> Result<Value, VerisError> {
    Ok(breachkit_model::json_value(text)?)
}

/// Every problem of a VERIS document: schema violations (`schema.*`) and cross-field rules
/// (`rule.*`), sorted by path.
pub fn validate_value(doc: &Value) -> Vec<Problem> {
    let mut p = schema_problems(doc);
    p.extend(rule_problems(doc));
    p.sort_by(|a, b| a.path.cmp(&b.path).then(a.code.cmp(&b.code)));
    p
}

/// Parses and validates VERIS JSON text (as it is: no upgrade is applied).
///
/// # Errors
/// As [`parse`]; schema and rule problems are returned, not errors.
///
/// ```
/// let problems = breachkit_veris::validate("{}")?;
/// assert!(!problems.is_empty());
/// # Ok::<(), breachkit_veris::VerisError>(())
/// ```
pub fn validate(text: &str) -> Result<Vec<Problem>, VerisError> {
    Ok(validate_value(&parse(text)?))
}

/// Imports, then checks that the result is a valid breachkit incident. A convenience for
/// [`import`] followed by [`Incident::validate`].
///
/// # Errors
/// As [`import`], and [`VerisError::InvalidIncident`] when the incident has validation errors.
pub fn import_checked(text: &str) -> Result<Incident, VerisError> {
    let inc = import(text)?;
    let errors: Vec<Problem> = inc
        .validate()
        .into_iter()
        .filter(|p| p.severity == breachkit_model::Severity::Error)
        .collect();
    match errors.first() {
        None => Ok(inc),
        Some(f) => Err(VerisError::InvalidIncident {
            first: format!("{} {}: {}", f.code, f.path, f.message),
            count: errors.len(),
        }),
    }
}

//! The one error type of this crate.
//!
//! Like the model's errors, every message names the JSON path and the rule, never a value: a
//! VERIS record carries victim names, summaries and notes.

use breachkit_model::ModelError;

/// Everything that can go wrong reading, importing or exporting VERIS.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum VerisError {
    /// The text is not a readable JSON document (syntax, size, depth).
    #[error("{0}")]
    Read(#[from] ModelError),
    /// The document is JSON but not a VERIS incident (for example not an object).
    #[error("{path}: {rule}")]
    NotVeris {
        /// JSON pointer.
        path: String,
        /// The rule that was broken.
        rule: &'static str,
    },
    /// The record is VERIS, but a fact breachkit needs cannot be read from it.
    #[error("{path}: cannot import: {rule}")]
    Unimportable {
        /// JSON pointer of the VERIS field.
        path: String,
        /// Why it cannot be imported.
        rule: &'static str,
    },
    /// The imported incident breaks a breachkit rule (`Incident::validate` found errors).
    #[error("the imported incident is invalid: {first}")]
    InvalidIncident {
        /// The first error, as `code path: message`.
        first: String,
        /// How many errors there were.
        count: usize,
    },
    /// The breachkit incident lacks a fact VERIS requires.
    #[error("{path}: cannot export: {rule}")]
    Unexportable {
        /// JSON pointer in the breachkit incident.
        path: String,
        /// What is missing.
        rule: &'static str,
    },
}

impl VerisError {
    /// The JSON pointer the error is about, when there is one.
    pub fn path(&self) -> Option<&str> {
        match self {
            VerisError::Read(e) => e.path(),
            VerisError::NotVeris { path, .. }
            | VerisError::Unimportable { path, .. }
            | VerisError::Unexportable { path, .. } => Some(path),
            VerisError::InvalidIncident { .. } => None,
        }
    }

    /// A stable code for the error (`syntax`, `not_veris`, `unimportable`, ...).
    pub fn code(&self) -> &'static str {
        match self {
            VerisError::Read(ModelError::Syntax { .. }) => "syntax",
            VerisError::Read(ModelError::TooLarge { .. }) => "too_large",
            VerisError::Read(ModelError::TooDeep { .. }) => "too_deep",
            VerisError::Read(_) => "read",
            VerisError::NotVeris { .. } => "not_veris",
            VerisError::Unimportable { .. } => "unimportable",
            VerisError::InvalidIncident { .. } => "invalid_incident",
            VerisError::Unexportable { .. } => "unexportable",
        }
    }
}

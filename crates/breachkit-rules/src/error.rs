//! The error type of the rules crate.

/// Problems loading rule files.
#[derive(Clone, PartialEq, Eq, Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RulesError {
    /// A rule file is not well-formed TOML.
    #[error("rule file {file}: TOML syntax error at line {line}, column {column}")]
    Syntax {
        /// File name.
        file: String,
        /// Line.
        line: usize,
        /// Column.
        column: usize,
    },
    /// The incident contradicts itself (duplicate ids, a parent cycle, a sequence number out of
    /// range) and is refused before any work.
    #[error("{0}")]
    Incident(breachkit_model::ModelError),
    /// A rule file breaks the format or refers to something undefined.
    #[error("rule file {file}: {path}: {message}")]
    Invalid {
        /// File name.
        file: String,
        /// JSON pointer into the file.
        path: String,
        /// The rule broken.
        message: String,
    },
    /// A language code other than `en` or `ja`.
    #[error("unknown language: use en or ja")]
    UnknownLanguage,
    /// An entity filter that names no organisation of the incident.
    #[error("entity: no organisation with that id in the incident")]
    UnknownEntity,
}

impl RulesError {
    /// A stable snake_case code for the kind of error.
    pub fn code(&self) -> &'static str {
        match self {
            RulesError::Syntax { .. } => "rules_syntax",
            RulesError::Invalid { .. } => "rules_invalid",
            RulesError::UnknownLanguage => "unknown_language",
            RulesError::UnknownEntity => "unknown_entity",
            // The model's own code: the same document problem reads the same in every command.
            RulesError::Incident(e) => e.code(),
        }
    }

    /// The JSON pointer of the failing field, if any.
    pub fn path(&self) -> Option<&str> {
        match self {
            RulesError::Invalid { path, .. } => Some(path),
            RulesError::Incident(e) => e.path(),
            RulesError::Syntax { .. } | RulesError::UnknownLanguage => None,
            RulesError::UnknownEntity => Some("/organisations"),
        }
    }
}

/// A rule file that loads but may not do what its author meant: a counsel's version that is
/// shadowed by a later version, for example. The CLI prints these; [`crate::Ruleset::warnings`]
/// lists them.
#[derive(Clone, PartialEq, Eq, Debug, thiserror::Error)]
#[error("rule file {file}: {path}: {message}")]
pub struct RulesWarning {
    /// File name.
    pub file: String,
    /// JSON pointer into the file.
    pub path: String,
    /// What happens.
    pub message: String,
}

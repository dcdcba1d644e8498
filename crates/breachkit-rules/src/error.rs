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
}

impl RulesError {
    /// The JSON pointer of the failing field, if any.
    pub fn path(&self) -> Option<&str> {
        match self {
            RulesError::Invalid { path, .. } => Some(path),
            RulesError::Syntax { .. } => None,
        }
    }
}

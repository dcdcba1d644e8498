//! The one error type of the register.
//!
//! Messages name the operation, the table or the rule, never a value: a register holds personal
//! data, and a database's own messages may quote it (PostgreSQL's "Key (id)=(...) already
//! exists"). Database errors are therefore reduced to the backend's error code.

/// Everything that can go wrong with a register.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RegisterError {
    /// A revision was written on top of one that is no longer the latest: someone else wrote in
    /// between. Nothing was written; re-read, merge and write again.
    #[error(
        "conflict: the change was based on revision {expected}, but the latest revision is {latest}; nothing was written"
    )]
    Conflict {
        /// The revision the writer based its change on (0 for a new incident).
        expected: u32,
        /// The latest revision in the register.
        latest: u32,
    },
    /// The incident (or revision) is not in the register.
    #[error("not found: no such {what} in the register")]
    NotFound {
        /// `incident` or `revision`.
        what: &'static str,
    },
    /// A revision would be recorded before the latest one.
    #[error("a revision cannot be recorded before the latest revision of the incident")]
    OutOfOrder,
    /// A stored or imported document does not read as an incident.
    #[error("invalid document at {path}: {rule}")]
    InvalidDocument {
        /// JSON pointer.
        path: String,
        /// The rule broken (never the value).
        rule: String,
    },
    /// The database reported an error; only its code is kept.
    #[error("{backend} error {code} during {op}")]
    Database {
        /// `sqlite` or `postgresql`.
        backend: &'static str,
        /// SQLite's extended result code or PostgreSQL's SQLSTATE.
        code: String,
        /// What the register was doing.
        op: &'static str,
    },
    /// The database could not be reached or opened.
    #[error("cannot open the {backend} register: {reason}")]
    Open {
        /// `sqlite` or `postgresql`.
        backend: &'static str,
        /// What failed (never a password or a path's content).
        reason: String,
    },
    /// The stored data breaks an invariant the register keeps (a column of the wrong type).
    #[error("the register is corrupt: {what}")]
    Corrupt {
        /// Which invariant.
        what: &'static str,
    },
    /// The database was written by a newer breachkit.
    #[error("the register's schema version {found} is newer than this build's ({supported})")]
    SchemaTooNew {
        /// Version found.
        found: i64,
        /// Latest version this build knows.
        supported: i64,
    },
    /// A name given for a PostgreSQL schema is not a plain identifier.
    #[error(
        "invalid schema name: use 1 to 63 characters from a-z, 0-9 and `_`, starting with a letter"
    )]
    InvalidName,
    /// The incident's documents were erased by a deletion request: there is nothing to read or
    /// to write on top of. Its audit entries, decisions and reports remain.
    #[error("erased: the incident's documents were erased by deletion request {deletion}")]
    Erased {
        /// The deletion request's number within the incident.
        deletion: u32,
    },
}

impl RegisterError {
    /// True for a write refused because another writer got there first.
    pub fn is_conflict(&self) -> bool {
        matches!(self, RegisterError::Conflict { .. })
    }

    /// A stable code for tools: `conflict`, `not_found`, `out_of_order`, `invalid_document`,
    /// `database`, `open`, `corrupt`, `schema_too_new`, `invalid_name`, `erased`.
    pub fn code(&self) -> &'static str {
        match self {
            RegisterError::Conflict { .. } => "conflict",
            RegisterError::NotFound { .. } => "not_found",
            RegisterError::OutOfOrder => "out_of_order",
            RegisterError::InvalidDocument { .. } => "invalid_document",
            RegisterError::Database { .. } => "database",
            RegisterError::Open { .. } => "open",
            RegisterError::Corrupt { .. } => "corrupt",
            RegisterError::SchemaTooNew { .. } => "schema_too_new",
            RegisterError::InvalidName => "invalid_name",
            RegisterError::Erased { .. } => "erased",
        }
    }
}

impl From<breachkit_model::ModelError> for RegisterError {
    fn from(e: breachkit_model::ModelError) -> Self {
        match e {
            breachkit_model::ModelError::StaleRevision { expected, latest } => {
                RegisterError::Conflict { expected, latest }
            }
            e => RegisterError::InvalidDocument {
                path: e.path().unwrap_or("/").to_owned(),
                // ModelError messages never hold values.
                rule: e.to_string(),
            },
        }
    }
}

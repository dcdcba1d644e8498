//! Errors of the roster crate. None of them carries a roster value: rows are named by number,
//! cells by column.

/// A malformed row: its number and the column at fault, never the value.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct BadRow {
    /// 1-based data row number (the header is not counted).
    pub row: u64,
    /// The column at fault.
    pub column: String,
    /// The rule the cell breaks.
    pub reason: &'static str,
}

impl std::fmt::Display for BadRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "row {}, column {:?}: {}",
            self.row, self.column, self.reason
        )
    }
}

/// What can go wrong reading a roster.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RosterError {
    /// The mapping file breaks its rules.
    #[error("the mapping has {} problem(s): {}", .0.len(), .0.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("; "))]
    Mapping(Vec<crate::mapping::MappingProblem>),
    /// Columns the mapping names are not in the roster.
    #[error("columns named by the mapping are missing from the roster: {}", .columns.join(", "))]
    MissingColumns {
        /// The missing column names.
        columns: Vec<String>,
    },
    /// The roster cannot be read at all (syntax breaks the file, not one row).
    #[error("the roster cannot be read near row {row}: {reason}")]
    Unreadable {
        /// The row near which reading failed.
        row: u64,
        /// What kind of failure (never a value).
        reason: String,
    },
    /// More malformed rows than the budget.
    #[error("more than {limit} malformed rows; the first: {}", .first.iter().take(5).map(|b| b.to_string()).collect::<Vec<_>>().join("; "))]
    TooManyBadRows {
        /// The budget.
        limit: u64,
        /// The first malformed rows.
        first: Vec<BadRow>,
    },
    /// The salt is too short to key the person hash.
    #[error("the salt must be at least 16 bytes")]
    WeakSalt,
    /// Two partial counters were made for different mappings or salts.
    #[error("partials were counted with different mappings or salts")]
    MappingMismatch,
    /// The incident does not fit the roster.
    #[error("the incident does not fit the roster: {}", .0.join("; "))]
    Incident(Vec<String>),
    /// Reading or writing a file.
    #[error("I/O error: {0}")]
    Io(#[from] std::io::Error),
    /// The input format is not supported.
    #[error("unsupported roster format: {0}")]
    Format(&'static str),
    /// The built-in rules are broken.
    #[error(transparent)]
    Rules(#[from] breachkit_rules::RulesError),
}

impl RosterError {
    /// Whether the error is about the input data (as opposed to I/O or usage).
    pub fn is_data(&self) -> bool {
        matches!(
            self,
            RosterError::Unreadable { .. }
                | RosterError::TooManyBadRows { .. }
                | RosterError::MissingColumns { .. }
        )
    }
}

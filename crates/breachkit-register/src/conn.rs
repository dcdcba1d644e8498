//! The narrow SQL surface both backends share: parameterised statements, rows of three value
//! kinds, explicit transactions. The register's logic is written once over it.
//!
//! Every statement is written with PostgreSQL's `$1` placeholders; the SQLite backend rewrites
//! them to SQLite's numbered `?1` form. No statement ever has a value spliced into its text.

use crate::error::RegisterError;

/// A value bound to a statement or read from a row.
#[derive(Clone, PartialEq, Eq)]
pub(crate) enum Val {
    Int(i64),
    Text(String),
    Null,
}

impl std::fmt::Debug for Val {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Val::Int(_) => f.write_str("Int(..)"),
            Val::Text(s) => write!(f, "Text(<redacted, {} chars>)", s.chars().count()),
            Val::Null => f.write_str("Null"),
        }
    }
}

impl Val {
    pub(crate) fn int(&self) -> Result<i64, RegisterError> {
        match self {
            Val::Int(i) => Ok(*i),
            _ => Err(RegisterError::Corrupt {
                what: "an integer column holds another type",
            }),
        }
    }
    pub(crate) fn text(&self) -> Result<String, RegisterError> {
        match self {
            Val::Text(s) => Ok(s.clone()),
            _ => Err(RegisterError::Corrupt {
                what: "a text column holds another type",
            }),
        }
    }
    pub(crate) fn opt_text(&self) -> Result<Option<String>, RegisterError> {
        match self {
            Val::Null => Ok(None),
            v => v.text().map(Some),
        }
    }
}

impl From<&str> for Val {
    fn from(s: &str) -> Self {
        Val::Text(s.to_owned())
    }
}
impl From<String> for Val {
    fn from(s: String) -> Self {
        Val::Text(s)
    }
}
impl From<i64> for Val {
    fn from(i: i64) -> Self {
        Val::Int(i)
    }
}
impl From<Option<&str>> for Val {
    fn from(s: Option<&str>) -> Self {
        s.map_or(Val::Null, |s| Val::Text(s.to_owned()))
    }
}

pub(crate) type Row = Vec<Val>;

/// What a backend must do. `begin` opens a write transaction that serialises writers.
pub(crate) trait Conn {
    fn backend(&self) -> &'static str;
    fn batch(&mut self, sql: &str) -> Result<(), RegisterError>;
    fn exec(&mut self, sql: &str, params: &[Val]) -> Result<u64, RegisterError>;
    fn query(&mut self, sql: &str, params: &[Val]) -> Result<Vec<Row>, RegisterError>;
    /// Calls `f` on each row as it is read, without holding every row in memory.
    fn for_each(
        &mut self,
        sql: &str,
        f: &mut dyn FnMut(&[Val]) -> Result<(), RegisterError>,
    ) -> Result<(), RegisterError>;
    fn begin(&mut self) -> Result<(), RegisterError>;
    fn commit(&mut self) -> Result<(), RegisterError> {
        self.batch("COMMIT")
    }
    fn rollback(&mut self) -> Result<(), RegisterError> {
        self.batch("ROLLBACK")
    }
}

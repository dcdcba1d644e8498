//! The breachkit breach register: every incident, every revision of it, the decisions taken and
//! the reports made, in one SQLite file (the default) or a PostgreSQL database shared by a team.
//!
//! - **History.** Revisions are never overwritten: each write adds revision *n + 1* on top of
//!   revision *n*. A writer states the revision it based its change on; if someone else wrote in
//!   between, the write fails with [`RegisterError::Conflict`] and nothing is written
//!   (optimistic concurrency).
//! - **Tamper evidence.** Every revision, decision and report is also an entry in an append-only
//!   audit log; each entry holds the SHA-256 of the row it records and of the previous entry,
//!   over a canonical serialisation. [`Register::verify`] walks the chain and reports the first
//!   broken link with its position: a row edited or deleted by hand is found.
//! - **Privacy.** Errors name the operation and the rule, never a value; database errors keep
//!   only their code. Every statement is parameterised.
//!
//! ```
//! use breachkit_register::{Register, SqliteRegister};
//! use breachkit_model::Incident;
//! let dir = tempfile::tempdir()?;
//! let mut reg = SqliteRegister::open(&dir.path().join("register.db"))?;
//! let doc = Incident::from_json(r#"{"schema_version": "0.1", "id": "demo"}"#)?;
//! let at = "2023-08-10T02:00:00Z".parse()?;
//! assert_eq!(reg.write_revision(&doc, 0, at, "dpo", None)?, 1);
//! // A second writer that also started from "no revision" is refused.
//! assert!(reg.write_revision(&doc, 0, at, "someone-else", None).unwrap_err().is_conflict());
//! assert!(reg.verify()?.is_valid());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(missing_docs)]

mod conn;
mod due;
mod error;
mod exchange;
mod postgres;
mod record;
mod sqlite;
mod store;
mod types;

use std::path::Path;

use breachkit_model::{Incident, IncidentHistory, IncidentId, Revision};
use chrono::{DateTime, Utc};

pub use due::{DueItem, due, due_ics};
pub use error::RegisterError;
pub use exchange::{Line, export_lines, import_line};
pub use record::{Record, RecordSection, record, record_catalogue};
pub use store::{SCHEMA_VERSION, sha256_hex};
pub use types::{
    Attachment, AuditEntry, BreakReason, BrokenLink, Decision, DeletionRequest, EntryKind,
    IncidentEntry, ReportMade, Verification,
};

use store::Store;

/// A breach register: the storage both backends implement.
pub trait Register {
    /// `sqlite` or `postgresql`.
    fn backend(&self) -> &'static str;

    /// Records a new revision of `incident` on top of revision `parent` (0 for a new incident)
    /// and returns its number.
    ///
    /// # Errors
    /// [`RegisterError::Conflict`] when `parent` is not the latest revision (nothing is written);
    /// [`RegisterError::OutOfOrder`] when `recorded_at` is before the latest revision's;
    /// database errors.
    fn write_revision(
        &mut self,
        incident: &Incident,
        parent: u32,
        recorded_at: DateTime<Utc>,
        author: &str,
        note: Option<&str>,
    ) -> Result<u32, RegisterError>;

    /// Every revision of an incident.
    ///
    /// # Errors
    /// [`RegisterError::NotFound`] for an unknown incident; database errors.
    fn history(&mut self, id: &IncidentId) -> Result<IncidentHistory, RegisterError>;

    /// Every incident with its latest revision number, by id.
    ///
    /// # Errors
    /// Database errors.
    fn list(&mut self) -> Result<Vec<IncidentEntry>, RegisterError>;

    /// For each incident, the revision current at `as_of` (incidents first recorded later are
    /// left out), by incident id.
    ///
    /// # Errors
    /// Database errors; a stored document that no longer reads.
    fn current_all(&mut self, as_of: DateTime<Utc>) -> Result<Vec<Revision>, RegisterError>;

    /// Records a decision and returns its number within the incident.
    ///
    /// # Errors
    /// [`RegisterError::NotFound`] for an unknown incident or revision; database errors.
    fn record_decision(
        &mut self,
        id: &IncidentId,
        decision: &Decision,
    ) -> Result<u32, RegisterError>;

    /// The decisions on an incident, oldest first.
    ///
    /// # Errors
    /// Database errors.
    fn decisions(&mut self, id: &IncidentId) -> Result<Vec<Decision>, RegisterError>;

    /// Records a report made and returns its number within the incident.
    ///
    /// # Errors
    /// [`RegisterError::NotFound`] for an unknown incident; database errors.
    fn record_report(&mut self, id: &IncidentId, report: &ReportMade)
    -> Result<u32, RegisterError>;

    /// The reports made for an incident, oldest first.
    ///
    /// # Errors
    /// Database errors.
    fn reports(&mut self, id: &IncidentId) -> Result<Vec<ReportMade>, RegisterError>;

    /// Records a deletion request and carries it out in the same write: every revision's document
    /// and note are erased (emptied and marked with the request's number), and the request is
    /// appended to the audit chain. The incident stays listed, with its audit entries, decisions
    /// and reports; reading or updating its documents afterwards gives
    /// [`RegisterError::Erased`], and `due` no longer lists it. Returns the request's number.
    ///
    /// # Errors
    /// [`RegisterError::NotFound`] for an unknown incident; [`RegisterError::Erased`] when it was
    /// erased already; database errors.
    fn erase(&mut self, id: &IncidentId, request: &DeletionRequest) -> Result<u32, RegisterError>;

    /// The deletion requests recorded for an incident, oldest first.
    ///
    /// # Errors
    /// Database errors.
    fn deletions(&mut self, id: &IncidentId) -> Result<Vec<DeletionRequest>, RegisterError>;

    /// The audit log, in order.
    ///
    /// # Errors
    /// Database errors.
    fn audit_log(&mut self) -> Result<Vec<AuditEntry>, RegisterError>;

    /// Walks the audit chain: every entry's hash and link, every recorded row against its
    /// entry, no row without an entry, and the head.
    ///
    /// # Errors
    /// Database errors (a broken chain is a result, not an error).
    fn verify(&mut self) -> Result<Verification, RegisterError>;

    /// The schema version of the database.
    ///
    /// # Errors
    /// Database errors.
    fn schema_version(&mut self) -> Result<i64, RegisterError>;
}

macro_rules! delegate_register {
    ($t:ty) => {
        impl Register for $t {
            fn backend(&self) -> &'static str {
                conn::Conn::backend(&self.store.conn)
            }
            fn write_revision(
                &mut self,
                incident: &Incident,
                parent: u32,
                recorded_at: DateTime<Utc>,
                author: &str,
                note: Option<&str>,
            ) -> Result<u32, RegisterError> {
                self.store
                    .write_revision(incident, parent, recorded_at, author, note)
            }
            fn history(&mut self, id: &IncidentId) -> Result<IncidentHistory, RegisterError> {
                self.store.history(id)
            }
            fn list(&mut self) -> Result<Vec<IncidentEntry>, RegisterError> {
                self.store.list()
            }
            fn current_all(
                &mut self,
                as_of: DateTime<Utc>,
            ) -> Result<Vec<Revision>, RegisterError> {
                self.store.current_all(as_of)
            }
            fn record_decision(
                &mut self,
                id: &IncidentId,
                decision: &Decision,
            ) -> Result<u32, RegisterError> {
                self.store.record_decision(id, decision)
            }
            fn decisions(&mut self, id: &IncidentId) -> Result<Vec<Decision>, RegisterError> {
                self.store.decisions(id)
            }
            fn record_report(
                &mut self,
                id: &IncidentId,
                report: &ReportMade,
            ) -> Result<u32, RegisterError> {
                self.store.record_report(id, report)
            }
            fn reports(&mut self, id: &IncidentId) -> Result<Vec<ReportMade>, RegisterError> {
                self.store.reports(id)
            }
            fn erase(
                &mut self,
                id: &IncidentId,
                request: &DeletionRequest,
            ) -> Result<u32, RegisterError> {
                self.store.erase(id, request)
            }
            fn deletions(
                &mut self,
                id: &IncidentId,
            ) -> Result<Vec<DeletionRequest>, RegisterError> {
                self.store.deletions(id)
            }
            fn audit_log(&mut self) -> Result<Vec<AuditEntry>, RegisterError> {
                self.store.audit_log()
            }
            fn verify(&mut self) -> Result<Verification, RegisterError> {
                self.store.verify()
            }
            fn schema_version(&mut self) -> Result<i64, RegisterError> {
                self.store.version()
            }
        }
    };
}

/// A register in one SQLite file.
pub struct SqliteRegister {
    store: Store<sqlite::SqliteConn>,
}

impl SqliteRegister {
    /// Opens a register file, creating it (owner-only permissions on Unix) and migrating it to
    /// the latest schema.
    ///
    /// # Errors
    /// [`RegisterError::Open`] when the file cannot be created or is not a SQLite database;
    /// [`RegisterError::SchemaTooNew`]; database errors.
    pub fn open(path: &Path) -> Result<SqliteRegister, RegisterError> {
        Self::open_at_version(path, SCHEMA_VERSION)
    }

    /// Opens a register and migrates it only up to `version`. For migration tests: a register
    /// written by an older build is made with this, filled, then opened with [`Self::open`].
    ///
    /// # Errors
    /// As [`SqliteRegister::open`].
    #[doc(hidden)]
    pub fn open_at_version(path: &Path, version: i64) -> Result<SqliteRegister, RegisterError> {
        let mut store = Store {
            conn: sqlite::SqliteConn::open(path)?,
            version: 0,
        };
        store.migrate_to(version)?;
        Ok(SqliteRegister { store })
    }

    /// Trades some durability for speed during a bulk load: with WAL and `synchronous=NORMAL`
    /// a crash still cannot corrupt the file or break the chain, but a power loss may lose the
    /// last transactions. The default (`FULL`) syncs every commit.
    ///
    /// # Errors
    /// Database errors.
    pub fn set_synchronous_normal(&mut self) -> Result<(), RegisterError> {
        conn::Conn::batch(&mut self.store.conn, "PRAGMA synchronous = NORMAL")
    }

    /// Runs raw SQL on the file. For tests that tamper with a register by hand; never used by
    /// breachkit itself.
    ///
    /// # Errors
    /// Database errors.
    #[doc(hidden)]
    pub fn raw_sql(&mut self, sql: &str) -> Result<(), RegisterError> {
        conn::Conn::batch(&mut self.store.conn, sql)
    }
}

delegate_register!(SqliteRegister);

/// A register in a PostgreSQL database, shared by a team.
pub struct PostgresRegister {
    store: Store<postgres::PgConn>,
}

impl PostgresRegister {
    /// Connects (libpq-style `postgres://user@host:port/db` URL or `host=... dbname=...`
    /// key-value string) and migrates the register's tables to the latest schema.
    ///
    /// # Errors
    /// [`RegisterError::Open`] when the server cannot be reached or refuses the login; database
    /// errors.
    pub fn connect(params: &str) -> Result<PostgresRegister, RegisterError> {
        Self::connect_in_schema(params, None, SCHEMA_VERSION)
    }

    /// Connects and keeps the register's tables in the given PostgreSQL schema (created if
    /// missing), migrated up to `version`. Tests use one schema each.
    ///
    /// # Errors
    /// As [`PostgresRegister::connect`]; [`RegisterError::InvalidName`] for a schema name that is
    /// not a plain lower-case identifier.
    pub fn connect_in_schema(
        params: &str,
        schema: Option<&str>,
        version: i64,
    ) -> Result<PostgresRegister, RegisterError> {
        let mut store = Store {
            conn: postgres::PgConn::connect(params, schema)?,
            version: 0,
        };
        store.migrate_to(version)?;
        Ok(PostgresRegister { store })
    }

    /// Runs raw SQL. For tests that tamper with a register by hand; never used by breachkit.
    ///
    /// # Errors
    /// Database errors.
    #[doc(hidden)]
    pub fn raw_sql(&mut self, sql: &str) -> Result<(), RegisterError> {
        conn::Conn::batch(&mut self.store.conn, sql)
    }
}

delegate_register!(PostgresRegister);

/// Opens a register by location: `postgres://…` or `postgresql://…` (or a key-value string
/// starting with `host=`) selects PostgreSQL, anything else is a SQLite file path.
///
/// # Errors
/// As [`SqliteRegister::open`] and [`PostgresRegister::connect`].
pub fn open(location: &str) -> Result<Box<dyn Register + Send>, RegisterError> {
    if location.starts_with("postgres://")
        || location.starts_with("postgresql://")
        || location.starts_with("host=")
    {
        Ok(Box::new(PostgresRegister::connect(location)?))
    } else {
        Ok(Box::new(SqliteRegister::open(Path::new(location))?))
    }
}

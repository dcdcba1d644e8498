//! The SQLite backend: one file, owner-only permissions, WAL, immediate transactions.

use std::path::Path;
use std::time::Duration;

use rusqlite::types::ValueRef;

use crate::conn::{Conn, Row, Val};
use crate::error::RegisterError;

pub(crate) struct SqliteConn {
    pub(crate) db: rusqlite::Connection,
}

fn db_err(op: &'static str) -> impl Fn(rusqlite::Error) -> RegisterError {
    move |e| RegisterError::Database {
        backend: "sqlite",
        code: match &e {
            rusqlite::Error::SqliteFailure(f, _) => format!("{:?}/{}", f.code, f.extended_code),
            rusqlite::Error::QueryReturnedNoRows => "no_rows".to_owned(),
            _ => "client".to_owned(),
        },
        op,
    }
}

fn to_sql(v: &Val) -> rusqlite::types::Value {
    match v {
        Val::Int(i) => rusqlite::types::Value::Integer(*i),
        Val::Text(s) => rusqlite::types::Value::Text(s.clone()),
        Val::Null => rusqlite::types::Value::Null,
    }
}

/// `$1` → `?1`: SQLite's numbered parameters.
fn sqlite_sql(sql: &str) -> String {
    sql.replace('$', "?")
}

impl SqliteConn {
    /// Opens (or creates, with mode 0600) a register file.
    pub(crate) fn open(path: &Path) -> Result<SqliteConn, RegisterError> {
        let open_err = |reason: &str| RegisterError::Open {
            backend: "sqlite",
            reason: reason.to_owned(),
        };
        if !path.exists() {
            create_private(path)
                .map_err(|e| open_err(&format!("cannot create the file ({})", e.kind())))?;
        }
        let db = rusqlite::Connection::open(path)
            .map_err(|_| open_err("not a SQLite database or not readable"))?;
        db.busy_timeout(Duration::from_secs(30))
            .map_err(db_err("busy_timeout"))?;
        // WAL: readers never block the writer, and a killed writer leaves the file consistent.
        db.pragma_update(None, "journal_mode", "WAL")
            .map_err(db_err("journal_mode"))?;
        db.pragma_update(None, "synchronous", "FULL")
            .map_err(db_err("synchronous"))?;
        db.pragma_update(None, "foreign_keys", "ON")
            .map_err(db_err("foreign_keys"))?;
        Ok(SqliteConn { db })
    }
}

#[cfg(unix)]
fn create_private(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    if let Some(dir) = path.parent() {
        if !dir.as_os_str().is_empty() {
            std::fs::create_dir_all(dir)?;
        }
    }
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .map(|_| ())
}

#[cfg(not(unix))]
fn create_private(path: &Path) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        if !dir.as_os_str().is_empty() {
            std::fs::create_dir_all(dir)?;
        }
    }
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map(|_| ())
}

impl SqliteConn {
    fn each(
        &mut self,
        sql: &str,
        params: &[Val],
        f: &mut dyn FnMut(&[Val]) -> Result<(), RegisterError>,
    ) -> Result<(), RegisterError> {
        let params: Vec<_> = params.iter().map(to_sql).collect();
        let mut st = self
            .db
            .prepare_cached(&sqlite_sql(sql))
            .map_err(db_err("prepare"))?;
        let n = st.column_count();
        let mut rows = st
            .query(rusqlite::params_from_iter(params))
            .map_err(db_err("read"))?;
        let mut row = Vec::with_capacity(n);
        while let Some(r) = rows.next().map_err(db_err("read"))? {
            row.clear();
            for i in 0..n {
                row.push(match r.get_ref(i).map_err(db_err("read"))? {
                    ValueRef::Integer(i) => Val::Int(i),
                    ValueRef::Text(t) => Val::Text(String::from_utf8_lossy(t).into_owned()),
                    ValueRef::Null => Val::Null,
                    ValueRef::Real(_) | ValueRef::Blob(_) => {
                        return Err(RegisterError::Corrupt {
                            what: "a column holds a real number or a blob",
                        });
                    }
                });
            }
            f(&row)?;
        }
        Ok(())
    }
}

impl Conn for SqliteConn {
    fn backend(&self) -> &'static str {
        "sqlite"
    }

    fn batch(&mut self, sql: &str) -> Result<(), RegisterError> {
        self.db.execute_batch(sql).map_err(db_err("batch"))
    }

    fn exec(&mut self, sql: &str, params: &[Val]) -> Result<u64, RegisterError> {
        let params: Vec<_> = params.iter().map(to_sql).collect();
        let mut st = self
            .db
            .prepare_cached(&sqlite_sql(sql))
            .map_err(db_err("prepare"))?;
        st.execute(rusqlite::params_from_iter(params))
            .map(|n| n as u64)
            .map_err(db_err("write"))
    }

    fn query(&mut self, sql: &str, params: &[Val]) -> Result<Vec<Row>, RegisterError> {
        let mut out = Vec::new();
        self.each(sql, params, &mut |r| {
            out.push(r.to_vec());
            Ok(())
        })?;
        Ok(out)
    }

    fn for_each(
        &mut self,
        sql: &str,
        f: &mut dyn FnMut(&[Val]) -> Result<(), RegisterError>,
    ) -> Result<(), RegisterError> {
        self.each(sql, &[], f)
    }

    fn begin(&mut self) -> Result<(), RegisterError> {
        // IMMEDIATE takes the write lock now: two writers never both read the old state.
        self.batch("BEGIN IMMEDIATE")
    }
}

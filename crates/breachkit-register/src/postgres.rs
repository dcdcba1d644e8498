//! The PostgreSQL backend: the synchronous `postgres` client, one connection.

use postgres::types::{ToSql, Type};

use crate::conn::{Conn, Row, Val};
use crate::error::RegisterError;

pub(crate) struct PgConn {
    pub(crate) client: postgres::Client,
}

fn db_err(op: &'static str) -> impl Fn(postgres::Error) -> RegisterError {
    move |e| RegisterError::Database {
        backend: "postgresql",
        code: e
            .code()
            .map_or_else(|| "connection".to_owned(), |c| c.code().to_owned()),
        op,
    }
}

impl PgConn {
    pub(crate) fn connect(params: &str, schema: Option<&str>) -> Result<PgConn, RegisterError> {
        let client = postgres::Client::connect(params, postgres::NoTls).map_err(|e| {
            RegisterError::Open {
                backend: "postgresql",
                // The client's message may quote the connection string (and its password).
                reason: match e.code() {
                    Some(c) => format!("server refused the connection (SQLSTATE {})", c.code()),
                    None => "cannot connect (check host, port, socket directory and credentials)"
                        .to_owned(),
                },
            }
        })?;
        let mut c = PgConn { client };
        if let Some(schema) = schema {
            let ok = !schema.is_empty()
                && schema.len() <= 63
                && schema.starts_with(|c: char| c.is_ascii_lowercase())
                && schema
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
            if !ok {
                return Err(RegisterError::InvalidName);
            }
            // Checked to be a plain identifier above: it can be written into the statement.
            c.batch(&format!(
                "CREATE SCHEMA IF NOT EXISTS {schema}; SET search_path TO {schema}"
            ))?;
        }
        Ok(c)
    }
}

impl Conn for PgConn {
    fn backend(&self) -> &'static str {
        "postgresql"
    }

    fn batch(&mut self, sql: &str) -> Result<(), RegisterError> {
        self.client.batch_execute(sql).map_err(db_err("batch"))
    }

    fn exec(&mut self, sql: &str, params: &[Val]) -> Result<u64, RegisterError> {
        let owned = pg_params(params);
        let refs: Vec<&(dyn ToSql + Sync)> = owned.iter().map(|b| b.as_ref()).collect();
        self.client.execute(sql, &refs).map_err(db_err("write"))
    }

    fn query(&mut self, sql: &str, params: &[Val]) -> Result<Vec<Row>, RegisterError> {
        let owned = pg_params(params);
        let refs: Vec<&(dyn ToSql + Sync)> = owned.iter().map(|b| b.as_ref()).collect();
        let rows = self.client.query(sql, &refs).map_err(db_err("read"))?;
        rows.iter().map(row_of).collect()
    }

    fn for_each(
        &mut self,
        sql: &str,
        f: &mut dyn FnMut(&[Val]) -> Result<(), RegisterError>,
    ) -> Result<(), RegisterError> {
        use postgres::fallible_iterator::FallibleIterator;
        let none: [&(dyn ToSql + Sync); 0] = [];
        let mut rows = self.client.query_raw(sql, none).map_err(db_err("read"))?;
        while let Some(r) = rows.next().map_err(db_err("read"))? {
            f(&row_of(&r)?)?;
        }
        Ok(())
    }

    fn begin(&mut self) -> Result<(), RegisterError> {
        self.batch("BEGIN")
    }
}

fn row_of(r: &postgres::Row) -> Result<Row, RegisterError> {
    let mut row = Vec::with_capacity(r.len());
    for (i, col) in r.columns().iter().enumerate() {
        let t = col.type_();
        let v = if *t == Type::INT8 {
            r.try_get::<_, Option<i64>>(i)
                .map_err(db_err("read"))?
                .map_or(Val::Null, Val::Int)
        } else if *t == Type::INT4 {
            r.try_get::<_, Option<i32>>(i)
                .map_err(db_err("read"))?
                .map_or(Val::Null, |v| Val::Int(i64::from(v)))
        } else if *t == Type::TEXT || *t == Type::VARCHAR {
            r.try_get::<_, Option<String>>(i)
                .map_err(db_err("read"))?
                .map_or(Val::Null, Val::Text)
        } else {
            return Err(RegisterError::Corrupt {
                what: "a column has a type the register does not use",
            });
        };
        row.push(v);
    }
    Ok(row)
}

fn pg_params(params: &[Val]) -> Vec<Box<dyn ToSql + Sync>> {
    params
        .iter()
        .map(|v| -> Box<dyn ToSql + Sync> {
            match v {
                Val::Int(i) => Box::new(*i),
                Val::Text(s) => Box::new(s.clone()),
                Val::Null => Box::new(None::<String>),
            }
        })
        .collect()
}

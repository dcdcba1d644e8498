//! The suite on a real PostgreSQL server.
//!
//! These tests are `#[ignore]`d so that a plain `cargo test` needs nothing but Rust;
//! `cargo xtask postgres` (and `cargo xtask test`) start a throwaway server, set
//! `BREACHKIT_TEST_PG` to its connection string and run them with `--ignored`. Run explicitly
//! without the variable, they fail: they never pass by skipping.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Barrier};

use breachkit_model::IncidentId;
use breachkit_register::{PostgresRegister, Register, RegisterError, SCHEMA_VERSION};

use crate::suite::{self, Raw, at, doc};

impl Raw for PostgresRegister {
    fn raw(&mut self, sql: &str) {
        self.raw_sql(sql).unwrap();
    }
}

fn url() -> String {
    std::env::var("BREACHKIT_TEST_PG").unwrap_or_else(|_| {
        panic!(
            "BREACHKIT_TEST_PG is not set: these tests need a PostgreSQL server; \
             run them with `cargo xtask postgres`, which starts one"
        )
    })
}

static N: AtomicU32 = AtomicU32::new(0);

/// A fresh schema for each register, so tests never see each other's rows.
fn schema(test: &str) -> String {
    format!(
        "t_{test}_{}_{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    )
}

fn open_in(schema: &str) -> PostgresRegister {
    PostgresRegister::connect_in_schema(&url(), Some(schema), SCHEMA_VERSION).unwrap()
}

fn fresh(test: &str) -> PostgresRegister {
    open_in(&schema(test))
}

#[test]
#[ignore = "needs PostgreSQL: run `cargo xtask postgres`"]
fn pg_round_trip() {
    suite::round_trip(&mut fresh("round_trip"));
}

#[test]
#[ignore = "needs PostgreSQL: run `cargo xtask postgres`"]
fn pg_stale_writer_gets_a_conflict() {
    suite::stale_writer_gets_a_conflict(&mut fresh("stale"));
}

#[test]
#[ignore = "needs PostgreSQL: run `cargo xtask postgres`"]
fn pg_tampering_is_found() {
    suite::tampering_is_found(&mut || fresh("tamper"));
}

#[test]
#[ignore = "needs PostgreSQL: run `cargo xtask postgres`"]
fn pg_erasure_keeps_the_chain() {
    suite::erasure_keeps_the_chain(&mut || fresh("erase"));
}

#[test]
#[ignore = "needs PostgreSQL: run `cargo xtask postgres`"]
fn pg_injection_strings_are_data() {
    suite::injection_strings_are_data(&mut fresh("inject"));
}

#[test]
#[ignore = "needs PostgreSQL: run `cargo xtask postgres`"]
fn pg_errors_hold_no_personal_value() {
    suite::errors_hold_no_personal_value(&mut fresh("canary"));
}

#[test]
#[ignore = "needs PostgreSQL: run `cargo xtask postgres`"]
fn pg_export_then_import_across_backends() {
    let d = tempfile::tempdir().unwrap();
    let mut lite = breachkit_register::SqliteRegister::open(&d.path().join("a.db")).unwrap();
    suite::export_then_import(&mut lite, &mut fresh("import"));
}

#[test]
#[ignore = "needs PostgreSQL: run `cargo xtask postgres`"]
fn pg_migrations_forward_from_every_version() {
    for v in 0..SCHEMA_VERSION {
        let s = schema("migrate");
        {
            let mut old = PostgresRegister::connect_in_schema(&url(), Some(&s), v).unwrap();
            assert_eq!(old.schema_version().unwrap(), v);
            if v >= 1 {
                suite::fill_seiko(&mut old);
            }
        }
        let mut reg = open_in(&s);
        assert_eq!(reg.schema_version().unwrap(), SCHEMA_VERSION);
        if v == 0 {
            suite::fill_seiko(&mut reg);
        }
        let id = IncidentId::try_new("seiko-2023").unwrap();
        assert_eq!(
            reg.history(&id).unwrap().revisions,
            suite::seiko().revisions
        );
        reg.record_decision(&id, &suite::decision(3, "dpo", "notify"))
            .unwrap();
        reg.record_report(&id, &suite::report("dpo", "ppc"))
            .unwrap();
        assert!(reg.verify().unwrap().is_valid(), "from {v}");
    }
}

/// Two connections: the second writer on a stale revision gets a conflict, also when both
/// transactions are open at the same time (the second waits for the first's lock, then sees
/// its commit).
#[test]
#[ignore = "needs PostgreSQL: run `cargo xtask postgres`"]
fn pg_two_connections_conflict() {
    let s = schema("two");
    let mut a = open_in(&s);
    let mut b = open_in(&s);
    let t = at("2024-01-01T00:00:00Z");
    a.write_revision(&doc("c", "base"), 0, t, "a", None)
        .unwrap();
    assert_eq!(
        b.write_revision(&doc("c", "b wins"), 1, t, "b", None)
            .unwrap(),
        2
    );
    assert_eq!(
        a.write_revision(&doc("c", "a lost"), 1, t, "a", None)
            .unwrap_err(),
        RegisterError::Conflict {
            expected: 1,
            latest: 2
        }
    );
    // Threads with their own connections, racing.
    for round in 2..=4u32 {
        let barrier = Arc::new(Barrier::new(4));
        let handles: Vec<_> = (0..4)
            .map(|i| {
                let s = s.clone();
                let barrier = barrier.clone();
                std::thread::spawn(move || {
                    let mut reg = open_in(&s);
                    barrier.wait();
                    reg.write_revision(&doc("c", &format!("{round}/{i}")), round, t, "w", None)
                })
            })
            .collect();
        let results: Vec<_> = handles.into_iter().map(|h| h.join().unwrap()).collect();
        assert_eq!(
            results.iter().filter(|r| r.is_ok()).count(),
            1,
            "{results:?}"
        );
        assert!(
            results
                .iter()
                .all(|r| r.as_ref().err().is_none_or(|e| e.is_conflict()))
        );
    }
    let h = a.history(&IncidentId::try_new("c").unwrap()).unwrap();
    assert_eq!(h.revisions.len(), 5);
    assert!(a.verify().unwrap().is_valid());
}

#[test]
#[ignore = "needs PostgreSQL: run `cargo xtask postgres`"]
fn pg_bad_schema_name_and_bad_server() {
    assert_eq!(
        PostgresRegister::connect_in_schema(&url(), Some("x; DROP TABLE audit"), SCHEMA_VERSION)
            .err(),
        Some(RegisterError::InvalidName)
    );
    let e = PostgresRegister::connect("host=/nonexistent/CANARY dbname=CANARY user=CANARY")
        .err()
        .unwrap();
    assert!(matches!(e, RegisterError::Open { .. }));
    assert!(!format!("{e} {e:?}").contains("CANARY"));
}

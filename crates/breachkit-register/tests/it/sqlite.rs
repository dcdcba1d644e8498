//! The suite on SQLite files, plus what only a file can show: permissions, threads.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Barrier};

use breachkit_model::IncidentId;
use breachkit_register::{Register, RegisterError, SCHEMA_VERSION, SqliteRegister};

use crate::suite::{self, Raw, at, doc};

impl Raw for SqliteRegister {
    fn raw(&mut self, sql: &str) {
        self.raw_sql(sql).unwrap();
    }
}

fn file(dir: &tempfile::TempDir, name: &str) -> PathBuf {
    dir.path().join(name)
}

fn open(p: &Path) -> SqliteRegister {
    SqliteRegister::open(p).unwrap()
}

#[test]
fn round_trip() {
    let d = tempfile::tempdir().unwrap();
    suite::round_trip(&mut open(&file(&d, "r.db")));
}

#[test]
fn stale_writer_gets_a_conflict() {
    let d = tempfile::tempdir().unwrap();
    suite::stale_writer_gets_a_conflict(&mut open(&file(&d, "r.db")));
}

#[test]
fn tampering_is_found() {
    let d = tempfile::tempdir().unwrap();
    let mut n = 0;
    suite::tampering_is_found(&mut || {
        n += 1;
        open(&file(&d, &format!("t{n}.db")))
    });
}

#[test]
fn erasure_keeps_the_chain() {
    let d = tempfile::tempdir().unwrap();
    let mut n = 0;
    suite::erasure_keeps_the_chain(&mut || {
        n += 1;
        open(&file(&d, &format!("e{n}.db")))
    });
}

#[test]
fn injection_strings_are_data() {
    let d = tempfile::tempdir().unwrap();
    suite::injection_strings_are_data(&mut open(&file(&d, "r.db")));
}

#[test]
fn errors_hold_no_personal_value() {
    let d = tempfile::tempdir().unwrap();
    suite::errors_hold_no_personal_value(&mut open(&file(&d, "r.db")));
}

#[test]
fn export_then_import() {
    let d = tempfile::tempdir().unwrap();
    suite::export_then_import(&mut open(&file(&d, "a.db")), &mut open(&file(&d, "b.db")));
}

#[cfg(unix)]
#[test]
fn file_is_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("sub/dir/r.db");
    drop(open(&p));
    let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "{mode:o}");
}

#[test]
fn not_a_database_is_an_open_error() {
    let d = tempfile::tempdir().unwrap();
    let p = file(&d, "x.db");
    std::fs::write(&p, "this is not SQLite, it has a name: CANARY").unwrap();
    let e = SqliteRegister::open(&p).err().unwrap();
    assert!(
        matches!(
            e,
            RegisterError::Open { .. } | RegisterError::Database { .. }
        ),
        "{e:?}"
    );
    assert!(!format!("{e} {e:?}").contains("CANARY"));
}

/// Migrations forward from every earlier version: a register written by a build that knew only
/// version `v` is filled with what that version can hold, then opened by this build.
#[test]
fn migrations_forward_from_every_version() {
    for v in 0..SCHEMA_VERSION {
        let d = tempfile::tempdir().unwrap();
        let p = file(&d, "old.db");
        {
            let mut old = SqliteRegister::open_at_version(&p, v).unwrap();
            assert_eq!(old.schema_version().unwrap(), v);
            if v >= 1 {
                suite::fill_seiko(&mut old);
            }
        }
        let mut reg = open(&p);
        assert_eq!(reg.schema_version().unwrap(), SCHEMA_VERSION, "from {v}");
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
        // Opening again is a no-op.
        drop(reg);
        assert_eq!(open(&p).schema_version().unwrap(), SCHEMA_VERSION);
    }
}

#[test]
fn newer_schema_is_refused() {
    let d = tempfile::tempdir().unwrap();
    let p = file(&d, "new.db");
    open(&p).raw("INSERT INTO breachkit_schema (version) VALUES (99)");
    assert!(matches!(
        SqliteRegister::open(&p).err(),
        Some(RegisterError::SchemaTooNew { found: 99, .. })
    ));
}

/// Many threads, each with its own connection, all write on top of revision 1 at once: exactly
/// one succeeds, every other gets a conflict, and nothing is lost or overwritten.
#[test]
fn concurrent_writers_get_conflicts_not_overwrites() {
    let d = tempfile::tempdir().unwrap();
    let p = file(&d, "c.db");
    open(&p)
        .write_revision(&doc("c", "base"), 0, at("2024-01-01T00:00:00Z"), "a", None)
        .unwrap();
    for round in 1..=3u32 {
        let threads = 6;
        let barrier = Arc::new(Barrier::new(threads));
        let handles: Vec<_> = (0..threads)
            .map(|i| {
                let p = p.clone();
                let barrier = barrier.clone();
                std::thread::spawn(move || {
                    let mut reg = open(&p);
                    barrier.wait();
                    reg.write_revision(
                        &doc("c", &format!("round {round} writer {i}")),
                        round,
                        at("2024-01-02T00:00:00Z"),
                        &format!("w{i}"),
                        None,
                    )
                })
            })
            .collect();
        let results: Vec<_> = handles.into_iter().map(|h| h.join().unwrap()).collect();
        let ok: Vec<_> = results.iter().filter(|r| r.is_ok()).collect();
        assert_eq!(ok.len(), 1, "{results:?}");
        for r in &results {
            if let Err(e) = r {
                assert_eq!(
                    *e,
                    RegisterError::Conflict {
                        expected: round,
                        latest: round + 1
                    }
                );
            }
        }
    }
    let mut reg = open(&p);
    let h = reg.history(&IncidentId::try_new("c").unwrap()).unwrap();
    assert_eq!(h.revisions.len(), 4);
    assert!(reg.verify().unwrap().is_valid());
}

//! The register's tests. `suite` holds checks written once over the `Register` trait; `sqlite`
//! runs them on a file, `pg` on a real PostgreSQL server (ignored unless run by
//! `cargo xtask postgres`, which starts one and sets `BREACHKIT_TEST_PG`).
#![allow(clippy::panic, clippy::expect_used, clippy::unwrap_used)]

mod pg;
mod sqlite;
mod suite;

//! The register at scale: 10,000 incidents × 20 revisions (200,000 revisions, 200,000 audit
//! entries). `due` across the register, `history` of one incident, `verify` of the whole chain.
//!
//! SQLite always; PostgreSQL when `BREACHKIT_BENCH_PG` holds a connection string (run
//! `cargo xtask postgres-bench`, which starts a throwaway server and sets it). The registers are
//! built once and kept (`target/bench-register/` for SQLite, schema `bench_<n>x20` for
//! PostgreSQL). `BREACHKIT_BENCH_INCIDENTS` changes the number of incidents (default 10,000).
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;
use std::time::Instant;

use breachkit::model::{Incident, IncidentHistory, IncidentId};
use breachkit::register::{PostgresRegister, Register, SCHEMA_VERSION, SqliteRegister, due};
use breachkit::rules::Ruleset;
use chrono::{DateTime, Duration, Utc};
use criterion::{Criterion, criterion_group, criterion_main};

const REVISIONS: u32 = 20;

fn incidents() -> u32 {
    std::env::var("BREACHKIT_BENCH_INCIDENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000)
}

/// The second Seiko revision (two groups, unknown counts) as the template.
fn template() -> serde_json::Value {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../docs/examples/seiko-2023-history.json"
    ))
    .unwrap();
    let h = IncidentHistory::from_json(&text).unwrap();
    serde_json::to_value(&h.revisions[1].incident).unwrap()
}

/// Incident `i`, revision `k`: detected on a day of 2024, the count grows with each revision.
fn revision(template: &serde_json::Value, i: u32, k: u32) -> (Incident, DateTime<Utc>) {
    let mut v = template.clone();
    let detected = "2024-01-01T00:00:00Z".parse::<DateTime<Utc>>().unwrap()
        + Duration::days(i64::from(i % 360));
    v["id"] = format!("inc-{i:05}").into();
    v["timeline"][0]["at"] = detected.format("%Y-%m-%d").to_string().into();
    v["totals"] = serde_json::json!({"records": {"kind": "approximate", "value": 100 * k + i}});
    let inc: Incident = breachkit::model::from_value(v).unwrap();
    (inc, detected + Duration::hours(i64::from(k)))
}

fn fill(reg: &mut dyn Register, n: u32) {
    let t = template();
    let start = Instant::now();
    for i in 0..n {
        for k in 1..=REVISIONS {
            let (inc, at) = revision(&t, i, k);
            reg.write_revision(&inc, k - 1, at, "bench", None).unwrap();
        }
    }
    eprintln!(
        "built {} with {n} incidents × {REVISIONS} revisions in {:.0?}",
        reg.backend(),
        start.elapsed()
    );
}

fn full(reg: &mut dyn Register, n: u32) -> bool {
    reg.list()
        .map(|l| l.len() == n as usize && l.iter().all(|e| e.latest == REVISIONS))
        .unwrap_or(false)
}

fn sqlite(n: u32) -> SqliteRegister {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../target/bench-register");
    let path =
        std::path::Path::new(dir).join(format!("sqlite-{n}x{REVISIONS}-v{SCHEMA_VERSION}.db"));
    let mut reg = SqliteRegister::open(&path).unwrap();
    if !full(&mut reg, n) {
        drop(reg);
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
        reg = SqliteRegister::open(&path).unwrap();
        reg.set_synchronous_normal().unwrap();
        fill(&mut reg, n);
    }
    reg
}

fn postgres(url: &str, n: u32) -> PostgresRegister {
    let schema = format!("bench_{n}x{REVISIONS}_v{SCHEMA_VERSION}");
    let mut reg = PostgresRegister::connect_in_schema(url, Some(&schema), SCHEMA_VERSION).unwrap();
    if !full(&mut reg, n) {
        reg.raw_sql(&format!("DROP SCHEMA {schema} CASCADE"))
            .unwrap();
        reg = PostgresRegister::connect_in_schema(url, Some(&schema), SCHEMA_VERSION).unwrap();
        fill(&mut reg, n);
    }
    reg
}

fn bench_one(c: &mut Criterion, name: &str, reg: &mut dyn Register, n: u32) {
    let ruleset = Ruleset::builtin().unwrap();
    let as_of: DateTime<Utc> = "2024-12-31T00:00:00Z".parse().unwrap();
    let one = IncidentId::try_new(format!("inc-{:05}", n / 2)).unwrap();
    let items = due(reg, ruleset, as_of).unwrap();
    eprintln!("{name}: due lists {} open obligations", items.len());
    assert!(!items.is_empty());
    assert!(reg.verify().unwrap().is_valid());
    let mut g = c.benchmark_group(format!("register-{name}"));
    g.sample_size(10);
    g.bench_function("due", |b| {
        b.iter(|| due(reg, ruleset, black_box(as_of)).unwrap())
    });
    g.bench_function("history", |b| {
        b.iter(|| reg.history(black_box(&one)).unwrap())
    });
    g.bench_function("verify", |b| b.iter(|| reg.verify().unwrap()));
    g.finish();
}

fn benches(c: &mut Criterion) {
    let n = incidents();
    let mut lite = sqlite(n);
    bench_one(c, "sqlite", &mut lite, n);
    if let Ok(url) = std::env::var("BREACHKIT_BENCH_PG") {
        let mut pg = postgres(&url, n);
        bench_one(c, "postgresql", &mut pg, n);
    }
}

criterion_group!(register, benches);
criterion_main!(register);

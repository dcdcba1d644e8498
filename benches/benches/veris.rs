//! VERIS validation over the 155-record VCDB sample (schema + cross-field rules), and import.
//! The comparison with the Python reference validator is `benches/veris_compare.py`.

use breachkit::veris::{import_value, validate_value};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn sample() -> Vec<serde_json::Value> {
    let dir = format!(
        "{}/../tests/fixtures/veris/vcdb-sample",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut out = Vec::new();
    let mut stack = vec![std::path::PathBuf::from(dir)];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p
                .extension()
                .is_some_and(|x| x.eq_ignore_ascii_case("json"))
            {
                if let Ok(v) = std::fs::read_to_string(&p).map(|t| serde_json::from_str(&t)) {
                    out.extend(v.ok());
                }
            }
        }
    }
    out
}

fn benches(c: &mut Criterion) {
    let docs = sample();
    assert_eq!(
        docs.len(),
        155,
        "VCDB sample missing under tests/fixtures/veris"
    );
    let _ = validate_value(&docs[0]); // compile the schema outside the timing
    c.bench_function("veris/validate-vcdb-155", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| validate_value(black_box(d)).len())
                .sum::<usize>()
        })
    });
    c.bench_function("veris/import-vcdb-155", |b| {
        b.iter(|| {
            docs.iter()
                .filter(|d| import_value(black_box((*d).clone())).is_ok())
                .count()
        })
    });
}

criterion_group!(name = all; config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(3)); targets = benches);
criterion_main!(all);

//! Benchmarks. The baseline is `parse/seiko` (reading the Seiko example from JSON): every other
//! benchmark is reported by `cargo xtask bench` as a ratio of its median to the baseline's median
//! in the same run, so the numbers mean something on a noisy machine.

use breachkit::model::Incident;
use breachkit::rules::assess;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn example(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/../docs/examples/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap_or_default()
}

fn benches(c: &mut Criterion) {
    let as_of = "2024-07-01T00:00:00Z"
        .parse()
        .unwrap_or_else(|_| unreachable!());
    let seiko_text = example("seiko-2023.json");
    c.bench_function("parse/seiko", |b| {
        b.iter(|| Incident::from_json(black_box(&seiko_text)))
    });
    for name in [
        "seiko-2023.json",
        "booking-2019-gdpr.json",
        "anthem-2015-hipaa.json",
    ] {
        let inc = Incident::from_json(&example(name))
            .unwrap_or_else(|_| Incident::new("x".parse().unwrap_or_else(|_| unreachable!())));
        c.bench_function(&format!("assess/{name}"), |b| {
            b.iter(|| assess(black_box(&inc), as_of))
        });
    }
    let mut g = c.benchmark_group("assess-generated");
    for (e, gr, j) in [(1, 1, 1), (3, 4, 4), (10, 10, 10), (30, 10, 47)] {
        let inc = breachkit_benches::generated(e, gr, j);
        g.bench_with_input(
            BenchmarkId::from_parameter(format!("{e}x{gr}x{j}")),
            &inc,
            |b, inc| b.iter(|| assess(black_box(inc), as_of)),
        );
    }
    g.finish();
    // All 54 US jurisdictions x 20 groups, against assess/seiko-2023.json as the baseline.
    let us = breachkit_benches::us_states(20);
    let us_as_of = "2026-03-05T12:00:00Z"
        .parse()
        .unwrap_or_else(|_| unreachable!());
    c.bench_function("assess/us-54-jurisdictions-20-groups", |b| {
        b.iter(|| assess(black_box(&us), us_as_of))
    });
    let seiko = Incident::from_json(&seiko_text)
        .unwrap_or_else(|_| Incident::new("x".parse().unwrap_or_else(|_| unreachable!())));
    c.bench_function("validate/seiko", |b| {
        b.iter(|| black_box(&seiko).validate())
    });
}

criterion_group!(name = all; config = Criterion::default().sample_size(30).measurement_time(std::time::Duration::from_secs(2)); targets = benches);
criterion_main!(all);

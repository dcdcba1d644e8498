//! Roster counting on a generated 100k-row CSV held in memory: the whole count (parse,
//! normalise, key, dedup, counts) and the parse floor (CSV records read, nothing else). The
//! whole-process comparison with DuckDB and polars on 1M/10M rows is `benches/roster_compare.py`.

use breachkit::roster::{Counter, Mapping, Salt, source, synth};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

fn benches(c: &mut Criterion) {
    let mut csv = Vec::new();
    let truth = synth::generate(1, 100_000, &mut csv).unwrap_or_default();
    let mapping = Mapping::from_toml(synth::MAPPING).unwrap_or_else(|_| unreachable!());
    let salt = Salt::new(b"bench salt, sixteen bytes or more").unwrap_or_else(|_| unreachable!());
    let mut g = c.benchmark_group("roster");
    g.throughput(Throughput::Elements(truth.rows));
    g.sample_size(10);
    g.bench_function("count_csv_100k", |b| {
        b.iter(|| {
            let mut counter = Counter::new(&mapping, &salt, 0);
            let _ = source::read_csv(black_box(&csv[..]), &mut counter, &mut |_, _| {});
            black_box(counter.counts().map(|c| c.persons).unwrap_or_default())
        })
    });
    g.bench_function("parse_floor_csv_100k", |b| {
        b.iter(|| {
            let mut r = csv::ReaderBuilder::new().from_reader(black_box(&csv[..]));
            let mut rec = csv::ByteRecord::new();
            let mut n = 0u64;
            while r.read_byte_record(&mut rec).unwrap_or(false) {
                n += rec.len() as u64;
            }
            black_box(n)
        })
    });
    g.finish();
}

criterion_group!(roster, benches);
criterion_main!(roster);

//! JSON lines, Parquet and Arrow IPC give the same counts as CSV.

use std::sync::Arc;

use arrow_array::{ArrayRef, RecordBatch, StringArray};
use breachkit_roster::{Counter, InputFormat, source, synth};

use super::*;

fn table(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_owned).collect();
    let rows = r
        .records()
        .map(|x| x.unwrap().iter().map(str::to_owned).collect())
        .collect();
    (header, rows)
}

fn batch(header: &[String], rows: &[Vec<String>]) -> RecordBatch {
    let cols: Vec<(String, ArrayRef)> = header
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let a: StringArray = rows
                .iter()
                .map(|r| (!r[i].is_empty()).then(|| r[i].as_str()))
                .collect();
            (h.clone(), Arc::new(a) as ArrayRef)
        })
        .collect();
    RecordBatch::try_from_iter(cols).unwrap()
}

fn count_path(path: &std::path::Path) -> breachkit_roster::Counts {
    let mut c = Counter::new(&mapping(), &salt(), 0);
    let f = InputFormat::from_path(path).unwrap();
    source::read_path(path, f, &mut c, &mut |_, _| {}).unwrap();
    c.counts().unwrap()
}

#[test]
fn every_format_counts_the_same() {
    let (text, truth) = roster(21, 3000);
    let (_, want) = count_csv(&text);
    assert_eq!(want.persons, truth.persons);
    let (header, rows) = table(&text);
    let dir = tempfile::tempdir().unwrap();

    let jl = dir.path().join("r.jsonl");
    let mut s = String::new();
    for r in &rows {
        let obj: serde_json::Map<String, serde_json::Value> = header
            .iter()
            .zip(r)
            .filter(|(_, v)| !v.is_empty())
            .map(|(h, v)| (h.clone(), serde_json::Value::String(v.clone())))
            .collect();
        s.push_str(&serde_json::to_string(&obj).unwrap());
        s.push('\n');
    }
    std::fs::write(&jl, s).unwrap();
    assert_eq!(count_path(&jl), want);

    let b = batch(&header, &rows);
    let pq = dir.path().join("r.parquet");
    let mut w =
        parquet::arrow::ArrowWriter::try_new(std::fs::File::create(&pq).unwrap(), b.schema(), None)
            .unwrap();
    // Several batches, to cross batch boundaries.
    for chunk in 0..3 {
        let lo = chunk * rows.len() / 3;
        let hi = (chunk + 1) * rows.len() / 3;
        w.write(&batch(&header, &rows[lo..hi])).unwrap();
    }
    w.close().unwrap();
    assert_eq!(count_path(&pq), want);

    let ipc = dir.path().join("r.arrow");
    let mut w =
        arrow_ipc::writer::FileWriter::try_new(std::fs::File::create(&ipc).unwrap(), &b.schema())
            .unwrap();
    w.write(&b).unwrap();
    w.finish().unwrap();
    assert_eq!(count_path(&ipc), want);

    let stream = dir.path().join("r.arrows");
    let mut w = arrow_ipc::writer::StreamWriter::try_new(
        std::fs::File::create(&stream).unwrap(),
        &b.schema(),
    )
    .unwrap();
    w.write(&b).unwrap();
    w.finish().unwrap();
    assert_eq!(count_path(&stream), want);
}

#[test]
fn a_missing_column_is_named_once_with_all_others() {
    let mut c = Counter::new(&mapping(), &salt(), 0);
    let e = source::read_csv(
        "family_name,given_name\nA,B\n".as_bytes(),
        &mut c,
        &mut |_, _| {},
    )
    .unwrap_err();
    let msg = e.to_string();
    assert!(
        msg.contains("birth_date") && msg.contains("company") && msg.contains("prefecture"),
        "{msg}"
    );
    let _ = synth::HEADER;
}

//! The slow shapes found by the 2026-12 reliability probe, generated at any size.
//!
//! A port of `tests/fixtures/probe/gen_slow_inputs.py` (the probe's own generator, kept next to
//! its small reproducers): the same documents, with `n` as a parameter, so that tests can build
//! each shape at two sizes and compare the work done.

use serde_json::{Value, json};

fn base() -> serde_json::Map<String, Value> {
    let mut m = serde_json::Map::new();
    m.insert("schema_version".into(), json!("0.1"));
    m.insert("id".into(), json!("probe"));
    m.insert("time_zone".into(), json!("Europe/Amsterdam"));
    m
}

fn group() -> Value {
    json!({"id": "g", "kind": "customers", "count": {"kind": "exact", "value": 10},
           "categories": ["name"], "contact_details_available": "yes"})
}

fn doc(extra: Value) -> String {
    let mut m = base();
    if let Value::Object(e) = extra {
        m.extend(e);
    }
    Value::Object(m).to_string()
}

/// D2: `n` detected events dated after `n` aware events (one warning per pair before the fix).
pub fn timeline_pairs(n: usize) -> String {
    let mut t = vec![json!({"kind": "detected", "at": "2023-07-29"}); n];
    t.extend(vec![json!({"kind": "aware", "at": "2023-07-28"}); n]);
    doc(json!({ "timeline": t }))
}

/// D3: `n` detected events before `n` aware events: no warnings, but a pairwise loop.
pub fn timeline_loop(n: usize) -> String {
    let mut t = vec![json!({"kind": "detected", "at": "2023-07-27"}); n];
    t.extend(vec![json!({"kind": "aware", "at": "2023-07-28"}); n]);
    doc(json!({ "timeline": t }))
}

/// D3: 40 events (20 detected, 20 aware) each naming the same `n` organisations.
pub fn entity_overlap(n: usize) -> String {
    let orgs: Vec<Value> = (0..n)
        .map(|i| json!({"id": format!("o{i}"), "name": "O", "country": "JP"}))
        .collect();
    let ids: Vec<String> = (0..n).map(|i| format!("o{i}")).collect();
    let mut t = vec![json!({"kind": "detected", "at": "2023-07-29", "entities": ids}); 20];
    t.extend(vec![
        json!({"kind": "aware", "at": "2023-07-28", "entities": ids});
        20
    ]);
    doc(json!({ "organisations": orgs, "timeline": t }))
}

/// D3: a parent chain `o0 -> o1 -> ... -> o(n-1) -> o(n)` (the last parent is undefined).
pub fn parent_chain(n: usize) -> String {
    let orgs: Vec<Value> = (0..n)
        .map(|i| json!({"id": format!("o{i}"), "name": "O", "country": "JP", "parent": format!("o{}", i + 1)}))
        .collect();
    doc(json!({ "organisations": orgs }))
}

/// D4: one group held by `n` distinct organisations (a valid document).
pub fn many_holders(n: usize) -> String {
    let orgs: Vec<Value> = (0..n)
        .map(|i| json!({"id": format!("a{i}"), "name": "A", "country": "NL"}))
        .collect();
    let mut g = group();
    g["holders"] = (0..n)
        .map(|i| json!({"entity": format!("a{i}"), "role": "controller"}))
        .collect();
    doc(json!({
        "organisations": orgs,
        "timeline": [{"kind": "aware", "at": "2019-01-01"}],
        "breach": {"nature": ["confidentiality"], "risk": "high"},
        "groups": [g],
    }))
}

/// D5: `n` organisations sharing one id.
pub fn duplicate_org_ids(n: usize) -> String {
    let mut g = group();
    g["holders"] = json!([{"entity": "a", "role": "controller"}]);
    doc(json!({
        "organisations": vec![json!({"id": "a", "name": "A", "country": "NL"}); n],
        "timeline": [{"kind": "aware", "at": "2019-01-01"}],
        "breach": {"nature": ["confidentiality"], "risk": "high"},
        "groups": [g],
    }))
}

/// A generator: the size in, the document out.
pub type Shape = fn(usize) -> String;

/// Every generator, by the name of the probe's file.
pub const SHAPES: &[(&str, Shape)] = &[
    ("timeline-pairs", timeline_pairs),
    ("timeline-loop", timeline_loop),
    ("entity-overlap", entity_overlap),
    ("parent-chain", parent_chain),
    ("many-holders", many_holders),
    ("duplicate-org-ids", duplicate_org_ids),
];

//! Integration tests: generated rosters against their truth, mergeable partials, formats,
//! privacy canaries.
#![allow(clippy::panic, clippy::expect_used, clippy::unwrap_used)]

mod canary;
mod counts;
mod formats;
mod merge;

use breachkit_roster::{Counter, Counts, Mapping, Salt, source, synth};

pub(crate) fn mapping() -> Mapping {
    Mapping::from_toml(synth::MAPPING).unwrap()
}

pub(crate) fn salt() -> Salt {
    Salt::new(b"test salt, not a secret, 32 bytes").unwrap()
}

pub(crate) fn roster(seed: u64, rows: u64) -> (String, synth::Truth) {
    let mut out = Vec::new();
    let truth = synth::generate(seed, rows, &mut out).unwrap();
    (String::from_utf8(out).unwrap(), truth)
}

pub(crate) fn count_csv(text: &str) -> (Counter, Counts) {
    let mut c = Counter::new(&mapping(), &salt(), 0);
    source::read_csv(text.as_bytes(), &mut c, &mut |_, _| {}).unwrap();
    let counts = c.counts().unwrap();
    (c, counts)
}

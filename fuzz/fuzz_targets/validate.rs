//! Validation of any readable incident (JSON or TOML, by the first byte).
#![no_main]

use breachkit_model::{Format, Incident, MAX_PROBLEMS};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let format = if data.first() == Some(&b'{') {
        Format::Json
    } else {
        Format::Toml
    };
    if let Ok(inc) = Incident::read(data, format) {
        let problems = inc.validate();
        assert!(problems.len() <= MAX_PROBLEMS + 1, "problem cap exceeded");
        let _ = inc.check_consistent();
        let _ = inc.summary_text();
    }
});

//! The rule-file loader (a counsel's `--rules` file on top of the built-in rules), then an
//! assessment with what loaded.
#![no_main]

use libfuzzer_sys::fuzz_target;

const SEIKO: &str = include_str!("../../docs/examples/seiko-2023.json");

fuzz_target!(|data: &[u8]| {
    let Ok(text) = breachkit_model::read_limited(data, breachkit_model::MAX_DOCUMENT_BYTES) else {
        return;
    };
    let Ok(builtin) = breachkit_rules::Ruleset::builtin() else {
        return;
    };
    let mut rs = builtin.clone();
    if rs.load_regime("fuzz.toml", &text).is_ok() {
        let _ = rs.warnings();
        if let (Ok(inc), Ok(t)) = (
            breachkit_model::Incident::from_json(SEIKO),
            "2023-10-26T00:00:00+09:00".parse::<chrono::DateTime<chrono::Utc>>(),
        ) {
            let _ = rs.assess(&inc, t).to_json();
        }
    }
    let mut classes = builtin.clone();
    let _ = classes.load_classes("fuzz-classes.toml", &text);
});

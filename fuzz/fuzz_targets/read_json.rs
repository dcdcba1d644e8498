//! The incident reader, JSON: any bytes end in an incident (or a history) or a typed error,
//! never a panic.
#![no_main]

use breachkit_model::{Format, Incident};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(inc) = Incident::read(data, Format::Json) {
        // What was read is written back and read again to the same incident.
        let again = Incident::from_json(&inc.to_json());
        assert_eq!(again.as_ref(), Ok(&inc), "JSON round trip changed the incident");
        let _ = inc.to_toml();
    }
    // The same bytes as an incident history (revisions, the register's unit).
    if let Ok(text) = breachkit_model::read_limited(data, breachkit_model::MAX_DOCUMENT_BYTES) {
        if let Ok(h) = breachkit_model::IncidentHistory::from_json(&text) {
            let _ = h.validate();
        }
    }
});

//! VERIS: validation, import, and export of what was imported.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = breachkit_model::read_limited(data, breachkit_model::MAX_DOCUMENT_BYTES) else {
        return;
    };
    let _ = breachkit_veris::validate(&text);
    if let Ok(inc) = breachkit_veris::import_checked(&text) {
        let _ = inc.validate();
        let _ = breachkit_veris::export(&inc);
    }
});

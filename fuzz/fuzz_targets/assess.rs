//! Assessment of any readable incident, as of a few instants (the engine's calendars and clock
//! arithmetic meet odd dates).
#![no_main]

use breachkit_model::{Format, Incident};
use libfuzzer_sys::fuzz_target;

const AS_OF: &[&str] = &[
    "2023-10-26T00:00:00+09:00",
    "2019-01-14T00:00:00Z",
    "2099-12-31T23:59:59Z",
    "1900-01-01T00:00:00Z",
];

fuzz_target!(|data: &[u8]| {
    let format = if data.first() == Some(&b'{') {
        Format::Json
    } else {
        Format::Toml
    };
    let Ok(inc) = Incident::read(data, format) else {
        return;
    };
    let Ok(rs) = breachkit_rules::Ruleset::builtin() else {
        return;
    };
    for t in AS_OF {
        let Ok(t) = t.parse::<chrono::DateTime<chrono::Utc>>() else {
            continue;
        };
        let a = rs.assess(&inc, t);
        let _ = a.to_json();
        let _ = a.to_text();
        for o in inc.organisations.iter().take(2) {
            let _ = a.only_entity(o.id.as_str());
        }
        let _ = breachkit_rules::assess(&inc, t);
    }
    // The advisory judgement (GDPR risk, HIPAA, APPI leak) the engine and the CLI read.
    let _ = breachkit_rules::judge(&inc);
});

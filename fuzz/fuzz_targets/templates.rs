//! The template loader (`--templates`), then a draft rendered with what loaded.
#![no_main]

use breachkit_report::{Catalogue, Lang, Options, ReportKind};
use libfuzzer_sys::fuzz_target;

const SEIKO: &str = include_str!("../../docs/examples/seiko-2023.json");

fuzz_target!(|data: &[u8]| {
    let Ok(text) = breachkit_model::read_limited(data, breachkit_model::MAX_DOCUMENT_BYTES) else {
        return;
    };
    for lang in [Lang::En, Lang::Ja] {
        let Ok(mut cat) = Catalogue::builtin(lang) else {
            return;
        };
        if cat.load_overrides(&text).is_err() {
            continue;
        }
        let (Ok(inc), Ok(t)) = (
            breachkit_model::Incident::from_json(SEIKO),
            "2023-10-25T12:00:00+09:00".parse::<chrono::DateTime<chrono::Utc>>(),
        ) else {
            return;
        };
        let Ok(a) = breachkit_rules::assess(&inc, t) else {
            return;
        };
        for kind in [ReportKind::Announcement, ReportKind::PpcPreliminary] {
            if let Ok(d) = breachkit_report::draft(&inc, &a, &cat, &Options::new(kind, lang, t)) {
                let _ = breachkit_report::render(&d, &cat, breachkit_report::Format::Html);
            }
        }
    }
});

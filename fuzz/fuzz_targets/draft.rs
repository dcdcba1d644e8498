//! Every draft kind, in both languages and every format, for any readable incident.
#![no_main]

use breachkit_model::{Format, Incident};
use breachkit_report::{Catalogue, Lang, Options, ReportKind};
use libfuzzer_sys::fuzz_target;

const KINDS: &[&str] = &[
    "ppc-preliminary",
    "ppc-final",
    "gdpr-art33",
    "hhs",
    "individual-notice",
    "announcement",
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
    let Ok(t) = "2023-10-26T00:00:00+09:00".parse::<chrono::DateTime<chrono::Utc>>() else {
        return;
    };
    let Ok(rs) = breachkit_rules::Ruleset::builtin() else {
        return;
    };
    let a = rs.assess(&inc, t);
    for lang in [Lang::En, Lang::Ja] {
        let Ok(cat) = Catalogue::builtin(lang) else {
            return;
        };
        for kind in KINDS {
            let Ok(kind) = kind.parse::<ReportKind>() else {
                continue;
            };
            let mut opts = Options::new(kind, lang, t);
            // An explicit sequence from the input, to reach the numbering code.
            opts.sequence = data.get(1).map(|b| u32::from(*b));
            for o in [Options::new(kind, lang, t), opts] {
                if let Ok(drafts) = breachkit_report::draft(&inc, &a, &cat, &o) {
                    for f in [
                        breachkit_report::Format::Markdown,
                        breachkit_report::Format::Html,
                        breachkit_report::Format::Json,
                    ] {
                        let _ = breachkit_report::render(&drafts, &cat, f);
                    }
                }
            }
        }
    }
});

//! Work grows linearly with the input, for every command and every shape the reliability probe
//! found slow (D2–D5): each shape is built at 10× and 100× a base size, and the work of the
//! larger must be about 10 times the work of the smaller, not 100 (quadratic) or 1,000 (cubic).
//!
//! Work is counted, not timed: `validate` counts its own loop steps
//! (`Incident::validate_counted`), and assessing and drafting are measured by the number of heap
//! allocations they make (`allocation-counter`), which a per-pair or per-holder scan multiplies.
#![allow(clippy::panic, clippy::expect_used, clippy::unwrap_used)]

use breachkit::model::Incident;
use breachkit::report;
use breachkit_conformance::probe::SHAPES;
use chrono::{DateTime, Utc};

const BASE: usize = 20;
/// Linear work gives a ratio near 10; n log n a little more. Quadratic gives 100.
const MAX_RATIO: f64 = 16.0;

fn as_of() -> DateTime<Utc> {
    "2023-10-26T00:00:00+09:00".parse().unwrap()
}

fn ratio(small: u64, large: u64) -> f64 {
    large as f64 / small.max(1) as f64
}

#[test]
fn validate_steps_grow_linearly() {
    for (name, shape) in SHAPES {
        let steps = |n| {
            let inc = Incident::from_json(&shape(n)).unwrap();
            inc.validate_counted().1
        };
        let (small, large) = (steps(10 * BASE), steps(100 * BASE));
        let r = ratio(small, large);
        assert!(
            r <= MAX_RATIO,
            "{name}: validate did {small} steps at 10x and {large} at 100x (ratio {r:.1})"
        );
    }
}

#[test]
fn validate_output_is_capped() {
    // D2: one warning per late event, not per pair, and never more than MAX_PROBLEMS.
    let n = 1_500;
    let inc = Incident::from_json(&breachkit_conformance::probe::timeline_pairs(n)).unwrap();
    let problems = inc.validate();
    assert_eq!(problems.len(), breachkit::model::MAX_PROBLEMS + 1);
    let last = problems.last().unwrap();
    assert_eq!(last.code, "too_many_problems");
    assert!(
        last.message.starts_with("500 more problems"),
        "{}",
        last.message
    );
    // Each warning names a different event.
    let mut paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    paths.pop();
    paths.sort_unstable();
    paths.dedup();
    assert_eq!(paths.len(), breachkit::model::MAX_PROBLEMS);
}

fn allocations(f: impl FnOnce()) -> u64 {
    allocation_counter::measure(f).count_total
}

#[test]
fn assess_and_drafts_allocate_linearly() {
    use report::{Catalogue, Lang, Options, ReportKind};
    let kinds = [
        ReportKind::IndividualNotice,
        ReportKind::GdprArt33,
        ReportKind::Announcement,
        ReportKind::PpcPreliminary,
        ReportKind::Hhs,
    ];
    for (name, shape) in SHAPES {
        for lang in [Lang::En, Lang::Ja] {
            let cat = Catalogue::builtin(lang).unwrap();
            let work = |n| {
                let inc = Incident::from_json(&shape(n)).unwrap();
                allocations(|| {
                    let Ok(a) = breachkit::rules::assess(&inc, as_of()) else {
                        return;
                    };
                    for kind in kinds {
                        let _ = report::draft(&inc, &a, &cat, &Options::new(kind, lang, as_of()))
                            .map(|d| report::render(&d, &cat, report::Format::Html));
                    }
                })
            };
            let (small, large) = (work(10 * BASE), work(100 * BASE));
            let r = ratio(small, large);
            assert!(
                r <= MAX_RATIO,
                "{name} ({lang:?}): {small} allocations at 10x, {large} at 100x (ratio {r:.1})"
            );
        }
    }
}

#[test]
fn inconsistent_documents_are_refused_before_drafting() {
    // D5: a document with duplicate organisation ids is refused, whatever its size.
    let inc = Incident::from_json(&breachkit_conformance::probe::duplicate_org_ids(2_000)).unwrap();
    let e = breachkit::rules::assess(&inc, as_of()).unwrap_err();
    assert_eq!(e.path(), Some("/organisations/1/id"));
    let a = breachkit::rules::Ruleset::builtin()
        .unwrap()
        .assess(&inc, as_of());
    let cat = report::Catalogue::builtin(report::Lang::En).unwrap();
    let e = report::draft(
        &inc,
        &a,
        &cat,
        &report::Options::new(
            report::ReportKind::IndividualNotice,
            report::Lang::En,
            as_of(),
        ),
    )
    .unwrap_err();
    assert_eq!(e.code(), "duplicate_id");
}

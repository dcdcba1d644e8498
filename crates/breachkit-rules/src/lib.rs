//! breachkit's obligations engine.
//!
//! Breach-notification law as data: each regime version is a TOML file in `rules/` — triggers,
//! exemptions, recipients, stages, clocks with their day-counting conventions, content items,
//! citations with sources, effective dates and confidence — embedded at build time. The engine
//! turns an `Incident` ([`breachkit_model::Incident`]) into one [`Obligation`] per entity × regime ×
//! recipient × stage, each with its deadline, filing state, trace and open questions.
//!
//! The engine never reads the clock: "as of" is an input, and the same input gives the same
//! bytes.
//!
//! ```
//! use breachkit_rules::{assess, Status};
//! let incident = breachkit_model::Incident::from_json(include_str!("../../../docs/examples/seiko-2023.json"))?;
//! let as_of = "2023-08-01T03:00:00Z".parse()?;
//! let a = assess(&incident, as_of)?;
//! let final_report = a.get("swc/jp.appi/ppc-final").map(|o| o.status);
//! assert_eq!(final_report, Some(Status::Required));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![doc = include_str!("../README.md")]
// Dates, clock amounts and VERIS numbers meet arithmetic here: every operation is checked,
// saturating or proven in range, and no index can panic (issue 16). Tests may index freely.
#![cfg_attr(
    not(test),
    deny(
        clippy::arithmetic_side_effects,
        clippy::indexing_slicing,
        clippy::unreachable
    )
)]
#![deny(missing_docs)]

mod assessment;
pub mod calendar;
mod check;
mod engine;
mod error;
mod export;
pub mod i18n;
pub mod judgement;
mod load;
mod ruleset;
mod text;

pub use assessment::*;
pub use calendar::CalendarId;
pub use error::{RulesError, RulesWarning};
pub use export::{NOT_COVERED, ObligationRecord, RECORD_COLUMNS};
pub use i18n::Lang;
pub use judgement::{Advisory, Judgement, JudgementRules, Verdict, judge};
pub use load::*;
pub use ruleset::*;

//! breachkit's report drafting.
//!
//! From one incident document, draft what the law and the public need: the PPC leakage report
//! (preliminary and final, the nine items of PPC Rules Art. 8(1)), the GDPR Art. 33 notification
//! (with the EDPB template's field numbers and option letters in the JSON), the HHS breach report
//! (the portal's columns), notices to individuals (one per audience group) and the public
//! announcement series (the seed's structure, numbered, with what changed since the last one).
//!
//! Japanese and English come from the same data: every label, category name and enum value is in
//! a per-language catalogue (`templates/en.toml`, `templates/ja.toml`) that a user can override.
//! Wording is breachkit's own; where the law prescribes content, the section cites it. Each draft
//! lists the required items still missing, with the JSON pointer where to fill them; a final
//! report says so loudly.
//!
//! ```
//! use breachkit_report::{draft, render, Catalogue, Format, Lang, Options, ReportKind};
//! let incident = breachkit_model::Incident::from_json(include_str!("../../../docs/examples/seiko-2023.json"))?;
//! let as_of = "2023-10-25T12:00:00+09:00".parse()?;
//! let assessment = breachkit_rules::assess(&incident, as_of)?;
//! let cat = Catalogue::builtin(Lang::En)?;
//! let drafts = draft(&incident, &assessment, &cat, &Options::new(ReportKind::Announcement, Lang::En, as_of))?;
//! let text = render(&drafts, &cat, Format::Markdown);
//! assert!(text.contains("Regarding Our Recent Data Breach (Third Report)"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

mod bindings;
mod catalogue;
mod draft;
mod drafter;
mod forms;
mod render;

pub use catalogue::{BUILTIN, Catalogue, Lang};
pub use draft::{
    Draft, Missing, Options, ReportKind, Section, TimelinePoint, draft, previous_known,
};
pub use drafter::Drafter;
pub use render::{Format, html, markdown, render, timeline_svg};

/// Errors of report drafting. Messages never contain values from the incident.
#[derive(Clone, PartialEq, Eq, Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReportError {
    /// The report kind is not one breachkit drafts.
    #[error(
        "unknown report kind: use ppc-preliminary, ppc-final, gdpr-art33, hhs, individual-notice or announcement"
    )]
    UnknownKind,
    /// The language is not supported.
    #[error("unknown language: use ja or en")]
    UnknownLanguage,
    /// The output format is not supported.
    #[error("unknown format: use md, html or json")]
    UnknownFormat,
    /// The entity named in the options is not in the incident.
    #[error("no organisation with that id in the incident")]
    NoSuchEntity,
    /// The group named in the options is not in the incident.
    #[error("no group with that id in the incident")]
    NoSuchGroup,
    /// No entity holds affected data under the law of this report kind.
    #[error(
        "nothing to draft: no organisation holds affected data under the law of this report kind"
    )]
    NothingToDraft,
    /// The incident contradicts itself (duplicate ids, a parent cycle, a sequence number out of
    /// range); it is refused before any drafting.
    #[error("{0}")]
    Incident(breachkit_model::ModelError),
    /// A rule file given to a [`Drafter`] is broken.
    #[error("{0}")]
    Rules(breachkit_rules::RulesError),
    /// A template file is broken.
    #[error("template{}: {message}", if key.is_empty() { String::new() } else { format!(" {key}") })]
    Template {
        /// The key.
        key: String,
        /// The rule broken.
        message: String,
    },
}

impl ReportError {
    /// A stable code for the kind of error, for tools and bindings.
    pub fn code(&self) -> &'static str {
        match self {
            ReportError::UnknownKind => "unknown_kind",
            ReportError::UnknownLanguage => "unknown_language",
            ReportError::UnknownFormat => "unknown_format",
            ReportError::NoSuchEntity => "no_such_entity",
            ReportError::NoSuchGroup => "no_such_group",
            ReportError::NothingToDraft => "nothing_to_draft",
            ReportError::Template { .. } => "template",
            ReportError::Incident(e) => e.code(),
            ReportError::Rules(e) => e.code(),
        }
    }
}

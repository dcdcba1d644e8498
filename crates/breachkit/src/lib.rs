//! breachkit: the toolkit for personal-data breach response.
//!
//! When an organisation suffers a breach it must work out, quickly and correctly, who it owes a
//! notice to, by when, and what each notice must say — per legal entity, per law, per recipient.
//! breachkit models the incident ([`model`]) and turns it into obligations with deadlines,
//! citations and open questions ([`rules`]), drafts the reports ([`report`], feature `report`)
//! and exchanges incidents with VERIS ([`veris`], feature `veris`). Both features are on by
//! default; `default-features = false` leaves the model and the engine only.
//!
//! ```
//! use breachkit::{model::Incident, rules};
//! let incident = Incident::from_json(include_str!("../../../docs/examples/seiko-2023.json"))?;
//! assert!(incident.is_valid());
//! let as_of = "2023-08-01T12:00:00+09:00".parse()?;
//! let assessment = rules::assess(&incident, as_of)?;
//! let swc_final = assessment.get("swc/jp.appi/ppc-final").ok_or("missing")?;
//! // Wrongful purpose (ransomware): 60 days, the day of knowing (2023-07-28) counted as day 1.
//! assert_eq!(swc_final.deadline.due_local.as_deref(), Some("2023-09-25T23:59:59+09:00"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

/// The incident model (re-export of `breachkit-model`).
pub use breachkit_model as model;
/// The breach register (re-export of `breachkit-register`; feature `register`).
#[cfg(feature = "register")]
pub use breachkit_register as register;
/// Regulator reports, notices and announcements (re-export of `breachkit-report`; feature
/// `report`, on by default).
#[cfg(feature = "report")]
pub use breachkit_report as report;
/// The obligations engine (re-export of `breachkit-rules`).
pub use breachkit_rules as rules;
/// VERIS 1.4.1 interchange (re-export of `breachkit-veris`; feature `veris`, on by default).
#[cfg(feature = "veris")]
pub use breachkit_veris as veris;

/// The README's Rust code blocks, compiled as doc tests so the README stays true.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
struct ReadmeDoctests;

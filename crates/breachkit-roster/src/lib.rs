//! Affected-people rosters: from the records an investigation extracted to exact head counts.
//!
//! Every threshold in breach law is a head count of distinct people. This crate streams a roster
//! (CSV, JSON lines; Parquet and Arrow IPC with the `arrow` feature) — one row per record, the
//! same person often in many rows — and, guided by a small [`Mapping`]:
//!
//! 1. normalises the person-key fields ([`normalize`]: Unicode NFKC, case, white space, so
//!    full-width, half-width and spacing variants merge; near-misses stay apart);
//! 2. hashes them with a keyed BLAKE3 ([`Salt`]: the salt is an input and is never written out);
//! 3. unions each person's (entity, group) pairs, residences and exposed data categories;
//! 4. counts distinct persons exactly ([`Counts`]) per entity, group, (entity, group,
//!    jurisdiction) and (jurisdiction, legal data class) — the classes come from
//!    `breachkit-rules` (`rules/classes.toml`).
//!
//! No error, log or summary ever carries a roster value: a bad row is reported by number and
//! column ([`BadRow`]), entity and group values are translated through the mapping's tables.
//!
//! ```
//! use breachkit_roster::{Counter, Mapping, Salt, source};
//! let mapping = Mapping::from_toml(r#"
//!     [key]
//!     columns = ["name", "birth_date"]
//!     [entity]
//!     constant = "acme"
//!     [group]
//!     constant = "customers"
//!     [residence]
//!     state = "state"
//!     "#).map_err(|p| p[0].to_string())?;
//! let roster = "name,birth_date,state\nAda Lovelace,1815-12-10,CA\nＡＤＡ  LOVELACE,1815-12-10,ca\nAlan Turing,1912-06-23,NY\n";
//! let mut counter = Counter::new(&mapping, &Salt::new(b"a secret of 16 bytes or more")?, 0);
//! source::read_csv(roster.as_bytes(), &mut counter, &mut |_, _| {})?;
//! let counts = counter.counts()?;
//! assert_eq!(counts.persons, 2);
//! assert_eq!(counts.jurisdictions["US-CA"], 1);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

pub mod apply;
#[cfg(feature = "arrow")]
pub mod arrow_input;
mod count;
mod error;
pub mod geo;
pub mod mapping;
pub mod normalize;
pub mod source;
pub mod synth;

pub use count::{
    ClassCounts, Counter, Counts, GroupCounts, KEPT_BAD_ROWS, PersonKey, Row, Salt, UNKNOWN,
    partition_of,
};
pub use error::{BadRow, RosterError};
pub use mapping::{Mapping, MappingProblem};
pub use source::InputFormat;

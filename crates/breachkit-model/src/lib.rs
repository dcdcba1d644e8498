//! The breachkit incident model.
//!
//! An [`Incident`] holds what an organisation knows about a personal-data breach: the legal
//! entities involved and their roles, a timeline whose times may be partial, the nature and cause
//! of the breach, the affected groups with their data categories and counts, the measures taken,
//! and the reports already made. It is sans-I/O: reading and writing text is all it does.
//!
//! Two tiers of checking:
//! - building a value fails fast ([`CountryCode::try_new`], [`PartialTime`]'s `FromStr`, ids);
//!   documents are read through the same checks, and shape errors carry a JSON pointer;
//! - [`Incident::validate`] returns every [`Problem`] of a whole document with a stable code.
//!
//! Nothing here ever prints a value from a document in an error or a `Debug` output: free text is
//! [`Text`], whose `Debug` is redacted, and messages name the field and the rule.
//!
//! ```
//! use breachkit_model::{Incident, Severity};
//! let doc = r#"{
//!   "schema_version": "0.1", "id": "demo", "time_zone": "Asia/Tokyo",
//!   "organisations": [{"id": "acme", "name": "Acme KK", "country": "JP"}],
//!   "timeline": [{"kind": "detected", "at": "2023-07-28"}]
//! }"#;
//! let incident = Incident::from_json(doc)?;
//! assert!(incident.validate().iter().all(|p| p.severity != Severity::Error));
//! # Ok::<(), breachkit_model::ModelError>(())
//! ```
#![doc = include_str!("../README.md")]
#![deny(missing_docs)]
// Input numbers meet arithmetic here: every operation is checked, saturating or proven in range,
// and no index can panic (issue 16). Tests may index freely.
#![cfg_attr(
    not(test),
    deny(
        clippy::arithmetic_side_effects,
        clippy::indexing_slicing,
        clippy::unreachable
    )
)]

mod codes;
mod count;
mod error;
mod facts;
mod geo;
mod history;
mod ids;
mod incident;
mod io;
mod judgement;
mod limits;
mod problems;
mod schema;
pub use problems::{ProblemCode, problem_codes_markdown};
mod summary;
pub use summary::{Summary, SummaryEvent, SummaryGroup, SummaryOrganisation};
mod time;
mod validate;

pub use codes::CustomCode;
pub use count::{Bounds, Count, UnknownReason, union_bounds};
pub use error::ModelError;
pub use facts::{
    Cause, ContactKind, DataCategory, EncryptionState, EventKind, Exfiltration, GroupKind,
    MeasureKind, MeasureStatus, Nature, RecipientKind, ReportKind, RiskLevel, Role, Sector,
    SizeClass, Tristate,
};
pub use geo::{CountryCode, Jurisdiction};
pub use history::{Change, ChangeKind, IncidentHistory, JsonChange, Op, Revision, diff, json_diff};
pub use ids::{
    BodyId, DesignationCode, EntityId, GroupId, IncidentId, ReportId, TestCode, Text, Url,
};
pub use incident::{
    AffectedGroup, Backups, Breach, Contact, Determination, Encryption, Establishment, Event,
    Holding, Incident, Measure, Organisation, Recipient, ReportRecord, ReportStatus, Residence,
    SCHEMA_VERSION, Source, Totals,
};
pub use io::{Format, from_value, json_value, toml_value, toml_value_of_rules};
pub use judgement::{
    Availability, AvailabilityImpact, Compromise, CompromiseStatus, Consequence, Consequences,
    DataEffect, DataRecipient, DataVolume, Decision, DecisionOutcome, DecisionTopic, HashClass,
    Hashing, Identifiability, Pseudonymisation, RecipientType, RecoveryMethod, Vulnerability,
};
pub use limits::{
    MAX_DEPTH, MAX_DOCUMENT_BYTES, MAX_PROBLEMS, MAX_SEQUENCE, read_file, read_limited,
    text_from_bytes,
};
pub use schema::{history_schema_json, incident_schema_json, schema_error_message, shape_problems};
pub use time::{InstantRange, PartialTime, Precision, TimeZoneName};
pub use validate::{INCONSISTENT_CODES, Problem, Severity};

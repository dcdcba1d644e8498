//! What a register stores besides revisions: decisions, reports made, and the audit log.

use breachkit_model::{RiskLevel, Text};
use chrono::{DateTime, Utc};

/// A recorded decision on an incident: the risk verdict, whether to notify, and why.
///
/// GDPR Art. 33(5) asks a controller to document every breach, including the reasoning when it
/// decides not to notify; this is where that reasoning is kept, with who decided and when.
#[derive(Clone, PartialEq, Debug, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// 1, 2, ... per incident; assigned by the register (ignored on write).
    #[serde(default)]
    pub number: u32,
    /// The revision of the incident the decision was made on.
    pub revision: u32,
    /// When it was decided.
    pub decided_at: DateTime<Utc>,
    /// Who decided: a free identifier (a login, a role).
    pub author: Text,
    /// What it decides about, as a code (an obligation id such as `jp.appi/ppc-preliminary`, or
    /// `overall`).
    pub subject: String,
    /// The risk to the people concerned, as assessed.
    pub risk: RiskLevel,
    /// Whether to notify.
    pub notify: bool,
    /// The reasoning, in prose.
    pub justification: Text,
}

/// A file sent with a report, by name and SHA-256 (the file itself is not stored).
#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attachment {
    /// The file's name.
    pub name: Text,
    /// SHA-256 of its bytes, 64 lower-case hex digits.
    pub sha256: String,
}

/// A report, notice or announcement made, with the hashes of what was sent.
#[derive(Clone, PartialEq, Debug, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportMade {
    /// 1, 2, ... per incident; assigned by the register (ignored on write).
    #[serde(default)]
    pub number: u32,
    /// When it was made.
    pub made_at: DateTime<Utc>,
    /// Who made it.
    pub author: Text,
    /// The id of the report record in the incident document, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report: Option<String>,
    /// To whom (a regulator, the public, ...).
    pub recipient: Text,
    /// The files sent.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<Attachment>,
    /// Free notes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

/// A request to erase an incident's documents: the personal data the register holds about it
/// (every revision's document and note), for example when its retention period ends or a person's
/// erasure request reaches it. The request itself is an audit entry; the revisions' metadata, their
/// audit entries, the decisions and the reports made stay, so the chain still verifies and the
/// register still shows that the incident existed, when it was recorded and that it was erased.
#[derive(Clone, PartialEq, Debug, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeletionRequest {
    /// 1, 2, ... per incident; assigned by the register (ignored on write).
    #[serde(default)]
    pub number: u32,
    /// When it was requested (and carried out: the erasure is part of the same write).
    pub requested_at: DateTime<Utc>,
    /// Who requested it: a free identifier (a login, a role).
    pub requested_by: Text,
    /// Why, in prose (the retention rule, the request's reference).
    pub reason: Text,
    /// The revisions erased; filled in by the register (ignored on write).
    #[serde(default)]
    pub revisions: Vec<u32>,
}

impl DeletionRequest {
    /// A request to be written with [`crate::Register::erase`] (the register assigns the number
    /// and lists the revisions it erases).
    pub fn new(requested_at: DateTime<Utc>, requested_by: Text, reason: Text) -> DeletionRequest {
        DeletionRequest {
            number: 0,
            requested_at,
            requested_by,
            reason,
            revisions: Vec::new(),
        }
    }
}

/// What an audit entry records.
#[derive(
    Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum EntryKind {
    /// A revision of an incident.
    Revision,
    /// A decision.
    Decision,
    /// A report made.
    Report,
    /// A deletion request, carried out.
    Deletion,
}

impl EntryKind {
    /// The wire code.
    pub fn code(self) -> &'static str {
        match self {
            EntryKind::Revision => "revision",
            EntryKind::Decision => "decision",
            EntryKind::Report => "report",
            EntryKind::Deletion => "deletion",
        }
    }

    pub(crate) fn from_code(s: &str) -> Option<EntryKind> {
        match s {
            "revision" => Some(EntryKind::Revision),
            "decision" => Some(EntryKind::Decision),
            "report" => Some(EntryKind::Report),
            "deletion" => Some(EntryKind::Deletion),
            _ => None,
        }
    }
}

/// One entry of the append-only audit log.
#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize, serde::Deserialize)]
pub struct AuditEntry {
    /// Position in the chain: 1, 2, ...
    pub seq: u64,
    /// When the entry was written (the writer's instant, an input).
    pub at: String,
    /// What it records.
    pub kind: EntryKind,
    /// The incident.
    pub incident: String,
    /// The revision, decision or report number within the incident.
    pub number: u32,
    /// SHA-256 of the canonical serialisation of the recorded row.
    pub payload: String,
    /// The previous entry's hash (64 zeros for the first).
    pub prev: String,
    /// SHA-256 of this entry's canonical serialisation (which includes `prev`).
    pub hash: String,
}

/// Why a chain is broken.
#[derive(Clone, Copy, PartialEq, Eq, Debug, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum BreakReason {
    /// An entry is missing: the sequence jumps (a row was deleted).
    Gap,
    /// The entry's `prev` is not the previous entry's hash.
    PrevMismatch,
    /// The entry's hash does not match its content (the entry was edited).
    EntryAltered,
    /// The recorded row no longer matches the entry's payload hash (the row was edited).
    RowAltered,
    /// The recorded row is gone.
    RowMissing,
    /// A row exists that no entry records (inserted by hand).
    Unrecorded,
    /// The chain's head does not match the last entry (entries were cut off the end).
    HeadMismatch,
}

/// The first broken link of a chain.
#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize, serde::Deserialize)]
pub struct BrokenLink {
    /// The position (`seq`) where the chain first fails; for an unrecorded row, one past the
    /// last entry.
    pub position: u64,
    /// Why.
    pub reason: BreakReason,
    /// Which table the failing row or entry is in.
    pub table: &'static str,
}

/// The result of walking the audit chain.
#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize)]
pub struct Verification {
    /// Entries walked.
    pub entries: u64,
    /// The hash of the last entry (record it elsewhere to detect a later truncation).
    pub head: String,
    /// The first broken link, if any.
    pub broken: Option<BrokenLink>,
}

impl Verification {
    /// True when the whole chain holds.
    pub fn is_valid(&self) -> bool {
        self.broken.is_none()
    }
}

/// One incident in the register, as listed.
#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize)]
pub struct IncidentEntry {
    /// The incident's id.
    pub id: String,
    /// The latest revision number.
    pub latest: u32,
    /// When the first revision was recorded.
    pub first_recorded_at: String,
    /// When the latest revision was recorded.
    pub last_recorded_at: String,
    /// The deletion request that erased the incident's documents, if one did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub erased_by: Option<u32>,
}

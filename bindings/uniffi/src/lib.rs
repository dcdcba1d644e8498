//! breachkit for Swift and Kotlin (and any other uniffi language): read and validate an incident
//! document, assess the notification obligations it triggers, and draft the reports.
//!
//! This crate only translates. The core types cross the boundary as *mirrors*
//! (`#[uniffi::remote(Record|Enum)]`): each mirror re-states the fields of the core type, and the
//! build fails when the two drift apart, so there is no conversion code to keep in step. Where a
//! core type cannot be mirrored (newtype identifiers, open code lists, `chrono` instants, the
//! crates' error enums), it crosses through the narrowest translation defined below, and
//! `missing_apis.txt` lists it.
//!
//! Surface (the same in every language):
//! - `Incident.fromJson(json)` (throws `BreachkitError`) and `incident.validate()` → `[Problem]`;
//! - `assess(incident, asOf)` → `Assessment` (throws `BreachkitError`);
//! - `draftReport(incident, kind, lang, asOf, entity, group)` → `[Draft]` and
//!   `renderReport(drafts, format, lang)` → `String` (Markdown, HTML or JSON).
//!
//! No call panics across the boundary: every fallible step returns `BreachkitError`, and error
//! messages name the field and the rule, never a value from the document.
#![deny(missing_docs)]

use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use std::collections::BTreeMap;

use breachkit::model::Tristate;
use breachkit::model::{EntityId, Problem, RecipientKind, ReportId, Severity};
use breachkit::report::{Draft, Format, Lang, Missing, ReportKind, Section, TimelinePoint};
use breachkit::rules::{
    Assessment, CitationOut, Confidence, ContentOut, ContentRule, CoverageBasis, Deadline, Fact,
    FactCode, Filing, FilingState, GuidanceWindow, NotApplicable, NotCovered, Obligation,
    ObligationRecord, Outcome, Question, QuestionKind, RecipientOut, RuleOrigin, Stage, StartBasis,
    Status, StepKind, TraceStep,
};
use chrono::{DateTime, Utc};

uniffi::setup_scaffolding!("breachkit");

mod model;
pub use model::*;

// ---------------------------------------------------------------------------------------------
// Translations: the types that cannot be mirrored field for field.

/// An instant: `chrono::DateTime<Utc>` in the core. It crosses once, as the platform's instant
/// (`Date` in Swift, `java.time.Instant` in Kotlin, an aware `datetime` in Python). Lifting
/// checks the range instead of panicking.
pub type Timestamp = DateTime<Utc>;

uniffi::custom_type!(Timestamp, SystemTime, {
    remote,
    lower: |dt| SystemTime::from(dt),
    try_lift: |st| instant_from_system_time(st),
});

fn instant_from_system_time(st: SystemTime) -> uniffi::Result<Timestamp> {
    let dt = match st.duration_since(UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_secs())
            .ok()
            .and_then(|s| DateTime::from_timestamp(s, d.subsec_nanos())),
        Err(e) => {
            let d = e.duration();
            i64::try_from(d.as_secs()).ok().and_then(|s| {
                let (s, n) = if d.subsec_nanos() == 0 {
                    (-s, 0)
                } else {
                    (-s - 1, 1_000_000_000 - d.subsec_nanos())
                };
                DateTime::from_timestamp(s, n)
            })
        }
    };
    // An error of the function's own error type reaches the caller as that typed error.
    dt.ok_or_else(|| {
        BreachkitError::InvalidValue {
            code: "instant_out_of_range".into(),
            path: String::new(),
            rule: "instant out of range: expected a year between -262143 and 262142".into(),
        }
        .into()
    })
}

// Identifiers are checked newtypes in the core; across the boundary they are their string. A
// failed check must reach the caller as a `BreachkitError` (uniffi hands an error of the
// function's own type back; any other error is an internal error, a crash in Swift).
uniffi::custom_type!(EntityId, String, {
    remote,
    lower: |id| id.as_str().to_owned(),
    try_lift: |s| EntityId::try_new(s).map_err(model::value_error),
});

uniffi::custom_type!(ReportId, String, {
    remote,
    lower: |id| id.as_str().to_owned(),
    try_lift: |s| ReportId::try_new(s).map_err(model::value_error),
});

// An open code list (curated codes plus `other:<code>`) crosses as its wire code.
uniffi::custom_type!(RecipientKind, String, {
    remote,
    lower: |k| k.code().into_owned(),
    try_lift: |s| s.parse::<RecipientKind>().map_err(model::value_error),
});

/// Named arguments of a fact or question (codes, ids, numbers, dates): an ordered map in the
/// core, a dictionary / map across the boundary.
pub type Args = BTreeMap<String, String>;

uniffi::custom_type!(Args, std::collections::HashMap<String, String>, {
    remote,
    lower: |m| m.into_iter().collect(),
    try_lift: |h| Ok(h.into_iter().collect()),
});

/// A closed list of many codes crosses as its snake_case wire code; lifting an unknown code is
/// `BreachkitError::InvalidValue`.
fn code_from_str<T: serde::de::DeserializeOwned>(what: &str, s: String) -> uniffi::Result<T> {
    serde_json::from_value(serde_json::Value::String(s)).map_err(|_| {
        BreachkitError::InvalidValue {
            code: "unknown_code".into(),
            path: String::new(),
            rule: format!("not a {what} code"),
        }
        .into()
    })
}

uniffi::custom_type!(FactCode, String, {
    remote,
    lower: |c| c.code().to_owned(),
    try_lift: |s| code_from_str("fact", s),
});

uniffi::custom_type!(QuestionKind, String, {
    remote,
    lower: |c| c.code().to_owned(),
    try_lift: |s| code_from_str("question kind", s),
});

/// The language of an assessment's sentences (`en`, `ja`); named apart from the report `Lang`.
pub type AssessmentLang = breachkit::rules::Lang;

uniffi::custom_type!(AssessmentLang, String, {
    remote,
    lower: |l| l.code().to_owned(),
    try_lift: |s| code_from_str("language", s),
});

/// The structured fields of a draft (`Draft.fields`: PPC items, EDPB template fields, HHS
/// columns), a map of JSON values in the core. They cross as one JSON object in a string; lifting
/// a string that is not a JSON object is `BreachkitError::InvalidValue`.
pub type DraftFields = BTreeMap<String, serde_json::Value>;

uniffi::custom_type!(DraftFields, String, {
    remote,
    lower: |fields| serde_json::Value::Object(fields.into_iter().collect()).to_string(),
    try_lift: |json| draft_fields_from_json(&json),
});

fn draft_fields_from_json(json: &str) -> uniffi::Result<DraftFields> {
    // serde_json's message may quote the input, so the rule is our own (with the position).
    serde_json::from_str(json).map_err(|e| {
        BreachkitError::InvalidValue {
            code: "invalid_draft_fields".into(),
            path: String::new(),
            rule: format!(
                "draft fields: expected a JSON object of fields (line {}, column {})",
                e.line(),
                e.column()
            ),
        }
        .into()
    })
}

/// Everything that can go wrong, as one typed error (a Swift `Error`, a Kotlin exception).
///
/// Messages name the field and the rule that failed, never a value from the document. (The
/// field is called `rule`, not `message`: Kotlin exceptions already have a `message`.)
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
#[non_exhaustive]
pub enum BreachkitError {
    /// The document cannot be read: syntax, size, nesting, schema version, or a field that does
    /// not fit the format. `path` is a JSON pointer (empty when the document as a whole fails).
    #[error("{path}: {rule}")]
    InvalidDocument {
        /// The stable code of the failure (`syntax`, `shape`, `too_deep`, ...).
        code: String,
        /// JSON pointer to the failing field, or empty.
        path: String,
        /// The rule broken.
        rule: String,
    },
    /// A single value breaks its rule (an identifier, a code, a time out of range): building a
    /// native value with an invalid one raises this, never a crash.
    #[error("{rule}")]
    InvalidValue {
        /// The stable code of the rule (`invalid_id`, `invalid_country`, `invalid_time`, ...).
        code: String,
        /// JSON pointer to the value when it is known, else empty (a value checked on its own).
        path: String,
        /// The rule broken.
        rule: String,
    },
    /// A rule file could not be loaded (the built-in rules are tested, so this is a bug).
    #[error("{rule}")]
    Rules {
        /// What is wrong with the rule file.
        rule: String,
    },
    /// A report cannot be drafted as asked: the entity or group is not in the incident, or no
    /// organisation holds affected data (or a built-in template is broken, which is a bug).
    #[error("{rule}")]
    Report {
        /// The rule broken.
        rule: String,
    },
}

// api: ModelError -> BreachkitError
// api: ModelError::code -> BreachkitError.code
// api: ModelError::path -> BreachkitError.path
// api: ModelError::rule -> BreachkitError.rule
// api: ModelError::is_document_error -> BreachkitError.InvalidDocument
// api: RulesError -> BreachkitError
impl From<breachkit::model::ModelError> for BreachkitError {
    fn from(e: breachkit::model::ModelError) -> Self {
        use breachkit::model::ModelError as M;
        let code = e.code().to_owned();
        match e {
            M::Shape { path, message } => BreachkitError::InvalidDocument {
                code,
                path,
                rule: message,
            },
            e if e.is_document_error() => BreachkitError::InvalidDocument {
                code,
                path: e.path().unwrap_or("/").to_owned(),
                rule: e.rule(),
            },
            e => BreachkitError::InvalidValue {
                code,
                path: e.path().unwrap_or_default().to_owned(),
                rule: e.rule(),
            },
        }
    }
}

// api: ReportError -> BreachkitError
impl From<breachkit::report::ReportError> for BreachkitError {
    fn from(e: breachkit::report::ReportError) -> Self {
        match e {
            breachkit::report::ReportError::Incident(m) => m.into(),
            e => BreachkitError::Report {
                rule: e.to_string(),
            },
        }
    }
}

impl From<breachkit::rules::RulesError> for BreachkitError {
    fn from(e: breachkit::rules::RulesError) -> Self {
        match e {
            breachkit::rules::RulesError::Incident(m) => m.into(),
            e => BreachkitError::Rules {
                rule: e.to_string(),
            },
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Mirrors of core types: the compiler checks each against its core definition.

#[uniffi::remote(Enum)]
pub enum Severity {
    Warning,
    Error,
}

#[uniffi::remote(Record)]
pub struct Problem {
    pub code: String,
    pub path: String,
    pub severity: Severity,
    pub message: String,
}

#[uniffi::remote(Enum)]
pub enum Status {
    Required,
    NotRequired,
    Undetermined,
}

// `Stage` is `#[non_exhaustive]` in the core, so the mirror cannot be checked exhaustively by
// the compiler; the test `every_builtin_stage_crosses` guards it instead.
#[uniffi::remote(Enum)]
#[non_exhaustive]
pub enum Stage {
    Preliminary,
    Final,
    Notification,
    Notice,
    MediaNotice,
    AnnualLog,
    Assessment,
    Record,
    EarlyWarning,
    Intermediate,
    Supplement,
}

#[uniffi::remote(Enum)]
pub enum Confidence {
    High,
    Medium,
    Low,
}

#[uniffi::remote(Enum)]
pub enum StartBasis {
    Aware,
    DetectedAsEarliestAwareness,
    Unknown,
    Detected,
    Determined,
    Reported,
    AssessmentPeriodEnd,
    PriorDeadline,
    Event,
    OtherNotice,
}

#[uniffi::remote(Enum)]
pub enum FilingState {
    NotRequired,
    MadeOnTime,
    MadeLate,
    Made,
    InProgress,
    Pending,
    Overdue,
    Unknown,
}

#[uniffi::remote(Enum)]
pub enum Tristate {
    Yes,
    No,
    Unknown,
}

#[uniffi::remote(Record)]
pub struct Fact {
    pub code: FactCode,
    pub value: Option<Tristate>,
    pub args: Args,
}

#[uniffi::remote(Enum)]
#[non_exhaustive]
pub enum StepKind {
    Scope,
    Requires,
    Trigger,
    Exemption,
    ClockVariant,
    Recipient,
    Clock,
    Filing,
    RiskFactor,
    Duty,
}

#[uniffi::remote(Enum)]
#[non_exhaustive]
pub enum Outcome {
    Yes,
    No,
    Unknown,
    NotEstablished,
    Period { amount: u32, unit: String },
    Open,
    Due { due_local: String },
    NoFixedDeadline,
    UnknownStart,
    Filing { state: FilingState },
}

#[uniffi::remote(Record)]
pub struct RecipientOut {
    pub kind: RecipientKind,
    pub body: Option<String>,
    pub name: String,
    pub entity: Option<EntityId>,
    pub name_fact: Option<Fact>,
    pub routing: Vec<String>,
    pub route: Option<Fact>,
    pub route_facts: Vec<Fact>,
    pub accepts: Vec<RecipientKind>,
}

#[uniffi::remote(Record)]
pub struct GuidanceWindow {
    pub from: String,
    pub to: String,
    pub text: String,
    pub cite: String,
}

#[uniffi::remote(Record)]
pub struct Deadline {
    pub standard: String,
    pub due: Option<Timestamp>,
    pub due_local: Option<String>,
    pub time_zone: String,
    pub start: Option<Timestamp>,
    pub start_basis: StartBasis,
    pub provisional: bool,
    pub guidance: Option<GuidanceWindow>,
    pub counting_steps: Vec<Fact>,
    pub counting: String,
}

#[uniffi::remote(Record)]
pub struct Filing {
    pub state: FilingState,
    pub report: Option<ReportId>,
    pub reason: Fact,
    pub note: String,
}

#[uniffi::remote(Record)]
pub struct CitationOut {
    pub article: String,
    pub source: String,
    pub url: String,
}

#[uniffi::remote(Enum)]
pub enum ContentRule {
    Must,
    MustNot,
}

#[uniffi::remote(Record)]
pub struct ContentOut {
    pub id: String,
    pub label: String,
    pub cite: String,
    pub rule: ContentRule,
}

#[uniffi::remote(Record)]
pub struct TraceStep {
    pub kind: StepKind,
    pub clause: Option<String>,
    pub outcome: Outcome,
    pub cite: Option<String>,
    pub label: Option<String>,
    pub facts: Vec<Fact>,
    pub detail: String,
}

#[uniffi::remote(Record)]
pub struct Question {
    pub id: String,
    pub kind: QuestionKind,
    pub args: Args,
    pub path: String,
    pub text: String,
}

#[uniffi::remote(Record)]
pub struct Obligation {
    pub id: String,
    pub obligor: EntityId,
    pub obligor_name: String,
    pub regime: String,
    pub regime_version: String,
    pub rule: String,
    pub name: String,
    pub recipient: RecipientOut,
    pub stage: Stage,
    pub status: Status,
    pub deadline: Deadline,
    pub content: Vec<ContentOut>,
    pub filing: Filing,
    pub citations: Vec<CitationOut>,
    pub confidence: Confidence,
    pub trace: Vec<TraceStep>,
    pub questions: Vec<Question>,
    pub notes: Vec<String>,
}

#[uniffi::remote(Record)]
pub struct NotApplicable {
    pub entity: EntityId,
    pub regime: String,
    pub code: FactCode,
    pub facts: Vec<Fact>,
    pub reason: String,
}

#[uniffi::remote(Enum)]
pub enum CoverageBasis {
    Residents,
    Establishment,
}

#[uniffi::remote(Record)]
pub struct NotCovered {
    pub jurisdiction: String,
    pub basis: CoverageBasis,
    pub entities: Vec<EntityId>,
    pub persons_min: Option<u64>,
    pub persons_max: Option<u64>,
    pub facts: Vec<Fact>,
    pub statement: String,
}

#[uniffi::remote(Record)]
pub struct RuleOrigin {
    pub rules: String,
    pub file: String,
    pub replaces: Option<String>,
}

#[uniffi::remote(Record)]
pub struct ObligationRecord {
    pub id: String,
    pub obligor: String,
    pub obligor_name: String,
    pub regime: String,
    pub regime_version: String,
    pub rule: String,
    pub name: String,
    pub stage: String,
    pub status: String,
    pub recipient_kind: String,
    pub recipient_body: String,
    pub recipient_name: String,
    pub due_utc: String,
    pub due_local: String,
    pub time_zone: String,
    pub provisional: bool,
    pub start_basis: String,
    pub guidance_from: String,
    pub guidance_to: String,
    pub filing_state: String,
    pub filing_report: String,
    pub confidence: String,
    pub citations: String,
    pub questions: u32,
}

#[uniffi::remote(Record)]
pub struct Assessment {
    pub incident: String,
    pub as_of: Timestamp,
    pub lang: AssessmentLang,
    pub rules: Vec<String>,
    pub overrides: Vec<RuleOrigin>,
    pub obligations: Vec<Obligation>,
    pub not_applicable: Vec<NotApplicable>,
    pub not_covered: Vec<NotCovered>,
    pub questions: Vec<Question>,
}

// Report drafting (breachkit-report). `ReportKind`, `Lang` and `Format` are `#[non_exhaustive]`
// in the core; the test `every_report_enum_value_crosses` guards the mirrors. Names that the
// model crate also uses are pinned to the report crate on `// api:` lines.

// api: breachkit_report::ReportKind
#[uniffi::remote(Enum)]
#[non_exhaustive]
pub enum ReportKind {
    PpcPreliminary,
    PpcFinal,
    GdprArt33,
    Hhs,
    IndividualNotice,
    Announcement,
}

// api: breachkit_report::Lang
#[uniffi::remote(Enum)]
#[non_exhaustive]
pub enum Lang {
    Ja,
    En,
}

// api: breachkit_report::Format
#[uniffi::remote(Enum)]
#[non_exhaustive]
pub enum Format {
    Markdown,
    Html,
    Json,
}

#[uniffi::remote(Record)]
pub struct Section {
    pub id: String,
    pub heading: String,
    pub cite: Option<String>,
    pub paragraphs: Vec<String>,
    pub items: Vec<String>,
    pub numbered: bool,
}

#[uniffi::remote(Record)]
pub struct Missing {
    pub item: String,
    pub label: String,
    pub path: String,
}

#[uniffi::remote(Record)]
pub struct TimelinePoint {
    pub date: String,
    pub label_date: String,
    pub label: String,
}

#[uniffi::remote(Record)]
pub struct Draft {
    pub kind: ReportKind,
    pub lang: Lang,
    pub title: String,
    pub entity: Option<String>,
    pub group: Option<String>,
    pub header: Vec<String>,
    pub intro: Vec<String>,
    pub sections: Vec<Section>,
    pub closing: Vec<String>,
    pub fields: DraftFields,
    pub missing: Vec<Missing>,
    pub complete: bool,
    pub must_be_complete: bool,
    pub timeline: Vec<TimelinePoint>,
    pub footer: String,
}

// ---------------------------------------------------------------------------------------------
// Engines: objects and functions.

// api: Incident::from_json
// api: Incident::from_toml
// api: Incident::to_json
// api: Incident::to_toml
// api: Incident::validate
/// An incident document, read and checked for shape. Immutable.
#[derive(Debug, uniffi::Object)]
pub struct Incident(breachkit::model::Incident);

#[uniffi::export]
impl Incident {
    /// Reads an incident from its JSON wire format.
    ///
    /// # Errors
    /// [`BreachkitError::InvalidDocument`] with the JSON pointer of the first failing field.
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<Self>, BreachkitError> {
        Ok(Arc::new(Incident(breachkit::model::Incident::from_json(
            &json,
        )?)))
    }

    /// Reads an incident from its TOML authoring format.
    ///
    /// # Errors
    /// As [`Incident::from_json`].
    #[uniffi::constructor]
    pub fn from_toml(toml: String) -> Result<Arc<Self>, BreachkitError> {
        Ok(Arc::new(Incident(breachkit::model::Incident::from_toml(
            &toml,
        )?)))
    }

    /// An incident from its native value (built field by field, or read and edited). The value
    /// goes through the same reader as a document, so every rule a document obeys holds.
    ///
    /// # Errors
    /// [`BreachkitError::InvalidValue`] for a value that breaks its rule while crossing (an
    /// identifier, a code, a time); [`BreachkitError::InvalidDocument`] with the JSON pointer of
    /// the field for a rule between fields (a count range whose minimum exceeds its maximum, an
    /// unsupported schema version).
    #[uniffi::constructor]
    pub fn from_data(data: IncidentData) -> Result<Arc<Self>, BreachkitError> {
        let checked = breachkit::model::Incident::from_json(&data.to_json())?;
        Ok(Arc::new(Incident(checked)))
    }

    /// The incident as a native value: read any field, change a copy, and make a new incident
    /// of it with `fromData`.
    pub fn data(&self) -> IncidentData {
        self.0.clone()
    }

    /// The canonical JSON form (pretty-printed, fields in declaration order, a final newline).
    pub fn to_json(&self) -> String {
        self.0.to_json()
    }

    /// The TOML authoring form.
    ///
    /// # Errors
    /// Never for an incident that was read; kept because TOML writing is fallible in general.
    pub fn to_toml(&self) -> Result<String, BreachkitError> {
        Ok(self.0.to_toml()?)
    }

    /// Every problem of the whole document (errors and warnings), each with a stable code.
    pub fn validate(&self) -> Vec<Problem> {
        self.0.validate()
    }

    /// The incident's identifier.
    pub fn id(&self) -> String {
        self.0.id.as_str().to_owned()
    }
}

// api: breachkit_rules::assess
/// Assesses an incident with the built-in rules as of an instant (the engine never reads the
/// clock: the same inputs give the same result).
///
/// # Errors
/// [`BreachkitError::Rules`] only if a built-in rule file is broken.
#[uniffi::export]
pub fn assess(incident: &Incident, as_of: Timestamp) -> Result<Assessment, BreachkitError> {
    Ok(breachkit::rules::assess(&incident.0, as_of)?)
}

// api: breachkit_rules::assess_with_options
// api: AssessOptions -> assessWith arguments
/// Assesses an incident with the same options as `breachkit assess`: the language of the
/// sentences (`en`, `ja`), one entity only, and a counsel's rule files (`[name, TOML text]`
/// pairs, loaded on top of the built-in rules in order).
///
/// # Errors
/// [`BreachkitError::Rules`] for a broken rule file or an unknown entity.
#[uniffi::export]
pub fn assess_with(
    incident: &Incident,
    as_of: Timestamp,
    lang: AssessmentLang,
    entity: Option<String>,
    rule_files: Vec<Vec<String>>,
) -> Result<Assessment, BreachkitError> {
    let mut opts = breachkit::rules::AssessOptions::new(as_of);
    opts.lang = lang;
    opts.entity = entity;
    for pair in rule_files {
        match pair.as_slice() {
            [name, text] => opts.rule_files.push((name.clone(), text.clone())),
            _ => {
                return Err(BreachkitError::InvalidValue {
                    code: "invalid_argument".into(),
                    path: "rule_files".into(),
                    rule: "rule_files: each item is [name, TOML text]".into(),
                });
            }
        }
    }
    Ok(breachkit::rules::assess_with_options(&incident.0, &opts)?)
}

// api: Assessment::records
/// One flat record per obligation (the CSV columns of `breachkit assess --format csv`).
#[uniffi::export]
pub fn assessment_records(assessment: Assessment) -> Vec<ObligationRecord> {
    assessment.records()
}

// api: Assessment::to_ics
/// The assessment's deadlines as an iCalendar feed (one event per deadline, stable UIDs).
#[uniffi::export]
pub fn assessment_ics(assessment: Assessment) -> String {
    assessment.to_ics()
}

// api: breachkit_report::draft
// api: Options -> draftReport arguments
// api: Catalogue::builtin
/// Drafts the reports of one kind in one language as of an instant, with the built-in
/// catalogue: one draft per entity the kind applies to (per audience group for individual
/// notices), or only `entity`'s, or only `group`'s. The same as `breachkit report`.
///
/// # Errors
/// [`BreachkitError::Report`] when `entity` or `group` is not in the incident or there is
/// nothing to draft; [`BreachkitError::Rules`] only if a built-in rule file is broken.
#[uniffi::export(default(entity = None, group = None))]
pub fn draft_report(
    incident: &Incident,
    kind: ReportKind,
    lang: Lang,
    as_of: Timestamp,
    entity: Option<String>,
    group: Option<String>,
) -> Result<Vec<Draft>, BreachkitError> {
    let assessment = breachkit::rules::assess(&incident.0, as_of)?;
    let cat = breachkit::report::Catalogue::builtin(lang)?;
    let mut opts = breachkit::report::Options::new(kind, lang, as_of);
    opts.entity = entity;
    opts.group = group;
    Ok(breachkit::report::draft(
        &incident.0,
        &assessment,
        &cat,
        &opts,
    )?)
}

// api: breachkit_report::render
/// Renders drafts as Markdown, self-contained HTML or JSON, with the built-in catalogue of
/// `lang` (several drafts are separated: a rule, a page break, a JSON array).
///
/// # Errors
/// [`BreachkitError::Report`] only if a built-in template is broken.
#[uniffi::export]
pub fn render_report(
    drafts: Vec<Draft>,
    format: Format,
    lang: Lang,
) -> Result<String, BreachkitError> {
    let cat = breachkit::report::Catalogue::builtin(lang)?;
    Ok(breachkit::report::render(&drafts, &cat, format))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The probe's JSON reproducers through the binding's functions (what Swift and Kotlin
    /// call): a value or a typed `BreachkitError` with the field's path, never a panic.
    #[test]
    fn probe_reproducers_give_typed_errors() {
        let dir =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/probe");
        let read = |name: &str| std::fs::read_to_string(dir.join(name)).unwrap_or_default();
        let t: Timestamp = "2023-10-26T00:00:00Z".parse().unwrap_or_default();
        let dup = Incident::from_json(read("duplicate-key.json"));
        assert!(
            matches!(&dup, Err(BreachkitError::InvalidDocument { path, .. }) if path == "/id"),
            "{dup:?}"
        );
        let Ok(inc) = Incident::from_json(read("announcement-sequence-overflow.json")) else {
            panic!("the overflow reproducer reads");
        };
        let e = draft_report(&inc, ReportKind::Announcement, Lang::En, t, None, None);
        assert!(
            matches!(&e, Err(BreachkitError::InvalidDocument { path, .. }) if path == "/reports/0/sequence"),
            "{e:?}"
        );
        assert!(matches!(
            assess(&inc, t),
            Err(BreachkitError::InvalidDocument { .. })
        ));
        let bom =
            Incident::from_json("\u{feff}{\"schema_version\": \"0.1\", \"id\": \"x\"}".into());
        assert!(bom.is_ok(), "{bom:?}");
    }

    #[test]
    fn instants_round_trip_and_out_of_range_is_an_error() {
        let t: DateTime<Utc> = "2023-08-01T03:00:00Z".parse().unwrap_or_default();
        let st = SystemTime::from(t);
        assert_eq!(instant_from_system_time(st).ok(), Some(t));
        let before = UNIX_EPOCH - std::time::Duration::new(10, 250_000_000);
        let back = instant_from_system_time(before)
            .ok()
            .map(|d| d.timestamp_millis());
        assert_eq!(back, Some(-10_250));
        let far = UNIX_EPOCH + std::time::Duration::from_secs(1 << 60);
        assert!(instant_from_system_time(far).is_err());
    }

    #[test]
    fn errors_are_typed_and_never_quote_values() {
        let Err(e) = Incident::from_json("{\"id\": \"Jane Doe\"".into()) else {
            unreachable!("bad JSON must fail")
        };
        assert!(matches!(e, BreachkitError::InvalidDocument { .. }));
        let doc = r#"{"schema_version": "0.1", "id": "x", "organisations": [{"id": "a", "name": "n", "country": "Jane Doe"}]}"#;
        let Err(e) = Incident::from_json(doc.into()) else {
            unreachable!("bad country must fail")
        };
        assert!(!e.to_string().contains("Jane"), "{e}");
    }

    #[test]
    fn every_builtin_stage_crosses() {
        let rules = breachkit::rules::Ruleset::builtin();
        assert!(rules.is_ok());
        for r in rules.iter().flat_map(|rs| rs.regimes()) {
            for o in &r.obligation {
                // Lowering panics on a stage the mirror does not know.
                let mut buf = Vec::new();
                <Stage as uniffi::Lower<crate::UniFfiTag>>::write(o.stage, &mut buf);
                assert_eq!(buf.len(), 4);
            }
        }
    }

    #[test]
    fn every_report_enum_value_crosses() {
        // Lowering panics on a value the mirror does not know.
        for k in breachkit::report::ReportKind::ALL {
            let mut buf = Vec::new();
            <ReportKind as uniffi::Lower<crate::UniFfiTag>>::write(*k, &mut buf);
            assert_eq!(buf.len(), 4);
        }
        for (l, _) in breachkit::report::BUILTIN {
            let mut buf = Vec::new();
            <Lang as uniffi::Lower<crate::UniFfiTag>>::write(*l, &mut buf);
            assert_eq!(buf.len(), 4);
        }
        for f in ["md", "html", "json"] {
            let f = f.parse::<Format>();
            assert!(f.is_ok());
            let mut buf = Vec::new();
            if let Ok(f) = f {
                <Format as uniffi::Lower<crate::UniFfiTag>>::write(f, &mut buf);
            }
            assert_eq!(buf.len(), 4);
        }
    }

    fn seiko() -> Option<Arc<Incident>> {
        Incident::from_json(include_str!("../../../docs/examples/seiko-2023.json").into()).ok()
    }

    #[test]
    fn drafts_cross_and_unknown_ids_are_typed_errors() {
        let Some(inc) = seiko() else {
            unreachable!("the example reads")
        };
        let as_of: Timestamp = "2023-10-25T03:00:00Z".parse().unwrap_or_default();
        let drafts = draft_report(&inc, ReportKind::PpcFinal, Lang::En, as_of, None, None);
        let Ok(drafts) = drafts else {
            unreachable!("{drafts:?}")
        };
        assert_eq!(drafts.len(), 3);
        // The fields cross as a JSON object and come back unchanged.
        for d in &drafts {
            let mut buf = Vec::new();
            <Draft as uniffi::Lower<crate::UniFfiTag>>::write(d.clone(), &mut buf);
            let back = <Draft as uniffi::Lift<crate::UniFfiTag>>::try_read(&mut buf.as_slice());
            assert_eq!(back.ok().as_ref(), Some(d));
        }
        let json = render_report(drafts, Format::Json, Lang::En).unwrap_or_default();
        assert!(json.starts_with('['), "{json}");
        for (entity, group) in [(Some("Jane Doe"), None), (None, Some("Jane Doe"))] {
            let e = draft_report(
                &inc,
                ReportKind::IndividualNotice,
                Lang::En,
                as_of,
                entity.map(Into::into),
                group.map(Into::into),
            );
            let Err(e) = e else { unreachable!("must fail") };
            assert!(matches!(e, BreachkitError::Report { .. }), "{e:?}");
            assert!(!e.to_string().contains("Jane"), "{e}");
        }
        let Err(e) = draft_fields_from_json("[\"Jane Doe\"]") else {
            unreachable!("an array is not fields")
        };
        assert!(!e.to_string().contains("Jane"), "{e}");
    }
}

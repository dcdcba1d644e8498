//! The rule-file format: a regime, its versions, and its obligations as cited, dated data.
//!
//! A rule file is TOML (see `rules/*.toml` and docs/design.md, "Law as data"). Triggers,
//! exemptions, recipients, stages, clocks, content items and citations are rows; the only code
//! per regime is what data cannot express (for example resolving the GDPR lead authority).

use chrono::NaiveDate;

use breachkit_model::{Nature, RecipientKind, Role};

use crate::calendar::CalendarId;

/// How sure breachkit is of a rule's reading of the law.
#[derive(
    Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    /// Read in the statute, regulation or regulator's text.
    High,
    /// From a reputable secondary source, or a reading of the text that is not settled.
    Medium,
    /// Weak source or inference; check before relying on it.
    Low,
}

/// Whether a regime is law or only proposed.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RegimeStatus {
    /// In force between its effective dates.
    #[default]
    InForce,
    /// Proposed; never applied, listed for information.
    Proposed,
}

/// A source a rule cites.
#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceRef {
    /// Key used by citations.
    pub key: String,
    /// Title.
    pub title: String,
    /// URL.
    pub url: String,
}

/// A citation: article and paragraph, and which source.
#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Citation {
    /// Article, paragraph, item (`APPI Art. 26(1)`, `PPC Rules Art. 8(2)`).
    pub article: String,
    /// Key of a source in the regime's `sources`.
    pub source: String,
}

/// The regime header of a rule file.
#[derive(Clone, PartialEq, Debug, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegimeMeta {
    /// Identifier (`jp.appi`, `eu.gdpr`, `us.hipaa`).
    pub id: String,
    /// Name for people.
    pub name: String,
    /// Where it applies (`JP`, `EU`, `GB`, `US`).
    pub jurisdiction: String,
    /// The version label (usually the date of the amendment it reflects).
    pub version: String,
    /// First day this version applies (by the date the obligor became aware).
    pub effective_from: NaiveDate,
    /// Last day this version applies, if superseded.
    #[serde(default)]
    pub effective_to: Option<NaiveDate>,
    /// In force or proposed.
    #[serde(default)]
    pub status: RegimeStatus,
    /// The zone in which its calendar days are counted.
    pub time_zone: String,
    /// Sources cited by the rules.
    pub sources: Vec<SourceRef>,
    /// To which entities the regime applies (any of these); empty means every entity.
    #[serde(default)]
    pub applies: Vec<Clause>,
    /// Points where the law is unsettled, or where breachkit's reading is a choice.
    #[serde(default)]
    pub unsettled: Vec<String>,
}

/// Facts of the incident a rule can test.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum FactName {
    /// `/breach/wrongful_purpose`.
    WrongfulPurpose,
    /// Encrypted to a high standard, key not compromised (`/breach/encryption`).
    Unintelligible,
    /// Exfiltration confirmed or suspected (`/breach/exfiltration`).
    Exfiltration,
    /// The controller assessed the risk as unlikely (`/breach/risk`).
    RiskUnlikely,
    /// The controller assessed a high risk (`/breach/risk`).
    RiskHigh,
    /// HIPAA low probability of compromise demonstrated (`/breach/low_probability_of_compromise`).
    LowProbabilityOfCompromise,
    /// The processor (entrusted party) has informed its controller (a `controller_informed` event).
    ControllerInformed,
    /// Later measures ensure a high risk is no longer likely (`/breach/high_risk_mitigated`).
    HighRiskMitigated,
    /// No group in scope can be contacted individually (every `contact_details_available` is no).
    NoContactDetails,
}

/// A condition over the incident, as seen by one entity. Written in TOML as a one-key table:
/// `{ data_class = "jp.appi.special_care" }`, `{ any = [ ... ] }`.
#[derive(Clone, PartialEq, Debug, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Condition {
    /// All hold.
    All(Vec<Condition>),
    /// At least one holds.
    Any(Vec<Condition>),
    /// Does not hold.
    Not(Box<Condition>),
    /// A data category of the class is affected in a group the entity holds.
    DataClass(String),
    /// More than N distinct people in the groups the entity holds.
    PersonsOver(u64),
    /// N or more distinct people in the groups the entity holds.
    PersonsAtLeast(u64),
    /// A fact of the breach.
    Fact(FactName),
    /// The breach has one of these natures.
    NatureIn(Vec<Nature>),
    /// The breach has one of these causes (codes).
    CauseIn(Vec<String>),
    /// The entity is incorporated in one of these countries (`@eea` names the EEA).
    EntityCountryIn(Vec<String>),
    /// The entity has an establishment (or is incorporated) in one of these countries.
    EstablishedIn(Vec<String>),
    /// People of the entity's groups are recorded as living in one of these countries.
    ResidentsIn(Vec<String>),
    /// The entity offers goods or services to, or monitors, people in one of these countries.
    MarketsIn(Vec<String>),
    /// The entity is in this sector (code).
    Sector(String),
    /// Every group in scope is held by the entity in this role.
    HeldAs(Role),
}

/// A named, cited condition: a trigger, a requirement or an exemption.
#[derive(Clone, PartialEq, Debug, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Clause {
    /// Identifier within the obligation (`r7-iii`).
    pub id: String,
    /// What it means, for people.
    pub label: String,
    /// Article it encodes.
    pub cite: String,
    /// The condition.
    pub when: Condition,
    /// What to do when the facts leave it unknown (exemptions only).
    #[serde(default)]
    pub if_unknown: IfUnknown,
    /// Why `if_unknown` is `not_established` (the law puts the burden on the organisation).
    #[serde(default)]
    pub basis: Option<String>,
}

/// How an exemption whose facts are unknown is treated.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IfUnknown {
    /// The obligation becomes undetermined.
    #[default]
    Undetermined,
    /// The exemption is not established; the duty applies unless it is shown (burden of proof on
    /// the organisation). The question is still asked.
    NotEstablished,
}

/// The stage of a report.
#[derive(
    Clone, Copy, PartialEq, Eq, Debug, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Stage {
    /// First report (PPC 速報).
    Preliminary,
    /// Final report (PPC 確報).
    Final,
    /// The one notification (GDPR Art. 33, HHS).
    Notification,
    /// Notice to individuals.
    Notice,
    /// Notice to the media.
    MediaNotice,
    /// Annual log submission (HIPAA under 500).
    AnnualLog,
}

impl Stage {
    /// Snake-case code.
    pub fn code(self) -> &'static str {
        match self {
            Stage::Preliminary => "preliminary",
            Stage::Final => "final",
            Stage::Notification => "notification",
            Stage::Notice => "notice",
            Stage::MediaNotice => "media_notice",
            Stage::AnnualLog => "annual_log",
        }
    }
}

/// How a recipient is found when it is not fixed.
#[derive(Clone, Copy, PartialEq, Eq, Debug, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Resolve {
    /// GDPR Art. 56 lead authority of the main EU establishment; without an EU establishment,
    /// the authority of every member state where affected people live (EDPB 9/2022 §I.C.4).
    GdprAuthorities,
    /// The controller (entrustor, covered entity) the processor works for.
    Controller,
    /// One recipient per State with more than `media_threshold` residents (HIPAA 164.406).
    PerStateMedia,
}

/// Who receives the report or notice.
#[derive(Clone, PartialEq, Debug, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecipientRule {
    /// Kind.
    pub kind: RecipientKind,
    /// Fixed body id (`jp.ppc`).
    #[serde(default)]
    pub body: Option<String>,
    /// Fixed body name.
    #[serde(default)]
    pub name: Option<String>,
    /// Dynamic resolution.
    #[serde(default)]
    pub resolve: Option<Resolve>,
    /// For `per_state_media`: more than this many residents of the State.
    #[serde(default)]
    pub threshold: Option<u64>,
    /// Routing notes (for example a delegated ministry).
    #[serde(default)]
    pub routing: Vec<String>,
    /// Recorded reports to these recipient kinds (without a body id) also discharge the
    /// obligation (a press release carried by the media, for HIPAA's media notice).
    #[serde(default)]
    pub accepts: Vec<RecipientKind>,
    /// Alternative recipients when a condition on the entity holds, first match wins (APPI: a
    /// business under the FSA's supervision reports to the FSA, APPI Art. 150(1)).
    #[serde(default)]
    pub routes: Vec<Route>,
}

/// An alternative recipient for entities that meet a condition.
#[derive(Clone, PartialEq, Debug, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Route {
    /// When it applies.
    pub when: Condition,
    /// The recipient kind, when it changes (GDPR Art. 34(3)(c): the public instead of individuals).
    #[serde(default)]
    pub kind: Option<RecipientKind>,
    /// Body id.
    pub body: String,
    /// Body name.
    pub name: String,
    /// Article or source.
    pub cite: String,
    /// How sure we are of the routing.
    pub confidence: Confidence,
}

/// The event that starts a clock.
#[derive(Clone, Copy, PartialEq, Eq, Debug, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum StartEvent {
    /// The entity became aware (knew; discovered). Falls back to detection, flagged.
    Aware,
}

/// The unit of a clock.
#[derive(Clone, Copy, PartialEq, Eq, Debug, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ClockKind {
    /// No fixed period ("promptly", "without undue delay").
    None,
    /// Exact hours from the start instant.
    Hours,
    /// Calendar days.
    CalendarDays,
    /// Business days of `calendar`.
    BusinessDays,
    /// Calendar days after the end of the calendar year of the start (HIPAA 164.408(c)).
    DaysAfterYearEnd,
}

/// Whether the start day is day 1 of a day count.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FirstDay {
    /// The start day is day 1 (PPC guideline 3-5-3-4).
    Counts,
    /// The count starts the day after (the common default of civil law).
    #[default]
    Excluded,
}

/// A longer or shorter period when a trigger holds (APPI: 60 days for wrongful purpose).
#[derive(Clone, PartialEq, Debug, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClockVariant {
    /// The trigger id whose holding selects this variant.
    pub when_trigger: String,
    /// The period.
    pub amount: u32,
    /// Article.
    pub cite: String,
}

/// A non-binding target (PPC guideline: roughly 3–5 days for the preliminary report).
#[derive(Clone, PartialEq, Debug, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Guidance {
    /// Earliest day of the target window, counted like the clock.
    pub min_days: u32,
    /// Latest day of the target window.
    pub max_days: u32,
    /// What the guidance says, in our words.
    pub text: String,
    /// Where.
    pub cite: String,
}

/// When a report is due.
#[derive(Clone, PartialEq, Debug, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClockRule {
    /// What starts it.
    pub start: StartEvent,
    /// Unit.
    pub kind: ClockKind,
    /// Period (hours or days), unless `kind` is `none`.
    #[serde(default)]
    pub amount: Option<u32>,
    /// Whether the start day counts as day 1.
    #[serde(default)]
    pub first_day: FirstDay,
    /// Calendar whose closed days roll the last day forward.
    #[serde(default)]
    pub roll_forward: Option<CalendarId>,
    /// Calendar for business days.
    #[serde(default)]
    pub calendar: Option<CalendarId>,
    /// The legal standard in words ("promptly", "without undue delay").
    pub standard: String,
    /// Article of the period.
    pub cite: String,
    /// Where the day-counting convention comes from.
    #[serde(default)]
    pub counting_cite: Option<String>,
    /// Alternative periods keyed to triggers.
    #[serde(default)]
    pub variants: Vec<ClockVariant>,
    /// Non-binding target.
    #[serde(default)]
    pub guidance: Option<Guidance>,
}

/// An item a report or notice must carry.
#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContentItem {
    /// Identifier (`overview`, `data_items`).
    pub id: String,
    /// What it is.
    pub label: String,
    /// Where the law requires it.
    pub cite: String,
}

/// One obligation of a regime: a recipient and a stage, with its triggers and clock.
#[derive(Clone, PartialEq, Debug, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ObligationRule {
    /// Identifier within the regime (`ppc-final`).
    pub id: String,
    /// Name for people.
    pub name: String,
    /// Stage.
    pub stage: Stage,
    /// Recipient.
    pub recipient: RecipientRule,
    /// The roles (for the affected data) that bear this obligation.
    pub roles: Vec<Role>,
    /// All must hold.
    #[serde(default)]
    pub requires: Vec<Clause>,
    /// At least one must hold (none listed: always triggered).
    #[serde(default)]
    pub triggers: Vec<Clause>,
    /// Any that holds removes the obligation.
    #[serde(default)]
    pub exemptions: Vec<Clause>,
    /// Deadline.
    pub clock: ClockRule,
    /// Required content.
    #[serde(default)]
    pub content: Vec<ContentItem>,
    /// Report kinds (model codes) that discharge it.
    pub satisfied_by: Vec<String>,
    /// Citations.
    pub citations: Vec<Citation>,
    /// How sure we are.
    pub confidence: Confidence,
    /// Notes shown with the obligation.
    #[serde(default)]
    pub notes: Vec<String>,
}

/// A whole rule file: one version of one regime.
#[derive(Clone, PartialEq, Debug, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegimeFile {
    /// The regime.
    pub regime: RegimeMeta,
    /// Its obligations.
    #[serde(default)]
    pub obligation: Vec<ObligationRule>,
    /// Where this version was loaded from (set by the loader, not written in the file).
    #[serde(skip)]
    pub origin: Origin,
}

/// Where a loaded regime version comes from, and which loaded file it replaced.
#[derive(Clone, PartialEq, Eq, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct Origin {
    /// The file name given to the loader (`eu-gdpr.toml`, `counsel/gdpr-96h.toml`).
    pub file: String,
    /// True for the rule files shipped with breachkit.
    pub builtin: bool,
    /// The file of the version with the same id and `effective_from` that this one replaced.
    pub replaces: Option<String>,
}

/// A legal class of data (GDPR Art. 9, APPI 要配慮個人情報, ...), as a set of data categories.
#[derive(Clone, PartialEq, Debug, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DataClass {
    /// Identifier (`jp.appi.special_care`).
    pub id: String,
    /// Name.
    pub label: String,
    /// Article.
    pub cite: String,
    /// Categories that always belong.
    pub members: Vec<String>,
    /// Categories that belong depending on facts not in the model, with the question to ask.
    #[serde(default)]
    pub maybe: Vec<MaybeMember>,
    /// How sure we are of the mapping.
    pub confidence: Confidence,
}

/// A category that may belong to a class.
#[derive(Clone, PartialEq, Debug, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MaybeMember {
    /// Category code.
    pub category: String,
    /// The question that decides it.
    pub question: String,
}

/// The data-class file.
#[derive(Clone, PartialEq, Debug, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClassFile {
    /// The classes.
    pub class: Vec<DataClass>,
}

/// The EEA member states (EU 27 plus Iceland, Liechtenstein, Norway), for `@eea` in rule files.
pub const EEA: &[&str] = &[
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IS",
    "IT", "LI", "LT", "LU", "LV", "MT", "NL", "NO", "PL", "PT", "RO", "SE", "SI", "SK",
];

/// Expands `@eea` in a country list.
pub(crate) fn expand_countries(list: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for c in list {
        if c == "@eea" {
            out.extend(EEA.iter().map(|s| (*s).to_owned()));
        } else {
            out.push(c.clone());
        }
    }
    out
}

//! The rule-file format: a regime, its versions, and its obligations as cited, dated data.
//!
//! A rule file is TOML (see `rules/*.toml` and docs/design.md, "Law as data"). Triggers,
//! exemptions, recipients, stages, clocks, content items and citations are rows; the only code
//! per regime is what data cannot express (for example resolving the GDPR lead authority).

use chrono::NaiveDate;

use breachkit_model::{Nature, RecipientKind, Role, SizeClass};

use crate::calendar::CalendarId;

/// How sure breachkit is of a rule's reading of the law.
#[derive(
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Debug,
    Hash,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
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

impl Confidence {
    /// Snake-case code, as on the wire.
    pub fn code(self) -> &'static str {
        match self {
            Confidence::High => "high",
            Confidence::Medium => "medium",
            Confidence::Low => "low",
        }
    }
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
    /// Enacted, but its commencement date is not fixed yet; never applied, and the output says
    /// so (Taiwan's 2025 PDPA amendment).
    PendingCommencement,
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
    /// First day this version applies (by the date the obligor became aware). Absent only for a
    /// version whose commencement is not fixed (`status = "pending_commencement"`).
    #[serde(default)]
    pub effective_from: Option<NaiveDate>,
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
    /// What the regime is about: personal data (the default) or incidents of certain entities
    /// whatever the data (NIS2, DORA, CERT-In, China's CAC measures).
    #[serde(default)]
    pub scope: RegimeScope,
}

/// What a regime is about.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RegimeScope {
    /// Breaches of personal data: applies to an entity holding an affected group, in the roles
    /// each obligation names.
    #[default]
    PersonalData,
    /// Incidents of an entity, whatever the data: applies whether or not it holds an affected
    /// group.
    Incident,
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
    /// GDPR: the breach is unlikely to result in a risk — the recorded decision
    /// (`/breach/decisions`, or the legacy `/breach/risk`), else the advisory judgement.
    RiskUnlikely,
    /// GDPR: the breach is likely to result in a high risk — the recorded decision, else the
    /// advisory judgement.
    RiskHigh,
    /// HIPAA: not a breach — an exception of 164.402(1), secured PHI, or a low probability of
    /// compromise: the recorded decision (`/breach/decisions`, or the legacy
    /// `/breach/low_probability_of_compromise`), else the advisory four-factor judgement.
    LowProbabilityOfCompromise,
    /// The processor (entrusted party) has informed its controller (a `controller_informed` event).
    ControllerInformed,
    /// Later measures ensure a high risk is no longer likely (`/breach/high_risk_mitigated`).
    HighRiskMitigated,
    /// The entity has determined the incident to be material (a `materiality_determined` event;
    /// SEC Form 8-K Item 1.05).
    IncidentMaterial,
    /// The entity paid a ransom or extortion demand (a `ransom_paid` event; 23 NYCRR 500.17(c)).
    ExtortionPaid,
    /// No group in scope can be contacted individually (every `contact_details_available` is no).
    NoContactDetails,
    /// A personal-data breach happened at all (GDPR Art. 4(12)): not ruled out by the judgement
    /// (`/breach/compromise`, `/breach/data_effects`, or a recorded decision `no_breach`).
    PersonalDataBreach,
    /// APPI: a leak, loss or damage occurred or may have occurred (漏えい等が発生し、又は発生した
    /// おそれ), per the judgement (PPC guideline 3-5-1) or a recorded decision.
    AppiLeak,
    /// Law enforcement asked for notice to be delayed and the delay has not ended (a
    /// `law_enforcement_delay_requested` event without a later `law_enforcement_delay_ended`).
    LawEnforcementDelay,
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
    /// People of the entity's groups are recorded as living in one of these jurisdictions: a
    /// country (`JP`, matching its subdivisions too) or a subdivision (`US-CA`).
    ResidentsIn(Vec<String>),
    /// More than `count` distinct residents of `region` in the groups the entity holds.
    ResidentsOver(RegionCount),
    /// `count` or more distinct residents of `region` in the groups the entity holds.
    ResidentsAtLeast(RegionCount),
    /// The entity offers goods or services to, or monitors, people in one of these countries.
    MarketsIn(Vec<String>),
    /// The entity is in this sector (code).
    Sector(String),
    /// Every group in scope is held by the entity in this role.
    HeldAs(Role),
    /// The organisation has determined this legal test to hold (`/breach/determinations`); unknown
    /// while no determination is recorded.
    Determined(String),
    /// The entity carries this designation (`/organisations/N/designations`).
    Designation(String),
    /// The entity is in one of these sectors (codes); unknown when it records no sector.
    SectorIn(Vec<String>),
    /// The entity's size class is one of these; unknown when none is recorded.
    SizeClassIn(Vec<SizeClass>),
    /// People of the entity's groups are recorded as living in one of these subdivisions
    /// (ISO 3166-2, `CA-QC`).
    ResidentsInSubdivision(Vec<String>),
}

/// A head count in one jurisdiction (`{ region = "US-CA", count = 500 }`).
#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegionCount {
    /// A country (`KR`) or subdivision (`US-CA`) code.
    pub region: String,
    /// The threshold.
    pub count: u64,
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
    Clone,
    Copy,
    PartialEq,
    Eq,
    Debug,
    Hash,
    PartialOrd,
    Ord,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
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
    /// An internal assessment the law times (Australia s 26WH, Singapore s 26C).
    Assessment,
    /// An entry in a breach record or register, with no recipient and often no deadline
    /// (GDPR Art. 33(5), PIPEDA s 10.3, Quebec s 3.8).
    Record,
    /// An early warning (NIS2 Art. 23(4)(a)).
    EarlyWarning,
    /// An intermediate report (DORA Art. 19(4)(b)).
    Intermediate,
    /// Supplementary information after a report (Brazil Res. 15/2024).
    Supplement,
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
            Stage::Record => "record",
            Stage::Assessment => "assessment",
            Stage::EarlyWarning => "early_warning",
            Stage::Intermediate => "intermediate",
            Stage::Supplement => "supplement",
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
    /// The national CSIRT or competent authority of each EU member state where the entity is
    /// established (NIS2 Art. 23(1)).
    MemberStateCsirt,
    /// The financial entity's competent authority (DORA Art. 46), in each member state where it
    /// is established.
    DoraCompetentAuthority,
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
    /// Further bodies that must each receive the same report (China's CAC measures: the CII
    /// protection department and the police). Each gets its own obligation row.
    #[serde(default)]
    pub also_to: Vec<AlsoTo>,
}

/// A further recipient of the same report.
#[derive(Clone, PartialEq, Debug, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AlsoTo {
    /// Kind.
    pub kind: RecipientKind,
    /// Body id.
    pub body: String,
    /// Body name.
    pub name: String,
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
    /// The entity determined the incident to be material (a `materiality_determined` event).
    MaterialityDetermined,
    /// The entity paid a ransom (a `ransom_paid` event).
    RansomPaid,
    /// Another obligation of the same regime (`relative_to`): its notice, or its deadline while the
    /// notice is not recorded ("no later than the notice to individuals", "within 15 days after").
    Obligation,
    /// The entity noticed the incident (first detection; CERT-In "noticing").
    Detected,
    /// The organisation determined a legal test (`determination`): the determination's time.
    Determined,
    /// The incident was classified (DORA "major"): the determination's time.
    Classified,
    /// A report was made under another obligation of the regime (`after`); until it is recorded,
    /// that obligation's deadline.
    Report,
}

/// How a clock that starts from another obligation relates to it.
#[derive(Clone, Copy, PartialEq, Eq, Debug, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// At the latest when the other notice is made (concurrently, "no later than").
    NoLaterThan,
    /// Before the other notice is made.
    Before,
    /// Within `amount` days after the other notice is made.
    After,
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
    /// Calendar months: the same day of the month `amount` months later, clamped to the month's
    /// last day (Reg. 1182/71 Art. 3(2)(c)).
    Months,
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
    #[serde(default)]
    pub when_trigger: Option<String>,
    /// Or a condition whose holding selects it (HIPAA 164.408: 500 or more individuals).
    #[serde(default)]
    pub when: Option<Condition>,
    /// The unit, when it differs from the clock's (HIPAA: 60 calendar days after discovery
    /// instead of 60 days after the end of the year). While the selecting fact is unknown, a
    /// variant of another unit applies provisionally: rule files make such a variant the
    /// earlier deadline.
    #[serde(default)]
    pub kind: Option<ClockKind>,
    /// A designation of the entity that selects this variant (Brazil: `br.small_agent`).
    #[serde(default)]
    pub when_designation: Option<String>,
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
    /// For `start = "obligation"`: the id of the obligation of the same regime the clock runs
    /// from (it must come earlier in the file).
    #[serde(default)]
    pub relative_to: Option<String>,
    /// For `start = "obligation"`: no later than, before, or within `amount` after.
    #[serde(default)]
    pub relation: Option<Relation>,
    /// Non-binding target.
    #[serde(default)]
    pub guidance: Option<Guidance>,
    /// Non-binding target in hours (New Zealand: the Commissioner expects 72 hours).
    #[serde(default)]
    pub guidance_hours: Option<GuidanceHours>,
    /// For `start = "determined" | "classified"`: the test whose determination starts the clock.
    #[serde(default)]
    pub determination: Option<String>,
    /// For `start = "report"`: the obligation (of this regime) whose report starts the clock.
    #[serde(default)]
    pub after: Option<String>,
    /// While the determination time is unknown, start from the end of this assessment
    /// obligation's period (the latest lawful start), provisionally.
    #[serde(default)]
    pub until_determined: Option<String>,
    /// A second clock; the deadline is the earlier of the two (DORA: 24 hours from awareness).
    #[serde(default)]
    pub backstop: Option<Backstop>,
}

/// A non-binding target in hours.
#[derive(Clone, PartialEq, Debug, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuidanceHours {
    /// Hours from the start.
    pub hours: u32,
    /// What the guidance says, in our words.
    pub text: String,
    /// Where.
    pub cite: String,
}

/// A second clock whose deadline caps the first.
#[derive(Clone, PartialEq, Debug, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Backstop {
    /// What starts it (`aware` or `detected`).
    pub start: StartEvent,
    /// Unit (`hours`).
    pub kind: ClockKind,
    /// Period.
    pub amount: u32,
    /// Article.
    pub cite: String,
    /// When the backstop does not bind, in words (DORA: classification after the 24 hours).
    #[serde(default)]
    pub unless: Option<String>,
}

/// Whether a content item must be in the report or must be left out of it.
#[derive(
    Clone,
    Copy,
    PartialEq,
    Eq,
    Debug,
    Default,
    Hash,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ContentRule {
    /// The report must carry it.
    #[default]
    Must,
    /// The report must not carry it (Massachusetts: no description of the breach in the notice
    /// to residents; Illinois: no head count).
    MustNot,
}

impl ContentRule {
    /// True for [`ContentRule::Must`] (the default, left out of JSON).
    pub fn is_must(&self) -> bool {
        *self == ContentRule::Must
    }
}

/// An item a report or notice must carry (or must not carry).
#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContentItem {
    /// Identifier (`overview`, `data_items`).
    pub id: String,
    /// What it is.
    pub label: String,
    /// Where the law requires it.
    pub cite: String,
    /// Must or must not.
    #[serde(default)]
    pub rule: ContentRule,
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
    /// Whether the law requires it or a regulator only recommends it (Hong Kong).
    #[serde(default)]
    pub duty: Duty,
    /// How long a record must be kept, in months (PIPEDA: 24).
    #[serde(default)]
    pub retain_months: Option<u32>,
}

/// Whether an obligation is law or a recommendation.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Duty {
    /// Required by law.
    #[default]
    Mandatory,
    /// Recommended by a regulator's guidance; never owed, overdue or missing.
    Voluntary,
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
    /// Name in Japanese.
    #[serde(default)]
    pub label_ja: Option<String>,
    /// Article.
    pub cite: String,
    /// Article, as a Japanese document cites it.
    #[serde(default)]
    pub cite_ja: Option<String>,
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
    /// The question in Japanese.
    #[serde(default)]
    pub question_ja: Option<String>,
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

/// The EU member states, for `@eu` in rule files (NIS2, DORA).
pub const EU: &[&str] = &[
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT",
    "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
];

/// Expands `@eea` and `@eu` in a country list.
pub(crate) fn expand_countries(list: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for c in list {
        if c == "@eu" {
            out.extend(EU.iter().map(|s| (*s).to_owned()));
        } else if c == "@eea" {
            out.extend(EEA.iter().map(|s| (*s).to_owned()));
        } else {
            out.push(c.clone());
        }
    }
    out
}

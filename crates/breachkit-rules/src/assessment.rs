//! What the engine returns: obligations with deadlines, filing state, citations, traces and the
//! questions that would change the answer.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use breachkit_model::{EntityId, RecipientKind, ReportId, Tristate};

use crate::ruleset::{Confidence, ContentRule, Stage};

/// Whether an obligation applies.
#[derive(
    Clone,
    Copy,
    PartialEq,
    Eq,
    Debug,
    Hash,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The facts make it required.
    Required,
    /// The facts rule it out.
    NotRequired,
    /// Unknown facts decide it; see the questions.
    Undetermined,
}

impl Status {
    /// Snake-case code.
    pub fn code(self) -> &'static str {
        match self {
            Status::Required => "required",
            Status::NotRequired => "not_required",
            Status::Undetermined => "undetermined",
        }
    }
}

/// The recipient of an obligation.
#[derive(
    Clone, PartialEq, Eq, Debug, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
pub struct RecipientOut {
    /// Kind.
    pub kind: RecipientKind,
    /// Body id, when the recipient is a body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// Name for people.
    pub name: String,
    /// The entity, when the recipient is another organisation of the incident (a controller).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<EntityId>,
    /// A resolved recipient's name as a typed fact (per-State media, a supervisory authority);
    /// `name` is its rendering.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_fact: Option<Fact>,
    /// Routing notes from the rule file.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub routing: Vec<String>,
    /// The route that replaced the rule's default recipient, if one did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub route: Option<Fact>,
    /// The facts that made the route apply.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub route_facts: Vec<Fact>,
    /// Other recipient kinds whose recorded reports (without a body id) discharge the obligation.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accepts: Vec<RecipientKind>,
}

/// Where the clock's start came from.
#[derive(
    Clone, Copy, PartialEq, Eq, Debug, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum StartBasis {
    /// A recorded `aware` event.
    Aware,
    /// No `aware` event: the first detection, the earliest the entity can have become aware.
    DetectedAsEarliestAwareness,
    /// Nothing recorded: no deadline can be computed.
    Unknown,
    /// A recorded detection (the law counts from noticing the incident: CERT-In).
    Detected,
    /// A recorded determination or classification (`/breach/determinations`).
    Determined,
    /// A recorded report made under an earlier obligation of the regime.
    Reported,
    /// No determination recorded: the end of the law's assessment period, the latest lawful
    /// start; the deadline is provisional.
    AssessmentPeriodEnd,
    /// The earlier report is not recorded: that report's deadline; provisional.
    PriorDeadline,
    /// The event the rule names (a materiality determination, a ransom payment) was recorded.
    Event,
    /// Another notice of the same regime: when it was made, or its deadline while it is not
    /// recorded ("no later than the notice to individuals", "within 15 days after").
    OtherNotice,
}

impl StartBasis {
    /// Snake-case code, as on the wire.
    pub fn code(self) -> &'static str {
        match self {
            StartBasis::Aware => "aware",
            StartBasis::DetectedAsEarliestAwareness => "detected_as_earliest_awareness",
            StartBasis::Unknown => "unknown",
            StartBasis::Detected => "detected",
            StartBasis::Determined => "determined",
            StartBasis::Reported => "reported",
            StartBasis::AssessmentPeriodEnd => "assessment_period_end",
            StartBasis::PriorDeadline => "prior_deadline",
            StartBasis::Event => "event",
            StartBasis::OtherNotice => "other_notice",
        }
    }
}

/// A non-binding target window.
#[derive(
    Clone, PartialEq, Eq, Debug, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
pub struct GuidanceWindow {
    /// First day of the window (local date).
    pub from: String,
    /// Last day of the window (local date).
    pub to: String,
    /// What the guidance says.
    pub text: String,
    /// Where.
    pub cite: String,
}

/// When an obligation is due.
#[derive(
    Clone, PartialEq, Eq, Debug, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
pub struct Deadline {
    /// The legal standard in words ("within 30 days", "promptly").
    pub standard: String,
    /// The due instant, when the law fixes one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<DateTime<Utc>>,
    /// The due instant as a local date and time in the recipient's zone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_local: Option<String>,
    /// The zone of `due_local`.
    pub time_zone: String,
    /// The instant the clock started from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<DateTime<Utc>>,
    /// Where the start came from.
    pub start_basis: StartBasis,
    /// True when the deadline rests on an assumption. Start known only to the day, start taken
    /// from detection, or a variant left open: it is the earliest the deadline can be. Start taken
    /// from the end of an assessment period or an earlier report's deadline (`start_basis`
    /// `assessment_period_end`, `prior_deadline`): it is the latest, and moves earlier once the
    /// determination or report is recorded.
    pub provisional: bool,
    /// A non-binding target, labelled as guidance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guidance: Option<GuidanceWindow>,
    /// How the days or hours were counted, as typed facts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub counting_steps: Vec<Fact>,
    /// How the days or hours were counted, for people, in the assessment's language.
    pub counting: String,
}

/// What the incident's records say about this obligation.
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
pub enum FilingState {
    /// Not required: nothing to file.
    NotRequired,
    /// Made on or before the deadline.
    MadeOnTime,
    /// Made after the deadline.
    MadeLate,
    /// Made; there is no fixed deadline, or its timing against the deadline cannot be told.
    Made,
    /// Under way (notices being sent).
    InProgress,
    /// Not made yet, deadline not passed (or no fixed deadline).
    Pending,
    /// Not made and the deadline has passed as of `as_of`.
    Overdue,
    /// A report is recorded, but whether it was made by `as_of` cannot be told.
    Unknown,
}

impl FilingState {
    /// Every state, for catalogue coverage tests.
    pub const ALL: &'static [FilingState] = &[
        FilingState::NotRequired,
        FilingState::MadeOnTime,
        FilingState::MadeLate,
        FilingState::Made,
        FilingState::InProgress,
        FilingState::Pending,
        FilingState::Overdue,
        FilingState::Unknown,
    ];

    /// Snake-case code, as on the wire.
    pub fn code(self) -> &'static str {
        match self {
            FilingState::NotRequired => "not_required",
            FilingState::MadeOnTime => "made_on_time",
            FilingState::MadeLate => "made_late",
            FilingState::Made => "made",
            FilingState::InProgress => "in_progress",
            FilingState::Pending => "pending",
            FilingState::Overdue => "overdue",
            FilingState::Unknown => "unknown",
        }
    }
}

/// The filing state and the report it rests on.
#[derive(
    Clone, PartialEq, Eq, Debug, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
pub struct Filing {
    /// State as of `as_of`.
    pub state: FilingState,
    /// The recorded report it rests on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report: Option<ReportId>,
    /// Why, as a typed fact.
    pub reason: Fact,
    /// Explanation for people, in the assessment's language.
    pub note: String,
}

/// A citation, resolved to its source.
#[derive(
    Clone, PartialEq, Eq, Debug, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
pub struct CitationOut {
    /// Article.
    pub article: String,
    /// Source title.
    pub source: String,
    /// Source URL.
    pub url: String,
}

/// A required content item (or one the notice must leave out).
#[derive(
    Clone, PartialEq, Eq, Debug, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
pub struct ContentOut {
    /// Identifier.
    pub id: String,
    /// Label.
    pub label: String,
    /// Article.
    pub cite: String,
    /// Must (the default, left out of JSON) or must not.
    #[serde(default, skip_serializing_if = "ContentRule::is_must")]
    pub rule: ContentRule,
}

/// What a step of the explanation is about.
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
pub enum StepKind {
    /// The regime's territorial and personal scope, and the roles in which groups are held.
    Scope,
    /// A requirement clause (all must hold).
    Requires,
    /// A trigger clause (any one suffices).
    Trigger,
    /// An exemption clause (any one removes the duty).
    Exemption,
    /// The choice between clock periods keyed to a trigger.
    ClockVariant,
    /// A recipient that exists only under a condition (per-State media, a lead authority).
    Recipient,
    /// The deadline computation.
    Clock,
    /// What the recorded reports say.
    Filing,
    /// A factor of an advisory risk assessment.
    RiskFactor,
    /// Whether the law requires the obligation or a regulator only recommends it.
    Duty,
}

impl StepKind {
    /// Every step kind, for catalogue coverage tests and documentation.
    pub const ALL: &'static [StepKind] = &[
        StepKind::Scope,
        StepKind::Requires,
        StepKind::Trigger,
        StepKind::Exemption,
        StepKind::ClockVariant,
        StepKind::Recipient,
        StepKind::Clock,
        StepKind::Filing,
        StepKind::RiskFactor,
        StepKind::Duty,
    ];

    /// Snake-case code, as on the wire.
    pub fn code(self) -> &'static str {
        match self {
            StepKind::Scope => "scope",
            StepKind::Requires => "requires",
            StepKind::Trigger => "trigger",
            StepKind::Exemption => "exemption",
            StepKind::ClockVariant => "clock_variant",
            StepKind::Recipient => "recipient",
            StepKind::Clock => "clock",
            StepKind::Filing => "filing",
            StepKind::RiskFactor => "risk_factor",
            StepKind::Duty => "duty",
        }
    }
}

/// The typed outcome of a step.
#[derive(
    Clone, PartialEq, Eq, Debug, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Outcome {
    /// The clause holds.
    Yes,
    /// The clause does not hold.
    No,
    /// The facts leave it open.
    Unknown,
    /// An exemption the organisation must prove, whose facts are unknown: treated as not holding.
    NotEstablished,
    /// A clock variant chose this period.
    Period {
        /// Days (or hours) of the chosen period.
        amount: u32,
        /// Its unit: `calendar_days`, `business_days`, `hours`, `days_after_year_end`.
        unit: String,
    },
    /// A clock variant is left open until its trigger is known (the shorter period is used).
    Open,
    /// The deadline, as a local date and time in the rule's zone.
    Due {
        /// `YYYY-MM-DDTHH:MM:SS±HH:MM`.
        due_local: String,
    },
    /// The law fixes no period.
    NoFixedDeadline,
    /// Nothing recorded from which the clock can start.
    UnknownStart,
    /// The filing state.
    Filing {
        /// State as of the as-of instant.
        state: FilingState,
    },
}

impl Outcome {
    /// The outcome of a three-valued clause.
    pub fn from_tristate(t: Tristate) -> Outcome {
        match t {
            Tristate::Yes => Outcome::Yes,
            Tristate::No => Outcome::No,
            Tristate::Unknown => Outcome::Unknown,
        }
    }

    /// Snake-case code of the variant.
    pub fn code(&self) -> &'static str {
        match self {
            Outcome::Yes => "yes",
            Outcome::No => "no",
            Outcome::Unknown => "unknown",
            Outcome::NotEstablished => "not_established",
            Outcome::Period { .. } => "period",
            Outcome::Open => "open",
            Outcome::Due { .. } => "due",
            Outcome::NoFixedDeadline => "no_fixed_deadline",
            Outcome::UnknownStart => "unknown_start",
            Outcome::Filing { .. } => "filing",
        }
    }
}

/// A fact the engine used, as a code with named arguments; its sentence comes from the message
/// catalogue (`i18n/en.toml`, `i18n/ja.toml`) of the language asked for.
#[derive(
    Clone,
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
pub struct Fact {
    /// What kind of fact.
    pub code: FactCode,
    /// The value it contributed, for facts that are three-valued.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Tristate>,
    /// Named arguments of the sentence (codes, ids, numbers, dates; never personal values).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub args: BTreeMap<String, String>,
}

impl Fact {
    /// A fact with no value and no arguments.
    pub fn new(code: FactCode) -> Fact {
        Fact {
            code,
            value: None,
            args: BTreeMap::new(),
        }
    }

    /// With a three-valued value.
    #[must_use]
    pub fn value(mut self, v: Tristate) -> Fact {
        self.value = Some(v);
        self
    }

    /// With a named argument.
    #[must_use]
    pub fn arg(mut self, key: &str, value: impl ToString) -> Fact {
        self.args.insert(key.to_owned(), value.to_string());
        self
    }
}

macro_rules! codes {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $v:ident => $c:literal,)* }) => {
        $(#[$m])*
        #[derive(
            Clone, Copy, PartialEq, Eq, Debug, Hash, PartialOrd, Ord, serde::Serialize,
            serde::Deserialize, schemars::JsonSchema,
        )]
        #[serde(rename_all = "snake_case")]
        #[non_exhaustive]
        pub enum $name {
            $($(#[$vm])* $v,)*
        }

        impl $name {
            /// Every code, for catalogue coverage tests and documentation.
            pub const ALL: &'static [$name] = &[$($name::$v,)*];

            /// Snake-case code, as on the wire and as the catalogue key.
            pub fn code(self) -> &'static str {
                match self {
                    $($name::$v => $c,)*
                }
            }
        }
    };
}

codes! {
    /// The kinds of fact the engine reports.
    FactCode {
        /// `/breach/nature` includes one of `list`.
        NatureIn => "nature_in",
        /// `/breach/causes` includes one of `list`.
        CauseIn => "cause_in",
        /// The entity's country is one of `list`.
        EntityCountryIn => "entity_country_in",
        /// The entity is incorporated or established in one of `list`.
        EstablishedIn => "established_in",
        /// Residence is recorded in one of `list` for `groups`.
        ResidentsIn => "residents_in",
        /// The entity's markets include one of `list`.
        MarketsIn => "markets_in",
        /// The entity holds `groups` in `role`.
        HeldAs => "held_as",
        /// The entity's sectors include `sector`.
        Sector => "sector",
        /// A rule names an undefined data class.
        DataClassUndefined => "data_class_undefined",
        /// A category of a group belongs to a data class.
        DataClassMember => "data_class_member",
        /// No category of `groups` belongs to the class.
        DataClassNone => "data_class_none",
        /// The head count of `groups` against a threshold.
        Persons => "persons",
        /// `/breach/wrongful_purpose`.
        WrongfulPurpose => "wrongful_purpose",
        /// `/breach/encryption` makes the data unintelligible or not.
        Unintelligible => "unintelligible",
        /// `/breach/exfiltration`.
        Exfiltration => "exfiltration",
        /// `/breach/risk`.
        Risk => "risk",
        /// `/breach/low_probability_of_compromise`.
        LowProbabilityOfCompromise => "low_probability_of_compromise",
        /// `/breach/high_risk_mitigated`.
        HighRiskMitigated => "high_risk_mitigated",
        /// No group in scope can be contacted individually.
        NoContactDetails => "no_contact_details",
        /// A `controller_informed` event for the entity.
        ControllerInformed => "controller_informed",
        /// Residents of one US State against a threshold.
        StateResidents => "state_residents",
        /// Residence by State is not recorded for everyone.
        StateResidenceIncomplete => "state_residence_incomplete",
        /// Several EU establishments, none marked as the main one.
        NoMainEstablishment => "no_main_establishment",
        /// A route replaced the default recipient.
        RouteTaken => "route_taken",
        /// The regime has no territorial condition.
        NoTerritorialCondition => "no_territorial_condition",
        /// The groups in scope and the roles that bear the obligation.
        GroupsInRole => "groups_in_role",
        /// An exemption left unknown is not established, with the law's basis.
        NotEstablishedBasis => "not_established_basis",
        /// Clock: nothing recorded to start from.
        ClockNoStart => "clock_no_start",
        /// Clock: the start has no time zone.
        ClockNoZone => "clock_no_zone",
        /// Clock: no fixed period.
        PeriodNone => "period_none",
        /// Clock: the non-binding guidance window.
        GuidanceWindow => "guidance_window",
        /// Clock: consecutive hours.
        Hours => "hours",
        /// Clock: start known only to the day, first instant used.
        StartDayOnly => "start_day_only",
        /// Clock: calendar days.
        CalendarDays => "calendar_days",
        /// Clock: business days of a calendar.
        BusinessDays => "business_days",
        /// Clock: days after the end of the calendar year.
        DaysAfterYearEnd => "days_after_year_end",
        /// Clock: the last day.
        LastDay => "last_day",
        /// Clock: closed days roll the last day forward.
        RolledForward => "rolled_forward",
        /// Clock: the last day is an open day.
        OpenDay => "open_day",
        /// Clock: the calendar cannot roll the day forward.
        CannotRoll => "cannot_roll",
        /// The article of the period.
        ClockCite => "clock_cite",
        /// A trigger holds and picks the period.
        VariantChosen => "variant_chosen",
        /// A trigger is unknown; the shorter period is used.
        VariantOpen => "variant_open",
        /// Filing: nothing to file.
        FilingNotRequired => "filing_not_required",
        /// Filing: the report is dated after the as-of instant.
        ReportAfterAsOf => "report_after_as_of",
        /// Filing: the report is dated on the as-of day.
        ReportOnAsOfDay => "report_on_as_of_day",
        /// Filing: notices under way.
        ReportUnderWay => "report_under_way",
        /// Filing: notices under way and the deadline has passed.
        ReportUnderWayLate => "report_under_way_late",
        /// Filing: made on or before the deadline.
        ReportOnTime => "report_on_time",
        /// Filing: made after the deadline.
        ReportLate => "report_late",
        /// Filing: made on the deadline day, precision too coarse.
        ReportOnDeadlineDay => "report_on_deadline_day",
        /// Filing: made (no fixed deadline).
        ReportMade => "report_made",
        /// Filing: made no later than a date.
        ReportMadeBefore => "report_made_before",
        /// Filing: recorded without a date.
        ReportUndated => "report_undated",
        /// Filing: nothing recorded and the deadline has passed.
        NoReportOverdue => "no_report_overdue",
        /// Filing: nothing recorded, due on a date.
        NoReportDue => "no_report_due",
        /// Filing: nothing recorded, no fixed deadline.
        NoReportNoDeadline => "no_report_no_deadline",
        /// Not applicable: no version in force on the day.
        NoVersionInForce => "no_version_in_force",
        /// Not applicable: the entity holds no affected group.
        HoldsNoGroup => "holds_no_group",
        /// Not applicable: the territorial scope is not met.
        ScopeNotMet => "scope_not_met",
        /// The advisory judgement on a topic (GDPR risk, HIPAA breach, APPI leak) and the recorded
        /// decision that counts over it.
        Judgement => "judgement",
        /// No judgement data: a personal-data breach is assumed.
        BreachAssumed => "breach_assumed",
        /// No judgement data: a leak is assumed.
        LeakAssumed => "leak_assumed",
        /// Recipient: prominent media outlets serving a State.
        RecipientStateMedia => "recipient_state_media",
        /// Recipient: media of each other State over the threshold.
        RecipientOtherStateMedia => "recipient_other_state_media",
        /// Recipient: a supervisory authority, with its role.
        RecipientSupervisoryAuthority => "recipient_supervisory_authority",
        /// Recipient: the lead authority, one of several.
        RecipientLeadOneOf => "recipient_lead_one_of",
        /// A recorded determination of `test` (or none recorded).
        Determined => "determined",
        /// The entity's designations include `code`.
        Designation => "designation",
        /// The entity's sectors include one of `list`.
        SectorIn => "sector_in",
        /// The entity's size class is one of `list`.
        SizeClassIn => "size_class_in",
        /// A law-enforcement delay was asked for and has not ended.
        LawEnforcementDelay => "law_enforcement_delay",
        /// Clock: calendar months.
        Months => "months",
        /// Clock: the calendar leaves out regional holidays, so the deadline is provisional.
        CalendarIncomplete => "calendar_incomplete",
        /// Clock: the determination that starts it is not recorded with a time.
        ClockNoDetermination => "clock_no_determination",
        /// Clock: the earlier report is not recorded and has no deadline.
        ClockNoPriorReport => "clock_no_prior_report",
        /// Clock: a backstop caps the deadline.
        BackstopBinds => "backstop_binds",
        /// Clock: the backstop ended before the clock's start, so it does not bind.
        BackstopPassed => "backstop_passed",
        /// Clock: the backstop is not earlier.
        BackstopLater => "backstop_later",
        /// Clock: the main clock cannot start yet; the backstop binds.
        BackstopOnly => "backstop_only",
        /// Duty: recommended by the regulator, not required by law.
        Voluntary => "voluntary",
        /// Not applicable: a later version applies from a future date.
        NotYetInForce => "not_yet_in_force",
        /// Not applicable: only a version pending commencement exists.
        PendingCommencement => "pending_commencement",
        /// Residents of one `region` (a country or a US State) in `groups`, against a threshold
        /// (`op`, `threshold`; `min`, `max`).
        RegionResidents => "region_residents",
        /// Residence is not recorded for everyone in the groups: the rest may live in `region`.
        RegionResidenceIncomplete => "region_residence_incomplete",
        /// An `event` (`materiality_determined`, `ransom_paid`) recorded for `entity`.
        EventRecorded => "event_recorded",
        /// Clock: the `event` that starts it is not recorded.
        ClockNoEvent => "clock_no_event",
        /// Clock relative to the notice under obligation `other`, which does not apply.
        RelativeNotApplicable => "relative_not_applicable",
        /// Clock `relation` (no later than, before) the notice under `other`, made at `made`.
        RelativeMade => "relative_made",
        /// Clock `relation` the notice under `other`, not recorded: its deadline `due` is used.
        RelativeNotMade => "relative_not_made",
        /// This notice must precede the notice under `other`.
        RelativeMustPrecede => "relative_must_precede",
        /// Clock `relation` the notice under `other`, which has neither a deadline nor a record.
        RelativeOpen => "relative_open",
        /// Clock: `amount` `unit` after the notice under `other`, made on `date`.
        AfterNoticeMade => "after_notice_made",
        /// Clock: `amount` `unit` after the notice under `other`, counted from its deadline
        /// `date` while it is not recorded.
        AfterNoticeDeadline => "after_notice_deadline",
        /// Not covered: `min`..`max` affected people live in `jurisdiction` and no loaded regime
        /// applies to them for `entities`.
        NotCoveredResidents => "not_covered_residents",
        /// Not covered: `entities` are established in `jurisdiction`, where no rules exist.
        NotCoveredEstablishment => "not_covered_establishment",
        /// Residence recorded only as country `jurisdiction`, whose rules apply by subdivision.
        SubdivisionUnrecorded => "subdivision_unrecorded",
    }
}

codes! {
    /// The kinds of question the engine asks.
    QuestionKind {
        /// Which security properties were compromised.
        Nature => "nature",
        /// What caused the breach.
        Causes => "causes",
        /// Whether the entity targets people in `countries`.
        Markets => "markets",
        /// Which data categories a group holds.
        Categories => "categories",
        /// Whether a category of a group belongs to a class (the class file's question).
        ClassMember => "class_member",
        /// Whether more than / at least `threshold` people are affected.
        Persons => "persons",
        /// Whether a wrongful purpose may be involved.
        WrongfulPurpose => "wrongful_purpose",
        /// Whether the data were encrypted to a high standard with a safe key.
        Encryption => "encryption",
        /// Whether data were taken out.
        Exfiltration => "exfiltration",
        /// The assessed risk level.
        Risk => "risk",
        /// HIPAA's four-factor low probability of compromise.
        LowProbabilityOfCompromise => "low_probability_of_compromise",
        /// Whether later measures mitigated a high risk.
        HighRiskMitigated => "high_risk_mitigated",
        /// Whether the entity can contact each person.
        ContactDetails => "contact_details",
        /// Whether the processor informed its controller.
        ControllerInformed => "controller_informed",
        /// Whether more than `threshold` residents of `state` are affected.
        StateResidents => "state_residents",
        /// Residence by State of an entity's affected people.
        Residence => "residence",
        /// The main establishment in the EU.
        MainEstablishment => "main_establishment",
        /// When the entity became aware.
        Aware => "aware",
        /// A fact the judgement needs (argument `fact`).
        Judgement => "judgement",
        /// Whether a breach happened at all.
        BreachHappened => "breach_happened",
        /// Whether a leak, loss or damage occurred.
        LeakHappened => "leak_happened",
        /// Whether the entity has determined a legal test.
        Determination => "determination",
        /// When the entity determined a legal test.
        DeterminationTime => "determination_time",
        /// Whether the entity carries a designation.
        Designation => "designation",
        /// The entity's sectors.
        Sectors => "sectors",
        /// The entity's size class.
        SizeClass => "size_class",
        /// Whether law enforcement asked for a delay.
        LawEnforcementDelay => "law_enforcement_delay",
        /// How many residents of `region` are affected.
        RegionResidents => "region_residents",
        /// Whether the entity determined the incident to be material (a `materiality_determined`
        /// event).
        MaterialityDetermined => "materiality_determined",
        /// Whether the entity paid a ransom (a `ransom_paid` event).
        RansomPaid => "ransom_paid",
    }
}

/// One step of the explanation.
#[derive(
    Clone, PartialEq, Eq, Debug, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
pub struct TraceStep {
    /// What the step is about.
    pub kind: StepKind,
    /// The clause id, for requirement, trigger and exemption steps (`r7-iii`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clause: Option<String>,
    /// The typed outcome.
    pub outcome: Outcome,
    /// The article the step applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cite: Option<String>,
    /// The clause's label from the rule file, in the assessment's language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The facts used.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub facts: Vec<Fact>,
    /// A rendering of the above for people, in the assessment's language.
    pub detail: String,
}

/// A question whose answer would change or firm up the result.
#[derive(
    Clone,
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
pub struct Question {
    /// Stable identifier (`breach.encryption`, `sgc.aware`).
    pub id: String,
    /// What is asked.
    pub kind: QuestionKind,
    /// Named arguments (entity, group, threshold, countries, category, class, state).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub args: BTreeMap<String, String>,
    /// Where in the incident document to record the answer (JSON pointer).
    pub path: String,
    /// The question for people, in the assessment's language.
    pub text: String,
}

/// One obligation: an entity, a regime, a recipient and a stage.
#[derive(Clone, PartialEq, Debug, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct Obligation {
    /// Stable identifier: `entity/regime/rule[/recipient]`.
    pub id: String,
    /// The obligated entity.
    pub obligor: EntityId,
    /// Its name.
    pub obligor_name: String,
    /// Regime id.
    pub regime: String,
    /// Regime version.
    pub regime_version: String,
    /// Rule id within the regime.
    pub rule: String,
    /// Name for people.
    pub name: String,
    /// Recipient.
    pub recipient: RecipientOut,
    /// Stage.
    pub stage: Stage,
    /// Required, not required or undetermined.
    pub status: Status,
    /// Deadline.
    pub deadline: Deadline,
    /// Content the report must carry.
    pub content: Vec<ContentOut>,
    /// What the records say.
    pub filing: Filing,
    /// Citations.
    pub citations: Vec<CitationOut>,
    /// How sure breachkit is of the rule.
    pub confidence: Confidence,
    /// Explanation.
    pub trace: Vec<TraceStep>,
    /// Questions that would change or firm up the result.
    pub questions: Vec<Question>,
    /// Notes from the rule (unsettled points, routing).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// A regime considered for an entity and found not to apply, with why.
#[derive(
    Clone, PartialEq, Eq, Debug, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
pub struct NotApplicable {
    /// Entity.
    pub entity: EntityId,
    /// Regime.
    pub regime: String,
    /// Why, as a typed fact (`no_version_in_force`, `holds_no_group`, `scope_not_met`).
    pub code: FactCode,
    /// The facts behind it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub facts: Vec<Fact>,
    /// Why, for people, in the assessment's language.
    pub reason: String,
}

/// Why a jurisdiction is listed as not covered.
#[derive(
    Clone,
    Copy,
    PartialEq,
    Eq,
    Debug,
    PartialOrd,
    Ord,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum CoverageBasis {
    /// Affected people live there, and no loaded regime applies to them.
    Residents,
    /// An entity is established there, and breachkit has no rules for it.
    Establishment,
}

impl CoverageBasis {
    /// Snake-case code, as on the wire.
    pub fn code(self) -> &'static str {
        match self {
            CoverageBasis::Residents => "residents",
            CoverageBasis::Establishment => "establishment",
        }
    }
}

/// A jurisdiction where breachkit cannot say what is owed: affected people live there (or an
/// entity is established there) and no loaded regime applies. It never means "nothing to do".
#[derive(
    Clone, PartialEq, Eq, Debug, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
pub struct NotCovered {
    /// Country (`KR`) or subdivision (`US-CA`) code.
    pub jurisdiction: String,
    /// Residents or establishment.
    pub basis: CoverageBasis,
    /// The entities concerned.
    pub entities: Vec<EntityId>,
    /// Fewest affected people living there (residents only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub persons_min: Option<u64>,
    /// Most affected people living there, when bounded (residents only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub persons_max: Option<u64>,
    /// Why, as typed facts (`not_covered_residents`, `not_covered_establishment`,
    /// `subdivision_unrecorded`).
    pub facts: Vec<Fact>,
    /// What it means, in the assessment's language (a rendering of `facts`).
    pub statement: String,
}

/// A regime version used in an assessment that does not come from breachkit's built-in files.
#[derive(
    Clone, PartialEq, Eq, Debug, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
pub struct RuleOrigin {
    /// The version, as in [`Assessment::rules`] (`eu.gdpr@2018-05-25`).
    pub rules: String,
    /// The file it was loaded from.
    pub file: String,
    /// The file of the version it replaced (same id and `effective_from`), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replaces: Option<String>,
}

/// The result of assessing one incident as of one instant.
#[derive(Clone, PartialEq, Debug, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct Assessment {
    /// The incident.
    pub incident: String,
    /// The instant the assessment is made as of (an input; the engine never reads the clock).
    pub as_of: DateTime<Utc>,
    /// The language of its sentences (`detail`, `text`, `note`, `counting`, `reason`, names).
    #[serde(default)]
    pub lang: crate::i18n::Lang,
    /// Regime versions used (`jp.appi@2024-04-01`).
    pub rules: Vec<String>,
    /// The versions used that are not built in (a counsel's rule files): which file, and which
    /// loaded file it replaced. Empty with the built-in rules.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub overrides: Vec<RuleOrigin>,
    /// Obligations, by entity (document order), regime, rule order.
    pub obligations: Vec<Obligation>,
    /// Regimes that do not apply to an entity.
    pub not_applicable: Vec<NotApplicable>,
    /// Jurisdictions where breachkit cannot say what is owed (no loaded regime applies there).
    /// Always written, even when empty, so that its absence cannot be read as "nothing to do".
    #[serde(default)]
    pub not_covered: Vec<NotCovered>,
    /// Every question, deduplicated and sorted.
    pub questions: Vec<Question>,
}

impl Assessment {
    /// The obligations of one entity.
    pub fn for_entity<'a>(&'a self, entity: &'a str) -> impl Iterator<Item = &'a Obligation> + 'a {
        self.obligations
            .iter()
            .filter(move |o| o.obligor.as_str() == entity)
    }

    /// The assessment restricted to one entity: its obligations, its not-applicable regimes and
    /// only the questions those obligations ask.
    pub fn only_entity(&self, entity: &str) -> Assessment {
        let obligations: Vec<Obligation> = self.for_entity(entity).cloned().collect();
        let mut questions: Vec<Question> = obligations
            .iter()
            .flat_map(|o| o.questions.iter().cloned())
            .collect();
        questions.sort();
        questions.dedup();
        Assessment {
            incident: self.incident.clone(),
            as_of: self.as_of,
            lang: self.lang,
            rules: self.rules.clone(),
            overrides: self.overrides.clone(),
            obligations,
            not_applicable: self
                .not_applicable
                .iter()
                .filter(|n| n.entity.as_str() == entity)
                .cloned()
                .collect(),
            not_covered: self
                .not_covered
                .iter()
                .filter(|n| n.entities.iter().any(|e| e.as_str() == entity))
                .cloned()
                .collect(),
            questions,
        }
    }

    /// The obligation with this id.
    pub fn get(&self, id: &str) -> Option<&Obligation> {
        self.obligations.iter().find(|o| o.id == id)
    }

    /// Canonical JSON, pretty-printed with a final newline.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }
}

/// The version of the assessment's JSON contract (`docs/schema/assessment.schema.json`). It
/// changes when a field is removed or its meaning changes; adding a field or a code does not.
pub const ASSESSMENT_SCHEMA_VERSION: &str = "1.0";

/// The JSON Schema of [`Assessment`], pretty-printed with a final newline.
pub fn assessment_schema_json() -> String {
    let mut schema = schemars::schema_for!(Assessment);
    schema.insert(
        "$id".into(),
        serde_json::Value::String(format!(
            "https://breachkit.invalid/schema/assessment-{ASSESSMENT_SCHEMA_VERSION}.json"
        )),
    );
    let mut s = serde_json::to_string_pretty(&schema).unwrap_or_default();
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The JSON form reads back to the same assessment (bindings pickle through it).
    #[test]
    fn json_round_trip() -> Result<(), Box<dyn std::error::Error>> {
        let incident = breachkit_model::Incident::from_json(include_str!(
            "../../../docs/examples/seiko-2023.json"
        ))?;
        let a = crate::assess(&incident, "2023-08-01T03:00:00Z".parse()?)?;
        let back: Assessment = serde_json::from_str(&a.to_json())?;
        assert_eq!(back, a);
        Ok(())
    }
}

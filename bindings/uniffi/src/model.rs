//! The incident model as native types: every record and enum of `breachkit-model` mirrored with
//! `#[uniffi::remote]`, so a mirror that drifts from its core type does not compile.
//!
//! Values with an invariant the type cannot express in Swift or Kotlin (identifiers, codes,
//! country and jurisdiction codes, zone names, URLs, partial times) cross as checked values:
//! lifting an invalid one is [`BreachkitError::InvalidValue`] with the core error's code, never a
//! panic. The one invariant a mirror cannot check on its own (a count range whose minimum exceeds
//! its maximum) is checked when a native incident enters the core: [`Incident::from_data`]
//! re-reads it through the document reader, so the error carries the JSON pointer of the field.
//!
//! Core names that clash with other mirrored types cross under a binding alias:
//! `Incident` (the record) is `IncidentData` (the `Incident` object wraps it), the model's
//! `ReportKind` is `ReportRecordKind`, and `Text` is `FreeText` (SwiftUI has a `Text`).

use breachkit::model::{
    AffectedGroup, Availability, AvailabilityImpact, Backups, BodyId, Breach, Cause, Compromise,
    CompromiseStatus, Consequence, Consequences, Contact, ContactKind, Count, CountryCode,
    CustomCode, DataCategory, DataEffect, DataRecipient, DataVolume, Decision, DecisionOutcome,
    DecisionTopic, DesignationCode, Determination, Encryption, EncryptionState, Establishment,
    Event, EventKind, Exfiltration, GroupId, GroupKind, HashClass, Hashing, Holding,
    Identifiability, IncidentId, Jurisdiction, Measure, MeasureKind, MeasureStatus, Nature,
    Organisation, PartialTime, Precision, Pseudonymisation, Recipient, RecipientType,
    RecoveryMethod, ReportRecord, ReportStatus, Residence, RiskLevel, Role, Sector, SizeClass,
    Source, TestCode, TimeZoneName, Totals, Tristate, UnknownReason, Url, Vulnerability,
};
// The binding aliases of clashing names (see the module docs).
// api: breachkit_model::Incident
// api: breachkit_model::ReportKind
// api: Text -> FreeText = String
pub use breachkit::model::Incident as IncidentData;
pub use breachkit::model::ReportKind as ReportRecordKind;
pub use breachkit::model::Text as FreeText;
use breachkit::model::{EntityId, RecipientKind};

use crate::BreachkitError;

// ---------------------------------------------------------------------------------------------
// Checked values

/// A core error met while lifting one value (it has no place in a document, so no path).
pub(crate) fn value_error(e: breachkit::model::ModelError) -> uniffi::deps::anyhow::Error {
    BreachkitError::from(e).into()
}

// Identifiers: `[A-Za-z0-9][A-Za-z0-9_.-]{0,63}`. (`EntityId` and `ReportId` are declared in
// lib.rs, with the assessment.)
uniffi::custom_type!(IncidentId, String, {
    remote,
    lower: |id| id.as_str().to_owned(),
    try_lift: |s| IncidentId::try_new(s).map_err(value_error),
});

uniffi::custom_type!(GroupId, String, {
    remote,
    lower: |id| id.as_str().to_owned(),
    try_lift: |s| GroupId::try_new(s).map_err(value_error),
});

uniffi::custom_type!(DesignationCode, String, {
    remote,
    lower: |id| id.as_str().to_owned(),
    try_lift: |s| DesignationCode::try_new(s).map_err(value_error),
});

uniffi::custom_type!(TestCode, String, {
    remote,
    lower: |id| id.as_str().to_owned(),
    try_lift: |s| TestCode::try_new(s).map_err(value_error),
});

uniffi::custom_type!(BodyId, String, {
    remote,
    lower: |id| id.as_str().to_owned(),
    try_lift: |s| BodyId::try_new(s).map_err(value_error),
});

// The code of an `other:` value, without the prefix: `[a-z0-9][a-z0-9_.-]{0,63}`.
uniffi::custom_type!(CustomCode, String, {
    remote,
    lower: |c| c.as_str().to_owned(),
    try_lift: |s| CustomCode::try_new(&s).map_err(value_error),
});

// Free text (names, notes, descriptions). Any string is valid; its `Debug` is redacted in Rust.
uniffi::custom_type!(FreeText, String, {
    remote,
    lower: |t| t.as_str().to_owned(),
    try_lift: |s| Ok(FreeText::new(s)),
});

uniffi::custom_type!(Url, String, {
    remote,
    lower: |u| u.as_str().to_owned(),
    try_lift: |s| Url::try_new(s).map_err(value_error),
});

// An assigned ISO 3166-1 alpha-2 code (`JP`).
uniffi::custom_type!(CountryCode, String, {
    remote,
    lower: |c| c.as_str().to_owned(),
    try_lift: |s| CountryCode::try_new(&s).map_err(value_error),
});

// A country (`JP`) or an ISO 3166-2 subdivision (`US-CA`, `JP-13`).
uniffi::custom_type!(Jurisdiction, String, {
    remote,
    lower: |j| j.to_string(),
    try_lift: |s| Jurisdiction::try_new(&s).map_err(value_error),
});

// An IANA zone name known to the bundled tz database (`Asia/Tokyo`).
uniffi::custom_type!(TimeZoneName, String, {
    remote,
    lower: |z| z.name().to_owned(),
    try_lift: |s| TimeZoneName::try_new(&s).map_err(value_error),
});

/// A time known to the year, month, day, minute or second, as its parts: `PartialTime` in Swift
/// and Kotlin (`PartialTime(year: 2023, month: 7, day: 28)` is a day). Every part after the last
/// one known is left out; `utcOffsetMinutes` goes with a time of day only (`0` is UTC) and is
/// left out when the time is read in the event's or the incident's zone.
///
/// Lifting checks the parts with the core's rules (a real date, a real time of day, a year
/// between 1900 and 2200, an offset within ±18 hours): an invalid one is
/// `BreachkitError.InvalidValue` with code `invalid_time`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PartialTimeParts {
    /// The year.
    pub year: i32,
    /// The month, 1 to 12.
    #[uniffi(default = None)]
    pub month: Option<u8>,
    /// The day of the month.
    #[uniffi(default = None)]
    pub day: Option<u8>,
    /// The hour, 0 to 23.
    #[uniffi(default = None)]
    pub hour: Option<u8>,
    /// The minute, 0 to 59.
    #[uniffi(default = None)]
    pub minute: Option<u8>,
    /// The second, 0 to 59.
    #[uniffi(default = None)]
    pub second: Option<u8>,
    /// The UTC offset in minutes (`540` for +09:00), with a time of day only.
    #[uniffi(default = None)]
    pub utc_offset_minutes: Option<i32>,
}

fn time_parts(t: PartialTime) -> PartialTimeParts {
    let small = |v: u32| u8::try_from(v).unwrap_or(u8::MAX);
    let hms = t.time_of_day();
    PartialTimeParts {
        year: t.year(),
        month: t.month().map(small),
        day: t.day().map(small),
        hour: hms.map(|(h, _, _)| small(h)),
        minute: hms.map(|(_, m, _)| small(m)),
        second: hms.and_then(|(_, _, s)| s.map(small)),
        utc_offset_minutes: t.offset().map(|o| o.local_minus_utc() / 60),
    }
}

/// The wire form of the parts (`2023-07-28T09:30+09:00`), or `None` when a part is given
/// without the one before it.
fn time_text(p: &PartialTimeParts) -> Option<String> {
    let mut s = format!("{:04}", p.year);
    let date = [p.month, p.day];
    let time = [p.hour, p.minute];
    // No part without the part before it.
    let known = [p.month, p.day, p.hour, p.minute, p.second].map(|v| v.is_some());
    if known.windows(2).any(|w| !w[0] && w[1]) {
        return None;
    }
    if p.hour.is_some() != p.minute.is_some() {
        return None;
    }
    for v in date.into_iter().flatten() {
        s.push_str(&format!("-{v:02}"));
    }
    if let [Some(h), Some(m)] = time {
        s.push_str(&format!("T{h:02}:{m:02}"));
        if let Some(sec) = p.second {
            s.push_str(&format!(":{sec:02}"));
        }
        match p.utc_offset_minutes {
            Some(0) => s.push('Z'),
            Some(o) => {
                let sign = if o < 0 { '-' } else { '+' };
                let a = o.unsigned_abs();
                s.push_str(&format!("{sign}{:02}:{:02}", a / 60, a % 60));
            }
            None => {}
        }
    } else if p.utc_offset_minutes.is_some() {
        return None;
    }
    Some(s)
}

fn time_from_parts(p: PartialTimeParts) -> uniffi::Result<PartialTime> {
    let Some(text) = time_text(&p) else {
        return Err(BreachkitError::InvalidValue {
            code: "invalid_time".into(),
            path: String::new(),
            rule: "invalid time: give each part only with the parts before it (year, month, day, \
                   hour and minute together, second), and an offset only with a time of day"
                .into(),
        }
        .into());
    };
    text.parse::<PartialTime>().map_err(value_error)
}

uniffi::custom_type!(PartialTime, PartialTimeParts, {
    remote,
    lower: |t| time_parts(t),
    try_lift: |p| time_from_parts(p),
});

// ---------------------------------------------------------------------------------------------
// Closed enums

#[uniffi::remote(Enum)]
#[non_exhaustive]
pub enum Exfiltration {
    Confirmed,
    Suspected,
    NoneFound,
    Unknown,
}

#[uniffi::remote(Enum)]
pub enum Nature {
    Confidentiality,
    Integrity,
    Availability,
}

#[uniffi::remote(Enum)]
#[non_exhaustive]
pub enum EncryptionState {
    None,
    Partial,
    Full,
    Unknown,
}

#[uniffi::remote(Enum)]
#[non_exhaustive]
pub enum RiskLevel {
    Unknown,
    Unlikely,
    Risk,
    High,
}

#[uniffi::remote(Enum)]
#[non_exhaustive]
pub enum MeasureStatus {
    Taken,
    InProgress,
    Planned,
}

#[uniffi::remote(Enum)]
#[non_exhaustive]
pub enum Role {
    Controller,
    Processor,
    JointController,
}

#[uniffi::remote(Enum)]
pub enum SizeClass {
    Micro,
    Small,
    Medium,
    Large,
}

#[uniffi::remote(Enum)]
#[non_exhaustive]
pub enum ReportStatus {
    Done,
    InProgress,
}

#[uniffi::remote(Enum)]
#[non_exhaustive]
pub enum UnknownReason {
    ToBeDetermined,
    CannotBeDetermined,
}

#[uniffi::remote(Enum)]
#[non_exhaustive]
pub enum Precision {
    Year,
    Month,
    Day,
    Minute,
    Second,
}

// The judgement facts' closed lists (`wire_enum!` in the core, each `#[non_exhaustive]`; the
// test `every_model_enum_value_crosses` walks their `ALL` lists).

#[uniffi::remote(Enum)]
#[non_exhaustive]
pub enum CompromiseStatus {
    Unknown,
    Confirmed,
    Suspected,
    RuledOut,
}

#[uniffi::remote(Enum)]
#[non_exhaustive]
pub enum DataEffect {
    Disclosed,
    Accessed,
    Viewed,
    Acquired,
    Altered,
    Destroyed,
    MadeUnavailable,
    None,
}

#[uniffi::remote(Enum)]
#[non_exhaustive]
pub enum RecipientType {
    Unknown,
    Malicious,
    UnidentifiedThirdParty,
    KnownThirdParty,
    TrustedConfidential,
    InternalGoodFaith,
    InternalAuthorised,
    Public,
    Nobody,
}

#[uniffi::remote(Enum)]
#[non_exhaustive]
pub enum RecoveryMethod {
    Deleted,
    Returned,
    Recalled,
    TakenDown,
}

#[uniffi::remote(Enum)]
#[non_exhaustive]
pub enum HashClass {
    Unknown,
    SlowKeyed,
    Fast,
    Broken,
}

#[uniffi::remote(Enum)]
#[non_exhaustive]
pub enum Identifiability {
    Unknown,
    Direct,
    Indirect,
    OnlyWithExtraInformation,
    Negligible,
}

#[uniffi::remote(Enum)]
#[non_exhaustive]
pub enum DataVolume {
    Unknown,
    Limited,
    Moderate,
    FullProfile,
}

#[uniffi::remote(Enum)]
#[non_exhaustive]
pub enum AvailabilityImpact {
    Unknown,
    NoneNoticeable,
    Limited,
    Significant,
    Severe,
}

#[uniffi::remote(Enum)]
#[non_exhaustive]
pub enum DecisionTopic {
    GdprRisk,
    HipaaBreach,
    AppiLeak,
}

#[uniffi::remote(Enum)]
#[non_exhaustive]
pub enum DecisionOutcome {
    NoRisk,
    Risk,
    HighRisk,
    Breach,
    Exception,
    LowProbability,
    Leak,
    PossibleLeak,
    NoLeak,
    NoBreach,
}

/// A count of people or records: exact, approximate, a range, at least, or unknown.
#[uniffi::remote(Enum)]
#[non_exhaustive]
pub enum Count {
    Exact { value: u64 },
    Approximate { value: u64 },
    Range { min: u64, max: u64 },
    AtLeast { value: u64 },
    Unknown { reason: UnknownReason },
}

// ---------------------------------------------------------------------------------------------
// Open code lists: the curated codes as cases, plus `Custom(code)` for `other:<code>`. The core
// enums are `#[non_exhaustive]`; the test `every_model_enum_value_crosses` walks their `KNOWN`
// lists so a new code that the mirror lacks fails there.

#[uniffi::remote(Enum)]
#[non_exhaustive]
pub enum DataCategory {
    Name,
    PostalAddress,
    EmailAddress,
    PhoneNumber,
    DateOfBirth,
    Gender,
    Nationality,
    Photograph,
    MyNumber,
    SocialSecurityNumber,
    PassportNumber,
    DriversLicenceNumber,
    MilitaryIdNumber,
    PrivateKey,
    MothersMaidenName,
    VehiclePlateRecognition,
    NationalIdNumber,
    TaxIdNumber,
    FinancialAccountNumber,
    FinancialAccountAccessCode,
    PaymentCardNumber,
    PaymentCardSecurityCode,
    PaymentCardExpiry,
    Credentials,
    PaymentServiceCredentials,
    CreditHistory,
    FinancialInformation,
    HealthMedical,
    HealthInsurance,
    MedicalRecordNumber,
    Genetic,
    Biometric,
    RacialEthnicOrigin,
    ReligiousPhilosophicalBeliefs,
    PoliticalOpinions,
    TradeUnionMembership,
    SexLifeOrientation,
    CriminalRecord,
    CrimeVictim,
    Disability,
    SocialStatus,
    CriminalProcedure,
    EmploymentRecord,
    JobTitle,
    OrganisationAffiliation,
    BusinessContactDetails,
    Education,
    Location,
    OnlineIdentifier,
    PurchaseHistory,
    CommunicationsContent,
    ChildrensData,
    Signature,
    Custom(CustomCode),
}

#[uniffi::remote(Enum)]
#[non_exhaustive]
pub enum Cause {
    Ransomware,
    Malware,
    UnauthorisedAccess,
    Phishing,
    CredentialAttack,
    VulnerabilityExploit,
    SupplyChain,
    WebSkimming,
    Misdelivery,
    LostDevice,
    StolenDevice,
    PaperRecords,
    InsiderMisuse,
    EmployeeError,
    Misconfiguration,
    ImproperDisposal,
    SocialEngineering,
    DenialOfService,
    Unknown,
    Custom(CustomCode),
}

#[uniffi::remote(Enum)]
#[non_exhaustive]
pub enum Sector {
    HipaaCoveredEntity,
    HipaaBusinessAssociate,
    Healthcare,
    Financial,
    Telecom,
    CriticalInfrastructure,
    Public,
    Education,
    Retail,
    Manufacturing,
    GlbaFtcFinancialInstitution,
    NydfsCoveredEntity,
    Listed,
    Energy,
    Transport,
    FinancialMarketInfrastructure,
    DrinkingWater,
    WasteWater,
    DigitalInfrastructure,
    IctServiceManagement,
    Space,
    Postal,
    WasteManagement,
    Chemicals,
    Food,
    DigitalProviders,
    Research,
    Custom(CustomCode),
}

#[uniffi::remote(Enum)]
#[non_exhaustive]
pub enum GroupKind {
    Customers,
    Employees,
    FormerEmployees,
    CurrentAndFormerEmployees,
    JobApplicants,
    BusinessContacts,
    Patients,
    PlanMembers,
    Students,
    Children,
    Users,
    Members,
    Shareholders,
    Custom(CustomCode),
}

#[uniffi::remote(Enum)]
#[non_exhaustive]
pub enum MeasureKind {
    Isolation,
    ResponseTeam,
    ExternalExperts,
    Investigation,
    Edr,
    Mfa,
    PasswordReset,
    SystemRestoration,
    VulnerabilityReview,
    MonitoringEnhancement,
    Governance,
    BcpReview,
    ThirdPartyAssessment,
    ScopeIdentification,
    RootCauseAnalysis,
    CreditMonitoring,
    InquiryDesk,
    Training,
    LeakMonitoring,
    DataRecovery,
    Custom(CustomCode),
}

#[uniffi::remote(Enum)]
#[non_exhaustive]
pub enum EventKind {
    Occurred,
    Detected,
    Aware,
    Escalated,
    Contained,
    InvestigationStarted,
    InvestigationConcluded,
    ScopeDetermined,
    Restored,
    DataPublished,
    LawEnforcementDelayRequested,
    LawEnforcementDelayEnded,
    ControllerInformed,
    RansomDemand,
    RansomPaid,
    MaterialityDetermined,
    Custom(CustomCode),
}

#[uniffi::remote(Enum)]
#[non_exhaustive]
pub enum ReportRecordKind {
    Preliminary,
    Final,
    Complete,
    Update,
    Notice,
    Announcement,
    CrimeReport,
    Unspecified,
    Assessment,
    Record,
    Custom(CustomCode),
}

#[uniffi::remote(Enum)]
#[non_exhaustive]
pub enum ContactKind {
    Email,
    WebForm,
    Url,
    Phone,
    Postal,
    Custom(CustomCode),
}

#[uniffi::remote(Enum)]
#[non_exhaustive]
pub enum Consequence {
    IdentityTheft,
    Fraud,
    FinancialLoss,
    Discrimination,
    ReputationalDamage,
    PhysicalHarm,
    ProfessionalSecrecy,
    PsychologicalDistress,
    LossOfControl,
    TargetedPhishing,
    ServiceDisruption,
    Custom(CustomCode),
}

#[uniffi::remote(Enum)]
#[non_exhaustive]
pub enum Vulnerability {
    Children,
    Patients,
    DependentEmployees,
    Precarious,
    Elderly,
    Disabled,
    Custom(CustomCode),
}

// ---------------------------------------------------------------------------------------------
// Records. Optional and list fields default to empty in Swift and Kotlin constructors.

#[uniffi::remote(Record)]
pub struct Establishment {
    pub jurisdiction: Jurisdiction,
    #[uniffi(default = None)]
    pub name: Option<FreeText>,
    #[uniffi(default = false)]
    pub main_eu_establishment: bool,
}

#[uniffi::remote(Record)]
pub struct Contact {
    pub kind: ContactKind,
    pub value: FreeText,
    #[uniffi(default = None)]
    pub audience: Option<FreeText>,
    #[uniffi(default = false)]
    pub dpo: bool,
}

#[uniffi::remote(Record)]
pub struct Organisation {
    pub id: EntityId,
    pub name: FreeText,
    #[uniffi(default = None)]
    pub local_name: Option<FreeText>,
    #[uniffi(default = None)]
    pub short_name: Option<FreeText>,
    pub country: CountryCode,
    #[uniffi(default = None)]
    pub subdivision: Option<Jurisdiction>,
    #[uniffi(default = None)]
    pub parent: Option<EntityId>,
    #[uniffi(default = [])]
    pub sectors: Vec<Sector>,
    #[uniffi(default = None)]
    pub size_class: Option<SizeClass>,
    #[uniffi(default = [])]
    pub designations: Vec<DesignationCode>,
    #[uniffi(default = [])]
    pub establishments: Vec<Establishment>,
    #[uniffi(default = [])]
    pub markets: Vec<Jurisdiction>,
    #[uniffi(default = [])]
    pub contacts: Vec<Contact>,
    #[uniffi(default = None)]
    pub notes: Option<FreeText>,
}

#[uniffi::remote(Record)]
pub struct Event {
    pub kind: EventKind,
    #[uniffi(default = None)]
    pub at: Option<PartialTime>,
    #[uniffi(default = None)]
    pub after: Option<PartialTime>,
    #[uniffi(default = None)]
    pub before: Option<PartialTime>,
    #[uniffi(default = None)]
    pub time_zone: Option<TimeZoneName>,
    #[uniffi(default = [])]
    pub entities: Vec<EntityId>,
    #[uniffi(default = None)]
    pub note: Option<FreeText>,
}

#[uniffi::remote(Record)]
pub struct Encryption {
    pub state: EncryptionState,
    pub high_standard: Tristate,
    pub key_compromised: Tristate,
}

#[uniffi::remote(Record)]
pub struct Backups {
    pub available: Tristate,
    #[uniffi(default = None)]
    pub restored: Option<PartialTime>,
}

#[uniffi::remote(Record)]
pub struct Compromise {
    pub status: CompromiseStatus,
    #[uniffi(default = None)]
    pub basis: Option<FreeText>,
}

#[uniffi::remote(Record)]
pub struct DataRecipient {
    pub kind: RecipientType,
    pub recovered: Tristate,
    #[uniffi(default = None)]
    pub recovery: Option<RecoveryMethod>,
    pub recovery_confirmed: Tristate,
    #[uniffi(default = None)]
    pub recovered_at: Option<PartialTime>,
    pub could_retain: Tristate,
    pub further_use: Tristate,
}

#[uniffi::remote(Record)]
pub struct Hashing {
    pub applied: Tristate,
    pub algorithm: HashClass,
    pub salted: Tristate,
    pub secret_compromised: Tristate,
}

#[uniffi::remote(Record)]
pub struct Pseudonymisation {
    pub applied: Tristate,
    pub key_separate_and_safe: Tristate,
}

#[uniffi::remote(Record)]
pub struct Availability {
    #[uniffi(default = None)]
    pub outage_hours: Option<u32>,
    pub restored_from_backup: Tristate,
    pub restore_complete: Tristate,
    pub impact: AvailabilityImpact,
}

#[uniffi::remote(Record)]
pub struct Consequences {
    pub assessed: Tristate,
    #[uniffi(default = [])]
    pub observed: Vec<Consequence>,
    #[uniffi(default = [])]
    pub likely: Vec<Consequence>,
}

#[uniffi::remote(Record)]
pub struct Decision {
    pub topic: DecisionTopic,
    pub outcome: DecisionOutcome,
    #[uniffi(default = None)]
    pub justification: Option<FreeText>,
    #[uniffi(default = None)]
    pub by: Option<FreeText>,
    #[uniffi(default = None)]
    pub at: Option<PartialTime>,
}

#[uniffi::remote(Record)]
pub struct Determination {
    pub test: TestCode,
    pub result: Tristate,
    #[uniffi(default = None)]
    pub at: Option<PartialTime>,
    #[uniffi(default = [])]
    pub entities: Vec<EntityId>,
    #[uniffi(default = None)]
    pub basis: Option<FreeText>,
}

#[uniffi::remote(Record)]
pub struct Breach {
    #[uniffi(default = [])]
    pub nature: Vec<Nature>,
    #[uniffi(default = [])]
    pub causes: Vec<Cause>,
    pub wrongful_purpose: Tristate,
    pub exfiltration: Exfiltration,
    pub encryption: Encryption,
    pub backups: Backups,
    #[uniffi(default = [])]
    pub systems: Vec<FreeText>,
    pub risk: RiskLevel,
    pub low_probability_of_compromise: Tristate,
    pub high_risk_mitigated: Tristate,
    pub compromise: Compromise,
    #[uniffi(default = [])]
    pub data_effects: Vec<DataEffect>,
    pub recipient: DataRecipient,
    pub hashing: Hashing,
    pub pseudonymisation: Pseudonymisation,
    pub redacted: Tristate,
    pub availability: Availability,
    pub consequences: Consequences,
    #[uniffi(default = [])]
    pub decisions: Vec<Decision>,
    #[uniffi(default = [])]
    pub determinations: Vec<Determination>,
    #[uniffi(default = None)]
    pub description: Option<FreeText>,
}

#[uniffi::remote(Record)]
pub struct Holding {
    pub entity: EntityId,
    pub role: Role,
    #[uniffi(default = None)]
    pub on_behalf_of: Option<EntityId>,
}

#[uniffi::remote(Record)]
pub struct Residence {
    pub jurisdiction: Jurisdiction,
    pub count: Count,
}

#[uniffi::remote(Record)]
pub struct AffectedGroup {
    pub id: GroupId,
    pub kind: GroupKind,
    #[uniffi(default = None)]
    pub label: Option<FreeText>,
    #[uniffi(default = [])]
    pub holders: Vec<Holding>,
    pub count: Count,
    #[uniffi(default = None)]
    pub records: Option<Count>,
    #[uniffi(default = [])]
    pub residence: Vec<Residence>,
    #[uniffi(default = [])]
    pub categories: Vec<DataCategory>,
    #[uniffi(default = [])]
    pub not_affected: Vec<DataCategory>,
    pub contact_details_available: Tristate,
    pub includes_children: Tristate,
    pub vulnerable: Tristate,
    #[uniffi(default = [])]
    pub vulnerabilities: Vec<Vulnerability>,
    pub identifiability: Identifiability,
    pub volume_per_person: DataVolume,
    #[uniffi(default = None)]
    pub notes: Option<FreeText>,
    pub categories_vary: Tristate,
    #[uniffi(default = None)]
    pub known_since: Option<PartialTime>,
}

#[uniffi::remote(Record)]
pub struct Totals {
    #[uniffi(default = None)]
    pub persons: Option<Count>,
    #[uniffi(default = None)]
    pub records: Option<Count>,
    #[uniffi(default = None)]
    pub known_since: Option<PartialTime>,
}

#[uniffi::remote(Record)]
pub struct Measure {
    pub kind: MeasureKind,
    pub status: MeasureStatus,
    #[uniffi(default = None)]
    pub at: Option<PartialTime>,
    #[uniffi(default = [])]
    pub entities: Vec<EntityId>,
    #[uniffi(default = None)]
    pub description: Option<FreeText>,
    #[uniffi(default = None)]
    pub known_since: Option<PartialTime>,
}

#[uniffi::remote(Record)]
pub struct Recipient {
    pub kind: RecipientKind,
    #[uniffi(default = None)]
    pub body: Option<BodyId>,
    #[uniffi(default = None)]
    pub name: Option<FreeText>,
}

#[uniffi::remote(Record)]
pub struct ReportRecord {
    pub id: breachkit::model::ReportId,
    #[uniffi(default = [])]
    pub by: Vec<EntityId>,
    pub recipient: Recipient,
    pub kind: ReportRecordKind,
    #[uniffi(default = None)]
    pub sequence: Option<u32>,
    #[uniffi(default = None)]
    pub at: Option<PartialTime>,
    #[uniffi(default = None)]
    pub before: Option<PartialTime>,
    pub status: ReportStatus,
    #[uniffi(default = [])]
    pub groups: Vec<GroupId>,
    #[uniffi(default = None)]
    pub title: Option<FreeText>,
    #[uniffi(default = None)]
    pub reference: Option<FreeText>,
    #[uniffi(default = None)]
    pub url: Option<Url>,
    #[uniffi(default = None)]
    pub language: Option<String>,
    #[uniffi(default = None)]
    pub note: Option<FreeText>,
}

#[uniffi::remote(Record)]
pub struct Source {
    pub title: FreeText,
    #[uniffi(default = None)]
    pub url: Option<Url>,
    #[uniffi(default = None)]
    pub date: Option<PartialTime>,
}

/// The whole incident document as a native value (`IncidentData` in Swift and Kotlin). Build
/// one field by field and turn it into an [`crate::Incident`] with `Incident.fromData`.
#[uniffi::remote(Record)]
pub struct IncidentData {
    pub schema_version: String,
    pub id: IncidentId,
    #[uniffi(default = None)]
    pub title: Option<FreeText>,
    #[uniffi(default = None)]
    pub summary: Option<FreeText>,
    #[uniffi(default = None)]
    pub time_zone: Option<TimeZoneName>,
    #[uniffi(default = [])]
    pub organisations: Vec<Organisation>,
    #[uniffi(default = [])]
    pub timeline: Vec<Event>,
    pub breach: Breach,
    #[uniffi(default = [])]
    pub groups: Vec<AffectedGroup>,
    pub totals: Totals,
    #[uniffi(default = [])]
    pub measures: Vec<Measure>,
    #[uniffi(default = [])]
    pub reports: Vec<ReportRecord>,
    #[uniffi(default = [])]
    pub sources: Vec<Source>,
    #[uniffi(default = None)]
    pub notes: Option<FreeText>,
}

// ---------------------------------------------------------------------------------------------
// Starting points: the empty values a form starts from (every fact unknown).

// api: Incident::new
/// A new, empty incident with the current schema version: the starting point of a form.
///
/// # Errors
/// [`BreachkitError::InvalidValue`] (code `invalid_id`) when `id` is not an identifier.
#[uniffi::export]
pub fn new_incident(id: IncidentId) -> Result<IncidentData, BreachkitError> {
    Ok(IncidentData::new(id))
}

/// The breach facts with everything unknown (the default of a new incident).
#[uniffi::export]
pub fn unknown_breach() -> Breach {
    Breach::default()
}

/// A new affected group of `kind` with nothing known yet (count unknown, every fact unknown).
///
/// # Errors
/// [`BreachkitError::InvalidValue`] when `id` is not an identifier or `kind` has an invalid
/// custom code.
#[uniffi::export]
pub fn new_group(id: GroupId, kind: GroupKind) -> Result<AffectedGroup, BreachkitError> {
    Ok(AffectedGroup {
        id,
        kind,
        label: None,
        holders: Vec::new(),
        count: Count::default(),
        records: None,
        residence: Vec::new(),
        categories: Vec::new(),
        not_affected: Vec::new(),
        contact_details_available: Tristate::Unknown,
        includes_children: Tristate::Unknown,
        vulnerable: Tristate::Unknown,
        vulnerabilities: Vec::new(),
        identifiability: Default::default(),
        volume_per_person: Default::default(),
        notes: None,
        categories_vary: Tristate::Unknown,
        known_since: None,
    })
}

// api: PartialTime::precision
/// How precisely a partial time is known.
///
/// # Errors
/// [`BreachkitError::InvalidValue`] (code `invalid_time`) when the parts are not a valid time.
#[uniffi::export]
pub fn partial_time_precision(time: PartialTime) -> Result<Precision, BreachkitError> {
    Ok(time.precision())
}

// api: Count::describe
/// A count in plain English (`about 60000`, `to be determined`).
///
/// # Errors
/// Never for a count that crossed; the `Result` turns a lifting failure into a typed error.
#[uniffi::export]
pub fn describe_count(count: Count) -> Result<String, BreachkitError> {
    Ok(count.describe())
}

/// The wire code of a data category (`postal_address`, `other:loyalty_points`).
///
/// # Errors
/// [`BreachkitError::InvalidValue`] when a custom code is invalid.
#[uniffi::export]
pub fn data_category_code(category: DataCategory) -> Result<String, BreachkitError> {
    Ok(category.code().into_owned())
}

/// A data category from its wire code (`name`, `other:loyalty_points`).
///
/// # Errors
/// [`BreachkitError::InvalidValue`] with code `unknown_code` or `invalid_code`.
#[uniffi::export]
pub fn data_category_from_code(code: String) -> Result<DataCategory, BreachkitError> {
    Ok(code.parse::<DataCategory>()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip<T>(v: T) -> Option<T>
    where
        T: uniffi::Lower<crate::UniFfiTag> + uniffi::Lift<crate::UniFfiTag>,
    {
        let mut buf = Vec::new();
        T::write(v, &mut buf);
        T::try_read(&mut buf.as_slice()).ok()
    }

    #[test]
    fn partial_times_cross_as_parts() {
        for s in [
            "2023",
            "2023-07",
            "2023-07-28",
            "2023-07-28T09:30",
            "2023-07-28T09:30:15",
            "2023-07-28T09:30Z",
            "2023-07-28T09:30:15+09:00",
            "2023-07-28T09:30-03:30",
        ] {
            let t: PartialTime = s.parse().unwrap_or_else(|_| unreachable!("{s}"));
            assert_eq!(time_text(&time_parts(t)).as_deref(), Some(s));
            assert_eq!(round_trip(t), Some(t), "{s}");
        }
        let day = PartialTimeParts {
            year: 2023,
            month: Some(7),
            day: Some(28),
            hour: None,
            minute: None,
            second: None,
            utc_offset_minutes: None,
        };
        assert!(time_from_parts(day.clone()).is_ok());
        for bad in [
            PartialTimeParts {
                month: None,
                ..day.clone()
            },
            PartialTimeParts {
                day: Some(31),
                month: Some(6),
                ..day.clone()
            },
            PartialTimeParts {
                hour: Some(9),
                ..day.clone()
            },
            PartialTimeParts {
                utc_offset_minutes: Some(540),
                ..day.clone()
            },
            PartialTimeParts {
                year: 1800,
                ..day.clone()
            },
        ] {
            let e = time_from_parts(bad)
                .err()
                .map(|e| e.downcast::<BreachkitError>());
            let Some(Ok(BreachkitError::InvalidValue { code, .. })) = e else {
                unreachable!("a typed error")
            };
            assert_eq!(code, "invalid_time");
        }
    }

    #[test]
    fn every_model_enum_value_crosses() {
        // Lowering panics on a value the mirror does not know (the core enums are
        // non-exhaustive, so the compiler cannot check these mirrors in full).
        macro_rules! all_cross {
            ($($t:ty => $list:expr),* $(,)?) => {$(
                for v in $list.iter().cloned() {
                    assert_eq!(round_trip::<$t>(v.clone()), Some(v));
                }
            )*};
        }
        all_cross!(
            DataCategory => DataCategory::KNOWN,
            Cause => Cause::KNOWN,
            Sector => Sector::KNOWN,
            GroupKind => GroupKind::KNOWN,
            MeasureKind => MeasureKind::KNOWN,
            EventKind => EventKind::KNOWN,
            ReportRecordKind => ReportRecordKind::KNOWN,
            ContactKind => ContactKind::KNOWN,
            Consequence => Consequence::KNOWN,
            Vulnerability => Vulnerability::KNOWN,
            CompromiseStatus => CompromiseStatus::ALL,
            DataEffect => DataEffect::ALL,
            RecipientType => RecipientType::ALL,
            RecoveryMethod => RecoveryMethod::ALL,
            HashClass => HashClass::ALL,
            Identifiability => Identifiability::ALL,
            DataVolume => DataVolume::ALL,
            AvailabilityImpact => AvailabilityImpact::ALL,
            DecisionTopic => DecisionTopic::ALL,
            DecisionOutcome => DecisionOutcome::ALL,
        );
        let custom: DataCategory = "other:loyalty_points".parse().unwrap_or(DataCategory::Name);
        assert!(custom.is_custom());
        assert_eq!(round_trip(custom.clone()), Some(custom));
    }

    /// Every example and scenario incident in the repository (JSON text, with its name).
    fn corpus() -> Vec<(String, String)> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let mut out = Vec::new();
        let list = |dir: &str| -> Vec<std::path::PathBuf> {
            let mut v: Vec<_> = std::fs::read_dir(root.join(dir))
                .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
                .unwrap_or_default();
            v.retain(|p: &std::path::PathBuf| p.extension().is_some_and(|x| x == "json"));
            v.sort();
            v
        };
        for p in list("docs/examples") {
            let text = std::fs::read_to_string(&p).unwrap_or_default();
            // Revision histories are another document type.
            if !text.contains("\"revisions\"") {
                out.push((p.display().to_string(), text));
            }
        }
        for p in list("tests/fixtures/scenarios") {
            let text = std::fs::read_to_string(&p).unwrap_or_default();
            let sc: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
            if let Some(inc) = sc.get("incident") {
                out.push((p.display().to_string(), inc.to_string()));
            }
        }
        out
    }

    #[test]
    fn every_example_and_scenario_round_trips_through_native_values() {
        let corpus = corpus();
        assert!(corpus.len() > 150, "{}", corpus.len());
        for (name, text) in corpus {
            let read = crate::Incident::from_json(text);
            let Ok(read) = read else {
                unreachable!("{name}: {read:?}")
            };
            let native = round_trip(read.data());
            assert_eq!(native.as_ref(), Some(&read.0), "{name}");
            let back = native.map(crate::Incident::from_data);
            let Some(Ok(back)) = back else {
                unreachable!("{name}: {back:?}")
            };
            assert_eq!(back.to_json(), read.to_json(), "{name}");
        }
    }

    #[test]
    fn a_rule_between_fields_is_checked_with_its_path() {
        let mut data = new_incident(IncidentId::try_new("x").unwrap_or_else(|_| unreachable!()))
            .unwrap_or_else(|_| unreachable!());
        let mut g = new_group(
            GroupId::try_new("g").unwrap_or_else(|_| unreachable!()),
            GroupKind::Customers,
        )
        .unwrap_or_else(|_| unreachable!());
        g.count = Count::Range { min: 5, max: 4 };
        data.groups.push(g);
        let e = crate::Incident::from_data(data);
        let Err(BreachkitError::InvalidDocument { code, path, .. }) = e else {
            unreachable!("{e:?}")
        };
        assert_eq!((code.as_str(), path.as_str()), ("shape", "/groups/0/count"));
    }

    #[test]
    fn an_invalid_checked_value_is_a_typed_error() {
        // A custom code with a space, lifted from its wire form.
        let mut buf = Vec::new();
        <String as uniffi::Lower<crate::UniFfiTag>>::write("Jane Doe".into(), &mut buf);
        let e = <CustomCode as uniffi::Lift<crate::UniFfiTag>>::try_read(&mut buf.as_slice());
        let Err(e) = e else { unreachable!("must fail") };
        let Ok(BreachkitError::InvalidValue { code, rule, .. }) = e.downcast::<BreachkitError>()
        else {
            unreachable!("a typed error")
        };
        assert_eq!(code, "invalid_code");
        assert!(!rule.contains("Jane"));
        // The identifiers of lib.rs too (they once reached Swift as a panic).
        let mut buf = Vec::new();
        <String as uniffi::Lower<crate::UniFfiTag>>::write("Jane Doe".into(), &mut buf);
        let e = <EntityId as uniffi::Lift<crate::UniFfiTag>>::try_read(&mut buf.as_slice());
        let typed = e.err().map(|e| e.downcast::<BreachkitError>());
        assert!(
            matches!(typed, Some(Ok(BreachkitError::InvalidValue { ref code, .. })) if code == "invalid_id"),
            "{typed:?}"
        );
    }
}

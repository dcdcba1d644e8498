//! The incident document: organisations, timeline, breach, affected groups, measures, reports.

use crate::count::Count;
use crate::facts::*;
use crate::geo::{CountryCode, Jurisdiction};
use crate::ids::{
    BodyId, DesignationCode, EntityId, GroupId, IncidentId, ReportId, TestCode, Text, Url,
};
use crate::judgement::*;
use crate::time::{PartialTime, TimeZoneName};

/// The schema version this build writes, and the only one it reads so far.
pub const SCHEMA_VERSION: &str = "0.1";

fn is_false(b: &bool) -> bool {
    !*b
}

/// One personal-data incident, as known at some point in time.
///
/// Every field but `schema_version` and `id` may be left out: an early, incomplete incident is
/// valid. Completeness is asked by each report stage, not by the type.
#[derive(Clone, PartialEq, Debug, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Incident {
    /// Format version; `0.1`.
    pub schema_version: String,
    /// The incident's identifier.
    pub id: IncidentId,
    /// A short title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<Text>,
    /// A summary in prose.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<Text>,
    /// The zone in which dates and times without an offset are read (for example `Asia/Tokyo`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<TimeZoneName>,
    /// The organisations involved: each legal entity is its own obligor.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub organisations: Vec<Organisation>,
    /// What happened when.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub timeline: Vec<Event>,
    /// The breach itself: nature, cause, exfiltration, encryption.
    #[serde(default)]
    pub breach: Breach,
    /// The affected parties, by group.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<AffectedGroup>,
    /// Totals where only totals are known (the seed: about 60,000 items in all).
    #[serde(default, skip_serializing_if = "Totals::is_empty")]
    pub totals: Totals,
    /// Measures taken and planned.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub measures: Vec<Measure>,
    /// Reports, notices and announcements already made.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reports: Vec<ReportRecord>,
    /// Public sources this document was built from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
    /// Free notes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<Text>,
}

impl Incident {
    /// A new, empty incident with the current schema version.
    pub fn new(id: IncidentId) -> Self {
        Incident {
            schema_version: SCHEMA_VERSION.to_owned(),
            id,
            title: None,
            summary: None,
            time_zone: None,
            organisations: Vec::new(),
            timeline: Vec::new(),
            breach: Breach::default(),
            groups: Vec::new(),
            totals: Totals::default(),
            measures: Vec::new(),
            reports: Vec::new(),
            sources: Vec::new(),
            notes: None,
        }
    }

    /// The organisation with this id.
    pub fn organisation(&self, id: &EntityId) -> Option<&Organisation> {
        self.organisations.iter().find(|o| &o.id == id)
    }

    /// The groups whose data this entity holds, with the role it holds them in.
    pub fn groups_held_by<'a>(
        &'a self,
        entity: &'a EntityId,
    ) -> impl Iterator<Item = (&'a AffectedGroup, &'a Holding)> + 'a {
        self.groups.iter().filter_map(move |g| {
            g.holders
                .iter()
                .find(|h| &h.entity == entity)
                .map(|h| (g, h))
        })
    }

    /// The timeline events of this kind that apply to this entity (events naming no entity apply
    /// to all).
    pub fn events_for<'a>(
        &'a self,
        kind: &'a EventKind,
        entity: &'a EntityId,
    ) -> impl Iterator<Item = &'a Event> + 'a {
        self.timeline.iter().filter(move |e| {
            &e.kind == kind && (e.entities.is_empty() || e.entities.contains(entity))
        })
    }

    /// The zone an event's time is read in: the event's own, else the incident's.
    pub fn zone_for(&self, event_zone: Option<TimeZoneName>) -> Option<chrono_tz::Tz> {
        event_zone.or(self.time_zone).map(|z| z.tz())
    }
}

/// A legal entity involved in the incident.
#[derive(Clone, PartialEq, Debug, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    /// Identifier used elsewhere in the document.
    pub id: EntityId,
    /// Name (in English or the language of the document).
    pub name: Text,
    /// Name in the local language and script (セイコーグループ株式会社).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub local_name: Option<Text>,
    /// The short name a public text defines and then uses ("SGC"), if it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_name: Option<Text>,
    /// Country of incorporation.
    pub country: CountryCode,
    /// State or prefecture of incorporation or principal place of business, where law cares.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subdivision: Option<Jurisdiction>,
    /// The parent company, if it is also in this document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<EntityId>,
    /// Sectors whose law cares.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sectors: Vec<Sector>,
    /// Size class (Commission Recommendation 2003/361/EC), read by NIS2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size_class: Option<SizeClass>,
    /// Designations a regulator or the organisation has recorded (`eu.nis2.essential`,
    /// `eu.dora.financial_entity`, `cn.cii_operator`, `au.app_entity`, ...).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub designations: Vec<DesignationCode>,
    /// Establishments in other countries (an EU establishment decides GDPR's lead authority).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub establishments: Vec<Establishment>,
    /// Jurisdictions whose residents it offers goods or services to, or whose behaviour it
    /// monitors (GDPR Art. 3(2), APPI Art. 171).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub markets: Vec<Jurisdiction>,
    /// Contact points for affected people and regulators.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contacts: Vec<Contact>,
    /// Free notes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<Text>,
}

/// An establishment of an organisation in a jurisdiction.
#[derive(Clone, PartialEq, Debug, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Establishment {
    /// Where.
    pub jurisdiction: Jurisdiction,
    /// Its name, if it has its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<Text>,
    /// True for the main establishment in the EU (GDPR Art. 4(16); decides the lead authority).
    #[serde(default, skip_serializing_if = "is_false")]
    pub main_eu_establishment: bool,
}

/// A contact point.
#[derive(Clone, PartialEq, Debug, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// Email, web form, phone, ...
    pub kind: ContactKind,
    /// The address, number or URL.
    pub value: Text,
    /// Who should use it ("affected customers", "media").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audience: Option<Text>,
    /// True when this is the data-protection officer's contact (GDPR Art. 33(3)(b)).
    #[serde(default, skip_serializing_if = "is_false")]
    pub dpo: bool,
}

/// An event on the timeline.
#[derive(Clone, PartialEq, Debug, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// What happened.
    pub kind: EventKind,
    /// When, as precisely as known. Leave out when only bounds are known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<PartialTime>,
    /// It happened no earlier than this.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<PartialTime>,
    /// It happened no later than this.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<PartialTime>,
    /// The zone to read `at` in, when it differs from the incident's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<TimeZoneName>,
    /// The entities it concerns; empty means all.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entities: Vec<EntityId>,
    /// Notes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

/// The breach itself.
#[derive(
    Clone, PartialEq, Debug, Default, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct Breach {
    /// Confidentiality, integrity, availability (any combination).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub nature: Vec<Nature>,
    /// Causes and vectors.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub causes: Vec<Cause>,
    /// Whether the act may have been done for a wrongful purpose (APPI Rule 7(iii) 不正の目的).
    #[serde(default)]
    pub wrongful_purpose: Tristate,
    /// Whether data was exfiltrated.
    #[serde(default)]
    pub exfiltration: Exfiltration,
    /// Encryption of the affected data.
    #[serde(default)]
    pub encryption: Encryption,
    /// Backups and restoration.
    #[serde(default)]
    pub backups: Backups,
    /// The systems affected.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub systems: Vec<Text>,
    /// The controller's assessment of the risk to the people affected. Read as a recorded GDPR
    /// decision without justification, author or date (kept for compatibility); prefer
    /// `decisions` with topic `gdpr_risk`.
    #[serde(default)]
    pub risk: RiskLevel,
    /// HIPAA 45 CFR 164.402(2): a documented assessment shows a low probability that the PHI has
    /// been compromised. Read as a recorded HIPAA decision (`yes`: low probability, `no`: a
    /// breach); prefer `decisions` with topic `hipaa_breach`.
    #[serde(default)]
    pub low_probability_of_compromise: Tristate,
    /// GDPR Art. 34(3)(b): measures taken after the breach ensure that a high risk is no longer
    /// likely to materialise.
    #[serde(default)]
    pub high_risk_mitigated: Tristate,
    /// Whether a breach happened at all: confirmed, suspected (おそれ), ruled out.
    #[serde(default, skip_serializing_if = "is_default")]
    pub compromise: Compromise,
    /// What happened to the data (disclosed, accessed, viewed, acquired, altered, destroyed,
    /// made unavailable, or `none`); empty when not known. Once recorded, the list is read as
    /// complete: an effect not listed did not happen.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub data_effects: Vec<DataEffect>,
    /// Who got the data, and whether it came back.
    #[serde(default, skip_serializing_if = "is_default")]
    pub recipient: DataRecipient,
    /// Hashing of the affected data.
    #[serde(default, skip_serializing_if = "is_default")]
    pub hashing: Hashing,
    /// Pseudonymisation of the affected data.
    #[serde(default, skip_serializing_if = "is_default")]
    pub pseudonymisation: Pseudonymisation,
    /// Whether the affected documents were redacted so that the people cannot be identified.
    #[serde(default, skip_serializing_if = "is_unknown")]
    pub redacted: Tristate,
    /// The outage and the restoration.
    #[serde(default, skip_serializing_if = "is_default")]
    pub availability: Availability,
    /// Consequences for the people affected, seen or likely.
    #[serde(default, skip_serializing_if = "is_default")]
    pub consequences: Consequences,
    /// Decisions a person recorded (the final call on GDPR risk, HIPAA breach, APPI leak). They
    /// override the engine's advisory result, which is shown beside them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub decisions: Vec<Decision>,
    /// The organisations' determinations of legal tests that only they can make (serious harm,
    /// real risk of significant harm, a "major" classification), each with when it was made.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub determinations: Vec<Determination>,
    /// Description in prose.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
}

impl Breach {
    /// The recorded decision on this topic (the last one recorded wins).
    pub fn decision(&self, topic: DecisionTopic) -> Option<&Decision> {
        self.decisions.iter().rev().find(|d| d.topic == topic)
    }
}

fn is_default<T: Default + PartialEq>(t: &T) -> bool {
    *t == T::default()
}

fn is_unknown(t: &Tristate) -> bool {
    *t == Tristate::Unknown
}

/// A determination of a legal test by an organisation: its result and when it was made.
///
/// Clocks that run "after the organisation determines, assesses or classifies" start at `at`.
#[derive(Clone, PartialEq, Debug, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Determination {
    /// The test, as named by the rule file (`au.ndb.eligible`, `eu.dora.major`).
    pub test: TestCode,
    /// The result; `unknown` while the assessment is open.
    #[serde(default)]
    pub result: Tristate,
    /// When the determination was made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<PartialTime>,
    /// The entities it concerns; empty means all.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entities: Vec<EntityId>,
    /// The reasoning, in the author's words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<Text>,
}

/// Encryption of the affected data.
#[derive(
    Clone, PartialEq, Debug, Default, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct Encryption {
    /// Whether the affected data was encrypted.
    #[serde(default)]
    pub state: EncryptionState,
    /// Whether the encryption meets a recognised high standard (APPI "高度な暗号化", GDPR "state
    /// of the art", HIPAA/NIST guidance).
    #[serde(default)]
    pub high_standard: Tristate,
    /// Whether the key (or a way to decrypt) was also compromised.
    #[serde(default)]
    pub key_compromised: Tristate,
}

impl Encryption {
    /// Whether the data was unintelligible to the attacker: fully encrypted to a high standard
    /// and the key not compromised. Unknown when any of these is unknown.
    pub fn unintelligible(&self) -> Tristate {
        let encrypted = match self.state {
            EncryptionState::Full => Tristate::Yes,
            EncryptionState::None | EncryptionState::Partial => Tristate::No,
            EncryptionState::Unknown => Tristate::Unknown,
        };
        encrypted
            .and(self.high_standard)
            .and(self.key_compromised.negate())
    }
}

/// Backups and restoration of availability.
#[derive(
    Clone, PartialEq, Debug, Default, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct Backups {
    /// Whether usable backups existed.
    #[serde(default)]
    pub available: Tristate,
    /// When availability was restored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restored: Option<PartialTime>,
}

/// Which entity holds a group's data, and in which role.
#[derive(Clone, PartialEq, Debug, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Holding {
    /// The entity.
    pub entity: EntityId,
    /// Its role for this processing.
    pub role: Role,
    /// For a processor (entrusted party): the controller (entrustor) it works for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_behalf_of: Option<EntityId>,
}

/// How many affected people live in a jurisdiction.
#[derive(Clone, PartialEq, Debug, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Residence {
    /// Country or subdivision.
    pub jurisdiction: Jurisdiction,
    /// How many of the group live there; unknown when left out.
    #[serde(default)]
    pub count: Count,
}

/// A group of affected people (customers, employees, applicants, ...).
#[derive(Clone, PartialEq, Debug, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AffectedGroup {
    /// Identifier used elsewhere in the document.
    pub id: GroupId,
    /// What kind of people.
    pub kind: GroupKind,
    /// A label for people ("SWC customers").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<Text>,
    /// The entities holding their data, each in its role.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub holders: Vec<Holding>,
    /// How many people.
    #[serde(default)]
    pub count: Count,
    /// How many records, where known separately.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub records: Option<Count>,
    /// Where they live.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub residence: Vec<Residence>,
    /// The data categories exposed for this group.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<DataCategory>,
    /// Categories explicitly known not to be affected (the seed: card data not compromised).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_affected: Vec<DataCategory>,
    /// Whether the organisation has contact details to notify them individually.
    #[serde(default)]
    pub contact_details_available: Tristate,
    /// Whether the group includes children.
    #[serde(default)]
    pub includes_children: Tristate,
    /// Whether the people are vulnerable (children, patients, dependent employees, people in
    /// a precarious situation).
    #[serde(default, skip_serializing_if = "is_unknown")]
    pub vulnerable: Tristate,
    /// In what way they are vulnerable.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vulnerabilities: Vec<Vulnerability>,
    /// How easily the people can be identified from the affected data.
    #[serde(default)]
    pub identifiability: Identifiability,
    /// How much is known about each person.
    #[serde(default)]
    pub volume_per_person: DataVolume,
    /// Notes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<Text>,
    /// Whether each person lost only some of the data items (the seed's "and/or"): the items
    /// are then listed as varying by person, never as all lost by everyone.
    #[serde(default)]
    pub categories_vary: Tristate,
    /// When this group's count and data items were first known (published or established), so
    /// that a draft made as of an earlier date does not state them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub known_since: Option<PartialTime>,
}

/// Totals for the whole incident, where only totals are known.
#[derive(
    Clone, PartialEq, Debug, Default, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct Totals {
    /// Distinct people affected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub persons: Option<Count>,
    /// Records or items of personal data affected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub records: Option<Count>,
    /// When these totals were first known (published or established), so that a draft made as
    /// of an earlier date does not state them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub known_since: Option<PartialTime>,
}

impl Totals {
    fn is_empty(&self) -> bool {
        self.persons.is_none() && self.records.is_none()
    }
}

/// A measure taken or planned.
#[derive(Clone, PartialEq, Debug, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Measure {
    /// What kind.
    pub kind: MeasureKind,
    /// Taken, in progress or planned.
    #[serde(default)]
    pub status: MeasureStatus,
    /// When.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<PartialTime>,
    /// The entities that took it; empty means all.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entities: Vec<EntityId>,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    /// When this measure was first known (announced or decided); for a draft made as of an
    /// earlier date. `at` is when it was taken.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub known_since: Option<PartialTime>,
}

/// Who received a report or notice.
#[derive(Clone, PartialEq, Debug, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Recipient {
    /// What kind of recipient.
    pub kind: RecipientKind,
    /// The body's identifier, as rule files name it (`jp.ppc`, `us.hhs.ocr`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<BodyId>,
    /// The body's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<Text>,
}

/// Whether a recorded report is done or still going on.
#[derive(
    Clone,
    Copy,
    PartialEq,
    Eq,
    Debug,
    Default,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ReportStatus {
    /// Made.
    #[default]
    Done,
    /// Under way (for example individual notices being sent).
    InProgress,
}

/// A report, notice or announcement already made.
#[derive(Clone, PartialEq, Debug, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportRecord {
    /// Identifier.
    pub id: ReportId,
    /// The entities that made it (a joint report names several).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub by: Vec<EntityId>,
    /// Who received it.
    pub recipient: Recipient,
    /// Preliminary, final, notice, announcement, ...
    pub kind: ReportKind,
    /// Number in a series (first, second, third public report).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sequence: Option<u32>,
    /// When it was made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<PartialTime>,
    /// It was made no later than this (when only a bound is known).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<PartialTime>,
    /// Done or in progress.
    #[serde(default)]
    pub status: ReportStatus,
    /// The groups it was addressed to (notices).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<GroupId>,
    /// Title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<Text>,
    /// Reference number given by the recipient.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<Text>,
    /// Where it is published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<Url>,
    /// Language tag (`ja`, `en`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Notes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

/// A public source the document was built from.
#[derive(Clone, PartialEq, Debug, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Title.
    pub title: Text,
    /// Where.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<Url>,
    /// Publication date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<PartialTime>,
}

//! The facts a regulator weighs when it judges a breach, and the decision a person recorded.
//!
//! GDPR Arts 33–34 ("unlikely to result in a risk", "likely to result in a high risk"), HIPAA's
//! definition of breach (45 CFR 164.402: three exceptions and the four-factor assessment) and
//! APPI's "leak, loss or damage that has occurred or may have occurred" (漏えい等が発生し、又は発生
//! したおそれがある事態) all turn on a judgement. These types hold the facts that judgement is made
//! from; every field is optional and unknown by default, so an early incident stays valid, and
//! each is reachable by a JSON pointer the engine can ask about (`/breach/compromise/status`,
//! `/groups/0/identifiability`, ...).
//!
//! The final call stays with a person: [`Decision`] records it (outcome, justification, who,
//! when), and the engine shows it beside its own advisory result and flags any disagreement.

use crate::codes::code_list;
use crate::facts::Tristate;
use crate::ids::Text;
use crate::time::PartialTime;

fn is_unknown(t: &Tristate) -> bool {
    *t == Tristate::Unknown
}

macro_rules! wire_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident => $code:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(
            Clone, Copy, PartialEq, Eq, Hash, Debug, PartialOrd, Ord,
            serde::Serialize, serde::Deserialize, schemars::JsonSchema,
        )]
        #[serde(rename_all = "snake_case")]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $code)] $variant, )+
        }

        impl $name {
            /// Every variant, in declaration order.
            pub const ALL: &'static [$name] = &[ $( $name::$variant, )+ ];

            /// The wire code.
            pub fn code(self) -> &'static str {
                match self {
                    $( $name::$variant => $code, )+
                }
            }
        }
    };
}

wire_enum! {
    /// Whether a breach happened at all, as the investigation stands.
        #[derive(Default)]
    pub enum CompromiseStatus {
        /// Not established yet.
        #[default]
        Unknown => "unknown",
        /// Established: personal data was compromised.
        Confirmed => "confirmed",
        /// Not established but possible (APPI's おそれ: there are signs, such as traces of
        /// exfiltration or malware known to steal data).
        Suspected => "suspected",
        /// Investigated and ruled out (for example a blocked intrusion, or a phishing site that
        /// captured nothing of the organisation's data). Give the basis.
        RuledOut => "ruled_out",
    }
}

wire_enum! {
    /// What happened to the data. Once any effect is recorded, the list is read as complete:
    /// an effect not listed did not happen (record only what the investigation established).
    pub enum DataEffect {
        /// It was sent or made available to someone (delivered, exposed on a page, handed over);
        /// whether they looked is recorded by `viewed`.
        Disclosed => "disclosed",
        /// Someone got access to it (logged in, opened the share) — not known whether they looked.
        Accessed => "accessed",
        /// Someone saw it.
        Viewed => "viewed",
        /// Someone took a copy or took possession (exfiltration, a stolen device, a misdelivered
        /// letter that was kept).
        Acquired => "acquired",
        /// It was changed.
        Altered => "altered",
        /// It was destroyed or lost for good.
        Destroyed => "destroyed",
        /// It was made unavailable for a time (ransomware encryption, an outage).
        MadeUnavailable => "made_unavailable",
        /// Investigated: none of the above happened (an attempt that failed, a letter returned
        /// unopened). Not combinable with the others.
        None => "none",
    }
}

wire_enum! {
    /// Who got the data, or could have.
        #[derive(Default)]
    pub enum RecipientType {
        /// Not known.
        #[default]
        Unknown => "unknown",
        /// A malicious party (an attacker, a thief, an insider acting for a wrongful purpose).
        Malicious => "malicious",
        /// A third party whose identity or intentions are not known.
        UnidentifiedThirdParty => "unidentified_third_party",
        /// A known, identified third party with no duty of confidentiality (another customer who
        /// received someone else's letter).
        KnownThirdParty => "known_third_party",
        /// A known, trusted recipient under a duty of confidentiality (another bank, a supplier
        /// under contract, another HIPAA covered entity).
        TrustedConfidential => "trusted_confidential",
        /// A member of the organisation's own staff acting in good faith within their authority
        /// (HIPAA 164.402(1)(i)).
        InternalGoodFaith => "internal_good_faith",
        /// A person authorised to access the same kind of data at the same organisation,
        /// business associate or organised health-care arrangement (HIPAA 164.402(1)(ii)).
        InternalAuthorised => "internal_authorised",
        /// The public: published, indexed, posted.
        Public => "public",
        /// Nobody: lost and recovered unopened, or an outage with no access by anyone.
        Nobody => "nobody",
    }
}

wire_enum! {
    /// How data came back under control.
    pub enum RecoveryMethod {
        /// The recipient deleted or destroyed it.
        Deleted => "deleted",
        /// It was returned (a letter, a device).
        Returned => "returned",
        /// It was recalled before delivery or before anyone opened it.
        Recalled => "recalled",
        /// It was taken down (a web page, a public bucket).
        TakenDown => "taken_down",
    }
}

wire_enum! {
    /// The class of a password-hashing or other hashing function.
        #[derive(Default)]
    pub enum HashClass {
        /// Not known.
        #[default]
        Unknown => "unknown",
        /// A deliberately slow, keyed or memory-hard function meant for passwords (bcrypt,
        /// scrypt, Argon2, PBKDF2 with a high work factor) — the state of the art.
        SlowKeyed => "slow_keyed",
        /// A fast general-purpose hash (SHA-2 and the like), feasible to brute-force for short
        /// inputs.
        Fast => "fast",
        /// A broken function (MD5, SHA-1 for passwords) or no real protection.
        Broken => "broken",
    }
}

wire_enum! {
    /// How easily a person can be identified from the affected data (ENISA 2013, "ease of
    /// identification").
        #[derive(Default)]
    pub enum Identifiability {
        /// Not known.
        #[default]
        Unknown => "unknown",
        /// Directly (name with other data, a national identity number, a photograph).
        Direct => "direct",
        /// Indirectly, with data reasonably available (an account number, an email address).
        Indirect => "indirect",
        /// Only with additional information the recipient is unlikely to have.
        OnlyWithExtraInformation => "only_with_extra_information",
        /// Practically not (aggregated, unintelligible).
        Negligible => "negligible",
    }
}

wire_enum! {
    /// How much is known about each person (EDPB 9/2022: volume of data per person).
        #[derive(Default)]
    pub enum DataVolume {
        /// Not known.
        #[default]
        Unknown => "unknown",
        /// One or two fields (a name and an email address).
        Limited => "limited",
        /// Several fields that together describe part of a person's life.
        Moderate => "moderate",
        /// A full profile (identity, contact, financial, history).
        FullProfile => "full_profile",
    }
}

wire_enum! {
    /// The effect of a loss of availability on the people affected (EDPB 01/2021 Cases 1–3).
        #[derive(Default)]
    pub enum AvailabilityImpact {
        /// Not known.
        #[default]
        Unknown => "unknown",
        /// No noticeable effect (restored before anyone needed the data).
        NoneNoticeable => "none_noticeable",
        /// Some inconvenience (delays in a service, a newsletter not sent).
        Limited => "limited",
        /// Significant: people could not get a service they depend on (payroll, benefits).
        Significant => "significant",
        /// Severe: health, safety or livelihood put at risk (a hospital's records unavailable).
        Severe => "severe",
    }
}

wire_enum! {
    /// What a recorded decision is about.
    pub enum DecisionTopic {
        /// GDPR / UK GDPR risk to the rights and freedoms of natural persons (Arts 33–34).
        GdprRisk => "gdpr_risk",
        /// HIPAA: whether the incident is a breach of unsecured PHI (45 CFR 164.402).
        HipaaBreach => "hipaa_breach",
        /// APPI: whether a leak, loss or damage occurred or may have occurred (APPI Art. 26).
        AppiLeak => "appi_leak",
    }
}

wire_enum! {
    /// The outcome of a recorded decision. Which outcomes fit which topic is checked by
    /// `validate()` (`decision_outcome_mismatch`).
    pub enum DecisionOutcome {
        /// GDPR: unlikely to result in a risk.
        NoRisk => "no_risk",
        /// GDPR: a risk, not a high one.
        Risk => "risk",
        /// GDPR: likely to result in a high risk.
        HighRisk => "high_risk",
        /// HIPAA: a breach of unsecured PHI.
        Breach => "breach",
        /// HIPAA: not a breach — an exception of 164.402(1) applies.
        Exception => "exception",
        /// HIPAA: not a breach — a documented low probability that the PHI has been compromised
        /// (164.402(2)).
        LowProbability => "low_probability",
        /// APPI: a leak, loss or damage occurred.
        Leak => "leak",
        /// APPI: one may have occurred (おそれ).
        PossibleLeak => "possible_leak",
        /// APPI: none occurred, and none may have.
        NoLeak => "no_leak",
        /// Any topic: no breach of security happened at all.
        NoBreach => "no_breach",
    }
}

impl DecisionOutcome {
    /// Whether this outcome answers this topic.
    pub fn fits(self, topic: DecisionTopic) -> bool {
        use DecisionOutcome as O;
        match topic {
            DecisionTopic::GdprRisk => {
                matches!(self, O::NoRisk | O::Risk | O::HighRisk | O::NoBreach)
            }
            DecisionTopic::HipaaBreach => {
                matches!(
                    self,
                    O::Breach | O::Exception | O::LowProbability | O::NoBreach
                )
            }
            DecisionTopic::AppiLeak => {
                matches!(self, O::Leak | O::PossibleLeak | O::NoLeak | O::NoBreach)
            }
        }
    }
}

code_list! {
    /// A consequence for the people affected, seen or likely (GDPR Recitals 75 and 85).
    pub enum Consequence {
        /// Identity theft.
        IdentityTheft => "identity_theft",
        /// Fraud.
        Fraud => "fraud",
        /// Financial loss.
        FinancialLoss => "financial_loss",
        /// Discrimination.
        Discrimination => "discrimination",
        /// Damage to reputation.
        ReputationalDamage => "reputational_damage",
        /// Physical harm.
        PhysicalHarm => "physical_harm",
        /// Loss of confidentiality of data protected by professional secrecy.
        ProfessionalSecrecy => "professional_secrecy",
        /// Psychological distress, humiliation.
        PsychologicalDistress => "psychological_distress",
        /// Loss of control over one's data (spam, unwanted contact).
        LossOfControl => "loss_of_control",
        /// Phishing or other targeted scams using the data.
        TargetedPhishing => "targeted_phishing",
        /// Disruption of care or of a service a person depends on.
        ServiceDisruption => "service_disruption",
    }
}

code_list! {
    /// Why people in a group are vulnerable (EDPB 9/2022: special characteristics of the
    /// individuals).
    pub enum Vulnerability {
        /// Children.
        Children => "children",
        /// Patients.
        Patients => "patients",
        /// Employees, in a dependent relationship with the controller.
        DependentEmployees => "dependent_employees",
        /// People in a precarious situation (job seekers, benefit claimants, refugees).
        Precarious => "precarious",
        /// Elderly people.
        Elderly => "elderly",
        /// People with disabilities.
        Disabled => "disabled",
    }
}

/// Whether a breach happened at all.
#[derive(
    Clone, PartialEq, Debug, Default, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct Compromise {
    /// Confirmed, suspected (おそれ), ruled out, or unknown.
    #[serde(default)]
    pub status: CompromiseStatus,
    /// What the status rests on (the forensic finding, the log review).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<Text>,
}

/// Who got the data, and whether it came back.
#[derive(
    Clone, PartialEq, Debug, Default, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct DataRecipient {
    /// Who.
    #[serde(default)]
    pub kind: RecipientType,
    /// Whether the data was recalled, deleted, returned or taken down.
    #[serde(default, skip_serializing_if = "is_unknown")]
    pub recovered: Tristate,
    /// How.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recovery: Option<RecoveryMethod>,
    /// Whether the recovery is confirmed (a written confirmation of deletion, the letter back
    /// unopened).
    #[serde(default, skip_serializing_if = "is_unknown")]
    pub recovery_confirmed: Tristate,
    /// When.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recovered_at: Option<PartialTime>,
    /// Whether the recipient could reasonably have retained the data (HIPAA 164.402(1)(iii):
    /// `no` is a good-faith belief that they could not).
    #[serde(default, skip_serializing_if = "is_unknown")]
    pub could_retain: Tristate,
    /// Whether the recipient used or disclosed it further (HIPAA 164.402(1)(i)–(ii) require no
    /// further impermissible use or disclosure).
    #[serde(default, skip_serializing_if = "is_unknown")]
    pub further_use: Tristate,
}

/// Hashing of the affected data (passwords, identifiers).
#[derive(
    Clone, PartialEq, Debug, Default, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct Hashing {
    /// Whether the data that matters (passwords, identifiers) was hashed.
    #[serde(default, skip_serializing_if = "is_unknown")]
    pub applied: Tristate,
    /// The class of function.
    #[serde(default)]
    pub algorithm: HashClass,
    /// Whether each value had its own salt.
    #[serde(default, skip_serializing_if = "is_unknown")]
    pub salted: Tristate,
    /// Whether the salts, pepper or key were also compromised.
    #[serde(default, skip_serializing_if = "is_unknown")]
    pub secret_compromised: Tristate,
}

impl Hashing {
    /// Whether the hashing makes the data practically unusable: applied, state of the art,
    /// salted, and the secret safe. Unknown when any of these is unknown.
    pub fn strong(&self) -> Tristate {
        let algo = match self.algorithm {
            HashClass::SlowKeyed => Tristate::Yes,
            HashClass::Fast | HashClass::Broken => Tristate::No,
            HashClass::Unknown => Tristate::Unknown,
        };
        self.applied
            .and(algo)
            .and(self.salted)
            .and(self.secret_compromised.negate())
    }
}

/// Pseudonymisation of the affected data (GDPR Art. 4(5)).
#[derive(
    Clone, PartialEq, Debug, Default, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct Pseudonymisation {
    /// Whether the data was pseudonymised.
    #[serde(default, skip_serializing_if = "is_unknown")]
    pub applied: Tristate,
    /// Whether the additional information (the key table) is kept separately and was not
    /// compromised.
    #[serde(default, skip_serializing_if = "is_unknown")]
    pub key_separate_and_safe: Tristate,
}

/// Availability: the outage and the restoration.
#[derive(
    Clone, PartialEq, Debug, Default, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct Availability {
    /// How long the data was unavailable, in hours (rounded up); leave out when unknown or
    /// still going on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outage_hours: Option<u32>,
    /// Whether it was restored from a backup.
    #[serde(default, skip_serializing_if = "is_unknown")]
    pub restored_from_backup: Tristate,
    /// Whether the restoration is complete (nothing lost for good).
    #[serde(default, skip_serializing_if = "is_unknown")]
    pub restore_complete: Tristate,
    /// The effect on the people affected.
    #[serde(default)]
    pub impact: AvailabilityImpact,
}

/// Consequences for the people affected, seen or likely.
#[derive(
    Clone, PartialEq, Debug, Default, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct Consequences {
    /// Whether consequences have been assessed; with both lists empty, `yes` means none are
    /// seen or likely.
    #[serde(default, skip_serializing_if = "is_unknown")]
    pub assessed: Tristate,
    /// Consequences already seen.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub observed: Vec<Consequence>,
    /// Consequences judged likely.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub likely: Vec<Consequence>,
}

impl Consequences {
    /// Everything seen or likely.
    pub fn all(&self) -> impl Iterator<Item = &Consequence> {
        self.observed.iter().chain(self.likely.iter())
    }
}

/// A decision a person recorded: the final call, with who made it and why.
///
/// It overrides the engine's advisory result; the assessment shows both and flags any
/// disagreement.
#[derive(Clone, PartialEq, Debug, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// What it decides.
    pub topic: DecisionTopic,
    /// The outcome.
    pub outcome: DecisionOutcome,
    /// Why (the reasoning, the facts it rests on).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub justification: Option<Text>,
    /// Who decided: any identifier the organisation uses (a name, a role, a staff number).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<Text>,
    /// When.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<PartialTime>,
}

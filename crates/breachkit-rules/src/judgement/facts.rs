//! The named facts the judgement rules test, each derived from the incident document with the
//! JSON pointer where it is recorded and the question to ask when it is unknown.
//!
//! Details name fields and codes, never free text from the document.

use std::collections::BTreeMap;

use breachkit_model::{
    AffectedGroup, AvailabilityImpact, Cause, CompromiseStatus, Consequence, DataCategory,
    DataEffect, DataVolume, Exfiltration, GroupKind, Identifiability, Incident, Nature,
    RecipientType, Tristate,
};

use super::FactUsed;
use super::gdpr::EnisaParams;
use crate::assessment::Question;

/// Every fact name a judgement rule may use.
pub const FACT_NAMES: &[&str] = &[
    "no_breach",
    "suspected",
    "confidentiality",
    "integrity_lost",
    "availability_lost",
    "copy_exists",
    "availability_ok",
    "restored_without_effect",
    "availability_impact_severe",
    "encrypted_safe",
    "hashed_strong",
    "protected",
    "credentials_only",
    "special_category",
    "identity_or_financial",
    "vulnerable",
    "recipient_safe",
    "recipient_trusted",
    "recipient_public",
    "recovered_confirmed",
    "severe_consequences",
    "malicious",
    "internal_good_faith",
    "internal_authorised",
    "further_use",
    "could_retain",
    "viewed_or_acquired",
    "possession_taken",
];

#[derive(Clone, Debug)]
pub(crate) struct Fact {
    pub(crate) value: Tristate,
    pub(crate) detail: String,
    pub(crate) path: &'static str,
    pub(crate) question: &'static str,
}

/// The question id of a fact: facts that ask the same question share one id.
fn question_id(name: &str) -> &str {
    match name {
        "recipient_safe"
        | "recipient_trusted"
        | "recipient_public"
        | "internal_good_faith"
        | "internal_authorised" => "recipient",
        "special_category" | "identity_or_financial" | "credentials_only" => "categories",
        "availability_ok" | "restored_without_effect" | "availability_impact_severe" => {
            "availability_impact"
        }
        other => other,
    }
}

/// The facts of one incident (over a selection of its groups).
pub(crate) struct Facts<'a> {
    map: BTreeMap<&'static str, Fact>,
    pub(crate) groups: Vec<(usize, &'a AffectedGroup)>,
    pub(crate) recipient: RecipientType,
}

const CONFIDENTIALITY_EFFECTS: &[DataEffect] = &[
    DataEffect::Disclosed,
    DataEffect::Accessed,
    DataEffect::Viewed,
    DataEffect::Acquired,
];

const MALICIOUS_CAUSES: &[Cause] = &[
    Cause::Ransomware,
    Cause::Malware,
    Cause::UnauthorisedAccess,
    Cause::Phishing,
    Cause::CredentialAttack,
    Cause::VulnerabilityExploit,
    Cause::WebSkimming,
    Cause::StolenDevice,
    Cause::InsiderMisuse,
    Cause::SocialEngineering,
];

const SEVERE_CONSEQUENCES: &[Consequence] = &[
    Consequence::IdentityTheft,
    Consequence::Fraud,
    Consequence::FinancialLoss,
    Consequence::Discrimination,
    Consequence::PhysicalHarm,
    Consequence::ProfessionalSecrecy,
    Consequence::PsychologicalDistress,
    Consequence::ReputationalDamage,
];

const CREDENTIAL_CATEGORIES: &[DataCategory] = &[
    DataCategory::Credentials,
    DataCategory::EmailAddress,
    DataCategory::OnlineIdentifier,
];

fn t(b: bool) -> Tristate {
    Tristate::from_bool(b)
}

impl<'a> Facts<'a> {
    pub(crate) fn new(
        incident: &'a Incident,
        classes: &BTreeMap<String, crate::DataClass>,
        enisa: &EnisaParams,
        groups: Option<&[usize]>,
    ) -> Facts<'a> {
        let b = &incident.breach;
        let groups: Vec<(usize, &AffectedGroup)> = incident
            .groups
            .iter()
            .enumerate()
            .filter(|(i, _)| groups.is_none_or(|sel| sel.contains(i)))
            .collect();
        let mut map = BTreeMap::new();
        let mut put = |name: &'static str,
                       value: Tristate,
                       detail: String,
                       path: &'static str,
                       question: &'static str| {
            map.insert(
                name,
                Fact {
                    value,
                    detail,
                    path,
                    question,
                },
            );
        };

        let effects = &b.data_effects;
        let effects_known = !effects.is_empty();
        let has = |e: DataEffect| effects.contains(&e);
        let only_none = effects_known && effects.iter().all(|e| *e == DataEffect::None);
        let effects_code: Vec<&str> = effects.iter().map(|e| e.code()).collect();
        let effects_text = if effects_known {
            format!("data_effects = [{}]", effects_code.join(", "))
        } else {
            "data_effects not recorded".to_owned()
        };

        // Did a breach happen at all?
        let status = b.compromise.status;
        let no_breach = if status == CompromiseStatus::RuledOut || only_none {
            Tristate::Yes
        } else if matches!(
            status,
            CompromiseStatus::Confirmed | CompromiseStatus::Suspected
        ) || (effects_known && !only_none)
            || b.exfiltration == Exfiltration::Confirmed
            || !b.nature.is_empty()
        {
            Tristate::No
        } else {
            Tristate::Unknown
        };
        put(
            "no_breach",
            no_breach,
            format!(
                "compromise.status = {}; {effects_text}; nature recorded: {}",
                status.code(),
                !b.nature.is_empty()
            ),
            "/breach/compromise/status",
            "Did a breach happen at all: is the compromise confirmed, suspected, or ruled out by the investigation (and on what basis)?",
        );

        let suspected =
            if status == CompromiseStatus::Suspected || b.exfiltration == Exfiltration::Suspected {
                Tristate::Yes
            } else if matches!(
                status,
                CompromiseStatus::Confirmed | CompromiseStatus::RuledOut
            ) || effects_known
            {
                Tristate::No
            } else {
                Tristate::Unknown
            };
        put(
            "suspected",
            suspected,
            format!(
                "compromise.status = {}; exfiltration = {:?}",
                status.code(),
                b.exfiltration
            ),
            "/breach/compromise/status",
            "Are there signs that data may have been taken (traces of exfiltration, data-stealing malware, a credible report), without proof?",
        );

        // Confidentiality: did anyone get, see or receive the data?
        let rk = b.recipient.kind;
        let confidentiality = if only_none || status == CompromiseStatus::RuledOut {
            Tristate::No
        } else if CONFIDENTIALITY_EFFECTS.iter().any(|e| has(*e))
            || b.exfiltration == Exfiltration::Confirmed
        {
            Tristate::Yes
        } else if effects_known || rk == RecipientType::Nobody {
            Tristate::No
        } else if (!matches!(rk, RecipientType::Unknown) && status == CompromiseStatus::Confirmed)
            || (b.nature.contains(&Nature::Confidentiality)
                && status != CompromiseStatus::Suspected)
        {
            // A recorded recipient of a confirmed breach, or a breach recorded as one of
            // confidentiality (`nature`), means the data was disclosed or accessed.
            Tristate::Yes
        } else if !b.nature.is_empty()
            && !b.nature.contains(&Nature::Confidentiality)
            && b.exfiltration == Exfiltration::NoneFound
        {
            Tristate::No
        } else {
            Tristate::Unknown
        };
        put(
            "confidentiality",
            confidentiality,
            format!(
                "{effects_text}; recipient.kind = {}; exfiltration = {:?}",
                rk.code(),
                b.exfiltration
            ),
            "/breach/data_effects",
            "Was the data disclosed to, accessed, viewed or taken by anyone (list what the investigation established)?",
        );

        let integrity = if has(DataEffect::Altered) || b.nature.contains(&Nature::Integrity) {
            Tristate::Yes
        } else if effects_known || !b.nature.is_empty() {
            Tristate::No
        } else {
            Tristate::Unknown
        };
        put(
            "integrity_lost",
            integrity,
            format!(
                "{effects_text}; nature includes integrity: {}",
                b.nature.contains(&Nature::Integrity)
            ),
            "/breach/data_effects",
            "Was the data altered?",
        );

        let availability = if has(DataEffect::Destroyed)
            || has(DataEffect::MadeUnavailable)
            || b.nature.contains(&Nature::Availability)
        {
            Tristate::Yes
        } else if effects_known || !b.nature.is_empty() {
            Tristate::No
        } else {
            Tristate::Unknown
        };
        put(
            "availability_lost",
            availability,
            format!(
                "{effects_text}; nature includes availability: {}",
                b.nature.contains(&Nature::Availability)
            ),
            "/breach/data_effects",
            "Was the data destroyed, lost or made unavailable?",
        );

        let av = &b.availability;
        // A copy exists when a backup was used or the data was restored completely; none when
        // there was no backup or the restoration is incomplete.
        let copy = if [
            av.restored_from_backup,
            b.backups.available,
            av.restore_complete,
        ]
        .contains(&Tristate::Yes)
        {
            Tristate::Yes
        } else if b.backups.available == Tristate::No || av.restore_complete == Tristate::No {
            Tristate::No
        } else {
            Tristate::Unknown
        };
        put(
            "copy_exists",
            copy,
            format!(
                "availability.restored_from_backup = {}; backups.available = {}; availability.restore_complete = {}",
                av.restored_from_backup.code(),
                b.backups.available.code(),
                av.restore_complete.code()
            ),
            "/breach/availability/restored_from_backup",
            "Is the same data kept elsewhere (a usable backup), so that it could be restored completely?",
        );

        let restored_without_effect = match av.impact {
            AvailabilityImpact::NoneNoticeable if av.restore_complete != Tristate::No => {
                Tristate::Yes
            }
            AvailabilityImpact::Unknown => Tristate::Unknown,
            _ => Tristate::No,
        };
        put(
            "restored_without_effect",
            restored_without_effect,
            format!(
                "availability.impact = {}; restore_complete = {}",
                av.impact.code(),
                av.restore_complete.code()
            ),
            "/breach/availability/impact",
            "What was the effect of the loss of availability on the people (none noticeable, limited, significant, severe)?",
        );

        let availability_ok =
            if availability == Tristate::No || restored_without_effect == Tristate::Yes {
                Tristate::Yes
            } else if matches!(
                av.impact,
                AvailabilityImpact::Limited
                    | AvailabilityImpact::Significant
                    | AvailabilityImpact::Severe
            ) || (av.restore_complete == Tristate::No && copy == Tristate::No)
            {
                Tristate::No
            } else {
                Tristate::Unknown
            };
        put(
            "availability_ok",
            availability_ok,
            format!(
                "availability lost: {}; impact = {}",
                availability.code(),
                av.impact.code()
            ),
            "/breach/availability/impact",
            "Was availability kept, or restored without noticeable effect on the people?",
        );

        let severe = match av.impact {
            AvailabilityImpact::Severe => Tristate::Yes,
            AvailabilityImpact::Unknown if availability != Tristate::No => Tristate::Unknown,
            _ => Tristate::No,
        };
        put(
            "availability_impact_severe",
            severe,
            format!(
                "availability lost: {}; impact = {}",
                availability.code(),
                av.impact.code()
            ),
            "/breach/availability/impact",
            "Did the loss of availability put people's health, safety or livelihood at risk?",
        );

        let enc = b.encryption.unintelligible();
        put(
            "encrypted_safe",
            enc,
            format!(
                "encryption.state = {:?}; high_standard = {}; key_compromised = {}",
                b.encryption.state,
                b.encryption.high_standard.code(),
                b.encryption.key_compromised.code()
            ),
            "/breach/encryption",
            "Was all the affected data encrypted to the state of the art, with the key not compromised?",
        );

        let hashed = b.hashing.strong();
        put(
            "hashed_strong",
            hashed,
            format!(
                "hashing.applied = {}; algorithm = {}; salted = {}; secret_compromised = {}",
                b.hashing.applied.code(),
                b.hashing.algorithm.code(),
                b.hashing.salted.code(),
                b.hashing.secret_compromised.code()
            ),
            "/breach/hashing",
            "Were the passwords (or identifiers) hashed with a state-of-the-art salted function, the salt or key safe?",
        );

        // Categories over the selected groups.
        let cats_known = groups.iter().all(|(_, g)| !g.categories.is_empty()) && !groups.is_empty();
        let cats: Vec<&DataCategory> = groups
            .iter()
            .flat_map(|(_, g)| g.categories.iter())
            .collect();
        let codes: Vec<String> = cats.iter().map(|c| c.code().into_owned()).collect();
        let in_list = |list: &[String]| codes.iter().any(|c| list.contains(c));

        let credentials_only = if !cats_known {
            Tristate::Unknown
        } else {
            t(cats.iter().all(|c| CREDENTIAL_CATEGORIES.contains(c)))
        };
        put(
            "credentials_only",
            credentials_only,
            format!("categories = [{}]", codes.join(", ")),
            "/groups",
            "Which data categories were affected in each group?",
        );

        // Encryption decides; hashing, pseudonymisation and redaction count when recorded as
        // applied. When they are not recorded they give no credit: the result can only err
        // towards more risk, never less.
        let recorded_yes = |t: Tristate| {
            if t == Tristate::Yes {
                Tristate::Yes
            } else {
                Tristate::No
            }
        };
        let pseudo = recorded_yes(
            b.pseudonymisation
                .applied
                .and(b.pseudonymisation.key_separate_and_safe),
        );
        let hashed_credit = recorded_yes(hashed.and(credentials_only));
        let protected = enc
            .or(hashed_credit)
            .or(pseudo)
            .or(recorded_yes(b.redacted));
        put(
            "protected",
            protected,
            format!(
                "encrypted_safe = {}; hashed_strong and credentials_only = {}; pseudonymised with the key safe = {}; redacted = {}",
                enc.code(),
                hashed_credit.code(),
                pseudo.code(),
                b.redacted.code()
            ),
            "/breach/encryption",
            "Was the data unintelligible to whoever got it (state-of-the-art encryption with the key safe, strong hashing, pseudonymisation with the key kept apart, redaction)?",
        );

        let special = match classes.get("eu.gdpr.art9") {
            _ if !cats_known => Tristate::Unknown,
            Some(class) => {
                let member = codes.iter().any(|c| class.members.contains(c))
                    || codes
                        .iter()
                        .any(|c| c == "criminal_record" || c == "criminal_procedure");
                let maybe = codes
                    .iter()
                    .any(|c| class.maybe.iter().any(|m| &m.category == c));
                if member {
                    Tristate::Yes
                } else if maybe {
                    Tristate::Unknown
                } else {
                    Tristate::No
                }
            }
            None => t(in_list(&enisa.sensitive)),
        };
        put(
            "special_category",
            special,
            format!(
                "categories = [{}] against GDPR Arts 9 and 10",
                codes.join(", ")
            ),
            "/groups",
            "Which data categories were affected: any special category (health, biometric, beliefs, ...) or criminal data?",
        );

        let idfin = if !cats_known {
            Tristate::Unknown
        } else {
            t(in_list(&enisa.financial))
        };
        put(
            "identity_or_financial",
            idfin,
            format!(
                "categories = [{}] against the ENISA financial list",
                codes.join(", ")
            ),
            "/groups",
            "Which data categories were affected: any financial data, credentials or identity numbers?",
        );

        let vulnerable = if groups.is_empty() {
            Tristate::Unknown
        } else {
            groups
                .iter()
                .map(|(_, g)| {
                    if g.vulnerable == Tristate::Yes
                        || !g.vulnerabilities.is_empty()
                        || g.includes_children == Tristate::Yes
                        || matches!(g.kind, GroupKind::Children | GroupKind::Patients)
                    {
                        Tristate::Yes
                    } else {
                        g.vulnerable
                    }
                })
                .fold(Tristate::No, Tristate::or)
        };
        put(
            "vulnerable",
            vulnerable,
            "groups' vulnerable, vulnerabilities, includes_children and kind".to_owned(),
            "/groups",
            "Are the people affected vulnerable (children, patients, dependent employees, people in a precarious situation)?",
        );

        let (safe, trusted, public) = match rk {
            RecipientType::Unknown => (Tristate::Unknown, Tristate::Unknown, Tristate::Unknown),
            RecipientType::TrustedConfidential
            | RecipientType::InternalGoodFaith
            | RecipientType::InternalAuthorised => (Tristate::Yes, Tristate::Yes, Tristate::No),
            RecipientType::Nobody => (Tristate::Yes, Tristate::No, Tristate::No),
            RecipientType::Public => (Tristate::No, Tristate::No, Tristate::Yes),
            _ => (Tristate::No, Tristate::No, Tristate::No),
        };
        let recipient_detail = format!("recipient.kind = {}", rk.code());
        const WHO: &str = "Who got, or could have got, the data: a malicious or unidentified party, a known third party, a trusted recipient under a duty of confidentiality, own staff in good faith, the public, or nobody?";
        put(
            "recipient_safe",
            safe,
            recipient_detail.clone(),
            "/breach/recipient/kind",
            WHO,
        );
        put(
            "recipient_trusted",
            trusted,
            recipient_detail.clone(),
            "/breach/recipient/kind",
            WHO,
        );
        put(
            "recipient_public",
            public,
            recipient_detail.clone(),
            "/breach/recipient/kind",
            WHO,
        );
        let good_faith = if rk == RecipientType::Unknown {
            Tristate::Unknown
        } else {
            t(rk == RecipientType::InternalGoodFaith)
        };
        put(
            "internal_good_faith",
            good_faith,
            recipient_detail.clone(),
            "/breach/recipient/kind",
            WHO,
        );
        let authorised = if rk == RecipientType::Unknown {
            Tristate::Unknown
        } else {
            t(rk == RecipientType::InternalAuthorised)
        };
        put(
            "internal_authorised",
            authorised,
            recipient_detail,
            "/breach/recipient/kind",
            WHO,
        );

        let r = &b.recipient;
        let recovered = r.recovered.and(r.recovery_confirmed);
        put(
            "recovered_confirmed",
            recovered,
            format!(
                "recipient.recovered = {}; recovery_confirmed = {}",
                r.recovered.code(),
                r.recovery_confirmed.code()
            ),
            "/breach/recipient/recovery_confirmed",
            "Was the data recalled, deleted or returned, and is that confirmed?",
        );
        put(
            "further_use",
            r.further_use,
            format!("recipient.further_use = {}", r.further_use.code()),
            "/breach/recipient/further_use",
            "Did the recipient use or disclose the information further?",
        );
        put(
            "could_retain",
            r.could_retain,
            format!("recipient.could_retain = {}", r.could_retain.code()),
            "/breach/recipient/could_retain",
            "Could the unauthorised recipient reasonably have retained the information (or was it returned unopened, taken back at once)?",
        );

        let c = &b.consequences;
        let severe_c = if c.all().any(|x| SEVERE_CONSEQUENCES.contains(x)) {
            Tristate::Yes
        } else if c.assessed == Tristate::Yes {
            Tristate::No
        } else {
            Tristate::Unknown
        };
        let c_codes: Vec<String> = c.all().map(|x| x.code().into_owned()).collect();
        put(
            "severe_consequences",
            severe_c,
            format!(
                "consequences.assessed = {}; seen or likely = [{}]",
                c.assessed.code(),
                c_codes.join(", ")
            ),
            "/breach/consequences",
            "Which consequences for the people are seen or likely (identity theft, fraud, financial loss, discrimination, physical harm, distress, ...), or none?",
        );

        let malicious = if b.wrongful_purpose == Tristate::Yes
            || rk == RecipientType::Malicious
            || b.causes.iter().any(|c| MALICIOUS_CAUSES.contains(c))
        {
            Tristate::Yes
        } else if b.wrongful_purpose == Tristate::No {
            Tristate::No
        } else {
            Tristate::Unknown
        };
        let cause_codes: Vec<String> = b.causes.iter().map(|c| c.code().into_owned()).collect();
        put(
            "malicious",
            malicious,
            format!(
                "wrongful_purpose = {}; causes = [{}]; recipient.kind = {}",
                b.wrongful_purpose.code(),
                cause_codes.join(", "),
                rk.code()
            ),
            "/breach/wrongful_purpose",
            "Was the breach caused with malicious intent (an attack, theft, misuse)?",
        );

        let viewed = if has(DataEffect::Viewed) || has(DataEffect::Acquired) {
            Tristate::Yes
        } else if only_none
            || rk == RecipientType::Nobody
            || (effects_known && !has(DataEffect::Accessed))
        {
            Tristate::No
        } else {
            Tristate::Unknown
        };
        put(
            "viewed_or_acquired",
            viewed,
            format!("{effects_text}; recipient.kind = {}", rk.code()),
            "/breach/data_effects",
            "Was the data actually viewed or acquired (copied, kept), as the investigation established?",
        );

        let ransomware = b.causes.contains(&Cause::Ransomware);
        let possession = if viewed == Tristate::Yes || (ransomware && enc != Tristate::Yes) {
            Tristate::Yes
        } else if viewed == Tristate::No && !ransomware {
            Tristate::No
        } else {
            Tristate::Unknown
        };
        put(
            "possession_taken",
            possession,
            format!(
                "viewed_or_acquired = {}; ransomware among causes: {ransomware}",
                viewed.code()
            ),
            "/breach/data_effects",
            "Did an unauthorised person view, acquire or take control of the data (HHS counts encryption by ransomware as acquisition)?",
        );

        Facts {
            map,
            groups,
            recipient: rk,
        }
    }

    pub(crate) fn get(&self, name: &str) -> Fact {
        self.map.get(name).cloned().unwrap_or(Fact {
            value: Tristate::Unknown,
            detail: "not computed".into(),
            path: "/breach",
            question: "",
        })
    }

    pub(crate) fn value(&self, name: &str) -> Tristate {
        self.get(name).value
    }

    pub(crate) fn used(&self, name: &str) -> FactUsed {
        let f = self.get(name);
        FactUsed {
            name: name.to_owned(),
            value: f.value,
            detail: f.detail,
            path: f.path.to_owned(),
        }
    }

    pub(crate) fn question(&self, name: &str) -> Question {
        let f = self.get(name);
        Question {
            id: format!("judgement.{}", question_id(name)),
            kind: crate::assessment::QuestionKind::Judgement,
            args: [("fact".to_owned(), question_id(name).to_owned())].into(),
            path: f.path.to_owned(),
            // English until rendered from the catalogue (`judgement_question.<fact>`).
            text: f.question.to_owned(),
        }
    }

    /// The highest-ranked known value of a per-group level over the selected groups, and whether
    /// some group's level is unknown (or no group is selected).
    fn highest<T: Copy + PartialEq>(
        &self,
        level: impl Fn(&AffectedGroup) -> T,
        unknown_value: T,
        rank: impl Fn(T) -> u8,
    ) -> (Option<T>, bool) {
        let mut best: Option<T> = None;
        let mut unknown = self.groups.is_empty();
        for (_, g) in &self.groups {
            let v = level(g);
            if v == unknown_value {
                unknown = true;
            } else if best.is_none_or(|b| rank(v) > rank(b)) {
                best = Some(v);
            }
        }
        (best, unknown)
    }

    /// The most identifying level over the selected groups: the known maximum, and whether some
    /// group's level is unknown.
    pub(crate) fn identifiability(&self) -> (Option<Identifiability>, bool) {
        self.highest(
            |g| g.identifiability,
            Identifiability::Unknown,
            |i| match i {
                Identifiability::Direct => 4,
                Identifiability::Indirect => 3,
                Identifiability::OnlyWithExtraInformation => 2,
                Identifiability::Negligible => 1,
                _ => 0,
            },
        )
    }

    /// The largest volume per person over the selected groups, and whether one is unknown.
    pub(crate) fn volume(&self) -> (Option<DataVolume>, bool) {
        self.highest(
            |g| g.volume_per_person,
            DataVolume::Unknown,
            |v| match v {
                DataVolume::FullProfile => 3,
                DataVolume::Moderate => 2,
                DataVolume::Limited => 1,
                _ => 0,
            },
        )
    }

    /// The category codes of the selected groups, and whether every group records them.
    pub(crate) fn categories(&self) -> (Vec<String>, bool) {
        let known =
            !self.groups.is_empty() && self.groups.iter().all(|(_, g)| !g.categories.is_empty());
        let mut codes: Vec<String> = self
            .groups
            .iter()
            .flat_map(|(_, g)| g.categories.iter().map(|c| c.code().into_owned()))
            .collect();
        codes.sort();
        codes.dedup();
        (codes, known)
    }
}

//! Three-valued evaluation of rule conditions against an entity's view of the incident.

use std::collections::BTreeMap;

use breachkit_model::{
    AffectedGroup, Cause, EventKind, Exfiltration, Holding, Incident, Organisation, RiskLevel,
    Tristate, union_bounds,
};

use crate::assessment::*;
use crate::ruleset::*;

/// The result of evaluating a condition.
#[derive(Clone, Debug, Default)]
pub(super) struct Eval {
    pub(super) value: Tristate,
    pub(super) facts: Vec<String>,
    pub(super) questions: Vec<Question>,
}

impl Eval {
    pub(super) fn leaf(value: Tristate, fact: String, question: Option<Question>) -> Eval {
        Eval {
            value,
            facts: vec![fact],
            questions: if value == Tristate::Unknown {
                question.into_iter().collect()
            } else {
                Vec::new()
            },
        }
    }
}

pub(super) struct Ctx<'a> {
    pub(super) incident: &'a Incident,
    pub(super) entity: &'a Organisation,
    pub(super) entity_index: usize,
    pub(super) groups: Vec<(usize, &'a AffectedGroup, &'a Holding)>,
    pub(super) classes: &'a BTreeMap<String, DataClass>,
}

pub(super) fn q(id: String, text: String, path: String) -> Question {
    Question { id, text, path }
}

impl Ctx<'_> {
    pub(super) fn group_names(&self) -> String {
        self.groups
            .iter()
            .map(|(_, g, _)| g.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }

    pub(super) fn eval(&self, c: &Condition) -> Eval {
        match c {
            Condition::All(cs) => {
                let parts: Vec<Eval> = cs.iter().map(|c| self.eval(c)).collect();
                let value = parts.iter().fold(Tristate::Yes, |a, e| a.and(e.value));
                combine(value, parts, Tristate::No)
            }
            Condition::Any(cs) => {
                let parts: Vec<Eval> = cs.iter().map(|c| self.eval(c)).collect();
                let value = parts.iter().fold(Tristate::No, |a, e| a.or(e.value));
                combine(value, parts, Tristate::Yes)
            }
            Condition::Not(c) => {
                let mut e = self.eval(c);
                e.value = e.value.negate();
                e
            }
            Condition::DataClass(id) => self.data_class(id),
            Condition::PersonsOver(n) => self.persons(*n, true),
            Condition::PersonsAtLeast(n) => self.persons(*n, false),
            Condition::Fact(f) => self.fact(*f),
            Condition::NatureIn(list) => {
                let b = &self.incident.breach;
                let v = if b.nature.iter().any(|n| list.contains(n)) {
                    Tristate::Yes
                } else if b.nature.is_empty() {
                    Tristate::Unknown
                } else {
                    Tristate::No
                };
                Eval::leaf(
                    v,
                    format!("/breach/nature includes one of {list:?}: {}", v.code()),
                    Some(q(
                        "breach.nature".into(),
                        "Which security properties did the breach compromise: confidentiality, integrity, availability?".into(),
                        "/breach/nature".into(),
                    )),
                )
            }
            Condition::CauseIn(list) => {
                let causes = &self.incident.breach.causes;
                let known: Vec<&Cause> = causes.iter().filter(|c| **c != Cause::Unknown).collect();
                let v = if known.iter().any(|c| list.iter().any(|l| *l == c.code())) {
                    Tristate::Yes
                } else if known.is_empty() {
                    Tristate::Unknown
                } else {
                    Tristate::No
                };
                Eval::leaf(
                    v,
                    format!(
                        "/breach/causes includes one of [{}]: {}",
                        list.join(", "),
                        v.code()
                    ),
                    Some(q(
                        "breach.causes".into(),
                        "What caused the breach?".into(),
                        "/breach/causes".into(),
                    )),
                )
            }
            Condition::EntityCountryIn(list) => {
                let list = expand_countries(list);
                let v = Tristate::from_bool(list.iter().any(|c| c == self.entity.country.as_str()));
                Eval::leaf(
                    v,
                    format!(
                        "/organisations/{}/country in [{}]: {}",
                        self.entity_index,
                        list.join(", "),
                        v.code()
                    ),
                    None,
                )
            }
            Condition::EstablishedIn(list) => {
                let list = expand_countries(list);
                let e = self.entity;
                let v = Tristate::from_bool(
                    list.iter().any(|c| c == e.country.as_str())
                        || e.establishments
                            .iter()
                            .any(|x| list.iter().any(|c| c == x.jurisdiction.country().as_str())),
                );
                Eval::leaf(
                    v,
                    format!(
                        "/organisations/{} incorporated or established in one of [{}]: {}",
                        self.entity_index,
                        short_list(&list),
                        v.code()
                    ),
                    None,
                )
            }
            Condition::ResidentsIn(list) => {
                let list = expand_countries(list);
                // Only recorded residence counts: a group without residence data does not make
                // foreign law apply (docs/design.md, "extraterritorial reach").
                let v = Tristate::from_bool(self.groups.iter().any(|(_, g, _)| {
                    g.residence.iter().any(|r| {
                        list.iter().any(|c| c == r.jurisdiction.country().as_str())
                            && r.count.bounds().max != Some(0)
                    })
                }));
                Eval::leaf(
                    v,
                    format!(
                        "residence recorded in one of [{}] for groups [{}]: {}",
                        short_list(&list),
                        self.group_names(),
                        v.code()
                    ),
                    None,
                )
            }
            Condition::MarketsIn(list) => {
                let list = expand_countries(list);
                let e = self.entity;
                let v = if e
                    .markets
                    .iter()
                    .any(|m| list.iter().any(|c| c == m.country().as_str()))
                {
                    Tristate::Yes
                } else if e.markets.is_empty() {
                    Tristate::Unknown
                } else {
                    Tristate::No
                };
                Eval::leaf(
                    v,
                    format!(
                        "/organisations/{}/markets includes one of [{}]: {}",
                        self.entity_index,
                        short_list(&list),
                        v.code()
                    ),
                    Some(q(
                        format!("{}.markets", e.id),
                        format!(
                            "Does {} offer goods or services to, or monitor the behaviour of, people in [{}]?",
                            e.id,
                            short_list(&list)
                        ),
                        format!("/organisations/{}/markets", self.entity_index),
                    )),
                )
            }
            Condition::HeldAs(role) => {
                let v = Tristate::from_bool(self.groups.iter().all(|(_, _, h)| h.role == *role));
                Eval::leaf(
                    v,
                    format!(
                        "{} holds groups [{}] as {role:?}: {}",
                        self.entity.id,
                        self.group_names(),
                        v.code()
                    ),
                    None,
                )
            }
            Condition::Sector(code) => {
                let v = Tristate::from_bool(
                    self.entity
                        .sectors
                        .iter()
                        .any(|s| s.code() == code.as_str()),
                );
                Eval::leaf(
                    v,
                    format!(
                        "/organisations/{}/sectors includes {code}: {}",
                        self.entity_index,
                        v.code()
                    ),
                    None,
                )
            }
        }
    }

    pub(super) fn data_class(&self, id: &str) -> Eval {
        let Some(class) = self.classes.get(id) else {
            // Rule files are validated against the class list when loaded, so this is unreachable
            // for a loaded ruleset; stay three-valued rather than panic.
            return Eval::leaf(
                Tristate::Unknown,
                format!("data class {id} is not defined"),
                None,
            );
        };
        let mut value = Tristate::No;
        let mut facts = Vec::new();
        let mut questions = Vec::new();
        for (gi, g, _) in &self.groups {
            if g.categories.is_empty() {
                value = value.or(Tristate::Unknown);
                questions.push(q(
                    format!("groups.{}.categories", g.id),
                    format!("Which data categories of group {} were affected?", g.id),
                    format!("/groups/{gi}/categories"),
                ));
                continue;
            }
            for (ci, c) in g.categories.iter().enumerate() {
                let code = c.code();
                if class.members.iter().any(|m| *m == code) {
                    value = Tristate::Yes;
                    facts.push(format!(
                        "/groups/{gi}/categories/{ci} = {code} is {}",
                        class.label
                    ));
                } else if let Some(m) = class.maybe.iter().find(|m| m.category == code) {
                    value = value.or(Tristate::Unknown);
                    questions.push(q(
                        format!("groups.{}.{}.{}", g.id, code, class.id),
                        format!("Group {}: {}", g.id, m.question),
                        format!("/groups/{gi}/categories/{ci}"),
                    ));
                }
            }
        }
        if value == Tristate::No {
            facts.push(format!(
                "no category of groups [{}] is {} ({})",
                self.group_names(),
                class.label,
                class.cite
            ));
        }
        if value == Tristate::Yes {
            questions.clear();
        }
        Eval {
            value,
            facts,
            questions,
        }
    }

    pub(super) fn persons(&self, n: u64, strictly_more: bool) -> Eval {
        let mut b = union_bounds(self.groups.iter().map(|(_, g, _)| &g.count));
        // Incident totals cap the entity's count when group counts are unknown.
        if let Some(t) = &self.incident.totals.persons {
            let tb = t.bounds();
            b.max = match (b.max, tb.max) {
                (Some(a), Some(c)) => Some(a.min(c)),
                (None, m) | (m, None) => m,
            };
            if b.max.is_some_and(|m| m < b.min) {
                b.max = Some(b.min);
            }
        }
        let v = if strictly_more {
            b.exceeds(n)
        } else {
            b.at_least(n)
        };
        let op = if strictly_more {
            "more than"
        } else {
            "at least"
        };
        let bound = match b.max {
            Some(m) => format!("between {} and {m}", b.min),
            None => format!("at least {}", b.min),
        };
        let first = self.groups.first().map_or(0, |(gi, _, _)| *gi);
        Eval::leaf(
            v,
            format!(
                "people in groups [{}]: {bound} (distinct people: largest group to sum of groups); {op} {n}: {}",
                self.group_names(),
                v.code()
            ),
            Some(q(
                format!("{}.persons.{n}", self.entity.id),
                format!(
                    "Are {op} {n} distinct people affected in the data held by {} (groups {})?",
                    self.entity.id,
                    self.group_names()
                ),
                format!("/groups/{first}/count"),
            )),
        )
    }

    pub(super) fn fact(&self, f: FactName) -> Eval {
        let b = &self.incident.breach;
        let (v, fact, question) = match f {
            FactName::WrongfulPurpose => (
                b.wrongful_purpose,
                format!("/breach/wrongful_purpose = {}", b.wrongful_purpose.code()),
                q("breach.wrongful_purpose".into(), "May the breach have been caused by an act done for a wrongful purpose (an attack, theft, insider taking data)?".into(), "/breach/wrongful_purpose".into()),
            ),
            FactName::Unintelligible => {
                let v = b.encryption.unintelligible();
                (
                    v,
                    format!(
                        "/breach/encryption: state {:?}, high standard {}, key compromised {} → unintelligible {}",
                        b.encryption.state,
                        b.encryption.high_standard.code(),
                        b.encryption.key_compromised.code(),
                        v.code()
                    ),
                    q("breach.encryption".into(), "Was all the affected data encrypted to a high standard, with a key that was not compromised?".into(), "/breach/encryption".into()),
                )
            }
            FactName::Exfiltration => {
                let v = match b.exfiltration {
                    Exfiltration::Confirmed | Exfiltration::Suspected => Tristate::Yes,
                    Exfiltration::NoneFound => Tristate::No,
                    _ => Tristate::Unknown,
                };
                (
                    v,
                    format!("/breach/exfiltration → {}", v.code()),
                    q("breach.exfiltration".into(), "Was data taken out (confirmed or suspected)?".into(), "/breach/exfiltration".into()),
                )
            }
            FactName::RiskUnlikely | FactName::RiskHigh => {
                let v = match (f, b.risk) {
                    (_, RiskLevel::Unknown) => Tristate::Unknown,
                    (FactName::RiskUnlikely, r) => Tristate::from_bool(r == RiskLevel::Unlikely),
                    (_, r) => Tristate::from_bool(r == RiskLevel::High),
                };
                (
                    v,
                    format!("/breach/risk = {:?}", b.risk),
                    q("breach.risk".into(), "What is the assessed risk to the people affected: unlikely, a risk, or a high risk?".into(), "/breach/risk".into()),
                )
            }
            FactName::LowProbabilityOfCompromise => (
                b.low_probability_of_compromise,
                format!("/breach/low_probability_of_compromise = {}", b.low_probability_of_compromise.code()),
                q("breach.low_probability_of_compromise".into(), "Does a documented four-factor risk assessment show a low probability that the PHI was compromised?".into(), "/breach/low_probability_of_compromise".into()),
            ),
            FactName::HighRiskMitigated => (
                b.high_risk_mitigated,
                format!("/breach/high_risk_mitigated = {}", b.high_risk_mitigated.code()),
                q("breach.high_risk_mitigated".into(), "Have measures taken since the breach ensured that the high risk is no longer likely to materialise?".into(), "/breach/high_risk_mitigated".into()),
            ),
            FactName::NoContactDetails => {
                let mut v = Tristate::Yes;
                for (_, g, _) in &self.groups {
                    v = v.and(g.contact_details_available.negate());
                }
                (
                    v,
                    format!("no group of [{}] can be contacted individually: {}", self.group_names(), v.code()),
                    q(format!("{}.contact_details", self.entity.id), format!("Does {} have contact details to notify each affected person individually?", self.entity.id), format!("/groups/{}/contact_details_available", self.groups.first().map_or(0, |g| g.0))),
                )
            }
            FactName::ControllerInformed => {
                let e = &self.entity.id;
                let kind = EventKind::ControllerInformed;
                let informed = self.incident.events_for(&kind, e).next().is_some();
                let v = if informed { Tristate::Yes } else { Tristate::Unknown };
                (
                    v,
                    format!("controller_informed event for {e}: {}", v.code()),
                    q(format!("{e}.controller_informed"), format!("Has {e} informed the controller (entrustor) it works for? Record a controller_informed event."), "/timeline".into()),
                )
            }
        };
        Eval::leaf(v, fact, Some(question))
    }
}

pub(super) fn short_list(list: &[String]) -> String {
    if list.len() > 6 {
        format!(
            "{} … ({} countries)",
            list.iter().take(4).cloned().collect::<Vec<_>>().join(", "),
            list.len()
        )
    } else {
        list.join(", ")
    }
}

/// Joins child evaluations: when the result is decided by a child with value `decisive`, the
/// other children's questions cannot change it and are dropped.
pub(super) fn combine(value: Tristate, parts: Vec<Eval>, decisive: Tristate) -> Eval {
    let mut out = Eval {
        value,
        ..Eval::default()
    };
    for p in parts {
        out.facts.extend(p.facts);
        if value != decisive {
            out.questions.extend(p.questions);
        }
    }
    out
}

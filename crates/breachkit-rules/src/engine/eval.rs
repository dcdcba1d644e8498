//! Three-valued evaluation of rule conditions against an entity's view of the incident.
//!
//! Every fact and question is typed (a code with named arguments); sentences come later from
//! the message catalogue of the language asked for (`crate::i18n`).

use std::collections::BTreeMap;

use breachkit_model::{
    AffectedGroup, Bounds, Cause, EventKind, Exfiltration, Holding, Incident, Organisation,
    RiskLevel, Tristate, union_bounds,
};

use crate::assessment::*;
use crate::judgement::{Advisory, Verdict};
use crate::ruleset::*;

/// The snake_case wire code of a serde enum value (never its `Debug` form).
/// A membership test over a list the incident records: yes when a listed value is there,
/// unknown while the list is empty (nothing recorded yet), no when only other values are.
fn listed(hit: bool, nothing_recorded: bool) -> Tristate {
    if hit {
        Tristate::Yes
    } else if nothing_recorded {
        Tristate::Unknown
    } else {
        Tristate::No
    }
}

pub(crate) fn code_of<T: serde::Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// The result of evaluating a condition.
#[derive(Clone, Debug, Default)]
pub(super) struct Eval {
    pub(super) value: Tristate,
    pub(super) facts: Vec<Fact>,
    pub(super) questions: Vec<Question>,
}

impl Eval {
    pub(super) fn leaf(value: Tristate, fact: Fact, question: Option<Question>) -> Eval {
        Eval {
            value,
            facts: vec![fact.value(value)],
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
    /// The judgement over the entity's groups (GDPR risk, HIPAA breach, APPI leak).
    pub(super) judgement: Option<&'a crate::judgement::Judgement>,
}

/// A question with its typed arguments; its text is rendered later.
pub(super) fn q(id: String, kind: QuestionKind, args: &[(&str, String)], path: String) -> Question {
    Question {
        id,
        kind,
        args: args
            .iter()
            .map(|(k, v)| ((*k).to_owned(), v.clone()))
            .collect(),
        path,
        text: String::new(),
    }
}

impl Ctx<'_> {
    pub(super) fn group_names(&self) -> String {
        self.groups
            .iter()
            .map(|(_, g, _)| g.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn entity_arg(&self) -> (&'static str, String) {
        ("entity", self.entity.id.to_string())
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
                let v = listed(
                    b.nature.iter().any(|n| list.contains(n)),
                    b.nature.is_empty(),
                );
                let codes: Vec<String> = list.iter().map(code_of).collect();
                Eval::leaf(
                    v,
                    Fact::new(FactCode::NatureIn).arg("list", codes.join(", ")),
                    Some(q(
                        "breach.nature".into(),
                        QuestionKind::Nature,
                        &[],
                        "/breach/nature".into(),
                    )),
                )
            }
            Condition::CauseIn(list) => {
                let causes = &self.incident.breach.causes;
                let known: Vec<&Cause> = causes.iter().filter(|c| **c != Cause::Unknown).collect();
                let v = listed(
                    known.iter().any(|c| list.iter().any(|l| *l == c.code())),
                    known.is_empty(),
                );
                Eval::leaf(
                    v,
                    Fact::new(FactCode::CauseIn).arg("list", list.join(", ")),
                    Some(q(
                        "breach.causes".into(),
                        QuestionKind::Causes,
                        &[],
                        "/breach/causes".into(),
                    )),
                )
            }
            Condition::EntityCountryIn(list) => {
                let list = expand_countries(list);
                let v = Tristate::from_bool(list.iter().any(|c| c == self.entity.country.as_str()));
                Eval::leaf(
                    v,
                    Fact::new(FactCode::EntityCountryIn)
                        .arg("entity", &self.entity.id)
                        .arg(
                            "pointer",
                            format!("/organisations/{}/country", self.entity_index),
                        )
                        .arg("list", short_list(&list)),
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
                    Fact::new(FactCode::EstablishedIn)
                        .arg("entity", &e.id)
                        .arg("list", short_list(&list)),
                    None,
                )
            }
            Condition::ResidentsIn(list) => {
                let list = expand_countries(list);
                // Only recorded residence counts: a group without residence data does not make
                // foreign law apply (docs/design.md, "extraterritorial reach").
                let v = Tristate::from_bool(self.groups.iter().any(|(_, g, _)| {
                    g.residence.iter().any(|r| {
                        list.iter().any(|c| region_contains(c, &r.jurisdiction))
                            && r.count.bounds().max != Some(0)
                    })
                }));
                Eval::leaf(
                    v,
                    Fact::new(FactCode::ResidentsIn)
                        .arg("list", short_list(&list))
                        .arg("groups", self.group_names()),
                    None,
                )
            }
            Condition::ResidentsOver(rc) => self.residents(rc, true),
            Condition::ResidentsAtLeast(rc) => self.residents(rc, false),
            Condition::MarketsIn(list) => {
                let list = expand_countries(list);
                let e = self.entity;
                let v = listed(
                    e.markets
                        .iter()
                        .any(|m| list.iter().any(|c| c == m.country().as_str())),
                    e.markets.is_empty(),
                );
                Eval::leaf(
                    v,
                    Fact::new(FactCode::MarketsIn)
                        .arg("entity", &e.id)
                        .arg("list", short_list(&list)),
                    Some(q(
                        format!("{}.markets", e.id),
                        QuestionKind::Markets,
                        &[self.entity_arg(), ("countries", short_list(&list))],
                        format!("/organisations/{}/markets", self.entity_index),
                    )),
                )
            }
            Condition::HeldAs(role) => {
                let v = Tristate::from_bool(self.groups.iter().all(|(_, _, h)| h.role == *role));
                Eval::leaf(
                    v,
                    Fact::new(FactCode::HeldAs)
                        .arg("entity", &self.entity.id)
                        .arg("groups", self.group_names())
                        .arg("role", code_of(role)),
                    None,
                )
            }
            Condition::Determined(test) => self.determined(test),
            Condition::Designation(code) => {
                let e = self.entity;
                let has = e.designations.iter().any(|d| d.as_str() == code.as_str());
                // An entity that records no designation at all has not said: unknown, with the
                // question. One that records others but not this one: no.
                let v = listed(has, e.designations.is_empty());
                Eval::leaf(
                    v,
                    Fact::new(FactCode::Designation)
                        .arg("entity", &e.id)
                        .arg("code", code),
                    Some(q(
                        format!("{}.designation.{code}", e.id),
                        QuestionKind::Designation,
                        &[self.entity_arg(), ("code", code.clone())],
                        format!("/organisations/{}/designations", self.entity_index),
                    )),
                )
            }
            Condition::SectorIn(list) => {
                let e = self.entity;
                let v = listed(
                    e.sectors
                        .iter()
                        .any(|s| list.iter().any(|c| c == s.code().as_ref())),
                    e.sectors.is_empty(),
                );
                Eval::leaf(
                    v,
                    Fact::new(FactCode::SectorIn)
                        .arg("entity", &e.id)
                        .arg("list", short_list(list)),
                    Some(q(
                        format!("{}.sectors", e.id),
                        QuestionKind::Sectors,
                        &[self.entity_arg()],
                        format!("/organisations/{}/sectors", self.entity_index),
                    )),
                )
            }
            Condition::SizeClassIn(list) => {
                let e = self.entity;
                let v = match e.size_class {
                    Some(c) => Tristate::from_bool(list.contains(&c)),
                    None => Tristate::Unknown,
                };
                let names: Vec<&str> = list.iter().map(|c| c.code()).collect();
                Eval::leaf(
                    v,
                    Fact::new(FactCode::SizeClassIn)
                        .arg("entity", &e.id)
                        .arg("list", names.join(", ")),
                    Some(q(
                        format!("{}.size_class", e.id),
                        QuestionKind::SizeClass,
                        &[self.entity_arg()],
                        format!("/organisations/{}/size_class", self.entity_index),
                    )),
                )
            }
            Condition::ResidentsInSubdivision(list) => {
                let v = Tristate::from_bool(self.groups.iter().any(|(_, g, _)| {
                    g.residence.iter().any(|r| {
                        list.iter().any(|c| *c == r.jurisdiction.to_string())
                            && r.count.bounds().max != Some(0)
                    })
                }));
                Eval::leaf(
                    v,
                    Fact::new(FactCode::ResidentsIn)
                        .arg("list", list.join(", "))
                        .arg("groups", self.group_names()),
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
                    Fact::new(FactCode::Sector)
                        .arg("entity", &self.entity.id)
                        .arg("sector", code),
                    None,
                )
            }
        }
    }

    /// The determination an entity recorded for a test: the result and its instant.
    pub(super) fn determination(&self, test: &str) -> Option<&'_ breachkit_model::Determination> {
        self.incident.breach.determinations.iter().find(|d| {
            d.test.as_str() == test
                && (d.entities.is_empty() || d.entities.contains(&self.entity.id))
        })
    }

    pub(super) fn determined(&self, test: &str) -> Eval {
        let found = self.determination(test);
        let v = found.map_or(Tristate::Unknown, |d| d.result);
        Eval::leaf(
            v,
            Fact::new(FactCode::Determined).arg("test", test),
            Some(q(
                format!("{}.determination.{test}", self.entity.id),
                QuestionKind::Determination,
                &[self.entity_arg(), ("test", test.to_owned())],
                "/breach/determinations".into(),
            )),
        )
    }

    pub(super) fn data_class(&self, id: &str) -> Eval {
        let Some(class) = self.classes.get(id) else {
            // Rule files are validated against the class list when loaded, so this is unreachable
            // for a loaded ruleset; stay three-valued rather than panic.
            return Eval::leaf(
                Tristate::Unknown,
                Fact::new(FactCode::DataClassUndefined).arg("class", id),
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
                    QuestionKind::Categories,
                    &[("group", g.id.to_string())],
                    format!("/groups/{gi}/categories"),
                ));
                continue;
            }
            for (ci, c) in g.categories.iter().enumerate() {
                let code = c.code();
                if class.members.iter().any(|m| *m == code) {
                    value = Tristate::Yes;
                    facts.push(
                        Fact::new(FactCode::DataClassMember)
                            .value(Tristate::Yes)
                            .arg("pointer", format!("/groups/{gi}/categories/{ci}"))
                            .arg("category", &code)
                            .arg("class", &class.id),
                    );
                } else if class.maybe.iter().any(|m| m.category == code) {
                    value = value.or(Tristate::Unknown);
                    questions.push(q(
                        format!("groups.{}.{}.{}", g.id, code, class.id),
                        QuestionKind::ClassMember,
                        &[
                            ("group", g.id.to_string()),
                            ("category", code.to_string()),
                            ("class", class.id.clone()),
                        ],
                        format!("/groups/{gi}/categories/{ci}"),
                    ));
                }
            }
        }
        if value == Tristate::No {
            facts.push(
                Fact::new(FactCode::DataClassNone)
                    .value(Tristate::No)
                    .arg("groups", self.group_names())
                    .arg("class", &class.id),
            );
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

    /// The residents of one region in the entity's groups, as bounds: the recorded residence
    /// counts of the region (distinct people: the largest group to the sum of groups), plus, for
    /// a group whose recorded residence does not account for all its people, the unaccounted
    /// rest as possible residents (they may live anywhere).
    pub(super) fn region_bounds(&self, region: &str) -> (Bounds, bool) {
        let mut counts = Vec::new();
        let mut extra_max: Option<u64> = Some(0);
        let mut incomplete = false;
        for (_, g, _) in &self.groups {
            let recorded_min: u64 = g
                .residence
                .iter()
                .map(|r| r.count.bounds().min)
                .fold(0u64, u64::saturating_add);
            for r in &g.residence {
                if region_contains(region, &r.jurisdiction) {
                    counts.push(r.count);
                } else if region.contains('-')
                    && r.jurisdiction.subdivision().is_none()
                    && region.starts_with(r.jurisdiction.country().as_str())
                {
                    // Residents recorded only by country may live in the region.
                    incomplete = true;
                    extra_max = match (extra_max, r.count.bounds().max) {
                        (Some(x), Some(m)) => Some(x.saturating_add(m)),
                        _ => None,
                    };
                }
            }
            let gb = g.count.bounds();
            match gb.max {
                Some(m) if m <= recorded_min => {}
                Some(m) => {
                    incomplete = true;
                    extra_max = extra_max.map(|x| x.saturating_add(m.saturating_sub(recorded_min)));
                }
                None => {
                    incomplete = true;
                    extra_max = None;
                }
            }
        }
        let mut b = union_bounds(counts.iter());
        b.max = match (b.max, extra_max) {
            (Some(a), Some(e)) => Some(a.saturating_add(e)),
            _ => None,
        };
        (b, incomplete)
    }

    pub(super) fn residents(&self, rc: &RegionCount, strictly_more: bool) -> Eval {
        let (b, incomplete) = self.region_bounds(&rc.region);
        let n = rc.count;
        let v = if strictly_more {
            b.exceeds(n)
        } else {
            b.at_least(n)
        };
        let op = if strictly_more {
            "more_than"
        } else {
            "at_least"
        };
        let mut fact = Fact::new(FactCode::RegionResidents)
            .arg("region", &rc.region)
            .arg("groups", self.group_names())
            .arg("min", b.min)
            .arg("op", op)
            .arg("threshold", n);
        if let Some(m) = b.max {
            fact = fact.arg("max", m);
        }
        let mut facts = vec![fact.value(v)];
        if incomplete {
            // Residence not recorded for everyone: the rest may live there.
            facts.push(Fact::new(FactCode::RegionResidenceIncomplete).arg("region", &rc.region));
        }
        let first = self.groups.first().map_or(0, |(gi, _, _)| *gi);
        let question = q(
            format!("{}.residents.{}", self.entity.id, rc.region),
            QuestionKind::RegionResidents,
            &[
                self.entity_arg(),
                ("region", rc.region.clone()),
                ("groups", self.group_names()),
            ],
            format!("/groups/{first}/residence"),
        );
        Eval {
            value: v,
            facts,
            questions: if v == Tristate::Unknown {
                vec![question]
            } else {
                Vec::new()
            },
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
            "more_than"
        } else {
            "at_least"
        };
        let mut fact = Fact::new(FactCode::Persons)
            .arg("groups", self.group_names())
            .arg("min", b.min)
            .arg("op", op)
            .arg("threshold", n);
        if let Some(m) = b.max {
            fact = fact.arg("max", m);
        }
        let first = self.groups.first().map_or(0, |(gi, _, _)| *gi);
        Eval::leaf(
            v,
            fact,
            Some(q(
                format!("{}.persons.{n}", self.entity.id),
                QuestionKind::Persons,
                &[
                    self.entity_arg(),
                    ("groups", self.group_names()),
                    ("op", op.to_owned()),
                    ("threshold", n.to_string()),
                ],
                format!("/groups/{first}/count"),
            )),
        )
    }

    pub(super) fn fact(&self, f: FactName) -> Eval {
        let b = &self.incident.breach;
        let simple =
            |id: &str, kind: QuestionKind, path: &str| q(id.to_owned(), kind, &[], path.to_owned());
        let (v, fact, question) = match f {
            FactName::WrongfulPurpose => (
                b.wrongful_purpose,
                Fact::new(FactCode::WrongfulPurpose),
                simple(
                    "breach.wrongful_purpose",
                    QuestionKind::WrongfulPurpose,
                    "/breach/wrongful_purpose",
                ),
            ),
            FactName::Unintelligible => {
                let v = b.encryption.unintelligible();
                (
                    v,
                    Fact::new(FactCode::Unintelligible)
                        .arg("state", code_of(&b.encryption.state))
                        .arg("high_standard", b.encryption.high_standard.code())
                        .arg("key_compromised", b.encryption.key_compromised.code()),
                    simple(
                        "breach.encryption",
                        QuestionKind::Encryption,
                        "/breach/encryption",
                    ),
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
                    Fact::new(FactCode::Exfiltration).arg("recorded", code_of(&b.exfiltration)),
                    simple(
                        "breach.exfiltration",
                        QuestionKind::Exfiltration,
                        "/breach/exfiltration",
                    ),
                )
            }
            FactName::RiskUnlikely | FactName::RiskHigh => {
                if let Some(j) = self.judgement {
                    return judged(&j.gdpr, |v| match (f, v) {
                        (_, Verdict::Undetermined) => Tristate::Unknown,
                        (FactName::RiskUnlikely, v) => {
                            Tristate::from_bool(matches!(v, Verdict::NoRisk | Verdict::NoBreach))
                        }
                        (_, v) => Tristate::from_bool(v == Verdict::HighRisk),
                    });
                }
                let v = match (f, b.risk) {
                    (_, RiskLevel::Unknown) => Tristate::Unknown,
                    (FactName::RiskUnlikely, r) => Tristate::from_bool(r == RiskLevel::Unlikely),
                    (_, r) => Tristate::from_bool(r == RiskLevel::High),
                };
                (
                    v,
                    Fact::new(FactCode::Risk).arg("recorded", code_of(&b.risk)),
                    simple("breach.risk", QuestionKind::Risk, "/breach/risk"),
                )
            }
            FactName::LowProbabilityOfCompromise => {
                if let Some(j) = self.judgement {
                    // A breach presumed while an exception or a low probability could still be
                    // shown: the exemption is "not established" (unknown), and the questions
                    // that would show it are asked — as before for an unassessed incident.
                    let presumed = j.hipaa.presumed && j.hipaa.decision.is_none();
                    return judged(&j.hipaa, |v| match v {
                        _ if presumed => Tristate::Unknown,
                        Verdict::Undetermined => Tristate::Unknown,
                        v => Tristate::from_bool(matches!(
                            v,
                            Verdict::NoBreach
                                | Verdict::Exception
                                | Verdict::LowProbability
                                | Verdict::Secured
                        )),
                    });
                }
                (
                    b.low_probability_of_compromise,
                    Fact::new(FactCode::LowProbabilityOfCompromise),
                    simple(
                        "breach.low_probability_of_compromise",
                        QuestionKind::LowProbabilityOfCompromise,
                        "/breach/low_probability_of_compromise",
                    ),
                )
            }
            FactName::PersonalDataBreach => match self.judgement {
                Some(j) => {
                    return judged(&j.gdpr, |v| match v {
                        Verdict::NoBreach => Tristate::No,
                        _ => Tristate::Yes,
                    });
                }
                None => (
                    Tristate::Yes,
                    Fact::new(FactCode::BreachAssumed),
                    simple(
                        "judgement.no_breach",
                        QuestionKind::BreachHappened,
                        "/breach/compromise/status",
                    ),
                ),
            },
            FactName::AppiLeak => match self.judgement {
                Some(j) => {
                    return judged(&j.appi, |v| match v {
                        Verdict::Leak | Verdict::PossibleLeak => Tristate::Yes,
                        Verdict::Undetermined => Tristate::Unknown,
                        _ => Tristate::No,
                    });
                }
                None => (
                    Tristate::Yes,
                    Fact::new(FactCode::LeakAssumed),
                    simple(
                        "judgement.confidentiality",
                        QuestionKind::LeakHappened,
                        "/breach/data_effects",
                    ),
                ),
            },
            FactName::HighRiskMitigated => (
                b.high_risk_mitigated,
                Fact::new(FactCode::HighRiskMitigated),
                simple(
                    "breach.high_risk_mitigated",
                    QuestionKind::HighRiskMitigated,
                    "/breach/high_risk_mitigated",
                ),
            ),
            FactName::NoContactDetails => {
                let mut v = Tristate::Yes;
                for (_, g, _) in &self.groups {
                    v = v.and(g.contact_details_available.negate());
                }
                (
                    v,
                    Fact::new(FactCode::NoContactDetails).arg("groups", self.group_names()),
                    q(
                        format!("{}.contact_details", self.entity.id),
                        QuestionKind::ContactDetails,
                        &[self.entity_arg()],
                        format!(
                            "/groups/{}/contact_details_available",
                            self.groups.first().map_or(0, |g| g.0)
                        ),
                    ),
                )
            }
            FactName::LawEnforcementDelay => {
                let e = &self.entity.id;
                let asked = self
                    .incident
                    .events_for(&EventKind::LawEnforcementDelayRequested, e)
                    .count();
                let ended = self
                    .incident
                    .events_for(&EventKind::LawEnforcementDelayEnded, e)
                    .count();
                let v = Tristate::from_bool(asked > ended);
                (
                    v,
                    Fact::new(FactCode::LawEnforcementDelay)
                        .arg("asked", asked)
                        .arg("ended", ended),
                    q(
                        format!("{e}.law_enforcement_delay"),
                        QuestionKind::LawEnforcementDelay,
                        &[self.entity_arg()],
                        "/timeline".into(),
                    ),
                )
            }
            FactName::IncidentMaterial | FactName::ExtortionPaid => {
                let e = &self.entity.id;
                let (kind, what, qkind) = if f == FactName::IncidentMaterial {
                    (
                        EventKind::MaterialityDetermined,
                        "materiality_determined",
                        QuestionKind::MaterialityDetermined,
                    )
                } else {
                    (
                        EventKind::RansomPaid,
                        "ransom_paid",
                        QuestionKind::RansomPaid,
                    )
                };
                let v = if self.incident.events_for(&kind, e).next().is_some() {
                    Tristate::Yes
                } else {
                    Tristate::Unknown
                };
                (
                    v,
                    Fact::new(FactCode::EventRecorded)
                        .arg("entity", e)
                        .arg("event", what),
                    q(
                        format!("{e}.{what}"),
                        qkind,
                        &[self.entity_arg()],
                        "/timeline".into(),
                    ),
                )
            }
            FactName::ControllerInformed => {
                let e = &self.entity.id;
                let kind = EventKind::ControllerInformed;
                let informed = self.incident.events_for(&kind, e).next().is_some();
                let v = if informed {
                    Tristate::Yes
                } else {
                    Tristate::Unknown
                };
                (
                    v,
                    Fact::new(FactCode::ControllerInformed).arg("entity", e),
                    q(
                        format!("{e}.controller_informed"),
                        QuestionKind::ControllerInformed,
                        &[self.entity_arg()],
                        "/timeline".into(),
                    ),
                )
            }
        };
        Eval::leaf(v, fact, Some(question))
    }
}

/// True when the jurisdiction lies in the region: the same code, or the region is its country.
pub(super) fn region_contains(region: &str, j: &breachkit_model::Jurisdiction) -> bool {
    if j.subdivision().is_some() && region == j.to_string() {
        return true;
    }
    region == j.country().as_str()
}

pub(super) fn short_list(list: &[String]) -> String {
    match list.get(..4) {
        Some(head) if list.len() > 6 => format!("{} … ({})", head.join(", "), list.len()),
        _ => list.join(", "),
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

/// A fact read from a judgement: the verdict that counts (the recorded decision, else the
/// advisory), with the trace of both and the advisory's questions when no decision is recorded.
fn judged(a: &Advisory, value: impl Fn(Verdict) -> Tristate) -> Eval {
    let v = value(a.effective);
    let mut fact = Fact::new(FactCode::Judgement)
        .value(v)
        .arg("topic", a.topic.code())
        .arg("advisory", a.advisory.code())
        .arg("basis", &a.basis)
        .arg("cite", &a.cite);
    match &a.decision {
        Some(d) => {
            fact = fact
                .arg("decision", d.outcome.code())
                .arg("decision_path", &d.path)
                .arg("disagreement", if a.disagreement { "yes" } else { "no" });
        }
        None => fact = fact.arg("decision", "none").arg("disagreement", "no"),
    }
    // Questions are asked while no person has decided: they would firm up or change the
    // advisory verdict (even when the law's presumption already decides it).
    let questions = if a.decision.is_none() {
        a.questions.clone()
    } else {
        Vec::new()
    };
    Eval {
        value: v,
        facts: vec![fact],
        questions,
    }
}

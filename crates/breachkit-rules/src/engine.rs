//! The evaluation: an incident and an "as of" instant in, an [`Assessment`] out.
//!
//! Three-valued throughout: a fact that is unknown makes its clause unknown, and an unknown
//! clause either leaves the obligation undetermined or (for exemptions the law puts the burden
//! of proving on the organisation) is "not established"; in both cases the question is asked.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};

use breachkit_model::{
    AffectedGroup, Cause, EntityId, EventKind, Exfiltration, Holding, Incident, Organisation,
    PartialTime, Precision, RecipientKind, ReportKind, ReportRecord, ReportStatus, RiskLevel,
    Tristate, union_bounds,
};

use crate::Ruleset;
use crate::assessment::*;
use crate::calendar::{CalendarId, DayKind};
use crate::ruleset::*;

/// The result of evaluating a condition.
#[derive(Clone, Debug, Default)]
struct Eval {
    value: Tristate,
    facts: Vec<String>,
    questions: Vec<Question>,
}

impl Eval {
    fn leaf(value: Tristate, fact: String, question: Option<Question>) -> Eval {
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

struct Ctx<'a> {
    incident: &'a Incident,
    entity: &'a Organisation,
    entity_index: usize,
    groups: Vec<(usize, &'a AffectedGroup, &'a Holding)>,
    classes: &'a BTreeMap<String, DataClass>,
}

fn q(id: String, text: String, path: String) -> Question {
    Question { id, text, path }
}

impl Ctx<'_> {
    fn group_names(&self) -> String {
        self.groups
            .iter()
            .map(|(_, g, _)| g.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn eval(&self, c: &Condition) -> Eval {
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

    fn data_class(&self, id: &str) -> Eval {
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

    fn persons(&self, n: u64, strictly_more: bool) -> Eval {
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

    fn fact(&self, f: FactName) -> Eval {
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

fn short_list(list: &[String]) -> String {
    if list.len() > 6 {
        format!("{} … ({} countries)", list[..4].join(", "), list.len())
    } else {
        list.join(", ")
    }
}

/// Joins child evaluations: when the result is decided by a child with value `decisive`, the
/// other children's questions cannot change it and are dropped.
fn combine(value: Tristate, parts: Vec<Eval>, decisive: Tristate) -> Eval {
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

/// Where the clock starts for an entity.
struct Start {
    time: Option<PartialTime>,
    zone: Option<chrono_tz::Tz>,
    basis: StartBasis,
}

fn start_for(incident: &Incident, entity: &EntityId) -> Start {
    let earliest = |kind: EventKind| {
        incident
            .events_for(&kind, entity)
            .filter_map(|e| {
                let t = e.at.or(e.after)?;
                let zone = incident.zone_for(e.time_zone);
                let r = t.resolve(zone)?;
                Some((r.earliest, t, zone))
            })
            .min_by_key(|x| x.0)
    };
    if let Some((_, t, zone)) = earliest(EventKind::Aware) {
        return Start {
            time: Some(t),
            zone,
            basis: StartBasis::Aware,
        };
    }
    if let Some((_, t, zone)) = earliest(EventKind::Detected) {
        return Start {
            time: Some(t),
            zone,
            basis: StartBasis::DetectedAsEarliestAwareness,
        };
    }
    Start {
        time: None,
        zone: None,
        basis: StartBasis::Unknown,
    }
}

/// Input to the deadline computation.
struct ClockInput<'a> {
    rule: &'a ClockRule,
    amount: Option<u32>,
    tz: chrono_tz::Tz,
    start: &'a Start,
    variant_open: bool,
}

fn end_of_day(tz: chrono_tz::Tz, d: NaiveDate) -> Option<DateTime<Utc>> {
    let t = d.and_hms_opt(23, 59, 59)?;
    Some(tz.from_local_datetime(&t).latest()?.with_timezone(&Utc))
}

fn day_kind_text(k: DayKind) -> String {
    match k {
        DayKind::Open => "open day".into(),
        DayKind::Weekend => "weekend".into(),
        DayKind::Holiday(n) => format!("holiday: {n}"),
        DayKind::Closure(n) => format!("closure: {n}"),
    }
}

fn compute_deadline(input: &ClockInput<'_>, trace: &mut Vec<TraceStep>) -> Deadline {
    let rule = input.rule;
    let tz = input.tz;
    let mut d = Deadline {
        standard: rule.standard.clone(),
        due: None,
        due_local: None,
        time_zone: tz.name().to_owned(),
        start: None,
        start_basis: input.start.basis,
        provisional: input.start.basis != StartBasis::Aware || input.variant_open,
        guidance: None,
        counting: String::new(),
    };
    let Some(start_time) = input.start.time else {
        d.counting =
            "no awareness or detection time recorded: the deadline cannot be computed".into();
        trace.push(TraceStep {
            step: "clock".into(),
            outcome: "unknown start".into(),
            detail: d.counting.clone(),
        });
        return d;
    };
    let Some(range) = start_time.resolve(input.start.zone) else {
        d.counting = "the start time has no time zone: set /time_zone".into();
        trace.push(TraceStep {
            step: "clock".into(),
            outcome: "unknown start".into(),
            detail: d.counting.clone(),
        });
        return d;
    };
    let start = range.earliest;
    d.start = Some(start);
    let start_date = start.with_timezone(&tz).date_naive();
    let precise_enough = match rule.kind {
        ClockKind::Hours => start_time.precision() >= Precision::Minute,
        _ => start_time.precision() >= Precision::Day,
    };
    if !precise_enough {
        d.provisional = true;
    }
    let basis = match input.start.basis {
        StartBasis::Aware => "awareness".to_owned(),
        StartBasis::DetectedAsEarliestAwareness => {
            "first detection (no awareness recorded; the earliest possible awareness)".to_owned()
        }
        StartBasis::Unknown => "unknown".to_owned(),
    };
    let fmt_local = |t: DateTime<Utc>| {
        t.with_timezone(&tz)
            .format("%Y-%m-%dT%H:%M:%S%:z")
            .to_string()
    };

    let day_number = |n: u32| -> Option<NaiveDate> {
        match rule.first_day {
            FirstDay::Counts => start_date.checked_add_signed(Duration::days(i64::from(n) - 1)),
            FirstDay::Excluded => start_date.checked_add_signed(Duration::days(i64::from(n))),
        }
    };
    let first_day_text = match rule.first_day {
        FirstDay::Counts => format!("the start day {start_date} counts as day 1"),
        FirstDay::Excluded => format!("counting starts the day after {start_date}"),
    };
    let counting_cite = rule
        .counting_cite
        .as_deref()
        .map(|c| format!(" ({c})"))
        .unwrap_or_default();

    let mut last_day: Option<NaiveDate> = None;
    match (rule.kind, input.amount) {
        (ClockKind::None, _) | (_, None) => {
            d.counting = format!("no fixed period; the clock starts at {basis} on {start_date}");
            if let Some(g) = &rule.guidance {
                if let (Some(from), Some(to)) = (day_number(g.min_days), day_number(g.max_days)) {
                    d.guidance = Some(GuidanceWindow {
                        from: from.to_string(),
                        to: to.to_string(),
                        text: g.text.clone(),
                        cite: g.cite.clone(),
                    });
                    d.counting.push_str(&format!(
                        "; guidance window day {} to day {} ({first_day_text}): {from} to {to}",
                        g.min_days, g.max_days
                    ));
                }
            }
        }
        (ClockKind::Hours, Some(h)) => {
            if let Some(due) = start.checked_add_signed(Duration::hours(i64::from(h))) {
                d.due = Some(due);
                d.due_local = Some(fmt_local(due));
            }
            d.counting = format!(
                "{h} consecutive hours from {basis} at {}; no extension for weekends or holidays{counting_cite}",
                fmt_local(start)
            );
            if start_time.precision() < Precision::Minute {
                d.counting
                    .push_str("; the start is known only to the day, so its first instant is used");
            }
        }
        (ClockKind::CalendarDays, Some(n)) => {
            last_day = day_number(n);
            d.counting = format!("{n} calendar days from {basis}; {first_day_text}{counting_cite}");
        }
        (ClockKind::BusinessDays, Some(n)) => {
            let cal = rule.calendar.unwrap_or(CalendarId::Weekends);
            last_day = cal.add_business_days(start_date, n).ok();
            d.counting = format!(
                "{n} business days of calendar {} after {start_date}{counting_cite}",
                cal.code()
            );
        }
        (ClockKind::DaysAfterYearEnd, Some(n)) => {
            use chrono::Datelike;
            last_day = NaiveDate::from_ymd_opt(start_date.year(), 12, 31)
                .and_then(|y| y.checked_add_signed(Duration::days(i64::from(n))));
            d.counting = format!(
                "{n} days after the end of calendar year {}{counting_cite}",
                start_date.year()
            );
        }
    }
    if let Some(mut last) = last_day {
        d.counting.push_str(&format!("; last day {last}"));
        if let Some(cal) = rule.roll_forward {
            match cal.roll_forward(last) {
                Ok((rolled, skipped)) => {
                    if !skipped.is_empty() {
                        let why: Vec<String> = skipped
                            .iter()
                            .map(|(day, k)| format!("{day} {}", day_kind_text(*k)))
                            .collect();
                        d.counting.push_str(&format!(
                            "; closed days in calendar {} roll it forward ({}) to {rolled}",
                            cal.code(),
                            why.join("; ")
                        ));
                    } else {
                        d.counting
                            .push_str(&format!(", an open day in calendar {}", cal.code()));
                    }
                    last = rolled;
                }
                Err(e) => {
                    d.counting.push_str(&format!("; cannot roll forward: {e}"));
                }
            }
        }
        if let Some(due) = end_of_day(tz, last) {
            d.due = Some(due);
            d.due_local = Some(fmt_local(due));
        }
    }
    trace.push(TraceStep {
        step: "clock".into(),
        outcome: d
            .due_local
            .clone()
            .unwrap_or_else(|| "no fixed deadline".into()),
        detail: format!("{} ({})", d.counting, rule.cite),
    });
    d
}

fn report_matches(
    r: &ReportRecord,
    entity: &EntityId,
    recipient: &RecipientOut,
    kinds: &[ReportKind],
) -> bool {
    let by_ok = r.by.is_empty() || r.by.contains(entity);
    let kind_ok = kinds.contains(&r.kind);
    let recipient_ok = match (&recipient.body, &r.recipient.body) {
        (Some(want), Some(got)) => want == got.as_str(),
        (Some(_), None) => recipient.accepts.contains(&r.recipient.kind),
        (None, _) if recipient.accepts.contains(&r.recipient.kind) => true,
        (None, _) => {
            r.recipient.kind == recipient.kind
                && match &recipient.entity {
                    Some(_) => r.recipient.kind == RecipientKind::Controller,
                    None => true,
                }
        }
    };
    by_ok && kind_ok && recipient_ok
}

fn filing_for(
    incident: &Incident,
    entity: &EntityId,
    recipient: &RecipientOut,
    kinds: &[ReportKind],
    status: Status,
    deadline: &Deadline,
    as_of: DateTime<Utc>,
) -> Filing {
    if status == Status::NotRequired {
        return Filing {
            state: FilingState::NotRequired,
            report: None,
            note: "not required".into(),
        };
    }
    let zone = incident.time_zone.map(|z| z.tz());
    let mut best: Option<Filing> = None;
    for r in incident
        .reports
        .iter()
        .filter(|r| report_matches(r, entity, recipient, kinds))
    {
        let at = r.at.as_ref().and_then(|t| t.resolve(zone));
        let before = r.before.as_ref().and_then(|t| t.resolve(zone));
        let f = |state, note: String| Filing {
            state,
            report: Some(r.id.clone()),
            note,
        };
        let filing = match (at, before) {
            (Some(at), _) if at.earliest > as_of => f(
                FilingState::Pending,
                format!(
                    "report {} is dated after the as-of time; not yet made as of then",
                    r.id
                ),
            ),
            (Some(at), _) if at.latest > as_of => f(
                FilingState::Unknown,
                format!(
                    "report {} is dated on the as-of day; whether it was made by then cannot be told",
                    r.id
                ),
            ),
            (Some(at), _) => {
                if r.status == ReportStatus::InProgress {
                    let late = match deadline.due {
                        Some(due) if as_of > due => format!(
                            "; the deadline {} has passed while it is still under way",
                            deadline.due_local.clone().unwrap_or_default()
                        ),
                        _ => String::new(),
                    };
                    f(
                        FilingState::InProgress,
                        format!(
                            "report {} under way since {}{late}",
                            r.id,
                            r.at.map(|t| t.to_string()).unwrap_or_default()
                        ),
                    )
                } else {
                    match deadline.due {
                        Some(due) if at.latest <= due => f(
                            FilingState::MadeOnTime,
                            format!(
                                "report {} made {}, on or before the deadline",
                                r.id,
                                r.at.map(|t| t.to_string()).unwrap_or_default()
                            ),
                        ),
                        Some(due) if at.earliest > due => f(
                            FilingState::MadeLate,
                            format!(
                                "report {} made {}, after the deadline",
                                r.id,
                                r.at.map(|t| t.to_string()).unwrap_or_default()
                            ),
                        ),
                        Some(_) => f(
                            FilingState::Made,
                            format!(
                                "report {} made on the deadline day; precision too coarse to tell if on time",
                                r.id
                            ),
                        ),
                        None => f(
                            FilingState::Made,
                            format!(
                                "report {} made {}",
                                r.id,
                                r.at.map(|t| t.to_string()).unwrap_or_default()
                            ),
                        ),
                    }
                }
            }
            (None, Some(b)) if b.latest <= as_of => {
                let state = if r.status == ReportStatus::InProgress {
                    FilingState::InProgress
                } else {
                    match deadline.due {
                        Some(due) if b.latest <= due => FilingState::MadeOnTime,
                        _ => FilingState::Made,
                    }
                };
                f(
                    state,
                    format!(
                        "report {} recorded as made no later than {}; exact date unknown",
                        r.id,
                        r.before.map(|t| t.to_string()).unwrap_or_default()
                    ),
                )
            }
            _ => f(
                FilingState::Unknown,
                format!(
                    "report {} is recorded, but its date is not, so whether it was made as of the as-of time cannot be told",
                    r.id
                ),
            ),
        };
        let rank = |s: FilingState| match s {
            FilingState::MadeOnTime => 0,
            FilingState::MadeLate => 1,
            FilingState::Made => 2,
            FilingState::InProgress => 3,
            FilingState::Unknown => 4,
            _ => 5,
        };
        if best
            .as_ref()
            .is_none_or(|b| rank(filing.state) < rank(b.state))
        {
            best = Some(filing);
        }
    }
    if let Some(b) = best {
        if b.state != FilingState::Pending {
            return b;
        }
    }
    match deadline.due {
        Some(due) if as_of > due => Filing {
            state: FilingState::Overdue,
            report: None,
            note: format!(
                "no matching report recorded and the deadline {} has passed",
                deadline.due_local.clone().unwrap_or_default()
            ),
        },
        Some(_) => Filing {
            state: FilingState::Pending,
            report: None,
            note: format!(
                "no matching report recorded; due {}",
                deadline.due_local.clone().unwrap_or_default()
            ),
        },
        None => Filing {
            state: FilingState::Pending,
            report: None,
            note: format!("no matching report recorded; {}", deadline.standard),
        },
    }
}

fn recipients(rule: &RecipientRule, ctx: &Ctx<'_>) -> Vec<(RecipientOut, Option<Eval>)> {
    let fixed = |name: String, body: Option<String>| RecipientOut {
        kind: rule.kind.clone(),
        body,
        name,
        entity: None,
        routing: rule.routing.clone(),
        accepts: rule.accepts.clone(),
    };
    match rule.resolve {
        None => {
            for route in &rule.routes {
                let e = ctx.eval(&route.when);
                if e.value == Tristate::Yes {
                    let mut r = fixed(route.name.clone(), Some(route.body.clone()));
                    if let Some(k) = &route.kind {
                        r.kind = k.clone();
                        // Reports recorded to that kind of recipient discharge the routed duty.
                        r.accepts = vec![k.clone()];
                    }
                    r.routing.insert(
                        0,
                        format!(
                            "routed instead of {} ({}; confidence {:?}): {}",
                            rule.name.clone().unwrap_or_default(),
                            route.cite,
                            route.confidence,
                            e.facts.join("; ")
                        ),
                    );
                    return vec![(r, None)];
                }
            }
            vec![(
                fixed(
                    rule.name
                        .clone()
                        .unwrap_or_else(|| rule.kind.code().into_owned()),
                    rule.body.clone(),
                ),
                None,
            )]
        }
        Some(Resolve::Controller) => {
            let mut seen = BTreeSet::new();
            ctx.groups
                .iter()
                .filter_map(|(_, _, h)| h.on_behalf_of.as_ref())
                .filter(|c| seen.insert((*c).clone()))
                .map(|c| {
                    let name = ctx
                        .incident
                        .organisation(c)
                        .map_or_else(|| c.to_string(), |o| o.name.to_string());
                    (
                        RecipientOut {
                            kind: rule.kind.clone(),
                            body: None,
                            name,
                            entity: Some(c.clone()),
                            routing: rule.routing.clone(),
                            accepts: rule.accepts.clone(),
                        },
                        None,
                    )
                })
                .collect()
        }
        Some(Resolve::GdprAuthorities) => gdpr_authorities(rule, ctx),
        Some(Resolve::PerStateMedia) => {
            let threshold = rule.threshold.unwrap_or(0);
            let mut by_state: BTreeMap<String, Vec<breachkit_model::Count>> = BTreeMap::new();
            let mut unknown_residence = false;
            for (_, g, _) in &ctx.groups {
                // Residence is incomplete when the recorded residents cannot account for the
                // whole group: other States may still pass the threshold.
                let recorded_min: u64 = g
                    .residence
                    .iter()
                    .map(|r| r.count.bounds().min)
                    .fold(0u64, u64::saturating_add);
                // People recorded only as "US" (no State) could live in any State.
                let us_without_state = g.residence.iter().any(|r| {
                    r.jurisdiction.country().as_str() == "US"
                        && r.jurisdiction.subdivision().is_none()
                        && r.count.bounds().max != Some(0)
                });
                let complete =
                    !us_without_state && g.count.bounds().max.is_some_and(|m| recorded_min >= m);
                if !complete {
                    unknown_residence = true;
                }
                for r in &g.residence {
                    if r.jurisdiction.country().as_str() == "US"
                        && r.jurisdiction.subdivision().is_some()
                    {
                        by_state
                            .entry(r.jurisdiction.to_string())
                            .or_default()
                            .push(r.count);
                    }
                }
            }
            let mut out = Vec::new();
            for (state, counts) in by_state {
                let b = union_bounds(counts.iter());
                let v = b.exceeds(threshold);
                let e = Eval::leaf(
                    v,
                    format!("residents of {state}: more than {threshold}: {}", v.code()),
                    Some(q(
                        format!("{}.residents.{state}", ctx.entity.id),
                        format!("Are more than {threshold} residents of {state} affected?"),
                        "/groups".into(),
                    )),
                );
                if v != Tristate::No {
                    out.push((
                        fixed(
                            format!("prominent media outlets serving {state}"),
                            Some(format!("media.{}", state.to_lowercase())),
                        ),
                        Some(e),
                    ));
                }
            }
            if unknown_residence {
                let e = Eval::leaf(
                    Tristate::Unknown,
                    "residence by State not recorded, or not recorded for everyone, in some groups"
                        .into(),
                    Some(q(
                        format!("{}.residence", ctx.entity.id),
                        format!(
                            "In which States do the affected people of {} live, and how many in each?",
                            ctx.entity.id
                        ),
                        format!(
                            "/groups/{}/residence",
                            ctx.groups.first().map_or(0, |g| g.0)
                        ),
                    )),
                );
                out.push((fixed(format!("prominent media outlets of each other State with more than {threshold} affected residents"), None), Some(e)));
            }
            out
        }
    }
}

fn gdpr_authorities(rule: &RecipientRule, ctx: &Ctx<'_>) -> Vec<(RecipientOut, Option<Eval>)> {
    let sa = |cc: &str, role: &str| RecipientOut {
        kind: rule.kind.clone(),
        body: Some(format!("eu.sa.{}", cc.to_lowercase())),
        name: format!("{role} supervisory authority of {cc}"),
        entity: None,
        routing: rule.routing.clone(),
        accepts: rule.accepts.clone(),
    };
    let e = ctx.entity;
    let mut eea_est: Vec<(String, bool)> = e
        .establishments
        .iter()
        .filter(|x| EEA.contains(&x.jurisdiction.country().as_str()))
        .map(|x| {
            (
                x.jurisdiction.country().to_string(),
                x.main_eu_establishment,
            )
        })
        .collect();
    if EEA.contains(&e.country.as_str()) && !eea_est.iter().any(|x| x.0 == e.country.as_str()) {
        eea_est.insert(0, (e.country.to_string(), false));
    }
    eea_est.sort();
    // Keep one entry per country, remembering whether any of them is the main establishment.
    eea_est.dedup_by(|later, earlier| {
        if later.0 == earlier.0 {
            earlier.1 |= later.1;
            true
        } else {
            false
        }
    });
    if let Some((cc, _)) = eea_est.iter().find(|x| x.1) {
        return vec![(sa(cc, "lead (Art. 56: main establishment)"), None)];
    }
    if eea_est.len() == 1 {
        return vec![(
            sa(&eea_est[0].0, "lead (Art. 56: only EU establishment)"),
            None,
        )];
    }
    if eea_est.len() > 1 {
        let e = Eval::leaf(
            Tristate::Unknown,
            "several EU establishments, none marked as the main establishment".into(),
            Some(q(
                format!("{}.main_establishment", ctx.entity.id),
                format!(
                    "Which establishment of {} is its main establishment in the EU (Art. 4(16))?",
                    ctx.entity.id
                ),
                format!("/organisations/{}/establishments", ctx.entity_index),
            )),
        );
        let list: Vec<String> = eea_est.iter().map(|x| x.0.clone()).collect();
        let mut r = sa(&list[0], "lead");
        r.name = format!("lead supervisory authority (one of {})", list.join(", "));
        r.body = None;
        return vec![(r, Some(e))];
    }
    // No EU establishment: every authority where affected people live (EDPB 9/2022 §I.C.4).
    let mut countries = BTreeSet::new();
    for (_, g, _) in &ctx.groups {
        for r in &g.residence {
            let cc = r.jurisdiction.country().to_string();
            if EEA.contains(&cc.as_str()) && r.count.bounds().max != Some(0) {
                countries.insert(cc);
            }
        }
    }
    countries
        .into_iter()
        .map(|cc| {
            (
                sa(
                    &cc,
                    "(no EU establishment: each authority where data subjects live)",
                ),
                None,
            )
        })
        .collect()
}

fn select_version<'a>(rs: &'a Ruleset, id: &str, on: NaiveDate) -> Option<&'a RegimeFile> {
    rs.regimes
        .iter()
        .filter(|r| r.regime.id == id && r.regime.status == RegimeStatus::InForce)
        .filter(|r| r.regime.effective_from <= on && r.regime.effective_to.is_none_or(|t| on <= t))
        // The most recent version in force wins (a counsel's later reading over the built-in one).
        .max_by_key(|r| r.regime.effective_from)
}

/// Assesses an incident as of an instant with a ruleset.
pub(crate) fn assess_with(rs: &Ruleset, incident: &Incident, as_of: DateTime<Utc>) -> Assessment {
    let mut obligations = Vec::new();
    let mut not_applicable = Vec::new();
    let mut used = BTreeSet::new();
    let regime_ids: Vec<String> = {
        let mut seen = BTreeSet::new();
        rs.regimes
            .iter()
            .map(|r| r.regime.id.clone())
            .filter(|id| seen.insert(id.clone()))
            .collect()
    };
    for (ei, entity) in incident.organisations.iter().enumerate() {
        let start = start_for(incident, &entity.id);
        for regime_id in &regime_ids {
            // The version in force on the day the clock starts (else the as-of day).
            let probe_tz = rs
                .regimes
                .iter()
                .find(|r| &r.regime.id == regime_id)
                .and_then(|r| r.regime.time_zone.parse::<chrono_tz::Tz>().ok())
                .unwrap_or(chrono_tz::UTC);
            let on = start
                .time
                .and_then(|t| t.resolve(start.zone))
                .map_or(as_of, |r| r.earliest)
                .with_timezone(&probe_tz)
                .date_naive();
            let Some(file) = select_version(rs, regime_id, on) else {
                not_applicable.push(NotApplicable {
                    entity: entity.id.clone(),
                    regime: regime_id.clone(),
                    reason: format!("no version of the regime in force on {on}"),
                });
                continue;
            };
            let meta = &file.regime;
            let all_groups: Vec<(usize, &AffectedGroup, &Holding)> = incident
                .groups
                .iter()
                .enumerate()
                .filter_map(|(gi, g)| {
                    g.holders
                        .iter()
                        .find(|h| h.entity == entity.id)
                        .map(|h| (gi, g, h))
                })
                .collect();
            if all_groups.is_empty() {
                not_applicable.push(NotApplicable {
                    entity: entity.id.clone(),
                    regime: meta.id.clone(),
                    reason: "the entity holds no affected group".into(),
                });
                continue;
            }
            let ctx_all = Ctx {
                incident,
                entity,
                entity_index: ei,
                groups: all_groups.clone(),
                classes: &rs.classes,
            };
            let applies = if meta.applies.is_empty() {
                Eval {
                    value: Tristate::Yes,
                    ..Eval::default()
                }
            } else {
                let parts: Vec<Eval> = meta.applies.iter().map(|c| ctx_all.eval(&c.when)).collect();
                let v = parts.iter().fold(Tristate::No, |a, e| a.or(e.value));
                combine(v, parts, Tristate::Yes)
            };
            if applies.value == Tristate::No {
                not_applicable.push(NotApplicable {
                    entity: entity.id.clone(),
                    regime: meta.id.clone(),
                    reason: format!("territorial scope not met: {}", applies.facts.join("; ")),
                });
                continue;
            }
            used.insert(format!("{}@{}", meta.id, meta.version));
            let tz: chrono_tz::Tz = meta.time_zone.parse().unwrap_or(chrono_tz::UTC);
            for rule in &file.obligation {
                let groups: Vec<_> = all_groups
                    .iter()
                    .copied()
                    .filter(|(_, _, h)| rule.roles.contains(&h.role))
                    .collect();
                if groups.is_empty() {
                    continue;
                }
                let ctx = Ctx {
                    incident,
                    entity,
                    entity_index: ei,
                    groups,
                    classes: &rs.classes,
                };
                obligations.extend(evaluate_rule(file, rule, &ctx, &applies, &start, tz, as_of));
            }
        }
    }
    let mut questions: Vec<Question> = obligations
        .iter()
        .flat_map(|o: &Obligation| o.questions.iter().cloned())
        .collect();
    questions.sort();
    questions.dedup();
    Assessment {
        incident: incident.id.to_string(),
        as_of,
        rules: used.into_iter().collect(),
        obligations,
        not_applicable,
        questions,
    }
}

#[allow(clippy::too_many_arguments)]
fn evaluate_rule(
    file: &RegimeFile,
    rule: &ObligationRule,
    ctx: &Ctx<'_>,
    applies: &Eval,
    start: &Start,
    tz: chrono_tz::Tz,
    as_of: DateTime<Utc>,
) -> Vec<Obligation> {
    let meta = &file.regime;
    let mut trace = Vec::new();
    let mut questions: Vec<Question> = applies.questions.clone();
    trace.push(TraceStep {
        step: "scope".into(),
        outcome: applies.value.code().into(),
        detail: format!(
            "{} applies to {}: {}; groups held in role {:?}: [{}]",
            meta.name,
            ctx.entity.id,
            if applies.facts.is_empty() {
                "no territorial condition".to_owned()
            } else {
                applies.facts.join("; ")
            },
            rule.roles,
            ctx.group_names()
        ),
    });
    // Requirements: all.
    let mut req = Tristate::Yes;
    for c in &rule.requires {
        let e = ctx.eval(&c.when);
        trace.push(TraceStep {
            step: format!("requires {}", c.id),
            outcome: e.value.code().into(),
            detail: format!("{} ({}): {}", c.label, c.cite, e.facts.join("; ")),
        });
        req = req.and(e.value);
        if e.value == Tristate::Unknown {
            questions.extend(e.questions);
        }
    }
    // Triggers: any.
    let mut trig = if rule.triggers.is_empty() {
        Tristate::Yes
    } else {
        Tristate::No
    };
    let mut trigger_values = BTreeMap::new();
    let mut trigger_questions = Vec::new();
    for c in &rule.triggers {
        let e = ctx.eval(&c.when);
        trace.push(TraceStep {
            step: format!("trigger {}", c.id),
            outcome: e.value.code().into(),
            detail: format!("{} ({}): {}", c.label, c.cite, e.facts.join("; ")),
        });
        trig = trig.or(e.value);
        trigger_values.insert(c.id.clone(), e.value);
        trigger_questions.push((c.id.clone(), e.questions));
    }
    let variant_triggers: BTreeSet<&str> = rule
        .clock
        .variants
        .iter()
        .map(|v| v.when_trigger.as_str())
        .collect();
    for (id, qs) in trigger_questions {
        // Unknown triggers matter while the triggers are undecided, or when they pick the clock.
        if trig != Tristate::Yes || variant_triggers.contains(id.as_str()) {
            questions.extend(qs);
        }
    }
    // Exemptions: any removes the duty.
    let mut exempt = Tristate::No;
    for c in &rule.exemptions {
        let e = ctx.eval(&c.when);
        let (v, outcome) = match (e.value, c.if_unknown) {
            (Tristate::Unknown, IfUnknown::NotEstablished) => {
                (Tristate::No, "not established".to_owned())
            }
            (v, _) => (v, v.code().to_owned()),
        };
        let basis = match (&c.basis, e.value, c.if_unknown) {
            (Some(b), Tristate::Unknown, IfUnknown::NotEstablished) => {
                format!("; unknown, so not established: {b}")
            }
            _ => String::new(),
        };
        trace.push(TraceStep {
            step: format!("exemption {}", c.id),
            outcome,
            detail: format!("{} ({}): {}{basis}", c.label, c.cite, e.facts.join("; ")),
        });
        exempt = exempt.or(v);
        questions.extend(e.questions);
    }
    let base = applies.value.and(req).and(trig).and(exempt.negate());
    // Clock variant.
    let mut amount = rule.clock.amount;
    let mut variant_open = false;
    for v in &rule.clock.variants {
        match trigger_values.get(&v.when_trigger) {
            Some(Tristate::Yes) => {
                amount = Some(v.amount);
                trace.push(TraceStep {
                    step: "clock variant".into(),
                    outcome: format!("{} days", v.amount),
                    detail: format!(
                        "trigger {} holds, so the period is {} ({})",
                        v.when_trigger, v.amount, v.cite
                    ),
                });
            }
            Some(Tristate::Unknown) => {
                variant_open = true;
                amount = match (amount, Some(v.amount)) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (a, b) => a.or(b),
                };
                trace.push(TraceStep {
                    step: "clock variant".into(),
                    outcome: "open".into(),
                    detail: format!(
                        "trigger {} is unknown; the shorter period is used until it is known ({})",
                        v.when_trigger, v.cite
                    ),
                });
            }
            _ => {}
        }
    }
    let deadline_input = ClockInput {
        rule: &rule.clock,
        amount,
        tz,
        start,
        variant_open,
    };
    if start.basis != StartBasis::Aware {
        questions.push(q(
            format!("{}.aware", ctx.entity.id),
            format!("When did {} become aware of (know of) the personal-data breach? Until recorded, the clock runs from the first detection, the earliest possible time.", ctx.entity.id),
            "/timeline".into(),
        ));
    }
    let mut out = Vec::new();
    for (recipient, extra) in recipients(&rule.recipient, ctx) {
        let mut trace = trace.clone();
        let mut questions = questions.clone();
        let mut value = base;
        if let Some(e) = extra {
            trace.push(TraceStep {
                step: "recipient".into(),
                outcome: e.value.code().into(),
                detail: e.facts.join("; "),
            });
            value = value.and(e.value);
            questions.extend(e.questions);
        }
        let status = match value {
            Tristate::Yes => Status::Required,
            Tristate::No => Status::NotRequired,
            Tristate::Unknown => Status::Undetermined,
        };
        let deadline = compute_deadline(&deadline_input, &mut trace);
        let kinds: Vec<ReportKind> = rule
            .satisfied_by
            .iter()
            .filter_map(|k| k.parse().ok())
            .collect();
        let filing = filing_for(
            ctx.incident,
            &ctx.entity.id,
            &recipient,
            &kinds,
            status,
            &deadline,
            as_of,
        );
        trace.push(TraceStep {
            step: "filing".into(),
            outcome: format!("{:?}", filing.state),
            detail: filing.note.clone(),
        });
        if status == Status::NotRequired {
            questions.clear();
        }
        questions.sort();
        questions.dedup();
        let suffix = recipient
            .entity
            .as_ref()
            .map(|e| e.to_string())
            .or_else(|| match rule.recipient.resolve {
                Some(_) => recipient.body.clone(),
                None => None,
            });
        let id = match suffix {
            Some(s) => format!("{}/{}/{}/{}", ctx.entity.id, meta.id, rule.id, s),
            None => format!("{}/{}/{}", ctx.entity.id, meta.id, rule.id),
        };
        out.push(Obligation {
            id,
            obligor: ctx.entity.id.clone(),
            obligor_name: ctx.entity.name.to_string(),
            regime: meta.id.clone(),
            regime_version: meta.version.clone(),
            rule: rule.id.clone(),
            name: rule.name.clone(),
            recipient,
            stage: rule.stage,
            status,
            deadline,
            content: rule
                .content
                .iter()
                .map(|c| ContentOut {
                    id: c.id.clone(),
                    label: c.label.clone(),
                    cite: c.cite.clone(),
                })
                .collect(),
            filing,
            citations: rule
                .citations
                .iter()
                .map(|c| {
                    let src = meta.sources.iter().find(|s| s.key == c.source);
                    CitationOut {
                        article: c.article.clone(),
                        source: src.map_or_else(|| c.source.clone(), |s| s.title.clone()),
                        url: src.map_or_else(String::new, |s| s.url.clone()),
                    }
                })
                .collect(),
            confidence: rule.confidence,
            trace,
            questions,
            notes: rule
                .notes
                .iter()
                .chain(meta.unsettled.iter())
                .cloned()
                .collect(),
        });
    }
    out
}

//! The evaluation: an incident and an "as of" instant in, an [`Assessment`] out.
//!
//! Three-valued throughout: a fact that is unknown makes its clause unknown, and an unknown
//! clause either leaves the obligation undetermined or (for exemptions the law puts the burden
//! of proving on the organisation) is "not established"; in both cases the question is asked.

mod clock;
mod eval;
mod filing;
mod gdpr;
mod recipients;

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, NaiveDate, Utc};

use breachkit_model::{AffectedGroup, Holding, Incident, ReportKind, Tristate};

use crate::Ruleset;
use crate::assessment::*;
use crate::ruleset::*;

use clock::{
    Anchor, ClockInput, Prior, Start, civil_date, compute_deadline, rule_start, start_for,
};
use eval::{Ctx, Eval, combine, q};
use filing::filing_for;
use recipients::recipients;

fn select_version<'a>(rs: &'a Ruleset, id: &str, on: NaiveDate) -> Option<&'a RegimeFile> {
    rs.regimes
        .iter()
        .filter(|r| r.regime.id == id && r.regime.status == RegimeStatus::InForce)
        .filter(|r| {
            r.regime.effective_from.is_some_and(|f| f <= on)
                && r.regime.effective_to.is_none_or(|t| on <= t)
        })
        // The most recent version in force wins (a counsel's later reading over the built-in one).
        .max_by_key(|r| r.regime.effective_from)
}

/// Assesses an incident as of an instant with a ruleset.
pub(crate) fn assess_with(rs: &Ruleset, incident: &Incident, as_of: DateTime<Utc>) -> Assessment {
    let mut obligations = Vec::new();
    let mut not_applicable = Vec::new();
    // Per entity: the jurisdictions of the regimes whose scope was met (or undecided).
    let mut applied: BTreeMap<usize, BTreeSet<String>> = BTreeMap::new();
    let mut used = BTreeSet::new();
    let mut overrides: Vec<RuleOrigin> = Vec::new();
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
                .and_then(|t| civil_date(&t, start.zone, probe_tz))
                .unwrap_or_else(|| as_of.with_timezone(&probe_tz).date_naive());
            let versions = || rs.regimes.iter().filter(|r| &r.regime.id == regime_id);
            let pending_version = versions()
                .find(|r| r.regime.status == RegimeStatus::PendingCommencement)
                .map(|r| r.regime.version.clone());
            let pending = versions()
                .find(|r| r.regime.status == RegimeStatus::PendingCommencement)
                .map(|r| {
                    format!(
                        "Version {} of {} is enacted but not in force: its commencement date is not fixed.",
                        r.regime.version, r.regime.name
                    )
                });
            let Some(file) = select_version(rs, regime_id, on) else {
                let future = versions()
                    .filter(|r| r.regime.status == RegimeStatus::InForce)
                    .filter_map(|r| r.regime.effective_from.filter(|f| *f > on).map(|f| (f, r)))
                    .min_by_key(|(f, _)| *f);
                let fact = match (future, &pending_version) {
                    (Some((f, _)), _) => Fact::new(FactCode::NotYetInForce)
                        .arg("date", on)
                        .arg("from", f),
                    (None, Some(v)) => Fact::new(FactCode::PendingCommencement)
                        .arg("date", on)
                        .arg("version", v),
                    (None, None) => Fact::new(FactCode::NoVersionInForce).arg("date", on),
                };
                not_applicable.push(NotApplicable {
                    entity: entity.id.clone(),
                    regime: regime_id.clone(),
                    code: fact.code,
                    facts: vec![fact],
                    reason: String::new(),
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
            let incident_scope = meta.scope == RegimeScope::Incident;
            if all_groups.is_empty() && !incident_scope {
                not_applicable.push(NotApplicable {
                    entity: entity.id.clone(),
                    regime: meta.id.clone(),
                    code: FactCode::HoldsNoGroup,
                    facts: Vec::new(),
                    reason: String::new(),
                });
                continue;
            }
            let group_indices: Vec<usize> = all_groups.iter().map(|(gi, _, _)| *gi).collect();
            let judgement = crate::judgement::JudgementRules::builtin()
                .ok()
                .map(|jr| jr.judge(incident, &rs.classes, Some(&group_indices)));
            let ctx_all = Ctx {
                incident,
                entity,
                entity_index: ei,
                groups: all_groups.clone(),
                classes: &rs.classes,
                judgement: judgement.as_ref(),
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
                    code: FactCode::ScopeNotMet,
                    facts: applies.facts.clone(),
                    reason: String::new(),
                });
                continue;
            }
            let used_name = format!("{}@{}", meta.id, meta.version);
            if !file.origin.builtin && !overrides.iter().any(|o: &RuleOrigin| o.rules == used_name)
            {
                overrides.push(RuleOrigin {
                    rules: used_name.clone(),
                    file: file.origin.file.clone(),
                    replaces: file.origin.replaces.clone(),
                });
            }
            used.insert(used_name);
            applied
                .entry(ei)
                .or_default()
                .insert(meta.jurisdiction.clone());
            let tz: chrono_tz::Tz = meta.time_zone.parse().unwrap_or(chrono_tz::UTC);
            // Obligations made so far for this entity and regime, by rule id: relative clocks
            // ("no later than the notice to individuals") run from them.
            let mut done: BTreeMap<String, Obligation> = BTreeMap::new();
            let mut prior: BTreeMap<String, Prior> = BTreeMap::new();
            for rule in &file.obligation {
                // An incident regime binds the entity whatever data it holds, in any role.
                let groups: Vec<_> = all_groups
                    .iter()
                    .copied()
                    .filter(|(_, _, h)| incident_scope || rule.roles.contains(&h.role))
                    .collect();
                if groups.is_empty() && !incident_scope {
                    continue;
                }
                let ctx = Ctx {
                    incident,
                    entity,
                    entity_index: ei,
                    groups,
                    classes: &rs.classes,
                    judgement: judgement.as_ref(),
                };
                let anchor = rule
                    .clock
                    .relative_to
                    .as_ref()
                    .and_then(|id| done.get(id))
                    .map(|o| anchor_of(incident, o, tz, as_of));
                let mut out = evaluate_rule(
                    file,
                    rule,
                    &ctx,
                    &applies,
                    &start,
                    anchor.as_ref(),
                    tz,
                    as_of,
                    &mut prior,
                );
                if let Some(p) = &pending {
                    for o in &mut out {
                        o.notes.push(p.clone());
                    }
                }
                if let Some(first) = out.first() {
                    done.insert(rule.id.clone(), first.clone());
                }
                obligations.extend(out);
            }
        }
    }
    let mut questions: Vec<Question> = obligations
        .iter()
        .flat_map(|o: &Obligation| o.questions.iter().cloned())
        .collect();
    questions.sort();
    questions.dedup();
    let not_covered = not_covered(rs, incident, &applied);
    Assessment {
        incident: incident.id.to_string(),
        as_of,
        lang: crate::i18n::Lang::En,
        rules: used.into_iter().collect(),
        overrides,
        obligations,
        not_applicable,
        not_covered,
        questions,
    }
}

/// True when a regime of jurisdiction `regime` (`US`, `US-CA`, `EU`) speaks for `j`.
fn covers(regime: &str, j: &breachkit_model::Jurisdiction) -> bool {
    let country = j.country();
    regime == j.to_string()
        || regime == country.as_str()
        || (regime == "EU" && EEA.contains(&country.as_str()))
}

/// Jurisdictions where affected people live, or entities are established, and breachkit has
/// nothing that applies: listed so that silence never reads as "nothing to do".
fn not_covered(
    rs: &Ruleset,
    incident: &Incident,
    applied: &BTreeMap<usize, BTreeSet<String>>,
) -> Vec<NotCovered> {
    let empty = BTreeSet::new();
    // Residents: per jurisdiction, the entities for which nothing applies and the counts.
    let mut residents: BTreeMap<
        String,
        (
            BTreeSet<breachkit_model::EntityId>,
            Vec<breachkit_model::Count>,
        ),
    > = BTreeMap::new();
    for (ei, entity) in incident.organisations.iter().enumerate() {
        let regimes = applied.get(&ei).unwrap_or(&empty);
        for g in &incident.groups {
            if !g.holders.iter().any(|h| h.entity == entity.id) {
                continue;
            }
            for r in &g.residence {
                if r.count.bounds().max == Some(0) {
                    continue;
                }
                if regimes.iter().any(|reg| covers(reg, &r.jurisdiction)) {
                    continue;
                }
                let e = residents.entry(r.jurisdiction.to_string()).or_default();
                e.0.insert(entity.id.clone());
                e.1.push(r.count);
            }
        }
    }
    let mut out = Vec::new();
    for (j, (entities, counts)) in residents {
        let b = breachkit_model::union_bounds(counts.iter());
        let names: Vec<&str> = entities.iter().map(|e| e.as_str()).collect();
        let mut fact = Fact::new(FactCode::NotCoveredResidents)
            .arg("jurisdiction", &j)
            .arg("entities", names.join(", "))
            .arg("min", b.min);
        if let Some(m) = b.max {
            fact = fact.arg("max", m);
        }
        let mut facts = vec![fact];
        // A country whose rules apply by subdivision (US States): the residence is too coarse.
        if !j.contains('-')
            && rs
                .regimes
                .iter()
                .any(|r| r.regime.jurisdiction.starts_with(&format!("{j}-")))
        {
            facts.push(Fact::new(FactCode::SubdivisionUnrecorded).arg("jurisdiction", &j));
        }
        out.push(NotCovered {
            jurisdiction: j,
            basis: CoverageBasis::Residents,
            entities: entities.into_iter().collect(),
            persons_min: Some(b.min),
            persons_max: b.max,
            facts,
            statement: String::new(),
        });
    }
    // Establishments: where an entity is incorporated or established and breachkit has no
    // regime at all for that place.
    let mut places: BTreeMap<String, BTreeSet<breachkit_model::EntityId>> = BTreeMap::new();
    for entity in &incident.organisations {
        let mut js = vec![breachkit_model::Jurisdiction::from_country(entity.country)];
        js.extend(entity.establishments.iter().map(|x| x.jurisdiction.clone()));
        for j in js {
            if rs
                .regimes
                .iter()
                .any(|r| covers(&r.regime.jurisdiction, &j))
            {
                continue;
            }
            places
                .entry(j.to_string())
                .or_default()
                .insert(entity.id.clone());
        }
    }
    for (j, entities) in places {
        let names: Vec<&str> = entities.iter().map(|e| e.as_str()).collect();
        out.push(NotCovered {
            facts: vec![
                Fact::new(FactCode::NotCoveredEstablishment)
                    .arg("jurisdiction", &j)
                    .arg("entities", names.join(", ")),
            ],
            jurisdiction: j,
            basis: CoverageBasis::Establishment,
            entities: entities.into_iter().collect(),
            persons_min: None,
            persons_max: None,
            statement: String::new(),
        });
    }
    out
}

/// The other notice a relative clock runs from: when it was made (if recorded as made by the
/// as-of time) and its deadline.
fn anchor_of(
    incident: &Incident,
    o: &Obligation,
    tz: chrono_tz::Tz,
    as_of: DateTime<Utc>,
) -> Anchor {
    let zone = incident.time_zone.map(|z| z.tz());
    let made = match o.filing.state {
        FilingState::MadeOnTime | FilingState::MadeLate | FilingState::Made => o
            .filing
            .report
            .as_ref()
            .and_then(|id| incident.reports.iter().find(|r| &r.id == id))
            .and_then(|r| r.at.as_ref())
            .and_then(|t| {
                let range = t.resolve(zone)?;
                let date = civil_date(t, zone, tz)?;
                (range.earliest <= as_of).then_some((range.earliest, date, range.latest))
            }),
        _ => None,
    };
    Anchor {
        made,
        due: o.deadline.due,
        provisional: o.deadline.provisional,
    }
}

fn clause_step(kind: StepKind, c: &Clause, outcome: Outcome, facts: Vec<Fact>) -> TraceStep {
    TraceStep {
        kind,
        clause: Some(c.id.clone()),
        outcome,
        cite: Some(c.cite.clone()),
        label: Some(c.label.clone()),
        facts,
        detail: String::new(),
    }
}

#[allow(clippy::too_many_arguments)]
fn evaluate_rule(
    file: &RegimeFile,
    rule: &ObligationRule,
    ctx: &Ctx<'_>,
    applies: &Eval,
    start: &Start,
    anchor: Option<&Anchor>,
    tz: chrono_tz::Tz,
    as_of: DateTime<Utc>,
    prior: &mut BTreeMap<String, Prior>,
) -> Vec<Obligation> {
    let meta = &file.regime;
    let mut trace = Vec::new();
    let mut questions: Vec<Question> = applies.questions.clone();
    let mut scope_facts = if applies.facts.is_empty() {
        vec![Fact::new(FactCode::NoTerritorialCondition)]
    } else {
        applies.facts.clone()
    };
    let roles: Vec<String> = rule.roles.iter().map(eval::code_of).collect();
    scope_facts.push(
        Fact::new(FactCode::GroupsInRole)
            .arg("entity", &ctx.entity.id)
            .arg("roles", roles.join(", "))
            .arg("groups", ctx.group_names()),
    );
    trace.push(TraceStep {
        kind: StepKind::Scope,
        clause: None,
        outcome: Outcome::from_tristate(applies.value),
        cite: None,
        label: None,
        facts: scope_facts,
        detail: String::new(),
    });
    // Requirements: all.
    let mut req = Tristate::Yes;
    for c in &rule.requires {
        let e = ctx.eval(&c.when);
        trace.push(clause_step(
            StepKind::Requires,
            c,
            Outcome::from_tristate(e.value),
            e.facts.clone(),
        ));
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
        trace.push(clause_step(
            StepKind::Trigger,
            c,
            Outcome::from_tristate(e.value),
            e.facts.clone(),
        ));
        trig = trig.or(e.value);
        trigger_values.insert(c.id.clone(), e.value);
        trigger_questions.push((c.id.clone(), e.questions));
    }
    let variant_triggers: BTreeSet<&str> = rule
        .clock
        .variants
        .iter()
        .filter_map(|v| v.when_trigger.as_deref())
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
                (Tristate::No, Outcome::NotEstablished)
            }
            (v, _) => (v, Outcome::from_tristate(v)),
        };
        let mut facts = e.facts.clone();
        if let (Some(b), Tristate::Unknown, IfUnknown::NotEstablished) =
            (&c.basis, e.value, c.if_unknown)
        {
            facts.push(Fact::new(FactCode::NotEstablishedBasis).arg("basis", b));
        }
        trace.push(clause_step(StepKind::Exemption, c, outcome, facts));
        exempt = exempt.or(v);
        questions.extend(e.questions);
    }
    let base = applies.value.and(req).and(trig).and(exempt.negate());
    // Clock variant.
    let mut amount = rule.clock.amount;
    let mut kind = rule.clock.kind;
    let mut variant_open = false;
    for v in &rule.clock.variants {
        let selector = v
            .when_trigger
            .clone()
            .or_else(|| v.when_designation.clone())
            .unwrap_or_default();
        let (value, what, qs) = match (&v.when_trigger, &v.when, &v.when_designation) {
            (Some(t), _, _) => (
                trigger_values.get(t).copied().unwrap_or(Tristate::No),
                Vec::new(),
                Vec::new(),
            ),
            (None, Some(c), _) => {
                let e = ctx.eval(c);
                (e.value, e.facts, e.questions)
            }
            (None, None, Some(d)) => {
                let e = ctx.eval(&Condition::Designation(d.clone()));
                (e.value, e.facts, e.questions)
            }
            (None, None, None) => (Tristate::No, Vec::new(), Vec::new()),
        };
        let period = |k: ClockKind| Outcome::Period {
            amount: v.amount,
            unit: eval::code_of(&k),
        };
        match value {
            Tristate::Yes => {
                amount = Some(v.amount);
                kind = v.kind.unwrap_or(kind);
                trace.push(TraceStep {
                    kind: StepKind::ClockVariant,
                    clause: (!selector.is_empty()).then(|| selector.clone()),
                    outcome: period(kind),
                    cite: Some(v.cite.clone()),
                    label: None,
                    facts: {
                        let mut f = what.clone();
                        f.push(
                            Fact::new(FactCode::VariantChosen)
                                .arg("trigger", &selector)
                                .arg("amount", v.amount),
                        );
                        f
                    },
                    detail: String::new(),
                });
            }
            Tristate::Unknown => {
                variant_open = true;
                questions.extend(qs);
                match v.kind {
                    Some(k) if k != kind => {
                        // Another unit: the rule file makes the variant the earlier deadline.
                        amount = Some(v.amount);
                        kind = k;
                    }
                    _ => {
                        amount = match (amount, Some(v.amount)) {
                            (Some(a), Some(b)) => Some(a.min(b)),
                            (a, b) => a.or(b),
                        };
                    }
                }
                trace.push(TraceStep {
                    kind: StepKind::ClockVariant,
                    clause: (!selector.is_empty()).then(|| selector.clone()),
                    outcome: Outcome::Open,
                    cite: Some(v.cite.clone()),
                    label: None,
                    facts: {
                        let mut f = what.clone();
                        f.push(Fact::new(FactCode::VariantOpen).arg("trigger", &selector));
                        f
                    },
                    detail: String::new(),
                });
            }
            Tristate::No => {}
        }
    }
    let clock_rule = ClockRule {
        kind,
        ..rule.clock.clone()
    };
    let determination = rule
        .clock
        .determination
        .as_deref()
        .and_then(|t| ctx.determination(t));
    let (own_start, start_questions) = rule_start(
        &rule.clock,
        ctx.incident,
        &ctx.entity.id,
        start,
        determination,
        prior,
        |test| {
            q(
                format!("{}.determination.{test}.at", ctx.entity.id),
                QuestionKind::DeterminationTime,
                &[
                    ("entity", ctx.entity.id.to_string()),
                    ("test", test.to_owned()),
                ],
                "/breach/determinations".into(),
            )
        },
    );
    questions.extend(start_questions);
    let deadline_input = ClockInput {
        rule: &clock_rule,
        amount,
        tz,
        start: &own_start,
        variant_open,
        anchor,
    };
    // A second clock that caps the first (DORA: no later than 24 hours after awareness).
    let backstop_rule = rule.clock.backstop.as_ref().map(|b| ClockRule {
        start: b.start,
        kind: b.kind,
        amount: Some(b.amount),
        cite: b.cite.clone(),
        variants: Vec::new(),
        backstop: None,
        determination: None,
        after: None,
        until_determined: None,
        guidance: None,
        guidance_hours: None,
        ..rule.clock.clone()
    });
    let backstop_start = rule.clock.backstop.as_ref().map(|b| match b.start {
        StartEvent::Detected => {
            rule_start(
                backstop_rule.as_ref().unwrap_or(&rule.clock),
                ctx.incident,
                &ctx.entity.id,
                start,
                None,
                prior,
                |_| q(String::new(), QuestionKind::Aware, &[], String::new()),
            )
            .0
        }
        _ => start.clone(),
    });
    if start.basis != StartBasis::Aware {
        questions.push(q(
            format!("{}.aware", ctx.entity.id),
            QuestionKind::Aware,
            &[("entity", ctx.entity.id.to_string())],
            "/timeline".into(),
        ));
    }
    let mut out = Vec::new();
    let mut all_recipients = recipients(&rule.recipient, ctx);
    for a in &rule.recipient.also_to {
        all_recipients.push((
            RecipientOut {
                kind: a.kind.clone(),
                body: Some(a.body.clone()),
                name: a.name.clone(),
                entity: None,
                name_fact: None,
                routing: vec![format!(
                    "the same report also goes to {} ({})",
                    a.name, rule.clock.cite
                )],
                route: None,
                route_facts: Vec::new(),
                accepts: Vec::new(),
            },
            None,
        ));
    }
    for (recipient, extra) in all_recipients {
        let mut trace = trace.clone();
        let mut questions = questions.clone();
        let mut value = base;
        if let Some(e) = extra {
            trace.push(TraceStep {
                kind: StepKind::Recipient,
                clause: None,
                outcome: Outcome::from_tristate(e.value),
                cite: None,
                label: None,
                facts: e.facts.clone(),
                detail: String::new(),
            });
            value = value.and(e.value);
            questions.extend(e.questions);
        }
        let status = match value {
            Tristate::Yes => Status::Required,
            Tristate::No => Status::NotRequired,
            Tristate::Unknown => Status::Undetermined,
        };
        let mut deadline = compute_deadline(&deadline_input, &mut trace);
        if let (Some(br), Some(bs), Some(b)) =
            (&backstop_rule, &backstop_start, &rule.clock.backstop)
        {
            let input = ClockInput {
                rule: br,
                amount: Some(b.amount),
                tz,
                start: bs,
                variant_open: false,
                anchor: None,
            };
            let mut scratch = Vec::new();
            let d2 = compute_deadline(&input, &mut scratch);
            let primary_start = deadline.start;
            let step = |outcome: Outcome, fact: Fact| TraceStep {
                kind: StepKind::Clock,
                clause: None,
                outcome,
                cite: Some(b.cite.clone()),
                label: None,
                facts: vec![fact],
                detail: String::new(),
            };
            let due_fact = |code: FactCode| {
                Fact::new(code)
                    .arg("amount", b.amount)
                    .arg("basis", bs.basis.code())
                    .arg("due", d2.due_local.clone().unwrap_or_default())
            };
            match (deadline.due, d2.due) {
                // The backstop expired before the classification: only the primary clock binds.
                (Some(_), Some(b2)) if primary_start.is_some_and(|s| b2 < s) => {
                    trace.push(step(
                        Outcome::No,
                        Fact::new(FactCode::BackstopPassed).arg("amount", b.amount),
                    ));
                }
                (Some(a), Some(b2)) if b2 < a => {
                    let f = due_fact(FactCode::BackstopBinds);
                    trace.push(step(
                        Outcome::Due {
                            due_local: d2.due_local.clone().unwrap_or_default(),
                        },
                        f.clone(),
                    ));
                    deadline.counting_steps.push(f);
                    deadline.due = d2.due;
                    deadline.due_local = d2.due_local.clone();
                }
                (None, Some(_)) => {
                    let f = due_fact(FactCode::BackstopOnly);
                    trace.push(step(
                        Outcome::Due {
                            due_local: d2.due_local.clone().unwrap_or_default(),
                        },
                        f.clone(),
                    ));
                    deadline.counting_steps.push(f);
                    deadline.due = d2.due;
                    deadline.due_local = d2.due_local.clone();
                    deadline.provisional = true;
                }
                _ => {
                    trace.push(step(
                        Outcome::No,
                        Fact::new(FactCode::BackstopLater).arg("amount", b.amount),
                    ));
                }
            }
        }
        let status = if rule.duty == Duty::Voluntary && status != Status::NotRequired {
            trace.push(TraceStep {
                kind: StepKind::Duty,
                clause: None,
                outcome: Outcome::No,
                cite: None,
                label: None,
                facts: vec![Fact::new(FactCode::Voluntary)],
                detail: String::new(),
            });
            Status::NotRequired
        } else {
            status
        };
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
            kind: StepKind::Filing,
            clause: None,
            outcome: Outcome::Filing {
                state: filing.state,
            },
            cite: None,
            label: None,
            facts: vec![filing.reason.clone()],
            detail: String::new(),
        });
        if status == Status::NotRequired {
            questions.clear();
        }
        if !prior.contains_key(&rule.id) {
            let report_at = filing.report.as_ref().and_then(|id| {
                let r = ctx.incident.reports.iter().find(|r| &r.id == id)?;
                let zone = ctx.incident.time_zone.map(|z| z.tz());
                Some(r.at.as_ref()?.resolve(zone)?.earliest)
            });
            prior.insert(
                rule.id.clone(),
                Prior {
                    report_at,
                    due: deadline.due,
                },
            );
        }
        questions.sort();
        questions.dedup();
        let suffix = recipient
            .entity
            .as_ref()
            .map(|e| e.to_string())
            .or_else(|| {
                if rule.recipient.resolve.is_some() || !rule.recipient.also_to.is_empty() {
                    recipient.body.clone()
                } else {
                    None
                }
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
                    rule: c.rule,
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
                .cloned()
                .chain(
                    rule.retain_months
                        .map(|m| format!("Keep the record for at least {m} months.")),
                )
                .chain(
                    rule.clock
                        .guidance_hours
                        .as_ref()
                        .map(|g| format!("Guidance, not law: {} ({})", g.text, g.cite)),
                )
                .chain(match rule.duty {
                    Duty::Voluntary => Some(
                        "Voluntary: recommended by the regulator, not required by law.".to_owned(),
                    ),
                    Duty::Mandatory => None,
                })
                .chain(meta.unsettled.iter().cloned())
                .collect(),
        });
    }
    out
}

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

use clock::{ClockInput, Prior, Start, compute_deadline, rule_start, start_for};
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
            let versions = || rs.regimes.iter().filter(|r| &r.regime.id == regime_id);
            let pending = versions()
                .find(|r| r.regime.status == RegimeStatus::PendingCommencement)
                .map(|r| {
                    format!(
                        "version {} of {} is enacted but not in force: its commencement date is not fixed",
                        r.regime.version, r.regime.name
                    )
                });
            let Some(file) = select_version(rs, regime_id, on) else {
                let future = versions()
                    .filter(|r| r.regime.status == RegimeStatus::InForce)
                    .filter_map(|r| r.regime.effective_from.filter(|f| *f > on).map(|f| (f, r)))
                    .min_by_key(|(f, _)| *f);
                let reason = match (future, &pending) {
                    (Some((f, r)), _) => {
                        format!("not in force on {on}: {} applies from {f}", r.regime.name)
                    }
                    (None, Some(p)) => format!("not in force on {on}: {p}"),
                    (None, None) => format!("no version of the regime in force on {on}"),
                };
                not_applicable.push(NotApplicable {
                    entity: entity.id.clone(),
                    regime: regime_id.clone(),
                    reason,
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
                };
                let mut out =
                    evaluate_rule(file, rule, &ctx, &applies, &start, tz, as_of, &mut prior);
                if let Some(p) = &pending {
                    for o in &mut out {
                        o.notes.push(p.clone());
                    }
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
    prior: &mut BTreeMap<String, Prior>,
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
        let (value, what) = match (&v.when_trigger, &v.when_designation) {
            (Some(t), _) => (
                trigger_values.get(t).copied().unwrap_or(Tristate::No),
                format!("trigger {t}"),
            ),
            (None, Some(d)) => {
                let e = ctx.eval(&Condition::Designation(d.clone()));
                questions.extend(e.questions);
                (e.value, format!("designation {d}"))
            }
            (None, None) => (Tristate::No, String::new()),
        };
        match value {
            Tristate::Yes => {
                amount = Some(v.amount);
                let unit = match rule.clock.kind {
                    ClockKind::Hours => "hours",
                    ClockKind::BusinessDays => "working days",
                    ClockKind::Months => "months",
                    _ => "days",
                };
                trace.push(TraceStep {
                    step: "clock variant".into(),
                    outcome: format!("{} {unit}", v.amount),
                    detail: format!("{what} holds, so the period is {} ({})", v.amount, v.cite),
                });
            }
            Tristate::Unknown => {
                variant_open = true;
                amount = match (amount, Some(v.amount)) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (a, b) => a.or(b),
                };
                trace.push(TraceStep {
                    step: "clock variant".into(),
                    outcome: "open".into(),
                    detail: format!(
                        "{what} is unknown; the shorter period is used until it is known ({})",
                        v.cite
                    ),
                });
            }
            Tristate::No => {}
        }
    }
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
                format!(
                    "When did {} determine {test}? Until it is recorded (with its time) in /breach/determinations, the clock runs from the latest lawful start, or cannot be computed.",
                    ctx.entity.id
                ),
                "/breach/determinations".into(),
            )
        },
    );
    questions.extend(start_questions);
    let deadline_input = ClockInput {
        rule: &rule.clock,
        amount,
        tz,
        start: &own_start,
        variant_open,
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
                |_| q(String::new(), String::new(), String::new()),
            )
            .0
        }
        _ => start.clone(),
    });
    if start.basis != StartBasis::Aware {
        questions.push(q(
            format!("{}.aware", ctx.entity.id),
            format!("When did {} become aware of (know of) the personal-data breach? Until recorded, the clock runs from the first detection, the earliest possible time.", ctx.entity.id),
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
                routing: vec![format!(
                    "the same report also goes to {} ({})",
                    a.name, rule.clock.cite
                )],
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
            };
            let mut scratch = Vec::new();
            let d2 = compute_deadline(&input, &mut scratch);
            let primary_start = deadline.start;
            match (deadline.due, d2.due) {
                // The backstop expired before the classification: only the primary clock binds.
                (Some(_), Some(b2)) if primary_start.is_some_and(|s| b2 < s) => {
                    trace.push(TraceStep {
                        step: "backstop".into(),
                        outcome: "does not bind".into(),
                        detail: format!(
                            "the {}-hour limit ended before the clock's start; {}",
                            b.amount,
                            b.unless.clone().unwrap_or_default()
                        ),
                    });
                }
                (Some(a), Some(b2)) if b2 < a => {
                    trace.push(TraceStep {
                        step: "backstop".into(),
                        outcome: d2.due_local.clone().unwrap_or_default(),
                        detail: format!("{} ({}) is earlier, so it binds", d2.counting, b.cite),
                    });
                    deadline.counting = format!(
                        "{}; capped by the backstop: {}",
                        deadline.counting, d2.counting
                    );
                    deadline.due = d2.due;
                    deadline.due_local = d2.due_local.clone();
                }
                (None, Some(_)) => {
                    trace.push(TraceStep {
                        step: "backstop".into(),
                        outcome: d2.due_local.clone().unwrap_or_default(),
                        detail: format!(
                            "the main clock cannot be computed yet; the backstop binds: {} ({})",
                            d2.counting, b.cite
                        ),
                    });
                    deadline.counting = format!("{}; backstop: {}", deadline.counting, d2.counting);
                    deadline.due = d2.due;
                    deadline.due_local = d2.due_local.clone();
                    deadline.provisional = true;
                }
                _ => {
                    trace.push(TraceStep {
                        step: "backstop".into(),
                        outcome: "later".into(),
                        detail: format!("{} ({}) is not earlier", d2.counting, b.cite),
                    });
                }
            }
        }
        let status = if rule.duty == Duty::Voluntary && status != Status::NotRequired {
            trace.push(TraceStep {
                step: "duty".into(),
                outcome: "voluntary".into(),
                detail: "the law does not require this; the regulator recommends it, so it is listed but never owed".into(),
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
            step: "filing".into(),
            outcome: format!("{:?}", filing.state),
            detail: filing.note.clone(),
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

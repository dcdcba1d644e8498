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

use clock::{ClockInput, Start, compute_deadline, start_for};
use eval::{Ctx, Eval, combine, q};
use filing::filing_for;
use recipients::recipients;

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
        overrides,
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

//! Recipients of an obligation: fixed bodies, routes, controllers, and per-State media (HIPAA).

use std::collections::{BTreeMap, BTreeSet};

use breachkit_model::{Tristate, union_bounds};

use crate::assessment::*;
use crate::ruleset::*;

use super::eval::{Ctx, Eval, q};
use super::gdpr::gdpr_authorities;

pub(super) fn recipients(rule: &RecipientRule, ctx: &Ctx<'_>) -> Vec<(RecipientOut, Option<Eval>)> {
    let fixed = |name: String, body: Option<String>| RecipientOut {
        kind: rule.kind.clone(),
        body,
        name,
        name_fact: None,
        entity: None,
        routing: rule.routing.clone(),
        route: None,
        route_facts: Vec::new(),
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
                    r.route = Some(
                        Fact::new(FactCode::RouteTaken)
                            .arg("body", &route.body)
                            .arg("cite", &route.cite)
                            .arg("confidence", route.confidence.code()),
                    );
                    r.route_facts = e.facts;
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
                            name_fact: None,
                            entity: Some(c.clone()),
                            routing: rule.routing.clone(),
                            route: None,
                            route_facts: Vec::new(),
                            accepts: rule.accepts.clone(),
                        },
                        None,
                    )
                })
                .collect()
        }
        Some(Resolve::GdprAuthorities) => gdpr_authorities(rule, ctx),
        Some(r @ (Resolve::MemberStateCsirt | Resolve::DoraCompetentAuthority)) => {
            // One recipient per EU member state where the entity is incorporated or established;
            // the national body is named by its country (a per-country table is not built yet).
            let e = ctx.entity;
            let mut states: Vec<String> = std::iter::once(e.country.as_str().to_owned())
                .chain(
                    e.establishments
                        .iter()
                        .map(|x| x.jurisdiction.country().as_str().to_owned()),
                )
                .filter(|c| EU.contains(&c.as_str()))
                .collect();
            states.sort();
            states.dedup();
            let (suffix, what) = match r {
                Resolve::MemberStateCsirt => ("csirt", "the national CSIRT or competent authority"),
                _ => ("dora-nca", "the competent authority for DORA"),
            };
            states
                .into_iter()
                .map(|c| {
                    let mut out = fixed(
                        format!("{what} of {c}"),
                        Some(format!("{}.{suffix}", c.to_lowercase())),
                    );
                    out.routing.push(format!(
                        "the national body is set by {c}'s law; breachkit names it by country"
                    ));
                    (out, None)
                })
                .collect()
        }
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
                let complete = g.count.bounds().max.is_some_and(|m| recorded_min >= m);
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
                    Fact::new(FactCode::StateResidents)
                        .arg("state", &state)
                        .arg("threshold", threshold),
                    Some(q(
                        format!("{}.residents.{state}", ctx.entity.id),
                        QuestionKind::StateResidents,
                        &[
                            ("entity", ctx.entity.id.to_string()),
                            ("state", state.clone()),
                            ("threshold", threshold.to_string()),
                        ],
                        "/groups".into(),
                    )),
                );
                if v != Tristate::No {
                    let mut r = fixed(
                        String::new(),
                        Some(format!("media.{}", state.to_lowercase())),
                    );
                    r.name_fact =
                        Some(Fact::new(FactCode::RecipientStateMedia).arg("state", &state));
                    out.push((r, Some(e)));
                }
            }
            // No State can pass the threshold when the whole count cannot (164.406: more than
            // 500 residents of a State): then unknown residence leaves nothing open.
            let total = union_bounds(ctx.groups.iter().map(|(_, g, _)| &g.count));
            let none_can_pass = total.max.is_some_and(|m| m <= threshold);
            if unknown_residence && !none_can_pass {
                let e = Eval::leaf(
                    Tristate::Unknown,
                    Fact::new(FactCode::StateResidenceIncomplete),
                    Some(q(
                        format!("{}.residence", ctx.entity.id),
                        QuestionKind::Residence,
                        &[("entity", ctx.entity.id.to_string())],
                        format!(
                            "/groups/{}/residence",
                            ctx.groups.first().map_or(0, |g| g.0)
                        ),
                    )),
                );
                let mut r = fixed(String::new(), None);
                r.name_fact =
                    Some(Fact::new(FactCode::RecipientOtherStateMedia).arg("threshold", threshold));
                out.push((r, Some(e)));
            }
            out
        }
    }
}

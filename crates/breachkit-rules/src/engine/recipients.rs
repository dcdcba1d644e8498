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

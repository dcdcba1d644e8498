//! GDPR: the lead or concerned supervisory authorities (Art. 55–56; EDPB 9/2022).

use std::collections::BTreeSet;

use breachkit_model::Tristate;

use crate::assessment::*;
use crate::ruleset::*;

use super::eval::{Ctx, Eval, q};

pub(super) fn gdpr_authorities(
    rule: &RecipientRule,
    ctx: &Ctx<'_>,
) -> Vec<(RecipientOut, Option<Eval>)> {
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
    if let [only] = eea_est.as_slice() {
        return vec![(sa(&only.0, "lead (Art. 56: only EU establishment)"), None)];
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
        let mut r = sa(list.first().map_or("", String::as_str), "lead");
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

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
        name: String::new(),
        name_fact: Some(
            Fact::new(FactCode::RecipientSupervisoryAuthority)
                .arg("sa_role", role)
                .arg("country", cc),
        ),
        entity: None,
        routing: rule.routing.clone(),
        route: None,
        route_facts: Vec::new(),
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
        return vec![(sa(cc, "lead_main_establishment"), None)];
    }
    if let [only] = eea_est.as_slice() {
        return vec![(sa(&only.0, "lead_only_establishment"), None)];
    }
    if eea_est.len() > 1 {
        let e = Eval::leaf(
            Tristate::Unknown,
            Fact::new(FactCode::NoMainEstablishment),
            Some(q(
                format!("{}.main_establishment", ctx.entity.id),
                QuestionKind::MainEstablishment,
                &[("entity", ctx.entity.id.to_string())],
                format!("/organisations/{}/establishments", ctx.entity_index),
            )),
        );
        let list: Vec<String> = eea_est.iter().map(|x| x.0.clone()).collect();
        let mut r = sa("", "lead");
        r.name_fact = Some(Fact::new(FactCode::RecipientLeadOneOf).arg("list", list.join(", ")));
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
        .map(|cc| (sa(&cc, "where_data_subjects_live"), None))
        .collect()
}

//! HIPAA: is it a breach of unsecured PHI (45 CFR 164.402)?
//!
//! The guidance rules (`rules/judgement.toml`, topic `hipaa_breach`) hold the three exceptions of
//! 164.402(1)(i)–(iii), secured PHI, HHS's own low-probability examples and, last, the rule's
//! presumption. The four-factor assessment of 164.402(2) is always shown as factors, each with
//! what the facts say and whether it points to a low or a higher probability of compromise.

use breachkit_model::{DecisionTopic, Incident, Tristate};

use super::facts::Facts;
use super::{Advisory, Draft, Factor, JudgementRules, Verdict, finish};

fn lean(t: Tristate, low_when: Tristate) -> &'static str {
    match t {
        Tristate::Unknown => "unknown",
        v if v == low_when => "lower",
        _ => "higher",
    }
}

fn weight(t: Tristate, low_when: Tristate) -> Option<[f64; 2]> {
    // -1: points to a low probability of compromise; +1: to compromise; a range when unknown.
    match t {
        Tristate::Unknown => Some([-1.0, 1.0]),
        v if v == low_when => Some([-1.0, -1.0]),
        _ => Some([1.0, 1.0]),
    }
}

fn four_factors(f: &Facts<'_>) -> Vec<Factor> {
    let cite = "45 CFR 164.402(2)";
    let sensitive = f
        .value("special_category")
        .or(f.value("identity_or_financial"));
    let (ident, _) = f.identifiability();
    let trusted = f.value("recipient_safe");
    let viewed = f.value("possession_taken");
    let mitigated = f.value("recovered_confirmed").or(f.value("protected"));
    vec![
        Factor {
            id: "hipaa.1".into(),
            label: "(i) the nature and extent of the PHI, including the identifiers and the likelihood of re-identification".into(),
            value: format!(
                "sensitive (clinical, financial or identity) data: {}; identifiability: {} — {}",
                sensitive.code(),
                ident.map_or("unknown", |i| i.code()),
                lean(sensitive, Tristate::No)
            ),
            weight: weight(sensitive, Tristate::No),
            paths: vec!["/groups".into()],
            cite: format!("{cite}(i)"),
        },
        Factor {
            id: "hipaa.2".into(),
            label: "(ii) the unauthorised person who used the PHI or to whom it was disclosed".into(),
            value: format!(
                "recipient bound to protect it, or nobody: {} — {}",
                trusted.code(),
                lean(trusted, Tristate::Yes)
            ),
            weight: weight(trusted, Tristate::Yes),
            paths: vec!["/breach/recipient/kind".into()],
            cite: format!("{cite}(ii)"),
        },
        Factor {
            id: "hipaa.3".into(),
            label: "(iii) whether the PHI was actually acquired or viewed".into(),
            value: format!("acquired, viewed or taken over: {} — {}", viewed.code(), lean(viewed, Tristate::No)),
            weight: weight(viewed, Tristate::No),
            paths: vec!["/breach/data_effects".into()],
            cite: format!("{cite}(iii)"),
        },
        Factor {
            id: "hipaa.4".into(),
            label: "(iv) the extent to which the risk to the PHI has been mitigated".into(),
            value: format!(
                "returned or destroyed with confirmation, or unintelligible: {} — {}",
                mitigated.code(),
                lean(mitigated, Tristate::Yes)
            ),
            weight: weight(mitigated, Tristate::Yes),
            paths: vec!["/breach/recipient/recovery_confirmed".into()],
            cite: format!("{cite}(iv)"),
        },
    ]
}

pub(super) fn judge(jr: &JudgementRules, f: &Facts<'_>, incident: &Incident) -> Advisory {
    let run = jr.run(DecisionTopic::HipaaBreach, f);
    let mut adv = finish(
        jr,
        DecisionTopic::HipaaBreach,
        f,
        run,
        || Draft {
            // Unreachable with the built-in data (the presumption rule always matches); stay
            // honest if a custom file drops it.
            verdict: Verdict::Undetermined,
            basis: "undetermined".into(),
            reason: "no rule decides".into(),
            cite: "45 CFR 164.402".into(),
            factors: Vec::new(),
            severity: None,
            open: Vec::new(),
        },
        incident,
    );
    adv.factors = four_factors(f);
    adv
}

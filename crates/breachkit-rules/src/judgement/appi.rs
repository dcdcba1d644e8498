//! APPI: did a leak, loss or damage occur, or may one have occurred (APPI Art. 26(1); PPC Rules
//! Art. 7)? Reports and notices are owed only then; the engine checks it first.
//!
//! The guidance rules (`rules/judgement.toml`, topic `appi_leak`) are the PPC guideline's own
//! examples (3-5-1-1 to 3-5-1-3, 3-5-3-1) and Q&A 6-1 and 6-6.

use breachkit_model::{DecisionTopic, Incident};

use super::facts::Facts;
use super::{Advisory, Draft, JudgementRules, Verdict, finish};

pub(super) fn judge(jr: &JudgementRules, f: &Facts<'_>, incident: &Incident) -> Advisory {
    let run = jr.run(DecisionTopic::AppiLeak, f);
    finish(
        jr,
        DecisionTopic::AppiLeak,
        f,
        run,
        || Draft {
            verdict: Verdict::Undetermined,
            basis: "undetermined".into(),
            reason:
                "the facts recorded do not show whether data flowed out, was lost or was damaged"
                    .into(),
            cite: "PPC guideline 3-5-1".into(),
            factors: Vec::new(),
            severity: None,
            open: vec![
                "confidentiality".into(),
                "integrity_lost".into(),
                "availability_lost".into(),
            ],
        },
        incident,
    )
}

//! A plain-text rendering of an assessment, for people (`breachkit assess`), in the language of
//! its sentences: the headings come from the same message catalogue.

use std::fmt::Write;

use crate::assessment::{Assessment, StepKind};
use crate::i18n::{Messages, fill};

impl Assessment {
    /// The assessment as text: per entity, each obligation with its status, deadline, filing
    /// state, reasons and citations; then the open questions. In the assessment's language
    /// ([`Assessment::lang`]).
    pub fn to_text(&self) -> String {
        let m = Messages::builtin(self.lang);
        let line = |key: &str, args: &[(&str, String)]| {
            fill(&m.t(&format!("text.{key}")), &|n| {
                args.iter().find(|(k, _)| *k == n).map(|(_, v)| v.clone())
            })
        };
        let mut s = String::new();
        let _ = writeln!(
            s,
            "{}",
            line(
                "title",
                &[
                    ("incident", self.incident.clone()),
                    ("as_of", self.as_of.to_rfc3339())
                ]
            )
        );
        let _ = writeln!(s, "{}", line("rules", &[("rules", self.rules.join(", "))]));
        let mut current = None;
        for o in &self.obligations {
            if current != Some(&o.obligor) {
                let _ = writeln!(
                    s,
                    "\n{}",
                    line(
                        "entity",
                        &[
                            ("name", o.obligor_name.clone()),
                            ("id", o.obligor.to_string())
                        ]
                    )
                );
                current = Some(&o.obligor);
            }
            let _ = writeln!(
                s,
                "\n  [{}] {} → {}",
                m.t(&format!("status.{}", o.status.code())),
                o.name,
                o.recipient.name
            );
            let _ = writeln!(
                s,
                "      {}",
                line(
                    "regime_line",
                    &[
                        ("regime", o.regime.clone()),
                        ("version", o.regime_version.clone()),
                        ("rule", o.rule.clone()),
                        (
                            "confidence",
                            m.t(&format!("arg.confidence.{}", o.confidence.code()))
                        ),
                    ]
                )
            );
            if o.status != crate::Status::NotRequired {
                let due = match (&o.deadline.due_local, &o.deadline.guidance) {
                    (Some(d), _) => line(
                        "due",
                        &[
                            ("due", d.clone()),
                            ("zone", o.deadline.time_zone.clone()),
                            (
                                "provisional",
                                if o.deadline.provisional {
                                    m.t("text.provisional")
                                } else {
                                    String::new()
                                },
                            ),
                        ],
                    ),
                    (None, Some(g)) => line(
                        "due_guidance",
                        &[
                            ("standard", o.deadline.standard.clone()),
                            ("from", g.from.clone()),
                            ("to", g.to.clone()),
                            ("cite", g.cite.clone()),
                        ],
                    ),
                    (None, None) => line("due_none", &[("standard", o.deadline.standard.clone())]),
                };
                let _ = writeln!(s, "      {due}");
                let _ = writeln!(
                    s,
                    "      {}",
                    line("counting", &[("counting", o.deadline.counting.clone())])
                );
            }
            let _ = writeln!(
                s,
                "      {}",
                line(
                    "filing",
                    &[
                        (
                            "state",
                            m.t(&format!("filing_state.{}", o.filing.state.code()))
                        ),
                        ("note", o.filing.note.clone()),
                    ]
                )
            );
            let reasons: Vec<String> = o
                .trace
                .iter()
                .filter(|t| {
                    matches!(
                        t.kind,
                        StepKind::Trigger
                            | StepKind::Exemption
                            | StepKind::Requires
                            | StepKind::ClockVariant
                            | StepKind::Recipient
                            | StepKind::RiskFactor
                    )
                })
                .map(|t| crate::i18n::step_head(t, self.lang))
                .collect();
            if !reasons.is_empty() {
                let _ = writeln!(
                    s,
                    "      {}",
                    line(
                        "why",
                        &[("reasons", reasons.join(&m.t("text.sentence_separator")))]
                    )
                );
            }
            let cites: Vec<String> = o.citations.iter().map(|c| c.article.clone()).collect();
            let _ = writeln!(
                s,
                "      {}",
                line(
                    "cites",
                    &[("cites", cites.join(&m.t("text.sentence_separator")))]
                )
            );
            for q in &o.questions {
                let _ = writeln!(s, "      ? {}", q.text);
            }
        }
        if !self.not_applicable.is_empty() {
            let _ = writeln!(s, "\n{}", m.t("text.not_applicable"));
            for n in &self.not_applicable {
                let _ = writeln!(s, "  {} / {}: {}", n.entity, n.regime, n.reason);
            }
        }
        let _ = writeln!(
            s,
            "\n{}",
            line(
                "open_questions",
                &[("count", self.questions.len().to_string())]
            )
        );
        for q in &self.questions {
            let _ = writeln!(s, "  - {} [{}]", q.text, q.path);
        }
        s
    }
}

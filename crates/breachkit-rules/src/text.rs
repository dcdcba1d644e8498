//! A plain-text rendering of an assessment, for people (`breachkit assess`).

use std::fmt::Write;

use crate::assessment::{Assessment, FilingState, Status};

fn status_label(s: Status) -> &'static str {
    match s {
        Status::Required => "REQUIRED",
        Status::NotRequired => "not required",
        Status::Undetermined => "UNDETERMINED",
    }
}

fn filing_label(s: FilingState) -> &'static str {
    match s {
        FilingState::NotRequired => "nothing to file",
        FilingState::MadeOnTime => "made on time",
        FilingState::MadeLate => "made LATE",
        FilingState::Made => "made",
        FilingState::InProgress => "in progress",
        FilingState::Pending => "pending",
        FilingState::Overdue => "OVERDUE",
        FilingState::Unknown => "recorded, timing unknown",
    }
}

impl Assessment {
    /// The assessment as text: per entity, each obligation with its status, deadline, filing
    /// state, reasons and citations; then the open questions.
    pub fn to_text(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "Assessment of {} as of {}",
            self.incident,
            self.as_of.to_rfc3339()
        );
        let _ = writeln!(s, "Rules: {}", self.rules.join(", "));
        for o in &self.overrides {
            let _ = match &o.replaces {
                Some(r) => writeln!(s, "  {} from {} (replaces {})", o.rules, o.file, r),
                None => writeln!(s, "  {} from {}", o.rules, o.file),
            };
        }
        let mut current = None;
        for o in &self.obligations {
            if current != Some(&o.obligor) {
                let _ = writeln!(s, "\n== {} ({}) ==", o.obligor_name, o.obligor);
                current = Some(&o.obligor);
            }
            let _ = writeln!(
                s,
                "\n  [{}] {} → {}",
                status_label(o.status),
                o.name,
                o.recipient.name
            );
            let _ = writeln!(
                s,
                "      regime: {}@{}   rule: {}   confidence: {:?}",
                o.regime, o.regime_version, o.rule, o.confidence
            );
            match (&o.deadline.due_local, &o.deadline.guidance) {
                _ if o.status == Status::NotRequired => {}
                (Some(d), _) => {
                    let prov = if o.deadline.provisional {
                        " (provisional: earliest possible)"
                    } else {
                        ""
                    };
                    let _ = writeln!(s, "      due: {d} {}{prov}", o.deadline.time_zone);
                }
                (None, Some(g)) => {
                    let _ = writeln!(
                        s,
                        "      due: no fixed deadline — {}; guidance (not binding): {} to {} ({})",
                        o.deadline.standard, g.from, g.to, g.cite
                    );
                }
                (None, None) => {
                    let _ = writeln!(s, "      due: no fixed deadline — {}", o.deadline.standard);
                }
            }
            if o.status != Status::NotRequired {
                let _ = writeln!(s, "      counting: {}", o.deadline.counting);
            }
            let _ = writeln!(
                s,
                "      filing: {} — {}",
                filing_label(o.filing.state),
                o.filing.note
            );
            let reasons: Vec<String> = o
                .trace
                .iter()
                .filter(|t| {
                    t.step.starts_with("trigger")
                        || t.step.starts_with("exemption")
                        || t.step.starts_with("requires")
                        || t.step == "clock variant"
                        || t.step == "recipient"
                })
                .map(|t| format!("{} = {}", t.step, t.outcome))
                .collect();
            if !reasons.is_empty() {
                let _ = writeln!(s, "      why: {}", reasons.join("; "));
            }
            let cites: Vec<String> = o.citations.iter().map(|c| c.article.clone()).collect();
            let _ = writeln!(s, "      cites: {}", cites.join("; "));
            for q in &o.questions {
                let _ = writeln!(s, "      ? {}", q.text);
            }
        }
        if !self.not_applicable.is_empty() {
            let _ = writeln!(s, "\nNot applicable");
            for n in &self.not_applicable {
                let _ = writeln!(s, "  {} / {}: {}", n.entity, n.regime, n.reason);
            }
        }
        let _ = writeln!(s, "\nOpen questions ({})", self.questions.len());
        for q in &self.questions {
            let _ = writeln!(s, "  - {} [{}]", q.text, q.path);
        }
        s
    }
}

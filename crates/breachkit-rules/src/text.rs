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
        s.push_str(&self.us_summary());
        let _ = writeln!(s, "\nNot covered ({})", self.not_covered.len());
        if self.not_covered.is_empty() {
            let _ = writeln!(
                s,
                "  every place where affected people live or an entity is established has a regime above"
            );
        }
        for n in &self.not_covered {
            let _ = writeln!(s, "  {} — {}", n.jurisdiction, n.statement);
        }
        if !self.not_applicable.is_empty() {
            let _ = writeln!(s, "\nNot applicable");
            // One line per entity and reason: the 54 US state laws that do not reach an entity
            // share a reason once the jurisdiction list is left out.
            let mut lines: Vec<(String, String, Vec<&str>)> = Vec::new();
            for n in &self.not_applicable {
                let key = reason_shape(&n.reason);
                match lines
                    .iter_mut()
                    .find(|(e, k, _)| e.as_str() == n.entity.as_str() && *k == key)
                {
                    Some(l) => l.2.push(&n.regime),
                    None => lines.push((n.entity.to_string(), key, vec![&n.regime])),
                }
            }
            for (entity, key, regimes) in lines {
                if regimes.len() == 1 {
                    let n = self
                        .not_applicable
                        .iter()
                        .find(|n| n.entity.as_str() == entity && n.regime == regimes[0]);
                    if let Some(n) = n {
                        let _ = writeln!(s, "  {} / {}: {}", n.entity, n.regime, n.reason);
                    }
                } else {
                    let _ = writeln!(
                        s,
                        "  {entity} / {} ({} regimes): {key}",
                        regimes.join(", "),
                        regimes.len()
                    );
                }
            }
        }
        let _ = writeln!(s, "\nOpen questions ({})", self.questions.len());
        for q in &self.questions {
            let _ = writeln!(s, "  - {} [{}]", q.text, q.path);
        }
        s
    }
}

impl Assessment {
    /// One line per entity and US state or territory whose law applies: the notice to
    /// residents, the regulator notices and the CRA notice, so a 50-state incident stays
    /// readable. Empty when no state law applies.
    pub fn us_summary(&self) -> String {
        let is_state = |r: &str| {
            r.strip_prefix("us.")
                .is_some_and(|x| x.len() == 2 && x.bytes().all(|b| b.is_ascii_lowercase()))
        };
        let mut entities: Vec<&str> = Vec::new();
        for o in self.obligations.iter().filter(|o| is_state(&o.regime)) {
            if !entities.contains(&o.obligor.as_str()) {
                entities.push(o.obligor.as_str());
            }
        }
        let mut s = String::new();
        for e in entities {
            let _ = writeln!(
                s,
                "\nUS states summary for {e}\n  {:<6} {:<34} {:<44} CRAs",
                "state", "individuals", "regulators"
            );
            let mut regimes: Vec<&str> = Vec::new();
            for o in self.for_entity(e).filter(|o| is_state(&o.regime)) {
                if !regimes.contains(&o.regime.as_str()) {
                    regimes.push(&o.regime);
                }
            }
            for r in regimes {
                let obs: Vec<_> = self.for_entity(e).filter(|o| o.regime == r).collect();
                let short = |o: &crate::assessment::Obligation| {
                    let due = o
                        .deadline
                        .due_local
                        .as_deref()
                        .map(|d| d.get(..10).unwrap_or(d));
                    match (o.status, due) {
                        (Status::NotRequired, _) => "not required".to_owned(),
                        (Status::Required, Some(d)) => format!("due {d}"),
                        (Status::Required, None) => "required, no fixed date".to_owned(),
                        (Status::Undetermined, Some(d)) => format!("undetermined (due {d})"),
                        (Status::Undetermined, None) => "undetermined".to_owned(),
                    }
                };
                let individuals = obs
                    .iter()
                    .find(|o| o.rule == "individual-notice")
                    .map_or_else(|| "—".to_owned(), |o| short(o));
                let regulators: Vec<String> = obs
                    .iter()
                    .filter(|o| o.recipient.kind == breachkit_model::RecipientKind::Regulator)
                    .filter(|o| o.status != Status::NotRequired)
                    .map(|o| short(o))
                    .collect();
                let regulators = if regulators.is_empty() {
                    "none".to_owned()
                } else {
                    regulators.join("; ")
                };
                let cra = obs
                    .iter()
                    .find(|o| o.rule == "cra-notice")
                    .map_or_else(|| "—".to_owned(), |o| short(o));
                let state = r.trim_start_matches("us.").to_uppercase();
                let _ = writeln!(s, "  {state:<6} {individuals:<34} {regulators:<44} {cra}");
            }
        }
        s
    }
}

/// A not-applicable reason without its bracketed lists ("residence recorded in one of [US-CA]
/// …" and "… [US-NY] …" become the same line).
fn reason_shape(reason: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for ch in reason.chars() {
        match ch {
            '[' => {
                depth += 1;
                if depth == 1 {
                    out.push_str("[…]");
                }
            }
            ']' => depth = depth.saturating_sub(1),
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

//! The assessment as flat records (one per obligation), and the formats built from them: CSV for
//! a spreadsheet or pandas, Markdown for a ticket, iCalendar for a calendar. Python's
//! `to_records()` and the Swift/Kotlin `records()` read the same [`ObligationRecord`]s.

use std::fmt::Write;

use crate::assessment::{Assessment, Status};
use crate::i18n::{Messages, fill};

/// One obligation as a flat row. Column names are the field names; values are codes, ids, dates
/// and the assessment's sentences, never personal values beyond the incident's own names.
#[derive(
    Clone, PartialEq, Eq, Debug, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
pub struct ObligationRecord {
    /// Obligation id (`entity/regime/rule[/recipient]`).
    pub id: String,
    /// Obligated entity id.
    pub obligor: String,
    /// Its name.
    pub obligor_name: String,
    /// Regime id.
    pub regime: String,
    /// Regime version.
    pub regime_version: String,
    /// Rule id.
    pub rule: String,
    /// Obligation name, in the assessment's language.
    pub name: String,
    /// Stage code.
    pub stage: String,
    /// Status code.
    pub status: String,
    /// Recipient kind code.
    pub recipient_kind: String,
    /// Recipient body id, if any.
    pub recipient_body: String,
    /// Recipient name, in the assessment's language.
    pub recipient_name: String,
    /// Due instant, RFC 3339 UTC, if the law fixes one.
    pub due_utc: String,
    /// Due instant in the rule's zone.
    pub due_local: String,
    /// The rule's zone.
    pub time_zone: String,
    /// Whether the deadline rests on an assumption.
    pub provisional: bool,
    /// Where the clock's start came from (code).
    pub start_basis: String,
    /// Guidance window start (local date), if any.
    pub guidance_from: String,
    /// Guidance window end (local date), if any.
    pub guidance_to: String,
    /// Filing state code.
    pub filing_state: String,
    /// The recorded report the filing state rests on, if any.
    pub filing_report: String,
    /// Confidence code.
    pub confidence: String,
    /// Articles cited, joined with "; ".
    pub citations: String,
    /// Number of open questions of this obligation.
    pub questions: u32,
}

impl Assessment {
    /// One flat record per obligation, in the assessment's order; then one per jurisdiction that
    /// is not covered (status `not_covered`, id `not_covered/<basis>/<jurisdiction>`, the
    /// entities as obligor, the statement as name), so that a table filtered by status never
    /// loses what breachkit cannot answer.
    pub fn records(&self) -> Vec<ObligationRecord> {
        let mut out: Vec<ObligationRecord> = self
            .obligations
            .iter()
            .map(|o| ObligationRecord {
                id: o.id.clone(),
                obligor: o.obligor.to_string(),
                obligor_name: o.obligor_name.clone(),
                regime: o.regime.clone(),
                regime_version: o.regime_version.clone(),
                rule: o.rule.clone(),
                name: o.name.clone(),
                stage: o.stage.code().to_owned(),
                status: o.status.code().to_owned(),
                recipient_kind: o.recipient.kind.code().into_owned(),
                recipient_body: o.recipient.body.clone().unwrap_or_default(),
                recipient_name: o.recipient.name.clone(),
                due_utc: o
                    .deadline
                    .due
                    .map(|d| d.format("%Y-%m-%dT%H:%M:%SZ").to_string())
                    .unwrap_or_default(),
                due_local: o.deadline.due_local.clone().unwrap_or_default(),
                time_zone: o.deadline.time_zone.clone(),
                provisional: o.deadline.provisional,
                start_basis: o.deadline.start_basis.code().to_owned(),
                guidance_from: o
                    .deadline
                    .guidance
                    .as_ref()
                    .map(|g| g.from.clone())
                    .unwrap_or_default(),
                guidance_to: o
                    .deadline
                    .guidance
                    .as_ref()
                    .map(|g| g.to.clone())
                    .unwrap_or_default(),
                filing_state: o.filing.state.code().to_owned(),
                filing_report: o
                    .filing
                    .report
                    .as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_default(),
                confidence: o.confidence.code().to_owned(),
                citations: o
                    .citations
                    .iter()
                    .map(|c| c.article.as_str())
                    .collect::<Vec<_>>()
                    .join("; "),
                questions: u32::try_from(o.questions.len()).unwrap_or(u32::MAX),
            })
            .collect();
        out.extend(self.not_covered.iter().map(|n| {
            ObligationRecord {
                id: format!("not_covered/{}/{}", n.basis.code(), n.jurisdiction),
                obligor: n
                    .entities
                    .iter()
                    .map(|e| e.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                obligor_name: String::new(),
                regime: String::new(),
                regime_version: String::new(),
                rule: String::new(),
                name: n.statement.clone(),
                stage: String::new(),
                status: NOT_COVERED.to_owned(),
                recipient_kind: String::new(),
                recipient_body: String::new(),
                recipient_name: String::new(),
                due_utc: String::new(),
                due_local: String::new(),
                time_zone: String::new(),
                provisional: false,
                start_basis: String::new(),
                guidance_from: String::new(),
                guidance_to: String::new(),
                filing_state: String::new(),
                filing_report: String::new(),
                confidence: String::new(),
                citations: String::new(),
                questions: 0,
            }
        }));
        out
    }

    /// The records as CSV (RFC 4180, a header row, UTF-8).
    pub fn to_csv(&self) -> String {
        let mut w = csv::Writer::from_writer(Vec::new());
        for r in self.records() {
            // Serialising plain strings, numbers and booleans into memory cannot fail.
            let _ = w.serialize(r);
        }
        if self.obligations.is_empty() && self.not_covered.is_empty() {
            let _ = w.write_record(RECORD_COLUMNS);
        }
        let bytes = w.into_inner().unwrap_or_default();
        String::from_utf8(bytes).unwrap_or_default()
    }

    /// The assessment as Markdown, for a ticket: a table of obligations per entity, then the
    /// reasons, the not-applicable regimes and the open questions. Document text is escaped.
    pub fn to_markdown(&self) -> String {
        let m = Messages::builtin(self.lang);
        let h = |key: &str| m.t(&format!("md.{key}"));
        let mut s = String::new();
        let _ = writeln!(
            s,
            "# {}\n",
            md(&fill(&m.t("text.title"), &|n| match n {
                "incident" => Some(self.incident.clone()),
                "as_of" => Some(self.as_of.to_rfc3339()),
                _ => None,
            }))
        );
        let _ = writeln!(s, "{}\n", md(&self.rules.join(", ")));
        let mut current = None;
        for o in &self.obligations {
            if current != Some(&o.obligor) {
                let _ = writeln!(s, "\n## {} (`{}`)\n", md(&o.obligor_name), o.obligor);
                let _ = writeln!(
                    s,
                    "| {} | {} | {} | {} | {} |\n|---|---|---|---|---|",
                    h("obligation"),
                    h("recipient"),
                    h("status"),
                    h("due"),
                    h("filing")
                );
                for x in self.obligations.iter().filter(|x| x.obligor == o.obligor) {
                    let due = match (&x.deadline.due_local, &x.deadline.guidance) {
                        _ if x.status == Status::NotRequired => String::new(),
                        (Some(d), _) if x.deadline.provisional => {
                            format!("{d} {}", m.t("text.provisional"))
                        }
                        (Some(d), _) => d.clone(),
                        (None, Some(g)) => {
                            format!("{} ({} – {})", x.deadline.standard, g.from, g.to)
                        }
                        (None, None) => x.deadline.standard.clone(),
                    };
                    let _ = writeln!(
                        s,
                        "| {} | {} | {} | {} | {} |",
                        md(&x.name),
                        md(&x.recipient.name),
                        m.t(&format!("status.{}", x.status.code())),
                        md(&due),
                        m.t(&format!("filing_state.{}", x.filing.state.code()))
                    );
                }
                for x in self.obligations.iter().filter(|x| x.obligor == o.obligor) {
                    let _ = writeln!(s, "\n### {}\n", md(&x.name));
                    for t in &x.trace {
                        let _ = writeln!(s, "- {}", md(&t.detail));
                    }
                    for q in &x.questions {
                        let _ = writeln!(s, "- ? {}", md(&q.text));
                    }
                }
                current = Some(&o.obligor);
            }
        }
        if !self.not_applicable.is_empty() {
            let _ = writeln!(s, "\n## {}\n", m.t("text.not_applicable"));
            for n in &self.not_applicable {
                let _ = writeln!(s, "- `{}` / `{}`: {}", n.entity, n.regime, md(&n.reason));
            }
        }
        // Always written, so that an empty list is seen to be empty rather than missing.
        let _ = writeln!(
            s,
            "\n## {}\n",
            fill(&m.t("text.not_covered"), &|n| {
                (n == "count").then(|| self.not_covered.len().to_string())
            })
        );
        if self.not_covered.is_empty() {
            let _ = writeln!(s, "{}", md(&m.t("text.not_covered_none")));
        }
        for n in &self.not_covered {
            let _ = writeln!(s, "- `{}`: {}", n.jurisdiction, md(&n.statement));
        }
        let _ = writeln!(
            s,
            "\n## {}\n",
            fill(&m.t("text.open_questions"), &|n| {
                (n == "count").then(|| self.questions.len().to_string())
            })
        );
        for q in &self.questions {
            let _ = writeln!(s, "- {} (`{}`)", md(&q.text), q.path);
        }
        s
    }

    /// The deadlines as an iCalendar feed (RFC 5545): one event per obligation with a fixed
    /// deadline, one all-day event per guidance window. UIDs are derived from the obligation id,
    /// so importing a later assessment updates the events instead of duplicating them; DTSTAMP is
    /// the as-of instant (the engine never reads the clock).
    pub fn to_ics(&self) -> String {
        let m = Messages::builtin(self.lang);
        let mut out = String::new();
        let mut line = |l: String| fold(&mut out, &l);
        line("BEGIN:VCALENDAR".into());
        line("VERSION:2.0".into());
        line("PRODID:-//breachkit//assessment//EN".into());
        line("CALSCALE:GREGORIAN".into());
        let stamp = self.as_of.format("%Y%m%dT%H%M%SZ").to_string();
        for o in &self.obligations {
            if o.status == Status::NotRequired {
                continue;
            }
            let status = m.t(&format!("status.{}", o.status.code()));
            let summary = format!(
                "[{status}] {} → {} ({})",
                o.name, o.recipient.name, o.obligor_name
            );
            let description = format!("{}\n{}", o.deadline.counting, o.filing.note);
            if let Some(due) = o.deadline.due {
                line("BEGIN:VEVENT".into());
                line(format!("UID:{}@breachkit", uid(&o.id)));
                line(format!("DTSTAMP:{stamp}"));
                line(format!("DTSTART:{}", due.format("%Y%m%dT%H%M%SZ")));
                line(format!("DTEND:{}", due.format("%Y%m%dT%H%M%SZ")));
                line(format!("SUMMARY:{}", ics_text(&summary)));
                line(format!("DESCRIPTION:{}", ics_text(&description)));
                line("END:VEVENT".into());
            } else if let Some(g) = &o.deadline.guidance {
                let (Ok(from), Ok(to)) = (
                    g.from.parse::<chrono::NaiveDate>(),
                    g.to.parse::<chrono::NaiveDate>(),
                ) else {
                    continue;
                };
                let Some(end) = to.succ_opt() else { continue };
                line("BEGIN:VEVENT".into());
                line(format!("UID:{}.guidance@breachkit", uid(&o.id)));
                line(format!("DTSTAMP:{stamp}"));
                line(format!("DTSTART;VALUE=DATE:{}", from.format("%Y%m%d")));
                line(format!("DTEND;VALUE=DATE:{}", end.format("%Y%m%d")));
                line(format!(
                    "SUMMARY:{}",
                    ics_text(&format!("{summary} — {}", g.text))
                ));
                line(format!(
                    "DESCRIPTION:{}",
                    ics_text(&format!("{}\n{}", g.cite, description))
                ));
                line("END:VEVENT".into());
            }
        }
        // What breachkit cannot answer has no date: a to-do without a due date, so it shows in
        // the calendar's task list instead of vanishing.
        for n in &self.not_covered {
            line("BEGIN:VTODO".into());
            line(format!(
                "UID:{}@breachkit",
                uid(&format!(
                    "not_covered/{}/{}",
                    n.basis.code(),
                    n.jurisdiction
                ))
            ));
            line(format!("DTSTAMP:{stamp}"));
            line(format!(
                "SUMMARY:{}",
                ics_text(&format!(
                    "[{}] {}",
                    fill(&m.t("text.not_covered"), &|k| {
                        (k == "count").then(|| self.not_covered.len().to_string())
                    }),
                    n.jurisdiction
                ))
            ));
            line(format!("DESCRIPTION:{}", ics_text(&n.statement)));
            line("STATUS:NEEDS-ACTION".into());
            line("END:VTODO".into());
        }
        line("END:VCALENDAR".into());
        out
    }
}

/// The `status` of a record that stands for a jurisdiction breachkit cannot answer for.
pub const NOT_COVERED: &str = "not_covered";

/// The CSV columns, in order (the field names of [`ObligationRecord`]).
pub const RECORD_COLUMNS: &[&str] = &[
    "id",
    "obligor",
    "obligor_name",
    "regime",
    "regime_version",
    "rule",
    "name",
    "stage",
    "status",
    "recipient_kind",
    "recipient_body",
    "recipient_name",
    "due_utc",
    "due_local",
    "time_zone",
    "provisional",
    "start_basis",
    "guidance_from",
    "guidance_to",
    "filing_state",
    "filing_report",
    "confidence",
    "citations",
    "questions",
];

/// Escapes Markdown's inline specials so document text is shown, never interpreted.
fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '!'
        ) {
            out.push('\\');
        }
        if c == '\n' {
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    out
}

/// A UID-safe form of an obligation id.
fn uid(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '.'
            }
        })
        .collect()
}

/// RFC 5545 TEXT escaping.
fn ics_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends a content line folded at 75 octets (never inside a UTF-8 sequence), CRLF-terminated.
fn fold(out: &mut String, line: &str) {
    let mut len: usize = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if len.saturating_add(n) > 75 {
            out.push_str("\r\n ");
            len = 1;
        }
        out.push(c);
        len = len.saturating_add(n);
    }
    out.push_str("\r\n");
}

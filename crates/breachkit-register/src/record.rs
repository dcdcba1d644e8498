//! The GDPR Art. 33(5) record of an incident: the facts, the effects, the remedial action, the
//! decisions with their reasoning (including why a breach was not notified), the reports made,
//! and how the knowledge changed, all as of an instant.
//!
//! Labels come from data: breachkit-report's catalogue (data categories, causes, measures,
//! groups, dates and counts in each language) with this crate's `templates/record.<lang>.toml`
//! loaded on top. Free text from the incident (titles, descriptions, reasoning) is shown as
//! recorded, in the language it was written in.

use breachkit_model::{Count, Incident, IncidentHistory, MeasureStatus, ReportStatus, diff};
use breachkit_report::{Catalogue, Lang};
use chrono::{DateTime, Utc};

use crate::error::RegisterError;
use crate::types::{Decision, ReportMade, Verification};

const RECORD_EN: &str = include_str!("../templates/record.en.toml");
const RECORD_JA: &str = include_str!("../templates/record.ja.toml");

/// One section of the record.
#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize)]
pub struct RecordSection {
    /// Identifier (`facts`, `effects`, `remedial`, `decisions`, `not_notified`, `reports`,
    /// `revisions`).
    pub id: &'static str,
    /// Heading.
    pub heading: String,
    /// Lines.
    pub items: Vec<String>,
}

/// The Art. 33(5) record, ready to render.
#[derive(Clone, PartialEq, Debug, serde::Serialize)]
pub struct Record {
    /// The incident.
    pub incident: String,
    /// The instant the record is made as of.
    pub as_of: DateTime<Utc>,
    /// `en` or `ja`.
    pub lang: &'static str,
    /// The revision the facts come from (the one current at `as_of`).
    pub revision: u32,
    /// True when a report or notification is recorded as made by `as_of`.
    pub notified: bool,
    /// Title.
    pub title: String,
    /// The legal basis.
    pub cite: String,
    /// Lines under the title.
    pub header: Vec<String>,
    /// The sections.
    pub sections: Vec<RecordSection>,
    /// The decisions made by `as_of`, as stored.
    pub decisions: Vec<Decision>,
    /// The reports made by `as_of`, as stored.
    pub reports: Vec<ReportMade>,
}

fn code<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// The catalogue of a language with the record's keys.
///
/// # Errors
/// Only if a built-in catalogue is broken (tests guard them).
pub fn record_catalogue(lang: Lang) -> Result<Catalogue, RegisterError> {
    let broken = |_| RegisterError::Corrupt {
        what: "a built-in catalogue does not read",
    };
    let mut cat = Catalogue::builtin(lang).map_err(broken)?;
    cat.extend(match lang {
        Lang::Ja => RECORD_JA,
        _ => RECORD_EN,
    })
    .map_err(broken)?;
    Ok(cat)
}

struct Ctx<'a> {
    cat: &'a Catalogue,
    zone: Option<chrono_tz::Tz>,
}

impl Ctx<'_> {
    fn t(&self, key: &str) -> String {
        self.cat.get(&format!("record.{key}"))
    }
    fn f(&self, key: &str, args: &[(&str, &str)]) -> String {
        self.cat.fill(&format!("record.{key}"), args)
    }
    /// An instant in the incident's zone (UTC when it has none).
    fn instant(&self, t: DateTime<Utc>) -> String {
        match self.zone {
            Some(z) => t.with_timezone(&z).format("%Y-%m-%d %H:%M %Z").to_string(),
            None => t.format("%Y-%m-%d %H:%M UTC").to_string(),
        }
    }
    fn count(&self, c: &Count) -> String {
        match c {
            Count::Unknown { .. } => self.t("count_unknown"),
            c => self.cat.count(c),
        }
    }
}

/// Builds the record of an incident as of an instant.
///
/// # Errors
/// [`RegisterError::NotFound`] when no revision was recorded by `as_of`; a broken built-in
/// catalogue.
pub fn record(
    history: &IncidentHistory,
    decisions: &[Decision],
    reports: &[ReportMade],
    chain: Option<&Verification>,
    as_of: DateTime<Utc>,
    lang: Lang,
) -> Result<Record, RegisterError> {
    let rev = history
        .current_at(as_of)
        .ok_or(RegisterError::NotFound { what: "revision" })?;
    let inc: &Incident = &rev.incident;
    let cat = record_catalogue(lang)?;
    let c = Ctx {
        cat: &cat,
        zone: inc.zone_for(None),
    };
    let mut header = vec![
        c.f("header_incident", &[("id", inc.id.as_str())]),
        c.f("header_as_of", &[("as_of", &c.instant(as_of))]),
        c.f(
            "header_revision",
            &[
                ("number", &rev.number.to_string()),
                ("at", &c.instant(rev.recorded_at)),
                ("author", rev.author.as_str()),
            ],
        ),
    ];
    if let Some(v) = chain {
        header.push(c.f(
            "header_chain",
            &[("hash", &v.head), ("entries", &v.entries.to_string())],
        ));
    }

    // Facts.
    let mut facts = Vec::new();
    if let Some(t) = &inc.title {
        facts.push(c.f("title_line", &[("text", t.as_str())]));
    }
    for kind in ["occurred", "detected", "aware", "contained"] {
        for e in inc.timeline.iter().filter(|e| code(&e.kind) == kind) {
            if let Some(date) = cat.when(e.at.as_ref(), e.after.as_ref(), e.before.as_ref()) {
                facts.push(c.f(
                    "event",
                    &[("event", &c.t(&format!("event_{kind}"))), ("date", &date)],
                ));
            }
        }
    }
    let b = &inc.breach;
    if !b.nature.is_empty() {
        let list: Vec<String> = b
            .nature
            .iter()
            .map(|n| cat.get(&format!("nature.{}", code(n))))
            .collect();
        facts.push(c.f("nature", &[("list", &cat.join(&list))]));
    }
    if !b.causes.is_empty() {
        let list: Vec<String> = b
            .causes
            .iter()
            .map(|x| cat.get(&format!("cause.{}", code(x))))
            .collect();
        facts.push(c.f("causes", &[("list", &cat.join(&list))]));
    }
    facts.push(c.f(
        "exfiltration",
        &[(
            "value",
            &cat.get(&format!("value.exfiltration_{}", code(&b.exfiltration))),
        )],
    ));
    if let Some(d) = &b.description {
        facts.push(c.f("description", &[("text", d.as_str())]));
    }

    // Effects.
    let mut effects = Vec::new();
    for g in &inc.groups {
        let group = cat.get(&format!("group.{}", code(&g.kind)));
        let categories: Vec<String> = g
            .categories
            .iter()
            .map(|x| cat.get(&format!("category.{}", code(x))))
            .collect();
        let categories = if categories.is_empty() {
            c.t("no_categories")
        } else {
            cat.join(&categories)
        };
        effects.push(c.f(
            "group",
            &[
                ("group", &group),
                ("count", &c.count(&g.count)),
                ("categories", &categories),
            ],
        ));
        if !g.not_affected.is_empty() {
            let na: Vec<String> = g
                .not_affected
                .iter()
                .map(|x| cat.get(&format!("category.{}", code(x))))
                .collect();
            effects.push(c.f(
                "group_not_affected",
                &[("group", &group), ("categories", &cat.join(&na))],
            ));
        }
    }
    if let Some(n) = &inc.totals.records {
        effects.push(c.f("totals", &[("count", &c.count(n))]));
    }
    if let Some(n) = &inc.totals.persons {
        effects.push(c.f("totals_persons", &[("count", &c.count(n))]));
    }
    effects.push(c.f(
        "risk",
        &[("value", &cat.get(&format!("value.risk_{}", code(&b.risk))))],
    ));

    // Remedial action.
    let remedial: Vec<String> = inc
        .measures
        .iter()
        .map(|m| {
            let status = match m.status {
                MeasureStatus::Taken => "status_taken",
                MeasureStatus::InProgress => "status_in_progress",
                _ => "status_planned",
            };
            c.f(
                "measure",
                &[
                    ("measure", &cat.get(&format!("measure.{}", code(&m.kind)))),
                    ("status", &c.t(status)),
                ],
            )
        })
        .collect();

    // Decisions and reports made by `as_of`.
    let decisions: Vec<Decision> = decisions
        .iter()
        .filter(|d| d.decided_at <= as_of)
        .cloned()
        .collect();
    let reports: Vec<ReportMade> = reports
        .iter()
        .filter(|r| r.made_at <= as_of)
        .cloned()
        .collect();
    let mut decision_lines: Vec<String> = decisions
        .iter()
        .map(|d| {
            c.f(
                "decision",
                &[
                    ("number", &d.number.to_string()),
                    ("at", &c.instant(d.decided_at)),
                    ("author", d.author.as_str()),
                    ("subject", &d.subject),
                    ("revision", &d.revision.to_string()),
                    ("risk", &cat.get(&format!("value.risk_{}", code(&d.risk)))),
                    ("notify", &c.t(if d.notify { "yes" } else { "no" })),
                    ("text", d.justification.as_str()),
                ],
            )
        })
        .collect();
    if decision_lines.is_empty() {
        decision_lines.push(c.t("no_decisions"));
    }

    let mut report_lines = Vec::new();
    for r in &reports {
        let reference = r
            .report
            .as_deref()
            .map(|id| c.f("report_ref", &[("id", id)]))
            .unwrap_or_default();
        let mut line = c.f(
            "report_made",
            &[
                ("number", &r.number.to_string()),
                ("at", &c.instant(r.made_at)),
                ("author", r.author.as_str()),
                ("recipient", r.recipient.as_str()),
                ("report", &reference),
            ],
        );
        for a in &r.attachments {
            line.push_str("; ");
            line.push_str(&c.f(
                "attachment",
                &[("name", a.name.as_str()), ("sha256", &a.sha256)],
            ));
        }
        report_lines.push(line);
    }
    // Reports recorded in the document itself, made (dated) by `as_of`.
    let as_of_day = as_of.date_naive();
    let mut doc_reports = 0;
    for r in &inc.reports {
        let made = r.status == ReportStatus::Done
            && r.at.as_ref().is_some_and(|t| {
                t.to_string()
                    .get(..10)
                    .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                    .is_some_and(|d| d <= as_of_day)
            });
        let undated_but_recorded = r.at.is_none();
        if !made && !undated_but_recorded {
            continue;
        }
        if made {
            doc_reports += 1;
        }
        let recipient = r
            .recipient
            .name
            .as_ref()
            .map(|n| n.as_str().to_owned())
            .or_else(|| {
                r.recipient
                    .body
                    .as_ref()
                    .map(|b| cat.get(&format!("body.{}", b.as_str())))
            })
            .unwrap_or_else(|| code(&r.recipient.kind));
        let date = cat
            .when(r.at.as_ref(), None, r.before.as_ref())
            .unwrap_or_else(|| c.t("undated"));
        report_lines.push(c.f(
            "report_in_document",
            &[
                ("kind", &cat.get(&format!("value.report_{}", code(&r.kind)))),
                ("recipient", &recipient),
                ("date", &date),
            ],
        ));
    }
    let notified = !reports.is_empty() || doc_reports > 0;
    if report_lines.is_empty() {
        report_lines.push(c.t("no_reports"));
    }

    // Revisions recorded by `as_of`, with the number of typed changes each brought.
    let mut revision_lines = Vec::new();
    let known: Vec<_> = history
        .revisions
        .iter()
        .filter(|r| r.recorded_at <= as_of)
        .collect();
    for (i, r) in known.iter().enumerate() {
        let note = r
            .note
            .as_ref()
            .map(|n| c.f("revision_note", &[("text", n.as_str())]))
            .unwrap_or_default();
        let at = c.instant(r.recorded_at);
        revision_lines.push(if i == 0 {
            c.f(
                "revision_first",
                &[("at", &at), ("author", r.author.as_str()), ("note", &note)],
            )
        } else {
            c.f(
                "revision",
                &[
                    ("number", &r.number.to_string()),
                    ("at", &at),
                    ("author", r.author.as_str()),
                    (
                        "changes",
                        &diff(&known[i - 1].incident, &r.incident).len().to_string(),
                    ),
                    ("note", &note),
                ],
            )
        });
    }

    let mut sections = vec![
        RecordSection {
            id: "facts",
            heading: c.t("sec_facts"),
            items: facts,
        },
        RecordSection {
            id: "effects",
            heading: c.t("sec_effects"),
            items: effects,
        },
        RecordSection {
            id: "remedial",
            heading: c.t("sec_remedial"),
            items: remedial,
        },
        RecordSection {
            id: "decisions",
            heading: c.t("sec_decisions"),
            items: decision_lines,
        },
    ];
    if !notified {
        let reasons: Vec<String> = decisions
            .iter()
            .filter(|d| !d.notify)
            .map(|d| c.f("not_notified_reason", &[("text", d.justification.as_str())]))
            .collect();
        sections.push(RecordSection {
            id: "not_notified",
            heading: c.t("sec_not_notified"),
            items: if reasons.is_empty() {
                vec![c.t("not_notified_missing")]
            } else {
                reasons
            },
        });
    }
    sections.push(RecordSection {
        id: "reports",
        heading: c.t("sec_reports"),
        items: report_lines,
    });
    sections.push(RecordSection {
        id: "revisions",
        heading: c.t("sec_revisions"),
        items: revision_lines,
    });
    Ok(Record {
        incident: inc.id.as_str().to_owned(),
        as_of,
        lang: lang.tag(),
        revision: rev.number,
        notified,
        title: c.t("title"),
        cite: c.t("cite"),
        header,
        sections,
        decisions,
        reports,
    })
}

impl Record {
    /// Markdown.
    pub fn to_markdown(&self) -> String {
        let mut out = format!("# {}\n\n", self.title);
        for h in &self.header {
            out.push_str(h);
            out.push_str("  \n");
        }
        out.push_str(&format!("\n> {}\n", self.cite));
        for s in &self.sections {
            out.push_str(&format!("\n## {}\n\n", s.heading));
            for i in &s.items {
                out.push_str(&format!("- {i}\n"));
            }
        }
        out
    }

    /// Pretty JSON with a final newline.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Both languages define the same record keys.
    #[test]
    fn catalogues_have_the_same_keys() {
        let keys = |text: &str| -> Vec<String> {
            let v: toml::Value = toml::from_str(text).unwrap_or(toml::Value::Boolean(false));
            v.get("record")
                .and_then(|r| r.as_table())
                .map(|t| t.keys().cloned().collect())
                .unwrap_or_default()
        };
        let en = keys(RECORD_EN);
        assert!(en.len() > 30);
        assert_eq!(en, keys(RECORD_JA));
    }
}

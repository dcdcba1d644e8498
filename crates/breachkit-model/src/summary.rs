//! A plain-text summary of an incident, for people (`breachkit show`).

use std::fmt::Write;

use crate::incident::{Event, Incident};
use crate::time::PartialTime;

fn when(
    at: Option<&PartialTime>,
    after: Option<&PartialTime>,
    before: Option<&PartialTime>,
) -> String {
    match (at, after, before) {
        (Some(t), _, _) => t.to_string(),
        (None, Some(a), Some(b)) => format!("between {a} and {b}"),
        (None, Some(a), None) => format!("after {a}"),
        (None, None, Some(b)) => format!("by {b}"),
        (None, None, None) => "date unknown".to_owned(),
    }
}

fn sort_key(incident: &Incident, e: &Event) -> (i64, usize) {
    let t = e.at.or(e.after).or(e.before);
    let zone = incident.zone_for(e.time_zone);
    (
        t.and_then(|t| t.resolve(zone))
            .map_or(i64::MAX, |r| r.earliest.timestamp()),
        0,
    )
}

impl Incident {
    /// A readable summary: entities, timeline (with reports merged in), groups and counts, data
    /// categories, measures and reports.
    pub fn summary_text(&self) -> String {
        let mut s = String::new();
        let title = self
            .title
            .as_ref()
            .map_or_else(|| self.id.to_string(), |t| t.to_string());
        let _ = writeln!(s, "{title}");
        let _ = writeln!(
            s,
            "id: {}   schema: {}   time zone: {}",
            self.id,
            self.schema_version,
            self.time_zone
                .map_or("not set".to_owned(), |z| z.to_string())
        );
        let _ = writeln!(s, "\nOrganisations ({})", self.organisations.len());
        for o in &self.organisations {
            let local = o
                .local_name
                .as_ref()
                .map(|n| format!(" / {n}"))
                .unwrap_or_default();
            let parent = o
                .parent
                .as_ref()
                .map(|p| format!(", subsidiary of {p}"))
                .unwrap_or_default();
            let _ = writeln!(s, "  {} — {}{local} ({}{parent})", o.id, o.name, o.country);
            if !o.sectors.is_empty() {
                let list: Vec<String> = o.sectors.iter().map(|x| x.to_string()).collect();
                let _ = writeln!(s, "      sectors: {}", list.join(", "));
            }
            for e in &o.establishments {
                let main = if e.main_eu_establishment {
                    " (main EU establishment)"
                } else {
                    ""
                };
                let _ = writeln!(s, "      establishment: {}{main}", e.jurisdiction);
            }
            for c in &o.contacts {
                let aud = c
                    .audience
                    .as_ref()
                    .map(|a| format!(" — for {a}"))
                    .unwrap_or_default();
                let _ = writeln!(s, "      contact ({}): {}{aud}", c.kind, c.value);
            }
        }
        // Timeline, with reports merged in.
        let mut lines: Vec<((i64, usize), String)> = self
            .timeline
            .iter()
            .map(|e| {
                let ents = if e.entities.is_empty() {
                    String::new()
                } else {
                    format!(
                        " [{}]",
                        e.entities
                            .iter()
                            .map(|x| x.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                };
                let note = e
                    .note
                    .as_ref()
                    .map(|n| format!(" — {n}"))
                    .unwrap_or_default();
                (
                    sort_key(self, e),
                    format!(
                        "{:<28} {}{ents}{note}",
                        when(e.at.as_ref(), e.after.as_ref(), e.before.as_ref()),
                        e.kind
                    ),
                )
            })
            .collect();
        for r in &self.reports {
            let zone = self.time_zone.map(|z| z.tz());
            let t = r.at.or(r.before);
            let key = (
                t.and_then(|t| t.resolve(zone))
                    .map_or(i64::MAX, |x| x.earliest.timestamp()),
                1,
            );
            let to = r
                .recipient
                .name
                .as_ref()
                .map_or_else(|| r.recipient.kind.to_string(), |n| n.to_string());
            let seq = r.sequence.map(|n| format!(" #{n}")).unwrap_or_default();
            lines.push((
                key,
                format!(
                    "{:<28} {}{seq} to {to} ({}) by {}",
                    when(r.at.as_ref(), None, r.before.as_ref()),
                    r.kind,
                    r.id,
                    r.by.iter()
                        .map(|x| x.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
        lines.sort_by_key(|l| l.0);
        let _ = writeln!(s, "\nTimeline and reports ({})", lines.len());
        for (_, l) in lines {
            let _ = writeln!(s, "  {l}");
        }
        let b = &self.breach;
        let _ = writeln!(s, "\nBreach");
        let nature: Vec<String> = b
            .nature
            .iter()
            .map(|n| format!("{n:?}").to_lowercase())
            .collect();
        let causes: Vec<String> = b.causes.iter().map(|c| c.to_string()).collect();
        let _ = writeln!(
            s,
            "  nature: {}   causes: {}",
            if nature.is_empty() {
                "unknown".into()
            } else {
                nature.join(", ")
            },
            if causes.is_empty() {
                "unknown".into()
            } else {
                causes.join(", ")
            }
        );
        let _ = writeln!(
            s,
            "  wrongful purpose: {}   exfiltration: {:?}   encrypted: {:?} (key compromised: {})   risk: {:?}",
            b.wrongful_purpose.code(),
            b.exfiltration,
            b.encryption.state,
            b.encryption.key_compromised.code(),
            b.risk
        );
        let _ = writeln!(s, "\nAffected groups ({})", self.groups.len());
        for g in &self.groups {
            let label = g
                .label
                .as_ref()
                .map(|l| format!(" — {l}"))
                .unwrap_or_default();
            let _ = writeln!(s, "  {} ({}){label}", g.id, g.kind);
            let holders: Vec<String> = g
                .holders
                .iter()
                .map(|h| format!("{} as {:?}", h.entity, h.role).to_lowercase())
                .collect();
            let _ = writeln!(
                s,
                "      held by: {}",
                if holders.is_empty() {
                    "not recorded".into()
                } else {
                    holders.join(", ")
                }
            );
            let _ = writeln!(
                s,
                "      people: {}{}",
                g.count.describe(),
                g.records
                    .map(|r| format!("   records: {}", r.describe()))
                    .unwrap_or_default()
            );
            let cats: Vec<String> = g.categories.iter().map(|c| c.to_string()).collect();
            let _ = writeln!(
                s,
                "      data: {}",
                if cats.is_empty() {
                    "not recorded".into()
                } else {
                    cats.join(", ")
                }
            );
            if !g.not_affected.is_empty() {
                let na: Vec<String> = g.not_affected.iter().map(|c| c.to_string()).collect();
                let _ = writeln!(s, "      not affected: {}", na.join(", "));
            }
            if !g.residence.is_empty() {
                let r: Vec<String> = g
                    .residence
                    .iter()
                    .map(|r| format!("{} {}", r.jurisdiction, r.count.describe()))
                    .collect();
                let _ = writeln!(s, "      residence: {}", r.join(", "));
            }
        }
        if let Some(p) = &self.totals.persons {
            let _ = writeln!(s, "  total people: {}", p.describe());
        }
        if let Some(r) = &self.totals.records {
            let _ = writeln!(s, "  total records: {}", r.describe());
        }
        let _ = writeln!(s, "\nMeasures ({})", self.measures.len());
        for m in &self.measures {
            let d = m
                .description
                .as_ref()
                .map(|d| format!(" — {d}"))
                .unwrap_or_default();
            let at = m.at.map(|t| format!(" {t}")).unwrap_or_default();
            let _ = writeln!(s, "  [{:?}]{at} {}{d}", m.status, m.kind);
        }
        s
    }
}

/// A structured summary of an incident (`breachkit show --format json`): the same facts as
/// [`Incident::summary_text`], as data. Codes are snake_case; counts are bounds.
#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize)]
pub struct Summary {
    /// Incident id.
    pub id: String,
    /// Title, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Schema version of the document.
    pub schema_version: String,
    /// Organisations: id, name, country.
    pub organisations: Vec<SummaryOrganisation>,
    /// Timeline events in time order (undated last).
    pub timeline: Vec<SummaryEvent>,
    /// Affected groups.
    pub groups: Vec<SummaryGroup>,
    /// Reports made.
    pub reports: Vec<SummaryEvent>,
}

/// An organisation in a [`Summary`].
#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize)]
pub struct SummaryOrganisation {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Country.
    pub country: String,
}

/// A dated item in a [`Summary`].
#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize)]
pub struct SummaryEvent {
    /// When, at the precision recorded (`at`, or `after`/`before` bounds), or empty.
    pub when: String,
    /// Event or report kind code.
    pub kind: String,
    /// Report id, for reports.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Entities concerned.
    pub entities: Vec<String>,
}

/// A group in a [`Summary`].
#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize)]
pub struct SummaryGroup {
    /// Id.
    pub id: String,
    /// Kind code.
    pub kind: String,
    /// Lower bound of the head count.
    pub persons_min: u64,
    /// Upper bound, if known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub persons_max: Option<u64>,
    /// Data category codes.
    pub categories: Vec<String>,
    /// Holders: entity ids.
    pub holders: Vec<String>,
}

impl Incident {
    /// The structured summary.
    pub fn summary(&self) -> Summary {
        let span = |at: Option<&PartialTime>,
                    after: Option<&PartialTime>,
                    before: Option<&PartialTime>| {
            match (at, after, before) {
                (Some(t), _, _) => t.to_string(),
                (None, Some(a), Some(b)) => format!("{a}/{b}"),
                (None, Some(a), None) => format!("{a}/"),
                (None, None, Some(b)) => format!("/{b}"),
                (None, None, None) => String::new(),
            }
        };
        let mut timeline: Vec<((i64, usize), SummaryEvent)> = self
            .timeline
            .iter()
            .enumerate()
            .map(|(i, e)| {
                (
                    (sort_key(self, e).0, i),
                    SummaryEvent {
                        when: span(e.at.as_ref(), e.after.as_ref(), e.before.as_ref()),
                        kind: e.kind.to_string(),
                        id: None,
                        entities: e.entities.iter().map(ToString::to_string).collect(),
                    },
                )
            })
            .collect();
        timeline.sort_by_key(|x| x.0);
        Summary {
            id: self.id.to_string(),
            title: self.title.as_ref().map(ToString::to_string),
            schema_version: self.schema_version.to_string(),
            organisations: self
                .organisations
                .iter()
                .map(|o| SummaryOrganisation {
                    id: o.id.to_string(),
                    name: o.name.to_string(),
                    country: o.country.to_string(),
                })
                .collect(),
            timeline: timeline.into_iter().map(|x| x.1).collect(),
            groups: self
                .groups
                .iter()
                .map(|g| {
                    let b = g.count.bounds();
                    SummaryGroup {
                        id: g.id.to_string(),
                        kind: g.kind.to_string(),
                        persons_min: b.min,
                        persons_max: b.max,
                        categories: g.categories.iter().map(ToString::to_string).collect(),
                        holders: g.holders.iter().map(|h| h.entity.to_string()).collect(),
                    }
                })
                .collect(),
            reports: self
                .reports
                .iter()
                .map(|r| SummaryEvent {
                    when: span(r.at.as_ref(), None, r.before.as_ref()),
                    kind: r.kind.to_string(),
                    id: Some(r.id.to_string()),
                    entities: r.by.iter().map(ToString::to_string).collect(),
                })
                .collect(),
        }
    }
}

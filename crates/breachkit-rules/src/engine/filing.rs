//! Matching recorded reports to an obligation: its filing state as of the as-of instant.

use chrono::{DateTime, Utc};

use breachkit_model::{EntityId, Incident, RecipientKind, ReportKind, ReportRecord, ReportStatus};

use crate::assessment::*;

pub(super) fn report_matches(
    r: &ReportRecord,
    entity: &EntityId,
    recipient: &RecipientOut,
    kinds: &[ReportKind],
) -> bool {
    let by_ok = r.by.is_empty() || r.by.contains(entity);
    let kind_ok = kinds.contains(&r.kind);
    let recipient_ok = match (&recipient.body, &r.recipient.body) {
        (Some(want), Some(got)) => want == got.as_str(),
        (Some(_), None) => recipient.accepts.contains(&r.recipient.kind),
        (None, _) if recipient.accepts.contains(&r.recipient.kind) => true,
        (None, _) => {
            r.recipient.kind == recipient.kind
                && match &recipient.entity {
                    Some(_) => r.recipient.kind == RecipientKind::Controller,
                    None => true,
                }
        }
    };
    by_ok && kind_ok && recipient_ok
}

pub(super) fn filing_for(
    incident: &Incident,
    entity: &EntityId,
    recipient: &RecipientOut,
    kinds: &[ReportKind],
    status: Status,
    deadline: &Deadline,
    as_of: DateTime<Utc>,
) -> Filing {
    if status == Status::NotRequired {
        return Filing {
            state: FilingState::NotRequired,
            report: None,
            note: "not required".into(),
        };
    }
    let zone = incident.time_zone.map(|z| z.tz());
    let mut best: Option<Filing> = None;
    for r in incident
        .reports
        .iter()
        .filter(|r| report_matches(r, entity, recipient, kinds))
    {
        let at = r.at.as_ref().and_then(|t| t.resolve(zone));
        let before = r.before.as_ref().and_then(|t| t.resolve(zone));
        let f = |state, note: String| Filing {
            state,
            report: Some(r.id.clone()),
            note,
        };
        let filing = match (at, before) {
            (Some(at), _) if at.earliest > as_of => f(
                FilingState::Pending,
                format!(
                    "report {} is dated after the as-of time; not yet made as of then",
                    r.id
                ),
            ),
            (Some(at), _) if at.latest > as_of => f(
                FilingState::Unknown,
                format!(
                    "report {} is dated on the as-of day; whether it was made by then cannot be told",
                    r.id
                ),
            ),
            (Some(at), _) => {
                if r.status == ReportStatus::InProgress {
                    let late = match deadline.due {
                        Some(due) if as_of > due => format!(
                            "; the deadline {} has passed while it is still under way",
                            deadline.due_local.clone().unwrap_or_default()
                        ),
                        _ => String::new(),
                    };
                    f(
                        FilingState::InProgress,
                        format!(
                            "report {} under way since {}{late}",
                            r.id,
                            r.at.map(|t| t.to_string()).unwrap_or_default()
                        ),
                    )
                } else {
                    match deadline.due {
                        Some(due) if at.latest <= due => f(
                            FilingState::MadeOnTime,
                            format!(
                                "report {} made {}, on or before the deadline",
                                r.id,
                                r.at.map(|t| t.to_string()).unwrap_or_default()
                            ),
                        ),
                        Some(due) if at.earliest > due => f(
                            FilingState::MadeLate,
                            format!(
                                "report {} made {}, after the deadline",
                                r.id,
                                r.at.map(|t| t.to_string()).unwrap_or_default()
                            ),
                        ),
                        Some(_) => f(
                            FilingState::Made,
                            format!(
                                "report {} made on the deadline day; precision too coarse to tell if on time",
                                r.id
                            ),
                        ),
                        None => f(
                            FilingState::Made,
                            format!(
                                "report {} made {}",
                                r.id,
                                r.at.map(|t| t.to_string()).unwrap_or_default()
                            ),
                        ),
                    }
                }
            }
            (None, Some(b)) if b.latest <= as_of => {
                let state = if r.status == ReportStatus::InProgress {
                    FilingState::InProgress
                } else {
                    match deadline.due {
                        Some(due) if b.latest <= due => FilingState::MadeOnTime,
                        _ => FilingState::Made,
                    }
                };
                f(
                    state,
                    format!(
                        "report {} recorded as made no later than {}; exact date unknown",
                        r.id,
                        r.before.map(|t| t.to_string()).unwrap_or_default()
                    ),
                )
            }
            _ => f(
                FilingState::Unknown,
                format!(
                    "report {} is recorded, but its date is not, so whether it was made as of the as-of time cannot be told",
                    r.id
                ),
            ),
        };
        let rank = |s: FilingState| match s {
            FilingState::MadeOnTime => 0,
            FilingState::MadeLate => 1,
            FilingState::Made => 2,
            FilingState::InProgress => 3,
            FilingState::Unknown => 4,
            _ => 5,
        };
        if best
            .as_ref()
            .is_none_or(|b| rank(filing.state) < rank(b.state))
        {
            best = Some(filing);
        }
    }
    if let Some(b) = best {
        if b.state != FilingState::Pending {
            return b;
        }
    }
    match deadline.due {
        Some(due) if as_of > due => Filing {
            state: FilingState::Overdue,
            report: None,
            note: format!(
                "no matching report recorded and the deadline {} has passed",
                deadline.due_local.clone().unwrap_or_default()
            ),
        },
        Some(_) => Filing {
            state: FilingState::Pending,
            report: None,
            note: format!(
                "no matching report recorded; due {}",
                deadline.due_local.clone().unwrap_or_default()
            ),
        },
        None => Filing {
            state: FilingState::Pending,
            report: None,
            note: format!("no matching report recorded; {}", deadline.standard),
        },
    }
}

//! Matching recorded reports to an obligation: its filing state as of the as-of instant.

use chrono::{DateTime, Utc};

use breachkit_model::{
    EntityId, EventKind, Incident, Recipient, RecipientKind, ReportId, ReportKind, ReportRecord,
    ReportStatus,
};

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
            reason: Fact::new(FactCode::FilingNotRequired),
            note: String::new(),
        };
    }
    let zone = incident.time_zone.map(|z| z.tz());
    let mut best: Option<Filing> = None;
    // A notice to the controller (entrustor, covered entity) is made when the timeline records
    // that this entity informed it: a `controller_informed` event counts as the report (PPC Rules
    // Art. 9; GDPR Art. 33(2); 45 CFR 164.410).
    let informed: Vec<ReportRecord> = if recipient.entity.is_some() {
        incident
            .events_for(&EventKind::ControllerInformed, entity)
            .filter_map(|e| {
                Some(ReportRecord {
                    id: ReportId::try_new("controller-informed-event").ok()?,
                    by: vec![entity.clone()],
                    recipient: Recipient {
                        kind: RecipientKind::Controller,
                        body: None,
                        name: None,
                    },
                    kind: kinds.first().cloned().unwrap_or(ReportKind::Unspecified),
                    sequence: None,
                    at: e.at,
                    before: e.before,
                    status: ReportStatus::Done,
                    groups: Vec::new(),
                    title: None,
                    reference: None,
                    url: None,
                    language: None,
                    note: None,
                })
            })
            .collect()
    } else {
        Vec::new()
    };
    for r in incident
        .reports
        .iter()
        .chain(informed.iter())
        .filter(|r| report_matches(r, entity, recipient, kinds))
    {
        let at = r.at.as_ref().and_then(|t| t.resolve(zone));
        let before = r.before.as_ref().and_then(|t| t.resolve(zone));
        let f = |state, reason: Fact| Filing {
            state,
            report: Some(r.id.clone()),
            reason: reason.arg("report", &r.id),
            note: String::new(),
        };
        let at_text = r.at.map(|t| t.to_string()).unwrap_or_default();
        let filing = match (at, before) {
            (Some(at), _) if at.earliest > as_of => {
                f(FilingState::Pending, Fact::new(FactCode::ReportAfterAsOf))
            }
            (Some(at), _) if at.latest > as_of => {
                f(FilingState::Unknown, Fact::new(FactCode::ReportOnAsOfDay))
            }
            (Some(at), _) => {
                if r.status == ReportStatus::InProgress {
                    let reason = match deadline.due {
                        Some(due) if as_of > due => Fact::new(FactCode::ReportUnderWayLate)
                            .arg("due", deadline.due_local.clone().unwrap_or_default()),
                        _ => Fact::new(FactCode::ReportUnderWay),
                    };
                    f(FilingState::InProgress, reason.arg("at", &at_text))
                } else {
                    match deadline.due {
                        Some(due) if at.latest <= due => f(
                            FilingState::MadeOnTime,
                            Fact::new(FactCode::ReportOnTime).arg("at", &at_text),
                        ),
                        Some(due) if at.earliest > due => f(
                            FilingState::MadeLate,
                            Fact::new(FactCode::ReportLate).arg("at", &at_text),
                        ),
                        Some(_) => f(FilingState::Made, Fact::new(FactCode::ReportOnDeadlineDay)),
                        None => f(
                            FilingState::Made,
                            Fact::new(FactCode::ReportMade).arg("at", &at_text),
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
                    Fact::new(FactCode::ReportMadeBefore).arg(
                        "before",
                        r.before.map(|t| t.to_string()).unwrap_or_default(),
                    ),
                )
            }
            _ => f(FilingState::Unknown, Fact::new(FactCode::ReportUndated)),
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
    let (state, reason) = match deadline.due {
        Some(due) if as_of > due => (
            FilingState::Overdue,
            Fact::new(FactCode::NoReportOverdue)
                .arg("due", deadline.due_local.clone().unwrap_or_default()),
        ),
        Some(_) => (
            FilingState::Pending,
            Fact::new(FactCode::NoReportDue)
                .arg("due", deadline.due_local.clone().unwrap_or_default()),
        ),
        None => (
            FilingState::Pending,
            Fact::new(FactCode::NoReportNoDeadline),
        ),
    };
    Filing {
        state,
        report: None,
        reason,
        note: String::new(),
    }
}

//! Every open obligation across the register, as of an instant, sorted by deadline.
//!
//! Each incident is assessed on the revision that was current at `as_of` ("known as of"), not on
//! its latest revision: a deadline list for a past day shows what was owed on what was known then.

use breachkit_rules::{FilingState, Ruleset, Status};
use chrono::{DateTime, Utc};

use crate::Register;
use crate::error::RegisterError;

/// One open obligation.
#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize)]
pub struct DueItem {
    /// The incident.
    pub incident: String,
    /// The revision assessed (the one current at `as_of`).
    pub revision: u32,
    /// The obligation's id (`jp.appi/ppc-preliminary`, ...).
    pub obligation: String,
    /// The entity that owes it.
    pub obligor: String,
    /// The regime (`jp.appi`, `eu.gdpr`, ...).
    pub regime: String,
    /// `preliminary`, `final`, `notification`, `notice`, ...
    pub stage: String,
    /// `required` or `undetermined` (undetermined ones are listed: they may be owed).
    pub status: String,
    /// The recipient's name.
    pub recipient: String,
    /// `pending`, `overdue`, `in_progress` or `unknown`.
    pub filing: String,
    /// The deadline, when the law fixes one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due: Option<DateTime<Utc>>,
    /// The deadline in the recipient's zone, as the law counts it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due_local: Option<String>,
    /// The standard when there is no fixed deadline ("promptly", "72 hours").
    pub standard: String,
    /// True when the deadline rests on a provisional start (an awareness date not yet known).
    pub provisional: bool,
}

fn code<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// Every open obligation (required or undetermined, not yet made) of every incident, assessed
/// on the revision current at `as_of`; sorted by deadline (those without one last), then
/// incident and obligation.
///
/// # Errors
/// Database errors; a stored document that no longer reads.
pub fn due(
    reg: &mut dyn Register,
    ruleset: &Ruleset,
    as_of: DateTime<Utc>,
) -> Result<Vec<DueItem>, RegisterError> {
    let mut out = Vec::new();
    for rev in reg.current_all(as_of)? {
        let a = ruleset.assess(&rev.incident, as_of);
        for o in a.obligations {
            if o.status == Status::NotRequired {
                continue;
            }
            if !matches!(
                o.filing.state,
                FilingState::Pending
                    | FilingState::Overdue
                    | FilingState::InProgress
                    | FilingState::Unknown
            ) {
                continue;
            }
            out.push(DueItem {
                incident: rev.incident.id.as_str().to_owned(),
                revision: rev.number,
                obligation: o.id,
                obligor: o.obligor.as_str().to_owned(),
                regime: o.regime,
                stage: o.stage.code().to_owned(),
                status: o.status.code().to_owned(),
                recipient: o.recipient.name,
                filing: code(&o.filing.state),
                due: o.deadline.due,
                due_local: o.deadline.due_local,
                standard: o.deadline.standard,
                provisional: o.deadline.provisional,
            });
        }
    }
    out.sort_by(|a, b| {
        (
            a.due.is_none(),
            a.due,
            &a.incident,
            &a.obligor,
            &a.obligation,
        )
            .cmp(&(
                b.due.is_none(),
                b.due,
                &b.incident,
                &b.obligor,
                &b.obligation,
            ))
    });
    Ok(out)
}

/// Escapes a text value for iCalendar (RFC 5545 §3.3.11).
fn ics_text(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace('\n', "\\n")
        .replace('\r', "")
}

/// Folds a content line at 75 octets (RFC 5545 §3.1), never inside a UTF-8 character.
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for ch in line.chars() {
        let n = ch.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(ch);
        width += n;
    }
    out.push_str("\r\n");
}

fn ics_time(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// The open obligations with a deadline as an iCalendar feed (one event at each deadline).
/// Obligations without a fixed deadline ("promptly") have no instant to put in a calendar and
/// are left out; `DTSTAMP` is `as_of`, so the same register gives the same bytes.
pub fn due_ics(items: &[DueItem], as_of: DateTime<Utc>) -> String {
    let mut out = String::new();
    for l in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//breachkit//register due//EN",
        "CALSCALE:GREGORIAN",
    ] {
        fold(l, &mut out);
    }
    for i in items {
        let Some(due) = i.due else { continue };
        fold("BEGIN:VEVENT", &mut out);
        fold(
            &format!(
                "UID:{}",
                ics_text(&format!(
                    "{}/{}/{}@breachkit",
                    i.incident, i.obligor, i.obligation
                ))
            ),
            &mut out,
        );
        fold(&format!("DTSTAMP:{}", ics_time(as_of)), &mut out);
        fold(&format!("DTSTART:{}", ics_time(due)), &mut out);
        fold(&format!("DTEND:{}", ics_time(due)), &mut out);
        fold(
            &format!(
                "SUMMARY:{}",
                ics_text(&format!(
                    "{} {} ({}) – {}",
                    i.incident, i.obligation, i.obligor, i.recipient
                ))
            ),
            &mut out,
        );
        fold(
            &format!(
                "DESCRIPTION:{}",
                ics_text(&format!(
                    "status {}, filing {}, revision {}{}{}",
                    i.status,
                    i.filing,
                    i.revision,
                    i.due_local
                        .as_deref()
                        .map(|l| format!(", due {l} local"))
                        .unwrap_or_default(),
                    if i.provisional {
                        ", provisional deadline"
                    } else {
                        ""
                    }
                ))
            ),
            &mut out,
        );
        fold("END:VEVENT", &mut out);
    }
    fold("END:VCALENDAR", &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_and_escaping() {
        let mut out = String::new();
        fold(&"é".repeat(60), &mut out);
        for line in out.split("\r\n") {
            assert!(line.len() <= 75, "{}", line.len());
        }
        assert_eq!(out.replace("\r\n ", ""), format!("{}\r\n", "é".repeat(60)));
        assert_eq!(ics_text("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }
}

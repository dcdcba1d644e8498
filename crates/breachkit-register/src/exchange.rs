//! The register as JSON lines: `export` writes every revision, decision and report, one JSON
//! object a line; `import` reads them back into another register (numbers and instants kept).

use breachkit_model::{Incident, IncidentId};
use chrono::{DateTime, Utc};

use crate::Register;
use crate::error::RegisterError;
use crate::types::{Decision, ReportMade};

/// One line of an export.
#[derive(Clone, PartialEq, Debug, serde::Serialize, serde::Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum Line {
    /// A revision of an incident.
    Revision {
        /// Its number (1, 2, ...).
        number: u32,
        /// When it was recorded.
        recorded_at: DateTime<Utc>,
        /// Who recorded it.
        author: String,
        /// Why.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
        /// The document.
        document: Box<Incident>,
    },
    /// A decision.
    Decision {
        /// The incident.
        incident: IncidentId,
        /// The decision.
        decision: Decision,
    },
    /// A report made.
    Report {
        /// The incident.
        incident: IncidentId,
        /// The report.
        report: ReportMade,
    },
}

/// Every incident of the register as JSON lines (without newlines): per incident, its revisions,
/// then its decisions, then its reports. Incidents erased by a deletion request are left out.
///
/// # Errors
/// Database errors.
pub fn export_lines(reg: &mut dyn Register) -> Result<Vec<String>, RegisterError> {
    let mut out = Vec::new();
    let ids = reg.list()?;
    for entry in ids {
        // An erased incident's documents are gone; its decisions and reports are not exported
        // without them (importing them elsewhere would name an incident that is not there).
        if entry.erased_by.is_some() {
            continue;
        }
        let id = IncidentId::try_new(&entry.id).map_err(|_| RegisterError::Corrupt {
            what: "a stored incident id is not an identifier",
        })?;
        let history = reg.history(&id)?;
        for r in history.revisions {
            out.push(line(&Line::Revision {
                number: r.number,
                recorded_at: r.recorded_at,
                author: r.author.to_string(),
                note: r.note.map(|n| n.to_string()),
                document: Box::new(r.incident),
            }));
        }
        for d in reg.decisions(&id)? {
            out.push(line(&Line::Decision {
                incident: id.clone(),
                decision: d,
            }));
        }
        for r in reg.reports(&id)? {
            out.push(line(&Line::Report {
                incident: id.clone(),
                report: r,
            }));
        }
    }
    Ok(out)
}

fn line(l: &Line) -> String {
    serde_json::to_string(l).unwrap_or_default()
}

/// Imports one line of an export. A revision is written on top of the one before it, so
/// importing into a register that already holds that incident gives a
/// [`RegisterError::Conflict`], never an overwrite.
///
/// # Errors
/// [`RegisterError::InvalidDocument`] for a line that does not read; the errors of the write.
pub fn import_line(reg: &mut dyn Register, text: &str) -> Result<(), RegisterError> {
    let value = breachkit_model::json_value(text)?;
    let l: Line = breachkit_model::from_value(value)?;
    match l {
        Line::Revision {
            number,
            recorded_at,
            author,
            note,
            document,
        } => {
            if number == 0 {
                return Err(RegisterError::InvalidDocument {
                    path: "/number".to_owned(),
                    rule: "revision numbers start at 1".to_owned(),
                });
            }
            reg.write_revision(&document, number - 1, recorded_at, &author, note.as_deref())?;
        }
        Line::Decision { incident, decision } => {
            reg.record_decision(&incident, &decision)?;
        }
        Line::Report { incident, report } => {
            reg.record_report(&incident, &report)?;
        }
    }
    Ok(())
}

//! `breachkit register ...`: the breach register (incidents, revisions, decisions, reports, the
//! audit chain). Thin: the logic is in `breachkit-register`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use breachkit::model::{Format, Incident, IncidentId, RiskLevel, Text, diff};
use breachkit::register::{
    self as reg, Attachment, Decision, DeletionRequest, Register, RegisterError, ReportMade,
};
use breachkit::rules::Ruleset;
use chrono::{DateTime, Utc};
use clap::{Args, Subcommand, ValueEnum};

/// `breachkit register [--register LOCATION] <command>`.
#[derive(Args)]
pub(crate) struct RegisterArgs {
    /// The register: a SQLite file path, or `postgres://user@host/db` for a shared PostgreSQL
    /// database. Default: `register.db` in breachkit's data directory
    /// (`$XDG_DATA_HOME/breachkit` on Linux), or `$BREACHKIT_REGISTER` when set.
    #[arg(long = "register", global = true)]
    location: Option<String>,
    #[command(subcommand)]
    command: RegisterCommand,
}

/// Output format of listings.
#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum ListFormat {
    /// A readable table.
    Table,
    /// JSON.
    Json,
}

/// Output format of `due`.
#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum DueFormat {
    /// A readable table.
    Table,
    /// JSON.
    Json,
    /// An iCalendar feed (one event per deadline).
    Ics,
}

/// Output format of `record`.
#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum RecordFormat {
    /// Markdown.
    Md,
    /// JSON.
    Json,
}

/// Register subcommands.
#[derive(Subcommand)]
pub(crate) enum RegisterCommand {
    /// Create the register (or migrate it to this build's schema) and print where it is.
    Init,
    /// Add a new incident from a document (JSON or TOML), or import an export (`.jsonl`).
    Add {
        /// Incident file, or JSON lines written by `register export`.
        file: PathBuf,
        /// Who records it (a free identifier).
        #[arg(long, default_value = "breachkit")]
        author: String,
        /// Why.
        #[arg(long)]
        note: Option<String>,
        /// When it is recorded (RFC 3339); default: now.
        #[arg(long)]
        recorded_at: Option<String>,
    },
    /// Record a new revision of an incident on top of revision --parent; refused with a conflict
    /// (exit 3) when someone else wrote a later revision meanwhile.
    Update {
        /// Incident file (JSON or TOML).
        file: PathBuf,
        /// The revision this change is based on (the latest you read).
        #[arg(long)]
        parent: u32,
        /// Who records it.
        #[arg(long, default_value = "breachkit")]
        author: String,
        /// Why.
        #[arg(long)]
        note: Option<String>,
        /// When it is recorded (RFC 3339); default: now.
        #[arg(long)]
        recorded_at: Option<String>,
    },
    /// Print a revision's document: the latest, --revision N, or the one current --as-of T.
    Show {
        /// Incident id.
        id: String,
        /// Revision number.
        #[arg(long)]
        revision: Option<u32>,
        /// The revision current at this instant (RFC 3339).
        #[arg(long, conflicts_with = "revision")]
        as_of: Option<String>,
    },
    /// List an incident's revisions, with the changes each brought.
    History {
        /// Incident id.
        id: String,
        /// Output format.
        #[arg(long, value_enum, default_value = "table")]
        format: ListFormat,
    },
    /// The typed changes between two revisions (JSON pointers into the documents).
    Diff {
        /// Incident id.
        id: String,
        /// The older revision.
        from: u32,
        /// The newer revision.
        to: u32,
        /// Output format.
        #[arg(long, value_enum, default_value = "table")]
        format: ListFormat,
    },
    /// List the incidents.
    List {
        /// Output format.
        #[arg(long, value_enum, default_value = "table")]
        format: ListFormat,
    },
    /// Every open obligation across the register as of an instant, sorted by deadline, each
    /// incident assessed on the revision current then.
    Due {
        /// The instant (RFC 3339). Required: breachkit never reads the clock for this.
        #[arg(long)]
        as_of: String,
        /// Output format.
        #[arg(long, value_enum, default_value = "table")]
        format: DueFormat,
    },
    /// Assess an incident on the revision that was current at --as-of ("known as of").
    Assess {
        /// Incident id.
        id: String,
        /// The instant (RFC 3339).
        #[arg(long)]
        as_of: String,
        /// Output format.
        #[arg(long, value_enum, default_value = "table")]
        format: ListFormat,
    },
    /// Draft a report from the revision that was current at --as-of (same kinds, languages and
    /// formats as `breachkit report`).
    Report {
        /// Incident id.
        id: String,
        /// ppc-preliminary, ppc-final, gdpr-art33, hhs, individual-notice or announcement.
        #[arg(long)]
        kind: String,
        /// ja or en.
        #[arg(long, default_value = "en")]
        lang: String,
        /// md, html or json.
        #[arg(long, default_value = "md")]
        format: String,
        /// The instant (RFC 3339).
        #[arg(long)]
        as_of: String,
        /// Only this entity.
        #[arg(long)]
        entity: Option<String>,
    },
    /// Record a decision: the risk verdict, whether to notify, and why.
    Decide {
        /// Incident id.
        id: String,
        /// The revision the decision was made on.
        #[arg(long)]
        revision: u32,
        /// unknown, unlikely, risk or high.
        #[arg(long)]
        risk: String,
        /// Whether to notify.
        #[arg(long)]
        notify: bool,
        /// What it decides (an obligation id, or `overall`).
        #[arg(long, default_value = "overall")]
        subject: String,
        /// The reasoning.
        #[arg(long)]
        justification: String,
        /// Who decided.
        #[arg(long, default_value = "breachkit")]
        author: String,
        /// When (RFC 3339); default: now.
        #[arg(long)]
        decided_at: Option<String>,
    },
    /// Record a report made, with the SHA-256 of each attached file.
    Reported {
        /// Incident id.
        id: String,
        /// To whom.
        #[arg(long)]
        recipient: String,
        /// The report record's id in the incident document, if any.
        #[arg(long)]
        report: Option<String>,
        /// Files sent (hashed, not stored).
        #[arg(long = "attach")]
        attach: Vec<PathBuf>,
        /// Who made it.
        #[arg(long, default_value = "breachkit")]
        author: String,
        /// When (RFC 3339); default: now.
        #[arg(long)]
        made_at: Option<String>,
    },
    /// Erase an incident's documents (every revision's document and note) on a deletion request,
    /// for example when its retention period ends. The request is kept in the audit chain; the
    /// incident stays listed with its decisions and reports, and `verify` still holds. Irreversible.
    Erase {
        /// Incident id.
        id: String,
        /// Who requested it (a free identifier).
        #[arg(long)]
        by: String,
        /// Why (the retention rule, the request's reference).
        #[arg(long)]
        reason: String,
        /// When (RFC 3339); default: now.
        #[arg(long)]
        requested_at: Option<String>,
    },
    /// Print the GDPR Art. 33(5) record of an incident as of an instant.
    Record {
        /// Incident id.
        id: String,
        /// The instant (RFC 3339).
        #[arg(long)]
        as_of: String,
        /// en or ja.
        #[arg(long, default_value = "en")]
        lang: String,
        /// Output format.
        #[arg(long, value_enum, default_value = "md")]
        format: RecordFormat,
    },
    /// Walk the audit chain; exit 0 when it holds, 1 with the first broken link.
    Verify {
        /// Output format.
        #[arg(long, value_enum, default_value = "table")]
        format: ListFormat,
    },
    /// Write the whole register as JSON lines (what `register add FILE.jsonl` imports).
    Export,
}

fn fail(msg: impl std::fmt::Display, code: u8) -> ExitCode {
    eprintln!("breachkit register: {msg}");
    ExitCode::from(code)
}

/// Exit codes: 3 for a conflict, 1 for a document or chain problem, 2 otherwise.
fn reg_fail(e: &RegisterError) -> ExitCode {
    let code = match e {
        RegisterError::Conflict { .. } => 3,
        RegisterError::InvalidDocument { .. }
        | RegisterError::NotFound { .. }
        | RegisterError::Erased { .. } => 1,
        _ => 2,
    };
    fail(e, code)
}

/// The incident id argument and an instant option (default: now), or the usage error's exit.
fn id_and_time(
    id: &str,
    arg: &str,
    value: Option<&str>,
) -> Result<(IncidentId, DateTime<Utc>), ExitCode> {
    match (incident_id(id), now_or(arg, value)) {
        (Ok(i), Ok(t)) => Ok((i, t)),
        (Err(e), _) | (_, Err(e)) => Err(fail(e, 2)),
    }
}

/// The outcome of a write that returns a number: the confirmation line, or the register error.
fn written(r: Result<u32, RegisterError>, line: impl FnOnce(u32) -> String) -> ExitCode {
    match r {
        Ok(n) => {
            out(&line(n));
            ExitCode::SUCCESS
        }
        Err(e) => reg_fail(&e),
    }
}

fn default_location() -> Result<String, String> {
    if let Some(l) = std::env::var_os("BREACHKIT_REGISTER") {
        return Ok(l.to_string_lossy().into_owned());
    }
    let dir = dirs::data_dir()
        .ok_or("no data directory for this user: pass --register PATH")?
        .join("breachkit");
    Ok(dir.join("register.db").display().to_string())
}

fn instant(arg: &str, value: &str) -> Result<DateTime<Utc>, String> {
    DateTime::parse_from_rfc3339(value)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| {
            format!("{arg}: expected an RFC 3339 time with offset, e.g. 2023-08-01T12:00:00+09:00")
        })
}

/// When a write is recorded: the given instant, else the wall clock. Recording is the one place
/// breachkit reads the clock: it stamps what the user does now; assessments never do.
fn now_or(arg: &str, value: Option<&str>) -> Result<DateTime<Utc>, String> {
    match value {
        Some(v) => instant(arg, v),
        None => Ok(DateTime::<Utc>::from(std::time::SystemTime::now())),
    }
}

fn incident_id(s: &str) -> Result<IncidentId, String> {
    IncidentId::try_new(s).map_err(|e| format!("incident id: {e}"))
}

fn load(path: &Path) -> Result<Incident, (String, u8)> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| (format!("{}: cannot read: {}", path.display(), e.kind()), 2))?;
    Incident::parse(&text, Format::from_path(path))
        .map_err(|e| (format!("{}: {e}", path.display()), 1))
}

fn out(text: &str) {
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}

fn json<T: serde::Serialize>(v: &T) -> String {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_default();
    s.push('\n');
    s
}

/// Runs a register subcommand.
pub(crate) fn run(args: RegisterArgs) -> ExitCode {
    let location = match args.location {
        Some(l) => l,
        None => match default_location() {
            Ok(l) => l,
            Err(e) => return fail(e, 2),
        },
    };
    let mut r = match reg::open(&location) {
        Ok(r) => r,
        Err(e) => return reg_fail(&e),
    };
    let r: &mut dyn Register = r.as_mut();
    match args.command {
        RegisterCommand::Init => match r.schema_version() {
            Ok(v) => {
                let shown = if r.backend() == "sqlite" {
                    location.as_str()
                } else {
                    "PostgreSQL"
                };
                out(&format!(
                    "register ready: {shown} ({}, schema version {v})\n",
                    r.backend()
                ));
                ExitCode::SUCCESS
            }
            Err(e) => reg_fail(&e),
        },
        RegisterCommand::Add {
            file,
            author,
            note,
            recorded_at,
        } => {
            if file.extension().is_some_and(|x| x == "jsonl") {
                return import(r, &file);
            }
            write(
                r,
                &file,
                0,
                &author,
                note.as_deref(),
                recorded_at.as_deref(),
            )
        }
        RegisterCommand::Update {
            file,
            parent,
            author,
            note,
            recorded_at,
        } => {
            if parent == 0 {
                return fail(
                    "--parent: revisions start at 1; use `register add` for a new incident",
                    2,
                );
            }
            write(
                r,
                &file,
                parent,
                &author,
                note.as_deref(),
                recorded_at.as_deref(),
            )
        }
        RegisterCommand::Show {
            id,
            revision,
            as_of,
        } => show(r, &id, revision, as_of.as_deref()),
        RegisterCommand::History { id, format } => history(r, &id, format),
        RegisterCommand::Diff {
            id,
            from,
            to,
            format,
        } => diff_cmd(r, &id, from, to, format),
        RegisterCommand::List { format } => match r.list() {
            Ok(list) => {
                match format {
                    ListFormat::Json => out(&json(&list)),
                    ListFormat::Table => {
                        let mut s = format!(
                            "{:<32} {:>8}  {:<27}  {}\n",
                            "incident", "latest", "first recorded", "last recorded"
                        );
                        for e in &list {
                            let erased = e
                                .erased_by
                                .map(|n| format!("  (erased: deletion request {n})"))
                                .unwrap_or_default();
                            s.push_str(&format!(
                                "{:<32} {:>8}  {:<27}  {}{erased}\n",
                                e.id, e.latest, e.first_recorded_at, e.last_recorded_at
                            ));
                        }
                        out(&s);
                    }
                }
                ExitCode::SUCCESS
            }
            Err(e) => reg_fail(&e),
        },
        RegisterCommand::Due { as_of, format } => due(r, &as_of, format),
        RegisterCommand::Assess { id, as_of, format } => match known_as_of(r, &id, &as_of) {
            Ok((incident, t)) => match breachkit::rules::assess(&incident, t) {
                Ok(a) => {
                    out(&match format {
                        ListFormat::Json => a.to_json(),
                        ListFormat::Table => a.to_text(),
                    });
                    ExitCode::SUCCESS
                }
                Err(e) => fail(e, 2),
            },
            Err(code) => code,
        },
        RegisterCommand::Report {
            id,
            kind,
            lang,
            format,
            as_of,
            entity,
        } => match known_as_of(r, &id, &as_of) {
            Ok((incident, t)) => {
                // The incident as known at the previous announcement: "what changed" lists what
                // was learned since, from the diff of the two revisions.
                let before = incident_id(&id)
                    .ok()
                    .and_then(|i| r.history(&i).ok())
                    .and_then(|h| breachkit::report::previous_known(&h, t, None));
                draft(&incident, before, t, &kind, &lang, &format, entity)
            }
            Err(code) => code,
        },
        RegisterCommand::Erase {
            id,
            by,
            reason,
            requested_at,
        } => {
            let (id, at) = match id_and_time(&id, "--requested-at", requested_at.as_deref()) {
                Ok(p) => p,
                Err(code) => return code,
            };
            let req = DeletionRequest::new(at, Text::new(by), Text::new(reason));
            written(r.erase(&id, &req), |n| {
                format!(
                    "erased the documents of {} (deletion request {n})\n",
                    id.as_str()
                )
            })
        }
        RegisterCommand::Decide {
            id,
            revision,
            risk,
            notify,
            subject,
            justification,
            author,
            decided_at,
        } => {
            let risk: RiskLevel = match serde_json::from_value(serde_json::Value::String(risk)) {
                Ok(r) => r,
                Err(_) => return fail("--risk: use unknown, unlikely, risk or high", 2),
            };
            let (id, decided_at) = match id_and_time(&id, "--decided-at", decided_at.as_deref()) {
                Ok(p) => p,
                Err(code) => return code,
            };
            let d = Decision {
                number: 0,
                revision,
                decided_at,
                author: Text::new(author),
                subject,
                risk,
                notify,
                justification: Text::new(justification),
            };
            written(r.record_decision(&id, &d), |n| {
                format!("recorded decision {n} on {}\n", id.as_str())
            })
        }
        RegisterCommand::Reported {
            id,
            recipient,
            report,
            attach,
            author,
            made_at,
        } => {
            let (id, made_at) = match id_and_time(&id, "--made-at", made_at.as_deref()) {
                Ok(p) => p,
                Err(code) => return code,
            };
            let mut attachments = Vec::new();
            for p in &attach {
                match std::fs::read(p) {
                    Ok(bytes) => attachments.push(Attachment {
                        name: Text::new(
                            p.file_name()
                                .map(|n| n.to_string_lossy().into_owned())
                                .unwrap_or_default(),
                        ),
                        sha256: reg::sha256_hex(&bytes),
                    }),
                    Err(e) => {
                        return fail(format!("{}: cannot read: {}", p.display(), e.kind()), 2);
                    }
                }
            }
            let m = ReportMade {
                number: 0,
                made_at,
                author: Text::new(author),
                report,
                recipient: Text::new(recipient),
                attachments,
                note: None,
            };
            written(r.record_report(&id, &m), |n| {
                format!("recorded report {n} on {}\n", id.as_str())
            })
        }
        RegisterCommand::Record {
            id,
            as_of,
            lang,
            format,
        } => record(r, &id, &as_of, &lang, format),
        RegisterCommand::Verify { format } => match r.verify() {
            Ok(v) => {
                match format {
                    ListFormat::Json => out(&json(&v)),
                    ListFormat::Table => match &v.broken {
                        None => out(&format!(
                            "chain valid: {} entries, head {}\n",
                            v.entries, v.head
                        )),
                        Some(b) => out(&format!(
                            "chain BROKEN at entry {}: {} (table {}); entries before it hold\n",
                            b.position,
                            serde_json::to_value(b.reason)
                                .ok()
                                .and_then(|x| x.as_str().map(str::to_owned))
                                .unwrap_or_default(),
                            b.table
                        )),
                    },
                }
                if v.is_valid() {
                    ExitCode::SUCCESS
                } else {
                    ExitCode::from(1)
                }
            }
            Err(e) => reg_fail(&e),
        },
        RegisterCommand::Export => match reg::export_lines(r) {
            Ok(lines) => {
                let mut w = std::io::stdout().lock();
                for l in lines {
                    let _ = writeln!(w, "{l}");
                }
                ExitCode::SUCCESS
            }
            Err(e) => reg_fail(&e),
        },
    }
}

fn write(
    r: &mut dyn Register,
    file: &Path,
    parent: u32,
    author: &str,
    note: Option<&str>,
    recorded_at: Option<&str>,
) -> ExitCode {
    let at = match now_or("--recorded-at", recorded_at) {
        Ok(t) => t,
        Err(e) => return fail(e, 2),
    };
    let incident = match load(file) {
        Ok(i) => i,
        Err((msg, code)) => return fail(msg, code),
    };
    match r.write_revision(&incident, parent, at, author, note) {
        Ok(n) => {
            out(&format!(
                "recorded revision {n} of {}\n",
                incident.id.as_str()
            ));
            ExitCode::SUCCESS
        }
        Err(e) => reg_fail(&e),
    }
}

fn import(r: &mut dyn Register, file: &Path) -> ExitCode {
    let text = match std::fs::read_to_string(file) {
        Ok(t) => t,
        Err(e) => return fail(format!("{}: cannot read: {}", file.display(), e.kind()), 2),
    };
    let mut n = 0;
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        if let Err(e) = reg::import_line(r, line) {
            eprintln!(
                "breachkit register: {}: line {}: {e}",
                file.display(),
                i + 1
            );
            return reg_fail(&e);
        }
        n += 1;
    }
    out(&format!("imported {n} lines\n"));
    ExitCode::SUCCESS
}

fn show(r: &mut dyn Register, id: &str, revision: Option<u32>, as_of: Option<&str>) -> ExitCode {
    let id = match incident_id(id) {
        Ok(i) => i,
        Err(e) => return fail(e, 2),
    };
    let h = match r.history(&id) {
        Ok(h) => h,
        Err(e) => return reg_fail(&e),
    };
    let rev = match (revision, as_of) {
        (Some(n), _) => h.revision(n),
        (None, Some(t)) => match instant("--as-of", t) {
            Ok(t) => h.current_at(t),
            Err(e) => return fail(e, 2),
        },
        (None, None) => h.latest(),
    };
    match rev {
        Some(rev) => {
            out(&rev.incident.to_json());
            ExitCode::SUCCESS
        }
        None => reg_fail(&RegisterError::NotFound { what: "revision" }),
    }
}

fn history(r: &mut dyn Register, id: &str, format: ListFormat) -> ExitCode {
    let id = match incident_id(id) {
        Ok(i) => i,
        Err(e) => return fail(e, 2),
    };
    let h = match r.history(&id) {
        Ok(h) => h,
        Err(e) => return reg_fail(&e),
    };
    #[derive(serde::Serialize)]
    struct Row {
        number: u32,
        recorded_at: DateTime<Utc>,
        author: String,
        note: Option<String>,
        changes: usize,
    }
    let rows: Vec<Row> = h
        .revisions
        .iter()
        .enumerate()
        .map(|(i, rev)| Row {
            number: rev.number,
            recorded_at: rev.recorded_at,
            author: rev.author.to_string(),
            note: rev.note.as_ref().map(|n| n.to_string()),
            changes: if i == 0 {
                0
            } else {
                diff(&h.revisions[i - 1].incident, &rev.incident).len()
            },
        })
        .collect();
    match format {
        ListFormat::Json => out(&json(&rows)),
        ListFormat::Table => {
            let mut s = format!(
                "{:>3}  {:<25} {:<20} {:>7}  note\n",
                "rev", "recorded at", "author", "changes"
            );
            for row in &rows {
                s.push_str(&format!(
                    "{:>3}  {:<25} {:<20} {:>7}  {}\n",
                    row.number,
                    row.recorded_at.to_rfc3339(),
                    row.author,
                    row.changes,
                    row.note.as_deref().unwrap_or("")
                ));
            }
            out(&s);
        }
    }
    ExitCode::SUCCESS
}

fn diff_cmd(r: &mut dyn Register, id: &str, from: u32, to: u32, format: ListFormat) -> ExitCode {
    let id = match incident_id(id) {
        Ok(i) => i,
        Err(e) => return fail(e, 2),
    };
    let h = match r.history(&id) {
        Ok(h) => h,
        Err(e) => return reg_fail(&e),
    };
    let (Some(a), Some(b)) = (h.revision(from), h.revision(to)) else {
        return reg_fail(&RegisterError::NotFound { what: "revision" });
    };
    let changes = diff(&a.incident, &b.incident);
    match format {
        ListFormat::Json => out(&json(&changes)),
        ListFormat::Table => {
            let mut s = String::new();
            for c in &changes {
                s.push_str(&format!(
                    "{:<22} {:<8} {}{}\n",
                    c.kind.code(),
                    serde_json::to_value(c.op)
                        .ok()
                        .and_then(|x| x.as_str().map(str::to_owned))
                        .unwrap_or_default(),
                    c.path,
                    c.id.as_deref()
                        .map(|i| format!("  ({i})"))
                        .unwrap_or_default()
                ));
            }
            s.push_str(&format!(
                "{} changes from revision {from} to {to}\n",
                changes.len()
            ));
            out(&s);
        }
    }
    ExitCode::SUCCESS
}

fn due(r: &mut dyn Register, as_of: &str, format: DueFormat) -> ExitCode {
    let as_of = match instant("--as-of", as_of) {
        Ok(t) => t,
        Err(e) => return fail(e, 2),
    };
    let ruleset: &Ruleset = match Ruleset::builtin() {
        Ok(rs) => rs,
        Err(e) => return fail(e, 2),
    };
    let items = match reg::due(r, ruleset, as_of) {
        Ok(i) => i,
        Err(e) => return reg_fail(&e),
    };
    match format {
        DueFormat::Json => out(&json(&items)),
        DueFormat::Ics => out(&reg::due_ics(&items, as_of)),
        DueFormat::Table => {
            let mut s = format!(
                "{:<26} {:<20} {:>3} {:<8} {:<30} {:<12} {:<10} recipient\n",
                "due", "incident", "rev", "obligor", "obligation", "status", "filing"
            );
            for i in &items {
                let due = match (&i.due_local, i.provisional) {
                    (Some(l), false) => l.clone(),
                    (Some(l), true) => format!("{l} (prov.)"),
                    (None, _) => "no fixed deadline".to_owned(),
                };
                s.push_str(&format!(
                    "{:<26} {:<20} {:>3} {:<8} {:<30} {:<12} {:<10} {}\n",
                    due,
                    i.incident,
                    i.revision,
                    i.obligor,
                    i.obligation,
                    i.status,
                    i.filing,
                    i.recipient
                ));
            }
            s.push_str(&format!("{} open obligations\n", items.len()));
            out(&s);
        }
    }
    ExitCode::SUCCESS
}

fn record(
    r: &mut dyn Register,
    id: &str,
    as_of: &str,
    lang: &str,
    format: RecordFormat,
) -> ExitCode {
    let (id, as_of) = match (incident_id(id), instant("--as-of", as_of)) {
        (Ok(i), Ok(t)) => (i, t),
        (Err(e), _) | (_, Err(e)) => return fail(e, 2),
    };
    let lang: breachkit::report::Lang = match lang.parse() {
        Ok(l) => l,
        Err(e) => return fail(e, 2),
    };
    let parts = r
        .history(&id)
        .and_then(|h| Ok((h, r.decisions(&id)?, r.reports(&id)?, r.verify()?)));
    let (h, decisions, reports, chain) = match parts {
        Ok(p) => p,
        Err(e) => return reg_fail(&e),
    };
    match reg::record(&h, &decisions, &reports, Some(&chain), as_of, lang) {
        Ok(rec) => {
            out(&match format {
                RecordFormat::Md => rec.to_markdown(),
                RecordFormat::Json => rec.to_json(),
            });
            ExitCode::SUCCESS
        }
        Err(e) => reg_fail(&e),
    }
}

/// The document of the revision current at `as_of`, and the instant.
fn known_as_of(
    r: &mut dyn Register,
    id: &str,
    as_of: &str,
) -> Result<(Incident, DateTime<Utc>), ExitCode> {
    let (id, t) = match (incident_id(id), instant("--as-of", as_of)) {
        (Ok(i), Ok(t)) => (i, t),
        (Err(e), _) | (_, Err(e)) => return Err(fail(e, 2)),
    };
    let h = r.history(&id).map_err(|e| reg_fail(&e))?;
    match h.current_at(t) {
        Some(rev) => Ok((rev.incident.clone(), t)),
        None => Err(fail(
            "nothing was recorded about this incident by --as-of",
            1,
        )),
    }
}

fn draft(
    incident: &Incident,
    previous_known: Option<Incident>,
    as_of: DateTime<Utc>,
    kind: &str,
    lang: &str,
    format: &str,
    entity: Option<String>,
) -> ExitCode {
    use breachkit::report as rep;
    let parsed = (
        kind.parse::<rep::ReportKind>(),
        lang.parse::<rep::Lang>(),
        format.parse::<rep::Format>(),
    );
    let (kind, lang, format) = match parsed {
        (Ok(k), Ok(l), Ok(f)) => (k, l, f),
        (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => return fail(e, 2),
    };
    let cat = match rep::Catalogue::builtin(lang) {
        Ok(c) => c,
        Err(e) => return fail(e, 2),
    };
    let assessment = match breachkit::rules::assess(incident, as_of) {
        Ok(a) => a,
        Err(e) => return fail(e, 2),
    };
    let mut opts = rep::Options::new(kind, lang, as_of);
    opts.entity = entity;
    opts.previous_known = previous_known;
    match rep::draft(incident, &assessment, &cat, &opts) {
        Ok(d) => {
            out(&rep::render(&d, &cat, format));
            ExitCode::SUCCESS
        }
        Err(e) => fail(e, 2),
    }
}

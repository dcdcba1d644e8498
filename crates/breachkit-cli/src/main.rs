//! The `breachkit` command line. Thin: every decision is made in the library crates.

mod veris;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use breachkit::model::{Format, Incident, ModelError, Problem};
use breachkit::rules::{Assessment, Ruleset};
use chrono::{DateTime, Utc};
use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(
    name = "breachkit",
    version,
    about = "Personal-data breach response: validate incidents, work out who must be notified by when."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum ConvertTo {
    Json,
    Toml,
}

#[derive(Clone, Copy, ValueEnum)]
enum OutFormat {
    Human,
    Json,
}

#[derive(Subcommand)]
enum Command {
    /// Check incident documents (JSON or TOML); exit 0 without errors, 1 with errors, 2 for usage or I/O problems.
    Validate {
        /// Incident files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value = "human")]
        format: OutFormat,
    },
    /// Print a readable summary of an incident.
    Show {
        /// Incident file.
        file: PathBuf,
    },
    /// Print the JSON Schema of the incident format.
    Schema,
    /// Draft a report, notice or announcement (Markdown, HTML or JSON; Japanese or English).
    Report {
        /// Incident file.
        file: PathBuf,
        /// ppc-preliminary, ppc-final, gdpr-art33, hhs, individual-notice or announcement.
        #[arg(long)]
        kind: String,
        /// ja or en.
        #[arg(long, default_value = "en")]
        lang: String,
        /// md, html or json.
        #[arg(long, default_value = "md")]
        format: String,
        /// The instant to draft as of (RFC 3339). Required: breachkit never reads the clock.
        #[arg(long)]
        as_of: String,
        /// Only this entity.
        #[arg(long)]
        entity: Option<String>,
        /// Only this audience group (individual notices).
        #[arg(long)]
        group: Option<String>,
        /// Announcement number (default: one after the last announcement dated before --as-of).
        #[arg(long)]
        sequence: Option<u32>,
        /// A TOML file overriding labels and templates of the language.
        #[arg(long)]
        templates: Option<PathBuf>,
    },
    /// Convert an incident between JSON (canonical) and TOML (authoring) on stdout.
    Convert {
        /// Incident file (JSON or TOML by extension).
        file: PathBuf,
        /// Target format.
        #[arg(long, value_enum)]
        to: ConvertTo,
    },
    /// Work out the notification obligations of every entity of an incident.
    Assess {
        /// Incident file.
        file: PathBuf,
        /// The instant to assess as of (RFC 3339, e.g. 2023-08-01T12:00:00+09:00). Required: the
        /// engine never reads the clock.
        #[arg(long)]
        as_of: String,
        /// Output format.
        #[arg(long, value_enum, default_value = "human")]
        format: OutFormat,
        /// Only this entity's obligations.
        #[arg(long)]
        entity: Option<String>,
        /// Extra rule files (a counsel's reading) loaded on top of the built-in rules.
        #[arg(long = "rules")]
        rules: Vec<PathBuf>,
    },
    /// VERIS 1.4.1: validate, import, export.
    #[command(subcommand)]
    Veris(veris::VerisCommand),
}

/// One problem of one file, as `validate --format json` prints it.
#[derive(serde::Serialize)]
pub(crate) struct ProblemOut {
    pub(crate) file: String,
    pub(crate) code: String,
    pub(crate) path: String,
    pub(crate) severity: &'static str,
    pub(crate) message: String,
}

impl ProblemOut {
    /// A document problem of a file.
    pub(crate) fn new(file: &str, p: Problem) -> ProblemOut {
        ProblemOut {
            file: file.to_owned(),
            code: p.code,
            path: p.path,
            severity: p.severity.code(),
            message: p.message,
        }
    }
}

/// Reads a file through the core's size-limited reader: an I/O failure is `Err(message)` (exit
/// 2); a file too large or not UTF-8 is a document error (exit 1).
pub(crate) fn read_text(path: &Path) -> Result<Result<String, ModelError>, String> {
    match breachkit::model::read_file(path) {
        Err(ModelError::Read { kind }) => Err(format!("{}: cannot read: {kind}", path.display())),
        other => Ok(other),
    }
}

/// Reads a file that is not an incident (rules, templates): every failure is one message.
fn read(path: &Path) -> Result<String, String> {
    match read_text(path)? {
        Ok(t) => Ok(t),
        Err(e) => Err(format!("{}: {e}", path.display())),
    }
}

/// Reads an incident for validation: parse errors are returned, not refused.
fn load_for_validate(path: &Path) -> Result<Result<Incident, ModelError>, String> {
    Ok(read_text(path)?.and_then(|text| Incident::parse(&text, Format::from_path(path))))
}

/// Reads an incident for any other command: a document that contradicts itself (duplicate ids,
/// parent cycle, sequence out of range) is refused before any work.
fn load(path: &Path) -> Result<Result<Incident, ModelError>, String> {
    Ok(load_for_validate(path)?.and_then(|i| i.check_consistent().map(|()| i)))
}

fn validate(files: &[PathBuf], format: OutFormat) -> ExitCode {
    let mut out: Vec<ProblemOut> = Vec::new();
    let mut io_error = false;
    for f in files {
        let file = f.display().to_string();
        match load_for_validate(f) {
            Err(msg) => {
                eprintln!("{msg}");
                io_error = true;
            }
            Ok(Err(e)) => out.push(ProblemOut {
                file,
                code: e.code().to_owned(),
                path: e.path().unwrap_or("/").to_owned(),
                severity: "error",
                message: e.rule(),
            }),
            Ok(Ok(incident)) => out.extend(
                incident
                    .validate()
                    .into_iter()
                    .map(|p| ProblemOut::new(&file, p)),
            ),
        }
    }
    print_problems(
        &out,
        matches!(format, OutFormat::Json),
        files.len(),
        io_error,
    )
}

/// Prints problems as text or JSON and picks the exit code: 2 for I/O problems, 1 when any
/// problem is an error, else 0. Shared by `validate` and `veris validate`.
pub(crate) fn print_problems(
    out: &[ProblemOut],
    json: bool,
    files: usize,
    io_error: bool,
) -> ExitCode {
    let errors = out.iter().filter(|p| p.severity == "error").count();
    let mut w = std::io::stdout().lock();
    if json {
        let _ = writeln!(
            w,
            "{}",
            serde_json::to_string_pretty(out).unwrap_or_else(|_| "[]".into())
        );
    } else {
        for p in out {
            let _ = writeln!(
                w,
                "{}: {}[{}] {}: {}",
                p.file, p.severity, p.code, p.path, p.message
            );
        }
        let _ = writeln!(
            w,
            "{files} file(s) checked: {errors} error(s), {} warning(s)",
            out.len() - errors
        );
    }
    if io_error {
        ExitCode::from(2)
    } else if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn fail(msg: impl std::fmt::Display, code: u8) -> ExitCode {
    eprintln!("breachkit: {msg}");
    ExitCode::from(code)
}

fn assess(
    file: &Path,
    as_of: &str,
    format: OutFormat,
    entity: Option<&str>,
    rules: &[PathBuf],
) -> ExitCode {
    let as_of: DateTime<Utc> = match DateTime::parse_from_rfc3339(as_of) {
        Ok(t) => t.with_timezone(&Utc),
        Err(_) => {
            return fail(
                "--as-of: expected an RFC 3339 time with offset, e.g. 2023-08-01T12:00:00+09:00",
                2,
            );
        }
    };
    let incident = match load(file) {
        Err(msg) => return fail(msg, 2),
        Ok(Err(e)) => return fail(format!("{}: {e}", file.display()), 1),
        Ok(Ok(i)) => i,
    };
    let mut ruleset: Ruleset = match Ruleset::builtin() {
        Ok(rs) => rs.clone(),
        Err(e) => return fail(e, 2),
    };
    for r in rules {
        let text = match read(r) {
            Ok(t) => t,
            Err(msg) => return fail(msg, 2),
        };
        if let Err(e) = ruleset.load_regime(&r.display().to_string(), &text) {
            return fail(e, 2);
        }
    }
    for w in ruleset.warnings() {
        eprintln!("breachkit: warning: {w}");
    }
    let mut a: Assessment = ruleset.assess(&incident, as_of);
    if let Some(e) = entity {
        if incident.organisations.iter().all(|o| o.id.as_str() != e) {
            return fail("--entity: no organisation with that id in the incident", 2);
        }
        a = a.only_entity(e);
    }
    let text = match format {
        OutFormat::Json => a.to_json(),
        OutFormat::Human => a.to_text(),
    };
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
    ExitCode::SUCCESS
}

struct ReportArgs<'a> {
    file: &'a Path,
    kind: &'a str,
    lang: &'a str,
    format: &'a str,
    as_of: &'a str,
    entity: Option<String>,
    group: Option<String>,
    sequence: Option<u32>,
    templates: Option<&'a Path>,
}

fn report(a: ReportArgs<'_>) -> ExitCode {
    use breachkit_report as r;
    let parsed = (
        a.kind.parse::<r::ReportKind>(),
        a.lang.parse::<r::Lang>(),
        a.format.parse::<r::Format>(),
    );
    let (kind, lang, format) = match parsed {
        (Ok(k), Ok(l), Ok(f)) => (k, l, f),
        (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => return fail(e, 2),
    };
    let as_of: DateTime<Utc> = match DateTime::parse_from_rfc3339(a.as_of) {
        Ok(t) => t.with_timezone(&Utc),
        Err(_) => {
            return fail(
                "--as-of: expected an RFC 3339 time with offset, e.g. 2023-10-25T12:00:00+09:00",
                2,
            );
        }
    };
    let incident = match load(a.file) {
        Err(msg) => return fail(msg, 2),
        Ok(Err(e)) => return fail(format!("{}: {e}", a.file.display()), 1),
        Ok(Ok(i)) => i,
    };
    let mut cat = match r::Catalogue::builtin(lang) {
        Ok(c) => c,
        Err(e) => return fail(e, 2),
    };
    if let Some(t) = a.templates {
        let text = match read(t) {
            Ok(t) => t,
            Err(msg) => return fail(msg, 2),
        };
        if let Err(e) = cat.load_overrides(&text) {
            return fail(e, 2);
        }
    }
    let assessment = match breachkit::rules::assess(&incident, as_of) {
        Ok(x) => x,
        Err(e) => return fail(e, 2),
    };
    let mut opts = r::Options::new(kind, lang, as_of);
    opts.entity = a.entity;
    opts.group = a.group;
    opts.sequence = a.sequence;
    match r::draft(&incident, &assessment, &cat, &opts) {
        Ok(drafts) => {
            let _ = std::io::stdout()
                .lock()
                .write_all(r::render(&drafts, &cat, format).as_bytes());
            ExitCode::SUCCESS
        }
        Err(e) => fail(e, 2),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Validate { files, format } => validate(&files, format),
        Command::Show { file } => match load(&file) {
            Err(msg) => fail(msg, 2),
            Ok(Err(e)) => fail(format!("{}: {e}", file.display()), 1),
            Ok(Ok(i)) => {
                let _ = std::io::stdout()
                    .lock()
                    .write_all(i.summary_text().as_bytes());
                ExitCode::SUCCESS
            }
        },
        Command::Schema => {
            let _ = std::io::stdout()
                .lock()
                .write_all(breachkit::model::incident_schema_json().as_bytes());
            ExitCode::SUCCESS
        }
        Command::Report {
            file,
            kind,
            lang,
            format,
            as_of,
            entity,
            group,
            sequence,
            templates,
        } => report(ReportArgs {
            file: &file,
            kind: &kind,
            lang: &lang,
            format: &format,
            as_of: &as_of,
            entity,
            group,
            sequence,
            templates: templates.as_deref(),
        }),
        Command::Convert { file, to } => match load(&file) {
            Err(msg) => fail(msg, 2),
            Ok(Err(e)) => fail(format!("{}: {e}", file.display()), 1),
            Ok(Ok(i)) => {
                let text = match to {
                    ConvertTo::Json => Ok(i.to_json()),
                    ConvertTo::Toml => i.to_toml(),
                };
                match text {
                    Ok(t) => {
                        let _ = std::io::stdout().lock().write_all(t.as_bytes());
                        ExitCode::SUCCESS
                    }
                    Err(e) => fail(e, 1),
                }
            }
        },
        Command::Assess {
            file,
            as_of,
            format,
            entity,
            rules,
        } => assess(&file, &as_of, format, entity.as_deref(), &rules),
        Command::Veris(cmd) => veris::run(cmd),
    }
}

//! The `breachkit` command line. Thin: every decision is made in the library crates.

mod register;
mod veris;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use breachkit::model::{Format, Incident, ModelError, Problem};
use breachkit::rules::{AssessOptions, Assessment, RulesError};
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

/// Formats of `assess`.
#[derive(Clone, Copy, ValueEnum)]
enum AssessFormat {
    /// Text for people.
    Human,
    /// The typed assessment (docs/schema/assessment.schema.json).
    Json,
    /// Markdown for a ticket.
    Md,
    /// One row per obligation (the same columns as Python's to_records()).
    Csv,
    /// An iCalendar feed: one event per deadline, stable UIDs.
    Ics,
}

/// Languages of the assessment's sentences.
#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    /// English.
    En,
    /// Japanese.
    Ja,
}

impl LangArg {
    fn core(self) -> breachkit::rules::Lang {
        match self {
            LangArg::En => breachkit::rules::Lang::En,
            LangArg::Ja => breachkit::rules::Lang::Ja,
        }
    }
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
        /// Incident file (`-` for standard input).
        file: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value = "human")]
        format: OutFormat,
    },
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff).
    Man,
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
        /// Extra rule files (a counsel's reading) loaded on top of the built-in rules.
        #[arg(long = "rules")]
        rules: Vec<PathBuf>,
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
        /// Incident file (`-` for standard input, read as JSON).
        file: PathBuf,
        /// The instant to assess as of (RFC 3339, e.g. 2023-08-01T12:00:00+09:00). Required: the
        /// engine never reads the clock.
        #[arg(long)]
        as_of: String,
        /// Output format.
        #[arg(long, value_enum, default_value = "human")]
        format: AssessFormat,
        /// Language of the sentences (codes are the same in every language).
        #[arg(long, value_enum, default_value = "en")]
        lang: LangArg,
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
    /// The breach register: incidents with every revision, decisions, reports, deadlines.
    Register(register::RegisterArgs),
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

/// Reads a file (or standard input for `-`) through the core's size-limited reader: an I/O
/// failure is `Err(message)` (exit 2); a file too large or not UTF-8 is a document error (exit 1).
pub(crate) fn read_text(path: &Path) -> Result<Result<String, ModelError>, String> {
    let read = if path.as_os_str() == "-" {
        breachkit::model::read_limited(
            std::io::stdin().lock(),
            breachkit::model::MAX_DOCUMENT_BYTES,
        )
    } else {
        breachkit::model::read_file(path)
    };
    match read {
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
        let parsed = read_text(f).map(|r| {
            r.map_err(|e| {
                vec![Problem {
                    code: e.code().to_owned(),
                    path: e.path().unwrap_or("/").to_owned(),
                    severity: breachkit::model::Severity::Error,
                    message: e.rule(),
                }]
            })
            .and_then(|text| Incident::parse_all(&text, Format::from_path(f)))
        });
        match parsed {
            Err(msg) => {
                eprintln!("{msg}");
                io_error = true;
            }
            // Every shape problem at once (the document checked against the format's schema).
            Ok(Err(problems)) => {
                out.extend(problems.into_iter().map(|p| ProblemOut::new(&file, p)))
            }
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
    format: AssessFormat,
    lang: LangArg,
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
    let mut opts = AssessOptions::new(as_of);
    opts.lang = lang.core();
    opts.entity = entity.map(str::to_owned);
    for r in rules {
        match read(r) {
            Ok(t) => opts.rule_files.push((r.display().to_string(), t)),
            Err(msg) => return fail(msg, 2),
        }
    }
    let a: Assessment = match breachkit::rules::assess_with_options(&incident, &opts) {
        Ok(a) => a,
        Err(RulesError::UnknownEntity) => {
            return fail("--entity: no organisation with that id in the incident", 2);
        }
        Err(e) => return fail(e, 2),
    };
    let text = match format {
        AssessFormat::Json => a.to_json(),
        AssessFormat::Human => {
            let mut t = a.to_text();
            t.push_str(&judgement_text(&incident, &a));
            t
        }
        AssessFormat::Md => a.to_markdown(),
        AssessFormat::Csv => a.to_csv(),
        AssessFormat::Ics => a.to_ics(),
    };
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
    ExitCode::SUCCESS
}

/// The judgement behind the obligations, per entity and per topic its regimes turn on: the
/// advisory verdict, the factors with their weights, the recorded decision and any
/// disagreement.
fn judgement_text(incident: &Incident, a: &Assessment) -> String {
    use breachkit::model::DecisionTopic;
    let mut s = String::new();
    for org in &incident.organisations {
        let regimes: Vec<&str> = a
            .obligations
            .iter()
            .filter(|o| o.obligor == org.id)
            .map(|o| o.regime.as_str())
            .collect();
        if regimes.is_empty() {
            continue;
        }
        let Ok(j) = breachkit::rules::judgement::judge_entity(incident, org.id.as_str()) else {
            continue;
        };
        s.push('\n');
        s.push_str(&breachkit::rules::judgement::entity_heading(
            org.id.as_str(),
            a.lang,
        ));
        s.push('\n');
        for (topic, prefixes) in [
            (DecisionTopic::GdprRisk, &["eu.gdpr", "uk.gdpr"][..]),
            (DecisionTopic::HipaaBreach, &["us.hipaa"][..]),
            (DecisionTopic::AppiLeak, &["jp.appi"][..]),
        ] {
            if regimes.iter().any(|r| prefixes.contains(r)) {
                s.push('\n');
                s.push_str(&j.get(topic).to_text_in(a.lang));
            }
        }
    }
    s
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
    rules: &'a [PathBuf],
}

fn report(a: ReportArgs<'_>) -> ExitCode {
    use breachkit::report as r;
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
    let mut files = Vec::new();
    for p in a.rules {
        match read(p) {
            Ok(t) => files.push((p.display().to_string(), t)),
            Err(msg) => return fail(msg, 2),
        }
    }
    let drafter = r::Drafter::new(cat).with_rule_files(files);
    let mut opts = r::Options::new(kind, lang, as_of);
    opts.entity = a.entity;
    opts.group = a.group;
    opts.sequence = a.sequence;
    match drafter.draft(&incident, &opts) {
        Ok(drafts) => {
            let _ = std::io::stdout()
                .lock()
                .write_all(r::render(&drafts, drafter.catalogue(), format).as_bytes());
            ExitCode::SUCCESS
        }
        Err(e) => fail(e, 2),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Validate { files, format } => validate(&files, format),
        Command::Show { file, format } => match load(&file) {
            Err(msg) => fail(msg, 2),
            Ok(Err(e)) => fail(format!("{}: {e}", file.display()), 1),
            Ok(Ok(i)) => {
                let text = match format {
                    OutFormat::Human => i.summary_text(),
                    OutFormat::Json => {
                        let mut t = serde_json::to_string_pretty(&i.summary()).unwrap_or_default();
                        t.push('\n');
                        t
                    }
                };
                let _ = std::io::stdout().lock().write_all(text.as_bytes());
                ExitCode::SUCCESS
            }
        },
        Command::Completions { shell } => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut cmd, "breachkit", &mut std::io::stdout());
            ExitCode::SUCCESS
        }
        Command::Man => {
            let cmd = <Cli as clap::CommandFactory>::command();
            let mut out = Vec::new();
            match clap_mangen::Man::new(cmd).render(&mut out) {
                Ok(()) => {
                    let _ = std::io::stdout().lock().write_all(&out);
                    ExitCode::SUCCESS
                }
                Err(e) => fail(format!("man: {}", e.kind()), 2),
            }
        }
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
            rules,
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
            rules: &rules,
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
            lang,
            entity,
            rules,
        } => assess(&file, &as_of, format, lang, entity.as_deref(), &rules),
        Command::Veris(cmd) => veris::run(cmd),
        Command::Register(args) => register::run(args),
    }
}

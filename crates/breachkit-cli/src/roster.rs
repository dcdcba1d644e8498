//! `breachkit roster ...`: exact head counts from an affected-people roster. Thin: the logic is
//! in `breachkit-roster`.
//!
//! Exit codes: 0 done; 1 the mapping, the roster or the incident has problems (or more bad rows
//! than `--max-bad-rows`); 2 usage or I/O. Nothing printed ever carries a roster value: bad rows
//! are named by file, row number and column.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use breachkit::model::{Format, Incident};
use breachkit::roster::apply::{self, NoticePlan};
use breachkit::roster::{Counter, InputFormat, Mapping, RosterError, Salt, source, synth};
use chrono::{DateTime, Utc};
use clap::{Args, Subcommand, ValueEnum};

/// Output format of `roster count`.
#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum CountFormat {
    Json,
    Md,
}

/// Options shared by the subcommands that read a roster.
#[derive(Args)]
pub(crate) struct RosterArgs {
    /// The roster mapping (TOML).
    mapping: PathBuf,
    /// Roster files: .csv, .jsonl/.ndjson, .parquet, .arrow/.arrows/.feather.
    #[arg(required = true)]
    rosters: Vec<PathBuf>,
    /// A file holding the secret salt of the person key (at least 16 bytes). Or set
    /// BREACHKIT_ROSTER_SALT. The salt is never written anywhere.
    #[arg(long)]
    salt_file: Option<PathBuf>,
    /// Malformed rows to skip (reported by row and column) before stopping.
    #[arg(long, default_value_t = 0)]
    max_bad_rows: u64,
    /// Never show a progress bar (it is shown only when stderr is a terminal).
    #[arg(long)]
    no_progress: bool,
}

/// Roster subcommands.
#[derive(Subcommand)]
pub(crate) enum RosterCommand {
    /// Check the mapping and read the roster, reporting malformed rows by row and column.
    Check {
        #[command(flatten)]
        args: RosterArgs,
    },
    /// Count distinct people per entity, group, jurisdiction and legal data class.
    Count {
        #[command(flatten)]
        args: RosterArgs,
        /// json (mergeable partial counts) or md (summary for a ticket).
        #[arg(long, value_enum, default_value = "json")]
        format: CountFormat,
    },
    /// Write a new revision of an incident with the roster's exact counts and residence.
    Apply {
        #[command(flatten)]
        args: RosterArgs,
        /// The incident (JSON or TOML).
        #[arg(long)]
        incident: PathBuf,
        /// Where to write the revision (JSON); stdout when left out.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Where to write a Markdown summary (counts only).
        #[arg(long)]
        summary: Option<PathBuf>,
    },
    /// Write per-person notice assignments: one CSV mailing list per notice variant.
    Assign {
        #[command(flatten)]
        args: RosterArgs,
        /// The incident (JSON or TOML); the roster's counts are applied to it first.
        #[arg(long)]
        incident: PathBuf,
        /// The instant to assess as of (RFC 3339). Required: breachkit never reads the clock.
        #[arg(long)]
        as_of: String,
        /// Folder for the mailing lists, summary.json and summary.md.
        #[arg(long)]
        out_dir: PathBuf,
    },
    /// Write a synthetic roster (CSV) for tests and benchmarks; never real data.
    Generate {
        /// About how many rows.
        #[arg(long, default_value_t = 10_000)]
        rows: u64,
        /// Seed: the same seed gives the same bytes.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Output file.
        #[arg(long)]
        out: PathBuf,
        /// Also print the mapping that reads it to this file.
        #[arg(long)]
        mapping_out: Option<PathBuf>,
    },
}

fn fail(msg: impl std::fmt::Display, code: u8) -> ExitCode {
    eprintln!("error: {msg}");
    ExitCode::from(code)
}

fn code_of(e: &RosterError) -> u8 {
    match e {
        RosterError::Io(_) | RosterError::Format(_) | RosterError::WeakSalt => 2,
        _ => 1,
    }
}

fn salt(args: &RosterArgs) -> Result<Salt, ExitCode> {
    let secret = match &args.salt_file {
        Some(p) => std::fs::read(p).map_err(|e| {
            fail(
                format!("{}: cannot read the salt file: {}", p.display(), e.kind()),
                2,
            )
        })?,
        None => match std::env::var_os("BREACHKIT_ROSTER_SALT") {
            Some(s) => s.into_encoded_bytes(),
            None => {
                return Err(fail(
                    "give --salt-file or set BREACHKIT_ROSTER_SALT (a secret of 16 bytes or more)",
                    2,
                ));
            }
        },
    };
    Salt::new(&secret).map_err(|e| fail(e, 2))
}

fn mapping(path: &Path) -> Result<Mapping, ExitCode> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| fail(format!("{}: cannot read: {}", path.display(), e.kind()), 2))?;
    Mapping::from_toml(&text).map_err(|problems| {
        for p in &problems {
            eprintln!("error: {}: {p}", path.display());
        }
        ExitCode::from(1)
    })
}

fn format_of(path: &Path) -> Result<InputFormat, ExitCode> {
    InputFormat::from_path(path).ok_or_else(|| {
        fail(
            format!(
                "{}: unknown roster format (use .csv, .jsonl, .parquet or .arrow)",
                path.display()
            ),
            2,
        )
    })
}

/// A progress bar on a terminal, nothing otherwise: rows/s, bytes and ETA.
struct Progress {
    bar: Option<indicatif::ProgressBar>,
}

impl Progress {
    fn new(total_bytes: u64, off: bool) -> Progress {
        let bar = (!off && std::io::stderr().is_terminal()).then(|| {
            let b = indicatif::ProgressBar::new(total_bytes);
            if let Ok(style) = indicatif::ProgressStyle::with_template(
                "{bar:30} {bytes}/{total_bytes} {msg} eta {eta}",
            ) {
                b.set_style(style);
            }
            b
        });
        Progress { bar }
    }
    fn update(&self, base: u64, rows: u64, bytes: u64, started: std::time::Instant) {
        if let Some(b) = &self.bar {
            b.set_position(base + bytes);
            let secs = started.elapsed().as_secs_f64().max(0.001);
            b.set_message(format!("{rows} rows, {:.0} rows/s", rows as f64 / secs));
        }
    }
    fn finish(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}

/// Reads every roster file into a sink, with progress, labelling bad rows by file.
fn read_all(
    files: &[PathBuf],
    sink: &mut dyn source::Sink,
    progress: &Progress,
) -> Result<(), RosterError> {
    let started = std::time::Instant::now();
    let mut base = 0u64;
    let mut rows_before = 0u64;
    for f in files {
        let format = InputFormat::from_path(f).ok_or(RosterError::Format("unknown extension"))?;
        let mut last = 0u64;
        let mut on = |rows: u64, bytes: u64| {
            last = bytes;
            progress.update(base, rows_before + rows, bytes, started);
        };
        let mut labelled = Labelled {
            inner: sink,
            rows: 0,
        };
        source::read_path(f, format, &mut labelled, &mut on)?;
        rows_before += labelled.rows;
        base += std::fs::metadata(f).map(|m| m.len()).unwrap_or(last);
    }
    Ok(())
}

struct Labelled<'a> {
    inner: &'a mut dyn source::Sink,
    rows: u64,
}

impl source::Sink for Labelled<'_> {
    fn columns(&self) -> Vec<String> {
        self.inner.columns()
    }
    fn row(&mut self, row: &dyn breachkit::roster::Row, n: u64) -> Result<(), RosterError> {
        self.rows = n;
        self.inner.row(row, n)
    }
    fn reject(&mut self, n: u64, column: &str, reason: &'static str) -> Result<(), RosterError> {
        self.rows = n;
        self.inner.reject(n, column, reason)
    }
}

/// Counts every file into one counter; prints bad rows (file, row, column) to stderr.
fn count_files(args: &RosterArgs, m: &Mapping, s: &Salt) -> Result<Counter, ExitCode> {
    let mut counter = Counter::new(m, s, args.max_bad_rows);
    for f in &args.rosters {
        format_of(f)?;
        if !f.is_file() {
            return Err(fail(format!("{}: cannot read: not a file", f.display()), 2));
        }
    }
    let total: u64 = args
        .rosters
        .iter()
        .filter_map(|f| std::fs::metadata(f).ok())
        .map(|m| m.len())
        .sum();
    let progress = Progress::new(total, args.no_progress);
    let mut files_done = 0usize;
    let mut result = Ok(());
    for (i, f) in args.rosters.iter().enumerate() {
        let before = counter.bad_rows().2.len();
        let r = read_all(std::slice::from_ref(f), &mut counter, &progress);
        for b in &counter.bad_rows().2[before..] {
            eprintln!("bad row: {}: {b}", f.display());
        }
        files_done = i + 1;
        if let Err(e) = r {
            result = Err(e);
            break;
        }
    }
    progress.finish();
    let _ = files_done;
    let (n, by_col, kept) = counter.bad_rows();
    if n > 0 {
        let cols: Vec<String> = by_col.iter().map(|(c, k)| format!("{c}: {k}")).collect();
        eprintln!(
            "{n} malformed row(s) skipped ({}){}",
            cols.join(", "),
            if n as usize > kept.len() {
                format!("; the first {} are listed", kept.len())
            } else {
                String::new()
            }
        );
    }
    match result {
        Ok(()) => Ok(counter),
        Err(e) => Err(fail(&e, code_of(&e))),
    }
}

fn load_incident(path: &Path) -> Result<Incident, ExitCode> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| fail(format!("{}: cannot read: {}", path.display(), e.kind()), 2))?;
    Incident::parse(&text, Format::from_path(path))
        .map_err(|e| fail(format!("{}: {e}", path.display()), 1))
}

fn write_out(path: Option<&Path>, text: &str) -> Result<(), ExitCode> {
    match path {
        Some(p) => apply::write_file(p, text).map_err(|e| fail(format!("{}: {e}", p.display()), 2)),
        None => {
            let _ = std::io::stdout().lock().write_all(text.as_bytes());
            Ok(())
        }
    }
}

fn run_inner(cmd: RosterCommand) -> Result<(), ExitCode> {
    match cmd {
        RosterCommand::Check { args } => {
            let m = mapping(&args.mapping)?;
            // The key is not written anywhere by `check`: a per-run salt is enough.
            let s = Salt::new(b"breachkit roster check: keys are never output")
                .map_err(|e| fail(e, 2))?;
            let c = count_files(&args, &m, &s)?;
            let (bad, _, _) = c.bad_rows();
            println!(
                "{} row(s) read, {bad} malformed; columns: {}",
                c.rows(),
                m.columns().join(", ")
            );
            if bad > 0 {
                return Err(ExitCode::from(1));
            }
        }
        RosterCommand::Count { args, format } => {
            let m = mapping(&args.mapping)?;
            let s = salt(&args)?;
            let c = count_files(&args, &m, &s)?;
            let counts = c.counts().map_err(|e| fail(e, 2))?;
            let text = match format {
                CountFormat::Json => {
                    let mut t = serde_json::to_string_pretty(&counts).unwrap_or_default();
                    t.push('\n');
                    t
                }
                CountFormat::Md => apply::summary_markdown(&counts, &[]),
            };
            write_out(None, &text)?;
        }
        RosterCommand::Apply {
            args,
            incident,
            out,
            summary,
        } => {
            let m = mapping(&args.mapping)?;
            let s = salt(&args)?;
            let inc = load_incident(&incident)?;
            let c = count_files(&args, &m, &s)?;
            let counts = c.counts().map_err(|e| fail(e, 2))?;
            let (rev, notes) = apply::apply(&inc, &counts).map_err(|e| fail(&e, 1))?;
            for n in &notes {
                eprintln!("note: {n}");
            }
            if let Some(p) = summary {
                apply::write_file(&p, &apply::summary_markdown(&counts, &notes))
                    .map_err(|e| fail(format!("{}: {e}", p.display()), 2))?;
            }
            let mut json = rev.to_json();
            if !json.ends_with('\n') {
                json.push('\n');
            }
            write_out(out.as_deref(), &json)?;
        }
        RosterCommand::Assign {
            args,
            incident,
            as_of,
            out_dir,
        } => {
            let as_of: DateTime<Utc> = DateTime::parse_from_rfc3339(&as_of)
                .map_err(|_| fail("--as-of: not an RFC 3339 time", 2))?
                .with_timezone(&Utc);
            let m = mapping(&args.mapping)?;
            let s = salt(&args)?;
            let inc = load_incident(&incident)?;
            let mut c = count_files(&args, &m, &s)?;
            let counts = c.counts().map_err(|e| fail(e, 2))?;
            let (rev, notes) = apply::apply(&inc, &counts).map_err(|e| fail(&e, 1))?;
            let rules = breachkit::rules::Ruleset::builtin().map_err(|e| fail(e, 2))?;
            let plan = NoticePlan::from_assessment(&rules.assess(&rev, as_of));
            let progress = Progress::new(0, true);
            let files = args.rosters.clone();
            let summary = apply::assign(&mut c, &plan, &out_dir, &mut |sink| {
                read_all(&files, sink, &progress)
            })
            .map_err(|e| fail(&e, code_of(&e)))?;
            let mut json = serde_json::to_string_pretty(&summary).unwrap_or_default();
            json.push('\n');
            apply::write_file(&out_dir.join("summary.json"), &json).map_err(|e| fail(e, 2))?;
            let mut md = apply::summary_markdown(&counts, &notes);
            md.push_str("\n## Mailing lists\n\n| variant | channel | people |\n|---|---|---:|\n");
            for (v, chans) in &summary.variants {
                for (ch, n) in chans {
                    md.push_str(&format!("| {v} | {ch} | {n} |\n"));
                }
            }
            md.push_str(&format!(
                "\nPeople owed no notice to individuals: {}\n",
                summary.without_notice
            ));
            apply::write_file(&out_dir.join("summary.md"), &md).map_err(|e| fail(e, 2))?;
            println!(
                "{} mailing list(s) written to {}",
                summary.files.len(),
                out_dir.display()
            );
        }
        RosterCommand::Generate {
            rows,
            seed,
            out,
            mapping_out,
        } => {
            let f = std::fs::File::create(&out)
                .map_err(|e| fail(format!("{}: cannot create: {}", out.display(), e.kind()), 2))?;
            let mut w = std::io::BufWriter::with_capacity(1 << 20, f);
            let truth = synth::generate(seed, rows, &mut w)
                .and_then(|t| w.flush().map(|()| t))
                .map_err(|e| fail(format!("{}: cannot write: {}", out.display(), e.kind()), 2))?;
            if let Some(p) = mapping_out {
                apply::write_file(&p, synth::MAPPING).map_err(|e| fail(e, 2))?;
            }
            println!(
                "{} rows, {} distinct people, {} spelling variants, {} near-misses",
                truth.rows, truth.persons, truth.variants, truth.near_misses
            );
        }
    }
    Ok(())
}

/// Runs a roster subcommand.
pub(crate) fn run(cmd: RosterCommand) -> ExitCode {
    match run_inner(cmd) {
        Ok(()) => ExitCode::SUCCESS,
        Err(code) => code,
    }
}

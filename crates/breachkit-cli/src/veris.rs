//! `breachkit veris ...`: VERIS 1.4.1 validation, import and export. Thin: the logic is in
//! `breachkit-veris`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use breachkit::model::{Format, Incident};
use clap::{Subcommand, ValueEnum};

/// Output format of `veris validate`.
#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum VerisFormat {
    Human,
    Json,
}

/// VERIS subcommands.
#[derive(Subcommand)]
pub(crate) enum VerisCommand {
    /// Check VERIS documents against the 1.4.1 schema and cross-field rules; exit 0 without
    /// errors, 1 with errors, 2 for usage or I/O problems.
    Validate {
        /// VERIS JSON files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value = "human")]
        format: VerisFormat,
    },
    /// Import a VERIS record (1.3.x or 1.4.x) and print it as a breachkit incident (JSON).
    Import {
        /// VERIS JSON file.
        file: PathBuf,
    },
    /// Export a breachkit incident (JSON or TOML) as VERIS 1.4.1 JSON.
    Export {
        /// Incident file.
        file: PathBuf,
    },
}

/// Reads a file through the core's size-limited reader; prints why not and gives the exit code
/// (2 for I/O, 1 for a file too large or not UTF-8).
fn read(path: &Path) -> Result<String, ExitCode> {
    match crate::read_text(path) {
        Err(msg) => {
            eprintln!("{msg}");
            Err(ExitCode::from(2))
        }
        Ok(Err(e)) => {
            eprintln!("breachkit: {}: {e}", path.display());
            Err(ExitCode::from(1))
        }
        Ok(Ok(t)) => Ok(t),
    }
}

fn print(text: &str) -> ExitCode {
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
    ExitCode::SUCCESS
}

fn validate(files: &[PathBuf], format: VerisFormat) -> ExitCode {
    let mut out = Vec::new();
    let mut io_error = false;
    for f in files {
        let file = f.display().to_string();
        let text = match crate::read_text(f) {
            Err(msg) => {
                eprintln!("{msg}");
                io_error = true;
                continue;
            }
            Ok(Err(e)) => {
                out.push(crate::ProblemOut {
                    file,
                    code: e.code().to_owned(),
                    path: "/".to_owned(),
                    severity: "error",
                    message: e.to_string(),
                });
                continue;
            }
            Ok(Ok(t)) => t,
        };
        match breachkit::veris::validate(&text) {
            Err(e) => out.push(crate::ProblemOut {
                file,
                code: e.code().to_owned(),
                path: e.path().unwrap_or("/").to_owned(),
                severity: "error",
                message: e.to_string(),
            }),
            Ok(problems) => out.extend(
                problems
                    .into_iter()
                    .map(|p| crate::ProblemOut::new(&file, p)),
            ),
        }
    }
    crate::print_problems(
        &out,
        matches!(format, VerisFormat::Json),
        files.len(),
        io_error,
    )
}

/// Runs a VERIS subcommand.
pub(crate) fn run(cmd: VerisCommand) -> ExitCode {
    match cmd {
        VerisCommand::Validate { files, format } => validate(&files, format),
        VerisCommand::Import { file } => {
            let text = match read(&file) {
                Ok(t) => t,
                Err(code) => return code,
            };
            match breachkit::veris::import_checked(&text) {
                Ok(inc) => print(&inc.to_json()),
                Err(e) => {
                    eprintln!("breachkit: {}: {e}", file.display());
                    ExitCode::from(1)
                }
            }
        }
        VerisCommand::Export { file } => {
            let text = match read(&file) {
                Ok(t) => t,
                Err(code) => return code,
            };
            let exported = Incident::parse(&text, Format::from_path(&file))
                .and_then(|i| i.check_consistent().map(|()| i))
                .map_err(breachkit::veris::VerisError::from)
                .and_then(|i| breachkit::veris::export(&i));
            match exported {
                Ok(v) => print(&format!(
                    "{}\n",
                    serde_json::to_string_pretty(&v).unwrap_or_default()
                )),
                Err(e) => {
                    eprintln!("breachkit: {}: {e}", file.display());
                    ExitCode::from(1)
                }
            }
        }
    }
}

//! `cargo xtask <command>`: the one local entry point that mirrors CI.
//!
//! - `test`: every test — Rust (unit, integration, doc), the committed JSON Schema, the CLI on the
//!   examples, the docs build, and the bindings' test suites where they exist. Installs what it
//!   needs (a Python venv with maturin and pytest; toolchains for the bindings).
//! - `schema`: regenerate `docs/schema/incident.schema.json`.
//! - `bench`: run the criterion benches; print medians and ratios to the baseline `parse/seiko`.
//! - `fuzz --seconds N`: run every cargo-fuzz target for N seconds (default 60).
//! - `missing-apis`: regenerate `bindings/uniffi/missing_apis.txt` (the ratchet `test` checks).

mod browser;
mod fuzz;
mod python;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

mod uniffi;

pub(crate) fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())
}

struct Steps {
    passed: Vec<String>,
    failed: Vec<String>,
}

impl Steps {
    fn run(&mut self, name: &str, f: impl FnOnce() -> Result<(), String>) {
        println!("\n==> {name}");
        let t = Instant::now();
        match f() {
            Ok(()) => {
                println!("==> {name}: ok ({:.0?})", t.elapsed());
                self.passed.push(name.to_owned());
            }
            Err(e) => {
                println!("==> {name}: FAILED: {e}");
                self.failed.push(name.to_owned());
            }
        }
    }
}

/// `--exclude P` for each package: the Rust steps leave out the packages that need Python, the
/// uniffi CLI (slow to build) or that are this tool itself.
fn exclude(packages: &[&'static str]) -> Vec<&'static str> {
    packages.iter().flat_map(|p| ["--exclude", *p]).collect()
}

pub(crate) fn sh(cmd: &mut Command) -> Result<(), String> {
    let shown = format!("{cmd:?}");
    let status = cmd
        .current_dir(root())
        .status()
        .map_err(|e| format!("{shown}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{shown} exited with {status}"))
    }
}

fn schema_path() -> PathBuf {
    root().join("docs/schema/incident.schema.json")
}

fn check_schema() -> Result<(), String> {
    let want = breachkit_model::incident_schema_json();
    let have = std::fs::read_to_string(schema_path())
        .map_err(|e| format!("docs/schema/incident.schema.json: {e}"))?;
    if want == have {
        Ok(())
    } else {
        Err("docs/schema/incident.schema.json is stale: run `cargo xtask schema` and commit".into())
    }
}

/// The engine must never read the clock: with chrono's `clock` feature off, `Utc::now()` does
/// not compile anywhere in the workspace.
fn no_clock() -> Result<(), String> {
    let out = Command::new(cargo())
        .args([
            "tree",
            "--workspace",
            "-e",
            "features",
            "-i",
            "chrono",
            "--prefix",
            "none",
        ])
        .current_dir(root())
        .output()
        .map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).into_owned());
    }
    let tree = String::from_utf8_lossy(&out.stdout);
    if tree.lines().any(|l| l.contains("chrono feature \"clock\"")) {
        return Err("a dependency turns on chrono's clock feature".into());
    }
    Ok(())
}

fn cli_on_examples() -> Result<(), String> {
    let bin = root().join("target/debug/breachkit");
    let mut examples: Vec<PathBuf> = std::fs::read_dir(root().join("docs/examples"))
        .map_err(|e| e.to_string())?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json" || x == "toml"))
        .collect();
    examples.sort();
    sh(Command::new(&bin).arg("validate").args(&examples))?;
    // The README's first command.
    sh(Command::new(&bin)
        .args([
            "assess",
            "docs/examples/seiko-2023.json",
            "--as-of",
            "2023-08-01T12:00:00+09:00",
        ])
        .stdout(std::process::Stdio::null()))?;
    // Usage errors exit 2, invalid documents 1.
    let code = Command::new(&bin)
        .args(["validate", "does-not-exist.json"])
        .current_dir(root())
        .stderr(std::process::Stdio::null())
        .status()
        .map_err(|e| e.to_string())?
        .code();
    if code != Some(2) {
        return Err(format!(
            "validate on a missing file exited {code:?}, expected 2"
        ));
    }
    Ok(())
}

/// Runs the criterion benches and prints each median as a ratio to the baseline's median
/// (`parse/seiko`), measured in the same run.
fn bench() -> Result<(), String> {
    sh(Command::new(cargo()).args(["bench", "-p", "breachkit-benches"]))?;
    let dir = root().join("target/criterion");
    let mut rows = Vec::new();
    let mut stack = vec![dir.clone()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.ends_with("new/estimates.json") {
                let text = std::fs::read_to_string(&p).map_err(|e| e.to_string())?;
                let median = text
                    .split("\"median\"")
                    .nth(1)
                    .and_then(|m| m.split("\"point_estimate\":").nth(1))
                    .and_then(|v| v.split([',', '}']).next())
                    .and_then(|v| v.trim().parse::<f64>().ok())
                    .ok_or("cannot read a median")?;
                let name = p
                    .parent()
                    .and_then(Path::parent)
                    .and_then(|x| x.strip_prefix(&dir).ok())
                    .map(|x| x.display().to_string())
                    .unwrap_or_default();
                rows.push((name, median));
            }
        }
    }
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    let base = rows
        .iter()
        .find(|r| r.0 == "parse_seiko")
        .map(|r| r.1)
        .ok_or("no baseline parse/seiko")?;
    println!(
        "\n{:<40} {:>12} {:>10}",
        "benchmark", "median", "÷ parse/seiko"
    );
    for (name, m) in rows {
        println!("{name:<40} {:>10.1}µs {:>10.2}", m / 1000.0, m / base);
    }
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("schema") => {
            match std::fs::write(schema_path(), breachkit_model::incident_schema_json()) {
                Ok(()) => {
                    println!("wrote {}", schema_path().display());
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("{e}");
                    ExitCode::from(2)
                }
            }
        }
        Some("browser") => match browser::test() {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("{e}");
                ExitCode::FAILURE
            }
        },
        Some("fuzz") => {
            let seconds = args
                .iter()
                .position(|a| a == "--seconds")
                .and_then(|i| args.get(i + 1))
                .and_then(|s| s.parse::<u64>().ok())
                .unwrap_or(60);
            match fuzz::run(seconds) {
                Ok(_) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("{e}");
                    ExitCode::FAILURE
                }
            }
        }
        Some("missing-apis") => match uniffi::check_missing_apis() {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("{e}");
                ExitCode::FAILURE
            }
        },
        Some("bench") => match bench() {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("{e}");
                ExitCode::FAILURE
            }
        },
        Some("test") => {
            let mut s = Steps {
                passed: Vec::new(),
                failed: Vec::new(),
            };
            s.run("rust: cargo fmt --check", || {
                sh(Command::new(cargo()).args(["fmt", "--all", "--", "--check"]))
            });
            s.run("rust: cargo clippy (warnings are errors)", || {
                sh(Command::new(cargo())
                    .args(["clippy", "--workspace", "--all-targets"])
                    .args(exclude(&["xtask", "uniffi-bindgen"]))
                    .args(["--", "-D", "warnings"]))
            });
            s.run(
                "determinism: chrono is built without its clock feature",
                no_clock,
            );
            s.run("rust: cargo test (unit, integration, doc)", || {
                sh(Command::new(cargo())
                    .args(["test", "--workspace"])
                    .args(exclude(&["xtask", "breachkit-python", "uniffi-bindgen"])))
            });
            s.run("docs: committed JSON Schema is current", check_schema);
            s.run("cli: validate and assess the examples", || {
                sh(Command::new(cargo()).args(["build", "-p", "breachkit-cli"]))?;
                cli_on_examples()
            });
            s.run("docs: cargo doc (warnings are errors)", || {
                sh(Command::new(cargo())
                    .args(["doc", "--no-deps", "--workspace"])
                    .args(exclude(&["xtask", "breachkit-python", "uniffi-bindgen"]))
                    .env("RUSTDOCFLAGS", "-D warnings"))
            });
            // 8 targets x 15 s: two minutes of fuzzing (plus the build), each run replaying the
            // kept regressions first.
            s.run("fuzz: every cargo-fuzz target for 15 s", || {
                fuzz::run(15).map(|_| ())
            });
            s.run(
                "python: maturin develop, pytest, stubtest, the guide's examples",
                python::test,
            );
            s.run(
                "reports: HTML in headless Chromium, screenshots in tests/artifacts",
                browser::test,
            );
            s.run("bindings: swift and kotlin (uniffi)", uniffi::test);
            println!("\nsteps passed: {}", s.passed.join(", "));
            if !s.failed.is_empty() {
                println!("steps FAILED: {}", s.failed.join(", "));
            }
            println!("{} passed, {} failed", s.passed.len(), s.failed.len());
            if s.failed.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        _ => {
            eprintln!("usage: cargo xtask <test|schema|bench|fuzz [--seconds N]|missing-apis>");
            ExitCode::from(2)
        }
    }
}

//! `cargo xtask <command>`: the one local entry point that mirrors CI.
//!
//! - `test`: every test — Rust (unit, integration, doc), the committed JSON Schema, the CLI on the
//!   examples, the docs build, and the bindings' test suites where they exist. Installs what it
//!   needs (a Python venv with maturin and pytest; toolchains for the bindings).
//! - `schema`: regenerate `docs/schema/incident.schema.json`.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

mod uniffi;

fn root() -> PathBuf {
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

fn sh(cmd: &mut Command) -> Result<(), String> {
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
        Some("test") => {
            let mut s = Steps {
                passed: Vec::new(),
                failed: Vec::new(),
            };
            s.run("rust: cargo fmt --check", || {
                sh(Command::new(cargo()).args(["fmt", "--all", "--", "--check"]))
            });
            s.run("rust: cargo test (unit, integration, doc)", || {
                sh(Command::new(cargo()).args([
                    "test",
                    "--workspace",
                    "--exclude",
                    "xtask",
                    "--exclude",
                    "uniffi-bindgen",
                ]))
            });
            s.run("docs: committed JSON Schema is current", check_schema);
            s.run("cli: validate and assess the examples", || {
                sh(Command::new(cargo()).args(["build", "-p", "breachkit-cli"]))?;
                cli_on_examples()
            });
            s.run("docs: cargo doc (warnings are errors)", || {
                sh(Command::new(cargo())
                    .args([
                        "doc",
                        "--no-deps",
                        "--workspace",
                        "--exclude",
                        "xtask",
                        "--exclude",
                        "uniffi-bindgen",
                    ])
                    .env("RUSTDOCFLAGS", "-D warnings"))
            });
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
            eprintln!("usage: cargo xtask <test|schema>");
            ExitCode::from(2)
        }
    }
}

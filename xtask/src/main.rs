//! `cargo xtask <command>`: the one local entry point that mirrors CI.
//!
//! - `test`: every test — Rust (unit, integration, doc), the committed JSON Schema, the CLI on the
//!   examples, the docs build, and the bindings' test suites where they exist. Installs what it
//!   needs (a Python venv with maturin and pytest; toolchains for the bindings).
//! - `schema`: regenerate `docs/schema/incident.schema.json` and `docs/schema/history.schema.json`.
//! - `bench`: run the criterion benches; print medians and ratios to the baseline `parse/seiko`.
//! - `fuzz [--seconds N] [--sanitizer none|address]`: run every cargo-fuzz target for N seconds
//!   (default 60) after its seeds.
//! - `postgres`: start a throwaway PostgreSQL server and run the register's PostgreSQL tests.
//! - `postgres-bench`: the register benchmark on SQLite and on a throwaway PostgreSQL server.

mod browser;
mod fuzz;
mod postgres;
mod python;
mod regimes_doc;
mod roster;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

mod uniffi;

pub(crate) fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

pub(crate) fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())
}

struct Steps {
    passed: Vec<String>,
    failed: Vec<String>,
    /// `--only GROUP[,GROUP]`: run only the steps whose name starts with `GROUP:`.
    only: Option<Vec<String>>,
}

impl Steps {
    fn run(&mut self, name: &str, f: impl FnOnce() -> Result<(), String>) {
        if let Some(only) = &self.only {
            let group = name.split(':').next().unwrap_or("").trim();
            if !only.iter().any(|g| g == group) {
                return;
            }
        }
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

/// The committed generated files and the functions that generate them.
fn schemas() -> [(PathBuf, String); 4] {
    [
        (schema_path(), breachkit_model::incident_schema_json()),
        (
            root().join("docs/schema/history.schema.json"),
            breachkit_model::history_schema_json(),
        ),
        (
            root().join("docs/schema/assessment.schema.json"),
            breachkit_rules::assessment_schema_json(),
        ),
        (
            root().join("docs/problem-codes.md"),
            breachkit_model::problem_codes_markdown(),
        ),
    ]
}

fn check_schema() -> Result<(), String> {
    for (path, want) in schemas() {
        let have =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        if want != have {
            return Err(format!(
                "{} is stale: run `cargo xtask schema` and commit",
                path.display()
            ));
        }
    }
    Ok(())
}

/// The engine must never read the clock: the crates that assess, draft and keep the register
/// (and the facade with its default features) build with chrono's `clock` feature off, so
/// `Utc::now()` does not compile in them. The roster crate is left out: arrow-array turns the
/// feature on unconditionally, and the roster counts rows, it computes no deadline; a build with
/// the facade's `roster` feature has the feature on, but the engine's source is the one checked
/// here (see docs/design.md). The CLI and the bindings turn `roster` on and read the clock
/// only for defaults such as `--recorded-at` (now), never inside the engine.
fn no_clock() -> Result<(), String> {
    let out = Command::new(cargo())
        .args([
            "tree",
            "-p",
            "breachkit",
            "-p",
            "breachkit-model",
            "-p",
            "breachkit-rules",
            "-p",
            "breachkit-report",
            "-p",
            "breachkit-register",
            "-p",
            "breachkit-veris",
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

/// `cargo metadata` of the whole workspace (every dependency, every target).
fn metadata() -> Result<serde_json::Value, String> {
    let out = Command::new(cargo())
        .args(["metadata", "--format-version", "1", "--locked"])
        .current_dir(root())
        .output()
        .map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).into_owned());
    }
    serde_json::from_slice(&out.stdout).map_err(|e| e.to_string())
}

fn version_tuple(v: &str) -> [u32; 3] {
    let mut out = [0; 3];
    for (slot, x) in out.iter_mut().zip(v.split('.')) {
        *slot = x.parse().unwrap_or(0);
    }
    out
}

/// The crates a user builds (the facade, the domain crates and the CLI), whose normal and build
/// dependencies must honour the declared rust-version. Bindings, benches and xtask are the
/// project's own tooling and may need a newer compiler.
const PUBLISHED: &[&str] = &[
    "breachkit",
    "breachkit-model",
    "breachkit-rules",
    "breachkit-report",
    "breachkit-veris",
    "breachkit-register",
    "breachkit-roster",
    "breachkit-cli",
];

/// The MSRV check: no installed toolchain older than the current one can be fetched here, so
/// the workspace's `rust-version` is checked against what every resolved dependency declares
/// (the same data cargo's MSRV-aware resolver uses). A dependency that needs a newer compiler
/// than ours fails the step.
fn msrv() -> Result<(), String> {
    let meta = metadata()?;
    let all = meta["packages"].as_array().ok_or("no packages")?;
    // The closure of normal and build dependencies of the published crates.
    let nodes = meta["resolve"]["nodes"]
        .as_array()
        .ok_or("no resolve graph")?;
    let mut keep: std::collections::BTreeSet<String> = all
        .iter()
        .filter(|p| PUBLISHED.contains(&p["name"].as_str().unwrap_or("")))
        .filter_map(|p| p["id"].as_str().map(str::to_owned))
        .collect();
    let mut stack: Vec<String> = keep.iter().cloned().collect();
    while let Some(id) = stack.pop() {
        let Some(node) = nodes.iter().find(|n| n["id"] == id.as_str()) else {
            continue;
        };
        for dep in node["deps"].as_array().into_iter().flatten() {
            let normal = dep["dep_kinds"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|k| k["kind"].is_null() || k["kind"] == "build");
            if let (true, Some(pkg)) = (normal, dep["pkg"].as_str()) {
                if keep.insert(pkg.to_owned()) {
                    stack.push(pkg.to_owned());
                }
            }
        }
    }
    let packages: Vec<&serde_json::Value> = all
        .iter()
        .filter(|p| p["id"].as_str().is_some_and(|id| keep.contains(id)))
        .collect();
    let ours = packages
        .iter()
        .find(|p| p["name"] == "breachkit")
        .and_then(|p| p["rust_version"].as_str())
        .ok_or("the facade declares no rust-version")?;
    let mut too_new: Vec<String> = packages
        .iter()
        .filter_map(|p| {
            let rv = p["rust_version"].as_str()?;
            (version_tuple(rv) > version_tuple(ours)).then(|| {
                format!(
                    "{} {} needs {rv}",
                    p["name"].as_str().unwrap_or("?"),
                    p["version"].as_str().unwrap_or("?")
                )
            })
        })
        .collect();
    too_new.sort();
    if too_new.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "rust-version {ours} is below what these dependencies declare: {}",
            too_new.join("; ")
        ))
    }
}

/// Licences the project accepts in its dependency tree (SPDX ids). Every dependency's licence
/// expression must be satisfiable from this list ("A OR B" needs one, "A AND B" needs both).
const LICENCE_ALLOW: &[&str] = &[
    "MIT",
    "Apache-2.0",
    "Apache-2.0 WITH LLVM-exception",
    "BSD-2-Clause",
    "BSD-3-Clause",
    "ISC",
    "Zlib",
    "Unicode-3.0",
    "Unicode-DFS-2016",
    "Unlicense",
    "MPL-2.0",
    "CC0-1.0",
    "BSL-1.0",
    "0BSD",
    "CDLA-Permissive-2.0",
    "MIT-0",
];

fn licence_ok(expr: &str) -> bool {
    // The expressions on crates.io are flat: OR of terms, each term an AND of ids ("/" is an old
    // spelling of OR); parentheses are dropped.
    let expr = expr.replace(['(', ')'], "").replace('/', " OR ");
    expr.split(" OR ").any(|term| {
        term.split(" AND ")
            .all(|id| LICENCE_ALLOW.contains(&id.trim()))
    })
}

/// The licence check (what `cargo deny check licenses` does, from `cargo metadata`). The
/// advisory check of cargo-deny needs the RustSec database from GitHub, which this project's
/// machines cannot reach; see docs/design.md.
fn licences() -> Result<(), String> {
    let meta = metadata()?;
    let packages = meta["packages"].as_array().ok_or("no packages")?;
    let mut bad: Vec<String> = packages
        .iter()
        .filter(|p| p["source"].is_string())
        .filter_map(|p| {
            let name = p["name"].as_str().unwrap_or("?");
            match p["license"].as_str() {
                Some(l) if licence_ok(l) => None,
                Some(l) => Some(format!("{name}: {l}")),
                None => Some(format!("{name}: no licence declared")),
            }
        })
        .collect();
    bad.sort();
    bad.dedup();
    if bad.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "licences not on the allow list: {}",
            bad.join("; ")
        ))
    }
}

fn cli_on_examples() -> Result<(), String> {
    let bin = root().join("target/debug/breachkit");
    let mut examples: Vec<PathBuf> = std::fs::read_dir(root().join("docs/examples"))
        .map_err(|e| e.to_string())?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json" || x == "toml"))
        .filter(|p| !p.to_string_lossy().ends_with("-history.json"))
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
            for (path, text) in schemas() {
                if let Err(e) = std::fs::write(&path, text) {
                    eprintln!("{}: {e}", path.display());
                    return ExitCode::from(2);
                }
                println!("wrote {}", path.display());
            }
            ExitCode::SUCCESS
        }
        // Rewrites bindings/uniffi/missing_apis.txt when stale (the first step of `test`'s
        // uniffi part, alone): exit 1 after a rewrite, 0 when it was current.
        Some("missing-apis") => match uniffi::check_missing_apis() {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("{e}");
                ExitCode::FAILURE
            }
        },
        Some("browser") => match browser::test() {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("{e}");
                ExitCode::FAILURE
            }
        },
        Some("regimes-doc") => match regimes_doc::write() {
            Ok(()) => {
                println!("wrote {}", regimes_doc::path().display());
                ExitCode::SUCCESS
            }
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
            let sanitizer = args
                .iter()
                .position(|a| a == "--sanitizer")
                .and_then(|i| args.get(i + 1))
                .map_or(fuzz::DEFAULT_SANITIZER, String::as_str);
            match fuzz::run(seconds, sanitizer) {
                Ok(_) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("{e}");
                    ExitCode::FAILURE
                }
            }
        }
        Some("postgres") => match postgres::test() {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("{e}");
                ExitCode::FAILURE
            }
        },
        Some("postgres-bench") => match postgres::bench() {
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
            let only = match (args.get(1).map(String::as_str), args.get(2)) {
                (None, _) => None,
                (Some("--only"), Some(groups)) => {
                    Some(groups.split(',').map(str::to_owned).collect::<Vec<_>>())
                }
                _ => {
                    eprintln!(
                        "usage: cargo xtask test [--only GROUP[,GROUP…]]  (groups: rust, msrv, licences, determinism, docs, cli, python, reports, bindings, and those of later steps)"
                    );
                    return ExitCode::from(2);
                }
            };
            let mut s = Steps {
                passed: Vec::new(),
                failed: Vec::new(),
                only,
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
            s.run(
                "msrv: every dependency declares a rust-version the workspace's can build",
                msrv,
            );
            s.run(
                "licences: every dependency's licence is on the allow list",
                licences,
            );
            s.run("rust: cargo test (unit, integration, doc)", || {
                sh(Command::new(cargo())
                    .args(["test", "--workspace"])
                    .args(exclude(&["xtask", "breachkit-python", "uniffi-bindgen"])))
            });
            s.run(
                "register: PostgreSQL suite on a throwaway server",
                postgres::test,
            );
            s.run("docs: committed JSON Schema is current", check_schema);
            s.run(
                "docs: docs/regimes/us-states.md is current (generated from the rules)",
                regimes_doc::check,
            );
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
            // 8 targets x 15 s: two minutes of fuzzing (plus the build, cached under
            // /var/cache/breachkit), each run replaying the seeds and kept regressions first.
            s.run("fuzz: every cargo-fuzz target for 15 s", || {
                fuzz::run(15, fuzz::DEFAULT_SANITIZER).map(|_| ())
            });
            s.run(
                "python: ratchet bindings/python/missing_apis.txt",
                python::check_missing_apis,
            );
            s.run(
                "python: maturin develop, pytest, stubtest, the guide's examples",
                python::test,
            );
            s.run("roster: PySpark and Dask examples", roster::test);
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
        Some("ratchet") => {
            // Rewrites both missing-API lists (the test step fails while either is stale).
            let results = [uniffi::check_missing_apis(), python::check_missing_apis()];
            let mut code = ExitCode::SUCCESS;
            for r in results {
                if let Err(e) = r {
                    eprintln!("{e}");
                    code = ExitCode::FAILURE;
                }
            }
            code
        }
        _ => {
            eprintln!(
                "usage: cargo xtask <test|schema|regimes-doc|ratchet|missing-apis|bench|fuzz [--seconds N] [--sanitizer S]|postgres|postgres-bench>"
            );
            ExitCode::from(2)
        }
    }
}

//! `cargo xtask fuzz --seconds N` and the `fuzz: ...` step of `cargo xtask test`: every cargo-fuzz
//! target in `fuzz/` (its own workspace), seeded from committed files only: the examples, the
//! scenario corpus, the probe's reproducers, the VERIS fixtures, the built-in rule and template
//! files, and the kept regressions.
//!
//! - **Toolchain**: the machine's one Rust toolchain (stable; no other can be fetched here).
//!   cargo-fuzz passes unstable `-Z` flags, so its commands run with `RUSTC_BOOTSTRAP=1`; nothing
//!   else in the build sees that variable.
//! - **Cache**: cargo-fuzz is installed (pinned) under the toolchain cache
//!   (`BREACHKIT_TOOLCHAIN_CACHE`, default `/var/cache/breachkit`), and the fuzz build's target
//!   directory lives there too (`fuzz-target/`), so a warm machine only rebuilds our own crates.
//! - **Bounded**: each target runs for `seconds` of fuzzing after replaying its seeds; the working
//!   corpus (`fuzz/corpus/`, ignored by git) is fresh in every CI clone, so the replay is the
//!   committed seeds.
//! - **Crashes fail the run**: a panic, a timeout or an out-of-memory stop fails the step, and
//!   the input that caused it is copied to `tests/fixtures/fuzz/<target>/` so that it stays a
//!   regression fixture: each run replays those first, and the binding harnesses read them too.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use crate::root;

/// The targets and the directories their seeds come from (read recursively by libFuzzer).
const TARGETS: &[(&str, &[&str])] = &[
    (
        "read_json",
        &[
            "docs/examples",
            "tests/fixtures/probe",
            "tests/fixtures/scenarios",
        ],
    ),
    ("read_toml", &["docs/examples", "tests/fixtures/probe"]),
    (
        "validate",
        &[
            "docs/examples",
            "tests/fixtures/probe",
            "tests/fixtures/scenarios",
        ],
    ),
    (
        "assess",
        &[
            "docs/examples",
            "tests/fixtures/probe",
            "tests/fixtures/scenarios",
        ],
    ),
    ("draft", &["docs/examples", "tests/fixtures/probe"]),
    (
        "rules",
        &["crates/breachkit-rules/rules", "tests/fixtures/probe"],
    ),
    ("templates", &["crates/breachkit-report/templates"]),
    ("veris", &["tests/fixtures/veris/vcdb-sample"]),
];

fn cache_dir() -> PathBuf {
    std::env::var_os("BREACHKIT_TOOLCHAIN_CACHE")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/var/cache/breachkit"))
}

/// The cargo-fuzz release the step installs and expects.
const CARGO_FUZZ_VERSION: &str = "0.13.2";

/// Which sanitizer the fuzz build uses: `none` by default. Our crates forbid `unsafe`, so
/// AddressSanitizer could only find bugs in dependencies' unsafe code, at about twice the build
/// time and a third of the executions per second; panics, timeouts and memory blow-ups are caught
/// without it. `cargo xtask fuzz --sanitizer address` runs the deeper check by hand.
pub(crate) const DEFAULT_SANITIZER: &str = "none";

/// `cargo` with the cached cargo-fuzz on the PATH, and the one toolchain allowed cargo-fuzz's
/// `-Z` flags.
fn cargo_fuzz() -> Command {
    let bin = cache_dir().join("cargo-fuzz/bin");
    let path = std::env::var_os("PATH").unwrap_or_default();
    let mut dirs = vec![bin];
    dirs.extend(std::env::split_paths(&path));
    let mut c = Command::new(crate::cargo());
    c.env("PATH", std::env::join_paths(dirs).unwrap_or(path));
    c.env("RUSTC_BOOTSTRAP", "1");
    c.current_dir(root());
    c
}

fn ensure_cargo_fuzz() -> Result<(), String> {
    let have = cargo_fuzz()
        .args(["fuzz", "--version"])
        .output()
        .is_ok_and(|o| {
            o.status.success() && String::from_utf8_lossy(&o.stdout).contains(CARGO_FUZZ_VERSION)
        });
    if have {
        return Ok(());
    }
    let root_dir = cache_dir().join("cargo-fuzz");
    crate::sh(Command::new(crate::cargo()).args([
        "install",
        "cargo-fuzz",
        "--version",
        CARGO_FUZZ_VERSION,
        "--locked",
        "--root",
        &root_dir.display().to_string(),
    ]))
}

/// The flags every `cargo fuzz build|run` gets, so that `run` reuses what `build` made.
fn build_flags(sanitizer: &str) -> Vec<String> {
    vec![
        "--debug-assertions".into(),
        "--sanitizer".into(),
        sanitizer.into(),
        "--target-dir".into(),
        cache_dir()
            .join(format!("fuzz-target-{sanitizer}"))
            .display()
            .to_string(),
    ]
}

fn files_in(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .map(|e| e.path())
                .filter(|p| p.is_file())
                .collect()
        })
        .unwrap_or_default()
}

/// Runs every target for `seconds` each after its seeds. Returns the total time of the runs in
/// seconds (seed replay included, build excluded).
pub(crate) fn run(seconds: u64, sanitizer: &str) -> Result<u64, String> {
    ensure_cargo_fuzz()?;
    let t = Instant::now();
    let status = cargo_fuzz()
        .args(["fuzz", "build"])
        .args(build_flags(sanitizer))
        .status()
        .map_err(|e| format!("cargo fuzz build: {e}"))?;
    if !status.success() {
        return Err(format!("cargo fuzz build exited with {status}"));
    }
    println!("--- fuzz build: {:.1?}", t.elapsed());
    let mut failed = Vec::new();
    let mut total = 0u64;
    for (target, seeds) in TARGETS {
        let corpus = root().join("fuzz/corpus").join(target);
        let artifacts = root().join("fuzz/artifacts").join(target);
        let regressions = root().join("tests/fixtures/fuzz").join(target);
        for d in [&corpus, &artifacts] {
            std::fs::create_dir_all(d).map_err(|e| format!("{}: {e}", d.display()))?;
        }
        let before: Vec<PathBuf> = files_in(&artifacts);
        let mut dirs: Vec<PathBuf> = vec![corpus.clone()];
        if regressions.is_dir() {
            dirs.push(regressions.clone());
        }
        dirs.extend(seeds.iter().map(|s| root().join(s)));
        let started = Instant::now();
        let status = cargo_fuzz()
            .args(["fuzz", "run"])
            .args(build_flags(sanitizer))
            .arg(target)
            .args(&dirs)
            .arg("--")
            .arg(format!("-max_total_time={seconds}"))
            .arg(format!("-artifact_prefix={}/", artifacts.display()))
            .args(["-timeout=20", "-rss_limit_mb=2048", "-print_final_stats=1"])
            .status()
            .map_err(|e| format!("cargo fuzz run {target}: {e}"))?;
        let took = started.elapsed().as_secs();
        total = total.saturating_add(took);
        println!("--- fuzz {target}: {took} s, {status}");
        if !status.success() {
            // Keep what libFuzzer saved as a regression fixture.
            std::fs::create_dir_all(&regressions)
                .map_err(|e| format!("{}: {e}", regressions.display()))?;
            for a in files_in(&artifacts) {
                if before.contains(&a) {
                    continue;
                }
                if let Some(name) = a.file_name() {
                    let _ = std::fs::copy(&a, regressions.join(name));
                    println!("--- kept {} as a regression fixture", a.display());
                }
            }
            failed.push(*target);
        }
    }
    println!(
        "--- fuzzing time in all: {total} s over {} targets",
        TARGETS.len()
    );
    if failed.is_empty() {
        Ok(total)
    } else {
        Err(format!(
            "fuzz targets failed: {} (inputs kept in tests/fixtures/fuzz/)",
            failed.join(", ")
        ))
    }
}

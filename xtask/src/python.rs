//! `python: ...` step of `cargo xtask test`: build the extension into a venv and run the Python
//! suite (pytest, the stub check, the guide's code blocks).

use std::path::PathBuf;
use std::process::Command;

use crate::{root, sh};

fn venv_bin(name: &str) -> PathBuf {
    root().join(".venv/bin").join(name)
}

/// Creates `.venv` if missing, installs maturin, pytest and mypy, runs `maturin develop`, pytest
/// (where "no tests collected" is a failure) and stubtest.
pub(crate) fn test() -> Result<(), String> {
    if !venv_bin("python").exists() {
        sh(Command::new("python3").args(["-m", "venv", ".venv"]))?;
    }
    sh(Command::new(venv_bin("python")).args([
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        "maturin>=1.16,<2",
        "pytest",
        "mypy",
        // The optional table exports are tested too, so they are installed here.
        "pandas",
        "pyarrow",
        // A real iCalendar parser reads back `assess --format ics` in the tests.
        "icalendar",
    ]))?;
    let venv = root().join(".venv");
    let bindings = root().join("bindings/python");
    // `sh` runs from the repository root; maturin must run in the binding's directory.
    let status = Command::new(venv_bin("maturin"))
        .args(["develop", "--quiet"])
        .current_dir(&bindings)
        .env("VIRTUAL_ENV", &venv)
        .status()
        .map_err(|e| format!("maturin develop: {e}"))?;
    if !status.success() {
        return Err(format!("maturin develop exited with {status}"));
    }
    let pytest = Command::new(venv_bin("python"))
        .args(["-m", "pytest", "-q", "bindings/python/tests"])
        .current_dir(root())
        .status()
        .map_err(|e| format!("pytest: {e}"))?;
    match pytest.code() {
        Some(0) => {}
        Some(5) => return Err("pytest collected no tests (exit code 5)".into()),
        _ => return Err(format!("pytest exited with {pytest}")),
    }
    sh(Command::new(venv_bin("python"))
        .args(["-m", "mypy.stubtest", "breachkit._native"])
        .env("MYPY_CACHE_DIR", root().join("target/mypy-cache")))?;
    sh(Command::new(venv_bin("python"))
        .args(["-m", "mypy", "--strict", "bindings/python/python/breachkit"])
        .env("MYPY_CACHE_DIR", root().join("target/mypy-cache")))
}

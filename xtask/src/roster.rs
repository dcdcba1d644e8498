//! `roster: ...` step of `cargo xtask test`: the PySpark and Dask examples of
//! `bindings/python/examples` on a generated roster, checked against the single-process counts.
//!
//! Runs after the python step (which builds the extension into `.venv`). Installs a Java runtime
//! from Debian (`default-jre-headless`) when `java` is missing, and pyspark, dask[dataframe] and
//! distributed into the venv; pip's downloads are cached under /var/cache/breachkit/pip.

use std::path::PathBuf;
use std::process::Command;

use crate::{root, sh};

fn venv_bin(name: &str) -> PathBuf {
    root().join(".venv/bin").join(name)
}

fn have(cmd: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {cmd} >/dev/null 2>&1")])
        .status()
        .is_ok_and(|s| s.success())
}

pub(crate) fn test() -> Result<(), String> {
    if !have("java") {
        sh(Command::new("apt-get").args(["update", "-qq"]))?;
        sh(Command::new("apt-get")
            .args([
                "install",
                "-y",
                "-qq",
                "--no-install-recommends",
                "default-jre-headless",
            ])
            .env("DEBIAN_FRONTEND", "noninteractive"))?;
    }
    if !venv_bin("python").exists() {
        return Err("no .venv: the python step builds it first".into());
    }
    sh(Command::new(venv_bin("python"))
        .args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "pyspark",
            "dask[dataframe]",
            "distributed",
            "polars",
        ])
        .env("PIP_CACHE_DIR", "/var/cache/breachkit/pip"))?;
    let pytest = Command::new(venv_bin("python"))
        .args([
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "bindings/python/tests_distributed",
        ])
        .current_dir(root())
        .status()
        .map_err(|e| format!("pytest: {e}"))?;
    match pytest.code() {
        Some(0) => Ok(()),
        Some(5) => Err("pytest collected no tests (exit code 5)".into()),
        _ => Err(format!("pytest exited with {pytest}")),
    }
}

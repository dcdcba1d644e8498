//! `roster: ...` step of `cargo xtask test`: the PySpark and Dask examples of
//! `bindings/python/examples` on a generated roster, checked against the single-process counts.
//!
//! Runs after the python step (which builds the extension into `.venv`). On a fresh machine it
//! installs what it needs and caches the downloads outside the repository
//! (`$BREACHKIT_TOOLCHAIN_CACHE`, default `/var/cache/breachkit`, as the bindings step does):
//!
//! - a Java runtime from Debian (`default-jre-headless`) when `java` is missing, the .deb files
//!   kept in `<cache>/apt`;
//! - pyspark, dask[dataframe] and distributed from PyPI into the project venv, pip's downloads and
//!   built wheels kept in `<cache>/pip` (pyspark comes as a ~300 MB source archive whose wheel is
//!   built once and then reused).
//!
//! Spark really runs (local mode, `local[2]`, a JVM); Dask runs on a local cluster of processes.

use std::process::Command;
use std::time::Instant;

use crate::uniffi::cache_dir;
use crate::{root, sh};

/// Versions known to work together (Spark 4 needs Java 17, Debian 12's default).
const PY_PACKAGES: &[&str] = &[
    "pyspark>=4,<5",
    "dask[dataframe]>=2024",
    "distributed>=2024",
];

fn have(cmd: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|p| std::env::split_paths(&p).any(|d| d.join(cmd).is_file()))
}

fn timed<T>(what: &str, f: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
    let t = Instant::now();
    let r = f();
    println!("--- {what}: {:.1?}", t.elapsed());
    r
}

fn ensure_java() -> Result<(), String> {
    if have("java") {
        return Ok(());
    }
    let archives = cache_dir().join("apt");
    std::fs::create_dir_all(archives.join("partial"))
        .map_err(|e| format!("{}: {e}", archives.display()))?;
    let cache = format!("Dir::Cache::archives={}", archives.display());
    sh(Command::new("apt-get").args(["update", "-qq"]))?;
    sh(Command::new("apt-get")
        .args(["-o", &cache])
        .args([
            "install",
            "-y",
            "-qq",
            "--no-install-recommends",
            "default-jre-headless",
        ])
        .env("DEBIAN_FRONTEND", "noninteractive"))
    .map_err(|e| format!("cannot install a Java runtime (default-jre-headless): {e}"))
}

fn ensure_python_packages() -> Result<(), String> {
    let python = root().join(".venv/bin/python");
    if !python.exists() {
        return Err("no .venv: the python step builds it first".into());
    }
    sh(Command::new(&python)
        .args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
        ])
        .args(PY_PACKAGES)
        .env("PIP_CACHE_DIR", cache_dir().join("pip")))
}

pub(crate) fn test() -> Result<(), String> {
    timed("java (Debian default-jre-headless)", ensure_java)?;
    timed("pyspark, dask, distributed (PyPI)", ensure_python_packages)?;
    timed("pytest bindings/python/tests_distributed", || {
        let pytest = Command::new(root().join(".venv/bin/python"))
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
    })
}

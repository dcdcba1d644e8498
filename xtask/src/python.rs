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

const RATCHET: &str = "bindings/python/missing_apis.txt";

/// What the Python binding exposes of the core crates: types it wraps (`inner: core::Name`),
/// the same-named methods of their `#[pymethods]` blocks, `#[pyfunction]`s named like a core
/// function, and `// api: <item>` lines.
fn python_exposed(
    api: &std::collections::BTreeSet<String>,
) -> Result<std::collections::BTreeSet<String>, String> {
    let mut out = std::collections::BTreeSet::new();
    for (file, krate) in [
        ("model.rs", "breachkit_model"),
        ("rules.rs", "breachkit_rules"),
        ("report.rs", "breachkit_report"),
    ] {
        let path = root().join("bindings/python/src").join(file);
        let src = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        // Wrapper struct name -> core type name.
        let mut wrapper_of = std::collections::BTreeMap::new();
        let mut last_struct: Option<String> = None;
        let mut next_is_pyfunction = false;
        let mut current_impl: Option<String> = None;
        for line in src.lines() {
            let l = line.trim();
            if let Some(rest) = l
                .strip_prefix("pub(crate) struct ")
                .or(l.strip_prefix("pub struct "))
            {
                last_struct = Some(
                    rest.chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect(),
                );
            }
            if let Some(rest) = l
                .strip_prefix("inner: core::")
                .or(l.strip_prefix("pub(crate) inner: core::"))
            {
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                let item = format!("{krate}::{name}");
                if api.contains(&item) {
                    out.insert(item);
                }
                if let Some(w) = &last_struct {
                    wrapper_of.insert(w.clone(), name);
                }
            }
            if l == "#[pyfunction]" {
                next_is_pyfunction = true;
                continue;
            }
            if let Some(rest) = l.strip_prefix("impl ") {
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                current_impl = wrapper_of.get(&name).cloned();
            } else if line.starts_with('}') {
                current_impl = None;
            }
            let fn_name = |rest: &str| -> String {
                rest.chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect()
            };
            if let Some(rest) = l.strip_prefix("pub(crate) fn ").or(l.strip_prefix("fn ")) {
                let name = fn_name(rest);
                if next_is_pyfunction {
                    let item = format!("{krate}::{name}");
                    if api.contains(&item) {
                        out.insert(item);
                    }
                } else if let Some(t) = &current_impl {
                    let item = format!("{krate}::{t}::{name}");
                    if api.contains(&item) {
                        out.insert(item);
                    }
                }
                next_is_pyfunction = false;
            }
            if let Some(rest) = l.strip_prefix("// api: ") {
                let item = rest.split(" -> ").next().unwrap_or("").trim();
                if api.contains(item) {
                    out.insert(item.to_owned());
                }
            }
        }
    }
    Ok(out)
}

fn missing_apis_text() -> Result<String, String> {
    let r = root();
    let mut api =
        crate::uniffi::public_api("breachkit_model", &r.join("crates/breachkit-model/src"))?;
    api.extend(crate::uniffi::public_api(
        "breachkit_rules",
        &r.join("crates/breachkit-rules/src"),
    )?);
    api.extend(crate::uniffi::public_api(
        "breachkit_report",
        &r.join("crates/breachkit-report/src"),
    )?);
    let exposed = python_exposed(&api)?;
    let mut s = String::from(
        "# Public API of breachkit-model, breachkit-rules and breachkit-report that the Python binding
# does not expose yet: the counterpart of bindings/uniffi/missing_apis.txt. A ratchet, not a
# promise: `cargo xtask test` regenerates this file and fails when the committed copy is stale.
#
# Exposed: core types wrapped by a pyclass (`inner: core::Name`), the same-named methods of
# their #[pymethods] blocks, #[pyfunction]s named like a core function, and `// api:` lines in
# bindings/python/src/*.rs. Plain data the binding hands over as dicts (to_dict()) is not
# counted as exposed.

",
    );
    for item in &api {
        if !exposed.contains(item) {
            s.push_str(item);
            s.push('\n');
        }
    }
    Ok(s)
}

/// The Python ratchet (run by `cargo xtask test`, python group).
pub(crate) fn check_missing_apis() -> Result<(), String> {
    crate::uniffi::check_ratchet(RATCHET, &missing_apis_text()?)
}

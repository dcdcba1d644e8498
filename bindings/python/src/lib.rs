//! `breachkit._native`: the pyo3 layer under the `breachkit` Python package.
//!
//! Frozen classes over the core types, getters, `__repr__` that shows ids and counts only, and
//! one mapping from core errors to the package's exceptions. No logic: everything that decides
//! lives in `breachkit-model`, `breachkit-rules` and `breachkit-report`.

mod convert;
mod model;
mod register;
mod report;
mod rules;

use pyo3::prelude::*;

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<model::Incident>()?;
    m.add_class::<model::Organisation>()?;
    m.add_class::<model::AffectedGroup>()?;
    m.add_class::<model::Event>()?;
    m.add_class::<model::ReportRecord>()?;
    m.add_class::<model::Problem>()?;
    m.add_class::<rules::Ruleset>()?;
    m.add_class::<rules::Assessment>()?;
    m.add_class::<rules::Obligation>()?;
    m.add_class::<rules::Question>()?;
    m.add_class::<report::Draft>()?;
    m.add_class::<register::Register>()?;
    m.add_function(wrap_pyfunction!(model::load, m)?)?;
    m.add_function(wrap_pyfunction!(model::loads, m)?)?;
    m.add_function(wrap_pyfunction!(rules::assess, m)?)?;
    m.add_function(wrap_pyfunction!(rules::load_rules, m)?)?;
    m.add_function(wrap_pyfunction!(report::draft, m)?)?;
    m.add_function(wrap_pyfunction!(report::render, m)?)?;
    m.add("RECORD_COLUMNS", rules::record_columns())?;
    m.add("DUE_COLUMNS", register::due_columns())?;
    m.add("SCHEMA_VERSION", breachkit::model::SCHEMA_VERSION)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}

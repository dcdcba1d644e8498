//! Frozen Python classes over the core model types: getters, `to_dict`, `__repr__`, pickling.

use std::path::PathBuf;

use breachkit::model as core;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyString, PyType};

use crate::convert::{model_error, pretty, py_to_value, read_json, text, to_py};

fn opt_text(t: &Option<core::Text>) -> Option<&str> {
    t.as_ref().map(core::Text::as_str)
}

/// Reads an incident document (JSON or TOML) into an `Incident`.
fn parse(py: Python<'_>, s: &Bound<'_, PyString>, format: core::Format) -> PyResult<Incident> {
    core::Incident::parse(&text(s)?, format)
        .map(|inner| Incident { inner })
        .map_err(|e| model_error(py, &e))
}

fn format_named(format: &str) -> PyResult<core::Format> {
    match format {
        "json" => Ok(core::Format::Json),
        "toml" => Ok(core::Format::Toml),
        _ => Err(PyValueError::new_err("format must be \"json\" or \"toml\"")),
    }
}

/// Reads an incident from a file: TOML when the name ends in `.toml`, JSON otherwise.
#[pyfunction]
pub(crate) fn load(py: Python<'_>, path: PathBuf) -> PyResult<Incident> {
    // The core's size-limited reader: an endless file ends in a ValidationError (`too_large`)
    // at once; a file that cannot be opened is an OSError as before.
    core::Incident::load(&path)
        .map(|inner| Incident { inner })
        .map_err(|e| match e {
            core::ModelError::Read { kind } => std::io::Error::from(kind).into(),
            e => model_error(py, &e),
        })
}

/// Reads an incident from text in the given format (`"json"` or `"toml"`).
#[pyfunction]
#[pyo3(signature = (text, format = "json"))]
pub(crate) fn loads(
    py: Python<'_>,
    text: &Bound<'_, PyString>,
    format: &str,
) -> PyResult<Incident> {
    parse(py, text, format_named(format)?)
}

/// One personal-data incident.
#[pyclass(frozen, eq, module = "breachkit._native")]
#[derive(Clone, PartialEq)]
pub(crate) struct Incident {
    pub(crate) inner: core::Incident,
}

#[pymethods]
impl Incident {
    /// Reads an incident from JSON text.
    #[classmethod]
    fn from_json(
        _cls: &Bound<'_, PyType>,
        py: Python<'_>,
        text: &Bound<'_, PyString>,
    ) -> PyResult<Self> {
        parse(py, text, core::Format::Json)
    }

    /// Reads an incident from TOML text.
    #[classmethod]
    fn from_toml(
        _cls: &Bound<'_, PyType>,
        py: Python<'_>,
        text: &Bound<'_, PyString>,
    ) -> PyResult<Self> {
        parse(py, text, core::Format::Toml)
    }

    /// Reads an incident from a dict shaped like the JSON document.
    #[classmethod]
    fn from_dict(
        _cls: &Bound<'_, PyType>,
        py: Python<'_>,
        data: &Bound<'_, PyAny>,
    ) -> PyResult<Self> {
        let value = py_to_value(data, 0)?;
        core::Incident::from_json(&value.to_string())
            .map(|inner| Incident { inner })
            .map_err(|e| model_error(py, &e))
    }

    /// The canonical JSON form.
    fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// The TOML (authoring) form.
    fn to_toml(&self, py: Python<'_>) -> PyResult<String> {
        self.inner.to_toml().map_err(|e| model_error(py, &e))
    }

    /// The JSON form as plain dicts and lists.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner)
    }

    /// Every problem of the document (errors and warnings).
    fn validate(&self) -> Vec<Problem> {
        self.inner
            .validate()
            .into_iter()
            .map(|inner| Problem { inner })
            .collect()
    }

    /// True when `validate()` finds no error (warnings allowed).
    fn is_valid(&self) -> bool {
        self.inner.is_valid()
    }

    /// A readable summary (this prints the document's values: do not log it).
    fn summary_text(&self) -> String {
        self.inner.summary_text()
    }

    #[getter]
    fn schema_version(&self) -> &str {
        &self.inner.schema_version
    }
    #[getter]
    fn id(&self) -> &str {
        self.inner.id.as_str()
    }
    #[getter]
    fn title(&self) -> Option<&str> {
        opt_text(&self.inner.title)
    }
    #[getter]
    fn summary(&self) -> Option<&str> {
        opt_text(&self.inner.summary)
    }
    #[getter]
    fn time_zone(&self) -> Option<&'static str> {
        self.inner.time_zone.map(|z| z.name())
    }
    #[getter]
    fn organisations(&self) -> Vec<Organisation> {
        self.inner
            .organisations
            .iter()
            .cloned()
            .map(|inner| Organisation { inner })
            .collect()
    }
    #[getter]
    fn timeline(&self) -> Vec<Event> {
        self.inner
            .timeline
            .iter()
            .cloned()
            .map(|inner| Event { inner })
            .collect()
    }
    #[getter]
    fn breach<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.breach)
    }
    #[getter]
    fn groups(&self) -> Vec<AffectedGroup> {
        self.inner
            .groups
            .iter()
            .cloned()
            .map(|inner| AffectedGroup { inner })
            .collect()
    }
    #[getter]
    fn totals<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.totals)
    }
    #[getter]
    fn measures<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.measures)
    }
    #[getter]
    fn reports(&self) -> Vec<ReportRecord> {
        self.inner
            .reports
            .iter()
            .cloned()
            .map(|inner| ReportRecord { inner })
            .collect()
    }
    #[getter]
    fn sources<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.sources)
    }
    #[getter]
    fn notes(&self) -> Option<&str> {
        opt_text(&self.inner.notes)
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        Ok((
            slf.get_type().getattr("from_json")?,
            (slf.get().inner.to_json(),),
        ))
    }

    fn __repr__(&self) -> String {
        let i = &self.inner;
        format!(
            "Incident(id={:?}, organisations={}, groups={}, timeline={}, reports={})",
            i.id.as_str(),
            i.organisations.len(),
            i.groups.len(),
            i.timeline.len(),
            i.reports.len()
        )
    }
}

/// A legal entity involved in the incident.
#[pyclass(frozen, eq, module = "breachkit._native")]
#[derive(Clone, PartialEq)]
pub(crate) struct Organisation {
    inner: core::Organisation,
}

#[pymethods]
impl Organisation {
    #[classmethod]
    fn _from_json(
        _cls: &Bound<'_, PyType>,
        py: Python<'_>,
        text: &Bound<'_, PyString>,
    ) -> PyResult<Self> {
        read_json(py, text).map(|inner| Organisation { inner })
    }
    /// The JSON form as plain dicts and lists.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner)
    }
    #[getter]
    fn id(&self) -> &str {
        self.inner.id.as_str()
    }
    #[getter]
    fn name(&self) -> &str {
        self.inner.name.as_str()
    }
    #[getter]
    fn local_name(&self) -> Option<&str> {
        opt_text(&self.inner.local_name)
    }
    #[getter]
    fn country(&self) -> &str {
        self.inner.country.as_str()
    }
    #[getter]
    fn subdivision(&self) -> Option<String> {
        self.inner.subdivision.as_ref().map(ToString::to_string)
    }
    #[getter]
    fn parent(&self) -> Option<&str> {
        self.inner.parent.as_ref().map(|p| p.as_str())
    }
    #[getter]
    fn sectors<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.sectors)
    }
    #[getter]
    fn establishments<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.establishments)
    }
    #[getter]
    fn markets<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.markets)
    }
    #[getter]
    fn contacts<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.contacts)
    }
    #[getter]
    fn notes(&self) -> Option<&str> {
        opt_text(&self.inner.notes)
    }
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        Ok((
            slf.get_type().getattr("_from_json")?,
            (pretty(&slf.get().inner),),
        ))
    }
    fn __repr__(&self) -> String {
        format!("Organisation(id={:?})", self.inner.id.as_str())
    }
}

/// A group of affected people.
#[pyclass(frozen, eq, module = "breachkit._native")]
#[derive(Clone, PartialEq)]
pub(crate) struct AffectedGroup {
    inner: core::AffectedGroup,
}

#[pymethods]
impl AffectedGroup {
    #[classmethod]
    fn _from_json(
        _cls: &Bound<'_, PyType>,
        py: Python<'_>,
        text: &Bound<'_, PyString>,
    ) -> PyResult<Self> {
        read_json(py, text).map(|inner| AffectedGroup { inner })
    }
    /// The JSON form as plain dicts and lists.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner)
    }
    #[getter]
    fn id(&self) -> &str {
        self.inner.id.as_str()
    }
    #[getter]
    fn kind(&self) -> String {
        self.inner.kind.code().into_owned()
    }
    #[getter]
    fn label(&self) -> Option<&str> {
        opt_text(&self.inner.label)
    }
    #[getter]
    fn holders<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.holders)
    }
    #[getter]
    fn count<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.count)
    }
    #[getter]
    fn records<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.records)
    }
    #[getter]
    fn residence<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.residence)
    }
    #[getter]
    fn categories<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.categories)
    }
    #[getter]
    fn not_affected<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.not_affected)
    }
    #[getter]
    fn contact_details_available(&self) -> &'static str {
        self.inner.contact_details_available.code()
    }
    #[getter]
    fn includes_children(&self) -> &'static str {
        self.inner.includes_children.code()
    }
    #[getter]
    fn notes(&self) -> Option<&str> {
        opt_text(&self.inner.notes)
    }
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        Ok((
            slf.get_type().getattr("_from_json")?,
            (pretty(&slf.get().inner),),
        ))
    }
    fn __repr__(&self) -> String {
        format!(
            "AffectedGroup(id={:?}, kind={:?})",
            self.inner.id.as_str(),
            self.inner.kind.code()
        )
    }
}

/// An event on the incident's timeline.
#[pyclass(frozen, eq, module = "breachkit._native")]
#[derive(Clone, PartialEq)]
pub(crate) struct Event {
    inner: core::Event,
}

#[pymethods]
impl Event {
    #[classmethod]
    fn _from_json(
        _cls: &Bound<'_, PyType>,
        py: Python<'_>,
        text: &Bound<'_, PyString>,
    ) -> PyResult<Self> {
        read_json(py, text).map(|inner| Event { inner })
    }
    /// The JSON form as plain dicts and lists.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner)
    }
    #[getter]
    fn kind(&self) -> String {
        self.inner.kind.code().into_owned()
    }
    #[getter]
    fn at(&self) -> Option<String> {
        self.inner.at.as_ref().map(ToString::to_string)
    }
    #[getter]
    fn after(&self) -> Option<String> {
        self.inner.after.as_ref().map(ToString::to_string)
    }
    #[getter]
    fn before(&self) -> Option<String> {
        self.inner.before.as_ref().map(ToString::to_string)
    }
    #[getter]
    fn time_zone(&self) -> Option<&'static str> {
        self.inner.time_zone.map(|z| z.name())
    }
    #[getter]
    fn entities(&self) -> Vec<&str> {
        self.inner.entities.iter().map(|e| e.as_str()).collect()
    }
    #[getter]
    fn note(&self) -> Option<&str> {
        opt_text(&self.inner.note)
    }
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        Ok((
            slf.get_type().getattr("_from_json")?,
            (pretty(&slf.get().inner),),
        ))
    }
    fn __repr__(&self) -> String {
        format!("Event(kind={:?})", self.inner.kind.code())
    }
}

/// A report, notice or announcement already made.
#[pyclass(frozen, eq, module = "breachkit._native")]
#[derive(Clone, PartialEq)]
pub(crate) struct ReportRecord {
    inner: core::ReportRecord,
}

#[pymethods]
impl ReportRecord {
    #[classmethod]
    fn _from_json(
        _cls: &Bound<'_, PyType>,
        py: Python<'_>,
        text: &Bound<'_, PyString>,
    ) -> PyResult<Self> {
        read_json(py, text).map(|inner| ReportRecord { inner })
    }
    /// The JSON form as plain dicts and lists.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner)
    }
    #[getter]
    fn id(&self) -> &str {
        self.inner.id.as_str()
    }
    #[getter]
    fn by(&self) -> Vec<&str> {
        self.inner.by.iter().map(|e| e.as_str()).collect()
    }
    #[getter]
    fn recipient<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.recipient)
    }
    #[getter]
    fn kind(&self) -> String {
        self.inner.kind.code().into_owned()
    }
    #[getter]
    fn sequence(&self) -> Option<u32> {
        self.inner.sequence
    }
    #[getter]
    fn at(&self) -> Option<String> {
        self.inner.at.as_ref().map(ToString::to_string)
    }
    #[getter]
    fn before(&self) -> Option<String> {
        self.inner.before.as_ref().map(ToString::to_string)
    }
    #[getter]
    fn status<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.status)
    }
    #[getter]
    fn groups(&self) -> Vec<&str> {
        self.inner.groups.iter().map(|g| g.as_str()).collect()
    }
    #[getter]
    fn title(&self) -> Option<&str> {
        opt_text(&self.inner.title)
    }
    #[getter]
    fn reference(&self) -> Option<&str> {
        opt_text(&self.inner.reference)
    }
    #[getter]
    fn url(&self) -> Option<&str> {
        self.inner.url.as_ref().map(|u| u.as_str())
    }
    #[getter]
    fn language(&self) -> Option<&str> {
        self.inner.language.as_deref()
    }
    #[getter]
    fn note(&self) -> Option<&str> {
        opt_text(&self.inner.note)
    }
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        Ok((
            slf.get_type().getattr("_from_json")?,
            (pretty(&slf.get().inner),),
        ))
    }
    fn __repr__(&self) -> String {
        format!(
            "ReportRecord(id={:?}, kind={:?})",
            self.inner.id.as_str(),
            self.inner.kind.code()
        )
    }
}

/// One problem found by `Incident.validate()`: a stable code, a JSON pointer, a severity and a
/// message that never holds a value from the document.
#[pyclass(frozen, eq, module = "breachkit._native")]
#[derive(Clone, PartialEq)]
pub(crate) struct Problem {
    inner: core::Problem,
}

#[pymethods]
impl Problem {
    #[classmethod]
    fn _from_json(
        _cls: &Bound<'_, PyType>,
        py: Python<'_>,
        text: &Bound<'_, PyString>,
    ) -> PyResult<Self> {
        read_json(py, text).map(|inner| Problem { inner })
    }
    /// `{code, path, severity, message}`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner)
    }
    #[getter]
    fn code(&self) -> &str {
        &self.inner.code
    }
    #[getter]
    fn path(&self) -> &str {
        &self.inner.path
    }
    #[getter]
    fn severity<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.severity)
    }
    #[getter]
    fn message(&self) -> &str {
        &self.inner.message
    }
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        Ok((
            slf.get_type().getattr("_from_json")?,
            (pretty(&slf.get().inner),),
        ))
    }
    fn __str__(&self) -> String {
        self.inner.to_string()
    }
    fn __repr__(&self) -> String {
        format!(
            "Problem(code={:?}, path={:?}, severity={:?})",
            self.inner.code,
            self.inner.path,
            self.inner.severity.code()
        )
    }
}

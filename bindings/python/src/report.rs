//! Report drafting: `draft()`, `render()` and the frozen `Draft` class over `breachkit-report`.
//!
//! Every draft keeps the catalogue (language plus the user's template overrides) it was drafted
//! with, because the core's renderers need it; nothing here decides what a report says.

use std::sync::Arc;

use breachkit::report as core;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyString, PyType};

use crate::convert::{instant, pretty, read_json, report_error, text, to_py};
use crate::model::Incident;

/// The catalogue a draft was made with, and the override text that built it (for pickling and
/// for checking that drafts rendered together share it).
struct Cat {
    cat: core::Catalogue,
    templates: Option<String>,
}

impl Cat {
    fn new(py: Python<'_>, lang: core::Lang, templates: Option<String>) -> PyResult<Cat> {
        let mut cat = core::Catalogue::builtin(lang).map_err(|e| report_error(py, &e))?;
        if let Some(t) = &templates {
            cat.load_overrides(t).map_err(|e| report_error(py, &e))?;
        }
        Ok(Cat { cat, templates })
    }

    fn same(&self, other: &Cat) -> bool {
        self.cat.lang() == other.cat.lang() && self.templates == other.templates
    }
}

/// Drafts the documents of one kind for an incident, as of an aware datetime (one per entity,
/// or per audience group for notices; the announcement is one document). `rules` adds rule-file
/// texts on top of the built-in rules, as `breachkit report --rules` does (the core `Drafter`).
#[pyfunction]
#[pyo3(signature = (incident, kind, *, as_of, lang = "en", entity = None, group = None, sequence = None, templates = None, rules = None))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn draft(
    py: Python<'_>,
    incident: &Bound<'_, PyAny>,
    kind: &str,
    as_of: &Bound<'_, PyAny>,
    lang: &str,
    entity: Option<String>,
    group: Option<String>,
    sequence: Option<u32>,
    templates: Option<&Bound<'_, PyAny>>,
    rules: Option<&Bound<'_, PyAny>>,
) -> PyResult<Vec<Draft>> {
    let Ok(incident) = incident.cast::<Incident>() else {
        return Err(PyTypeError::new_err(
            "incident must be a breachkit.Incident",
        ));
    };
    let as_of = instant(as_of, "as_of")?;
    let kind: core::ReportKind = kind.parse().map_err(|e| report_error(py, &e))?;
    let lang: core::Lang = lang.parse().map_err(|e| report_error(py, &e))?;
    let templates = match templates {
        None => None,
        Some(t) => match t.cast::<PyString>() {
            Ok(s) => Some(text(s)?.into_owned()),
            Err(_) => {
                return Err(PyTypeError::new_err(
                    "templates must be TOML text (str) laid out like templates/en.toml",
                ));
            }
        },
    };
    let mut rule_files: Vec<(String, String)> = Vec::new();
    if let Some(r) = rules {
        if r.is_instance_of::<PyString>() {
            return Err(PyTypeError::new_err(
                "rules must be a list of rule-file texts, not one str",
            ));
        }
        for (i, t) in r.try_iter()?.enumerate() {
            let t = t?;
            let Ok(t) = t.cast::<PyString>() else {
                return Err(PyTypeError::new_err(
                    "rules must hold rule-file texts (str)",
                ));
            };
            rule_files.push((format!("rules[{i}]"), text(t)?.into_owned()));
        }
    }
    let cat = Arc::new(Cat::new(py, lang, templates)?);
    let incident = &incident.get().inner;
    let mut opts = core::Options::new(kind, lang, as_of);
    opts.entity = entity;
    opts.group = group;
    opts.sequence = sequence;
    let drafts = core::Drafter::new(cat.cat.clone())
        .with_rule_files(rule_files)
        .draft(incident, &opts)
        .map_err(|e| report_error(py, &e))?;
    Ok(drafts
        .into_iter()
        .map(|inner| Draft {
            inner,
            cat: Arc::clone(&cat),
        })
        .collect())
}

fn format_named(py: Python<'_>, format: &str) -> PyResult<core::Format> {
    format.parse().map_err(|e| report_error(py, &e))
}

/// Renders drafts from one `draft()` call as one document: Markdown (separated by rules), HTML
/// (one `article` each) or JSON (an array).
#[pyfunction]
#[pyo3(signature = (drafts, format = "md"))]
pub(crate) fn render(py: Python<'_>, drafts: &Bound<'_, PyAny>, format: &str) -> PyResult<String> {
    let format = format_named(py, format)?;
    if drafts.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err(
            "drafts must be a list of breachkit.Draft",
        ));
    }
    let mut items: Vec<Bound<'_, Draft>> = Vec::new();
    for d in drafts.try_iter()? {
        let d = d?;
        let Ok(d) = d.cast_into::<Draft>() else {
            return Err(PyTypeError::new_err(
                "drafts must be a list of breachkit.Draft",
            ));
        };
        items.push(d);
    }
    let Some(first) = items.first() else {
        return Err(PyValueError::new_err(
            "drafts is empty: render needs at least one Draft",
        ));
    };
    let cat = Arc::clone(&first.get().cat);
    if items.iter().any(|d| !d.get().cat.same(&cat)) {
        return Err(PyValueError::new_err(
            "drafts rendered together must share one language and one set of templates",
        ));
    }
    let inner: Vec<core::Draft> = items.iter().map(|d| d.get().inner.clone()).collect();
    Ok(core::render(&inner, &cat.cat, format))
}

/// One drafted document, with the catalogue it was drafted with.
#[pyclass(frozen, module = "breachkit._native")]
pub(crate) struct Draft {
    inner: core::Draft,
    cat: Arc<Cat>,
}

/// `__reduce__`'s answer: `Draft._from_json` and its arguments.
type Reduced<'py> = (Bound<'py, PyAny>, (String, Option<String>));

#[pymethods]
impl Draft {
    /// Rebuilds a draft from its JSON form and the template overrides it was drafted with (for
    /// pickling).
    #[classmethod]
    #[pyo3(signature = (text, templates = None))]
    fn _from_json(
        _cls: &Bound<'_, PyType>,
        py: Python<'_>,
        text: &Bound<'_, PyString>,
        templates: Option<String>,
    ) -> PyResult<Self> {
        let inner: core::Draft = read_json(py, text)?;
        let cat = Arc::new(Cat::new(py, inner.lang, templates)?);
        Ok(Draft { inner, cat })
    }
    /// Markdown.
    fn to_markdown(&self) -> String {
        core::markdown(&self.inner, &self.cat.cat)
    }
    /// Self-contained, printable HTML (with the timeline figure).
    fn to_html(&self) -> String {
        core::html(std::slice::from_ref(&self.inner), &self.cat.cat)
    }
    /// The draft as JSON text (structured fields included).
    fn to_json(&self) -> String {
        pretty(&self.inner)
    }
    /// The draft as a dict (the JSON form).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner)
    }
    /// `ppc-preliminary`, `ppc-final`, `gdpr-art33`, `hhs`, `individual-notice`, `announcement`.
    #[getter]
    fn kind(&self) -> &'static str {
        self.inner.kind.code()
    }
    /// `ja` or `en`.
    #[getter]
    fn lang(&self) -> &'static str {
        self.inner.lang.tag()
    }
    #[getter]
    fn title(&self) -> &str {
        &self.inner.title
    }
    /// The entity id the draft is for, if any.
    #[getter]
    fn entity(&self) -> Option<&str> {
        self.inner.entity.as_deref()
    }
    /// The audience group id (notices).
    #[getter]
    fn group(&self) -> Option<&str> {
        self.inner.group.as_deref()
    }
    /// Lines under the title.
    #[getter]
    fn header(&self) -> Vec<String> {
        self.inner.header.clone()
    }
    /// Opening paragraphs.
    #[getter]
    fn intro(&self) -> Vec<String> {
        self.inner.intro.clone()
    }
    /// `[{id, heading, cite?, paragraphs?, items?, numbered}]`.
    #[getter]
    fn sections<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.sections)
    }
    /// Closing paragraphs.
    #[getter]
    fn closing(&self) -> Vec<String> {
        self.inner.closing.clone()
    }
    /// Structured fields for forms (PPC items, EDPB template fields, HHS columns).
    #[getter]
    fn fields<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.fields)
    }
    /// `[{item, label, path}]`: required items missing or to be determined, with the JSON
    /// pointer where each belongs in the incident.
    #[getter]
    fn missing<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.missing)
    }
    /// True when nothing required is missing.
    #[getter]
    fn complete(&self) -> bool {
        self.inner.complete
    }
    /// True when this stage may not be filed incomplete (a final report).
    #[getter]
    fn must_be_complete(&self) -> bool {
        self.inner.must_be_complete
    }
    /// `[{date, label_date, label}]`: dated points for the timeline figure.
    #[getter]
    fn timeline<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.timeline)
    }
    /// The draft notice.
    #[getter]
    fn footer(&self) -> &str {
        &self.inner.footer
    }
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<Draft>()
            .is_ok_and(|o| o.get().inner == self.inner && o.get().cat.same(&self.cat))
    }
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Reduced<'py>> {
        let d = slf.get();
        Ok((
            slf.get_type().getattr("_from_json")?,
            (pretty(&d.inner), d.cat.templates.clone()),
        ))
    }
    fn __repr__(&self) -> String {
        format!(
            "Draft(kind={:?}, lang={:?}, entity={}, group={}, sections={}, missing={}, complete={})",
            self.inner.kind.code(),
            self.inner.lang.tag(),
            PyOpt(self.inner.entity.as_deref()),
            PyOpt(self.inner.group.as_deref()),
            self.inner.sections.len(),
            self.inner.missing.len(),
            if self.inner.complete { "True" } else { "False" }
        )
    }
}

/// An optional id as Python shows it: `"sgc"` or `None`.
struct PyOpt<'a>(Option<&'a str>);

impl std::fmt::Display for PyOpt<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            Some(s) => write!(f, "{s:?}"),
            None => f.write_str("None"),
        }
    }
}

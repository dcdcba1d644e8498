//! Frozen Python classes over the engine: `Ruleset`, `Assessment`, `Obligation`, `Question`.

use breachkit::rules as core;
use chrono::{DateTime, Utc};
use pyo3::exceptions::{PyImportError, PyTypeError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString, PyType};

use crate::convert::{instant, pretty, read_json, rules_error, text, to_py};
use crate::model::Incident;

/// A set of regime versions (the built-in ones, plus a counsel's rule files).
#[pyclass(frozen, module = "breachkit._native")]
pub(crate) struct Ruleset {
    inner: core::Ruleset,
}

fn builtin(py: Python<'_>) -> PyResult<core::Ruleset> {
    core::Ruleset::builtin()
        .cloned()
        .map_err(|e| rules_error(py, &e))
}

#[pymethods]
impl Ruleset {
    /// The rules shipped with breachkit.
    #[classmethod]
    fn builtin(_cls: &Bound<'_, PyType>, py: Python<'_>) -> PyResult<Self> {
        builtin(py).map(|inner| Ruleset { inner })
    }

    /// A new ruleset: this one plus a regime version read from rule-file text (TOML). A version
    /// with the same regime id and `effective_from` replaces the loaded one.
    #[pyo3(signature = (text, file = "rules.toml"))]
    fn with_rules(&self, py: Python<'_>, text: &Bound<'_, PyString>, file: &str) -> PyResult<Self> {
        let mut inner = self.inner.clone();
        inner
            .load_regime(file, &crate::convert::text(text)?)
            .map_err(|e| rules_error(py, &e))?;
        Ok(Ruleset { inner })
    }

    /// The loaded regime versions, as `id@version`.
    #[getter]
    fn regimes(&self) -> Vec<String> {
        self.inner
            .regimes()
            .iter()
            .map(|r| format!("{}@{}", r.regime.id, r.regime.version))
            .collect()
    }

    /// Assesses an incident as of an aware datetime.
    fn assess(&self, incident: &Incident, as_of: &Bound<'_, PyAny>) -> PyResult<Assessment> {
        let py = as_of.py();
        let as_of = instant(as_of, "as_of")?;
        incident
            .inner
            .check_consistent()
            .map_err(|e| crate::convert::model_error(py, &e))?;
        Ok(Assessment {
            inner: self.inner.assess(&incident.inner, as_of),
        })
    }

    fn __repr__(&self) -> String {
        format!("Ruleset(regimes={})", self.inner.regimes().len())
    }
}

/// The built-in rules plus one rule file (TOML text).
#[pyfunction]
#[pyo3(signature = (text, file = "rules.toml"))]
pub(crate) fn load_rules(
    py: Python<'_>,
    text: &Bound<'_, PyString>,
    file: &str,
) -> PyResult<Ruleset> {
    let mut inner = builtin(py)?;
    inner
        .load_regime(file, &crate::convert::text(text)?)
        .map_err(|e| rules_error(py, &e))?;
    Ok(Ruleset { inner })
}

/// Assesses an incident as of an aware datetime, with the built-in rules, a `Ruleset`, or the
/// built-in rules plus rule-file texts; `lang` ("en" or "ja") sets the language of the sentences,
/// `entity` keeps one entity's obligations. The same options as `breachkit assess`.
#[pyfunction]
#[pyo3(signature = (incident, as_of, *, rules = None, lang = "en", entity = None))]
pub(crate) fn assess(
    py: Python<'_>,
    incident: &Bound<'_, PyAny>,
    as_of: &Bound<'_, PyAny>,
    rules: Option<&Bound<'_, PyAny>>,
    lang: &str,
    entity: Option<String>,
) -> PyResult<Assessment> {
    let Ok(incident) = incident.cast::<Incident>() else {
        return Err(PyTypeError::new_err(
            "incident must be a breachkit.Incident",
        ));
    };
    let as_of = instant(as_of, "as_of")?;
    let lang: core::Lang = lang
        .parse()
        .map_err(|_| pyo3::exceptions::PyValueError::new_err("lang must be \"en\" or \"ja\""))?;
    let incident = &incident.get().inner;
    // A document that contradicts itself is refused before any work, whatever the rules.
    incident
        .check_consistent()
        .map_err(|e| crate::convert::model_error(py, &e))?;
    let mut opts = core::AssessOptions::new(as_of);
    opts.lang = lang;
    opts.entity = entity;
    let inner = match rules {
        Some(r) if r.cast::<Ruleset>().is_ok() => {
            let rs = r.cast::<Ruleset>()?;
            let a = rs.get().inner.assess_in(incident, as_of, lang);
            match &opts.entity {
                None => a,
                Some(e) if incident.organisations.iter().any(|o| o.id.as_str() == e) => {
                    a.only_entity(e)
                }
                Some(_) => return Err(rules_error(py, &core::RulesError::UnknownEntity)),
            }
        }
        Some(r) if r.is_instance_of::<PyString>() => {
            return Err(PyTypeError::new_err(
                "rules must be a Ruleset or a list of rule-file texts, not one str",
            ));
        }
        Some(r) => {
            for (i, t) in r.try_iter()?.enumerate() {
                let t = t?;
                let Ok(t) = t.cast::<PyString>() else {
                    return Err(PyTypeError::new_err(
                        "rules must hold rule-file texts (str)",
                    ));
                };
                opts.rule_files
                    .push((format!("rules[{i}]"), text(t)?.into_owned()));
            }
            core::assess_with_options(incident, &opts).map_err(|e| rules_error(py, &e))?
        }
        None => core::assess_with_options(incident, &opts).map_err(|e| rules_error(py, &e))?,
    };
    Ok(Assessment { inner })
}

/// A question whose answer would change or firm up the result.
#[pyclass(frozen, eq, hash, module = "breachkit._native")]
#[derive(Clone, PartialEq, Eq, Hash)]
pub(crate) struct Question {
    inner: core::Question,
}

#[pymethods]
impl Question {
    #[classmethod]
    fn _from_json(
        _cls: &Bound<'_, PyType>,
        py: Python<'_>,
        text: &Bound<'_, PyString>,
    ) -> PyResult<Self> {
        read_json(py, text).map(|inner| Question { inner })
    }
    /// `{id, kind, args, path, text}`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner)
    }
    /// Stable identifier (`breach.encryption`, `sgc.aware`).
    #[getter]
    fn id(&self) -> &str {
        &self.inner.id
    }
    /// The question, in the assessment's language.
    #[getter]
    fn text(&self) -> &str {
        &self.inner.text
    }
    /// What is asked (a code: `persons`, `encryption`, `aware`, …).
    #[getter]
    fn kind(&self) -> &'static str {
        self.inner.kind.code()
    }
    /// The question's named arguments (entity, group, threshold, countries, …).
    #[getter]
    fn args(&self) -> std::collections::BTreeMap<String, String> {
        self.inner.args.clone()
    }
    /// Where in the incident document the answer goes (JSON pointer).
    #[getter]
    fn path(&self) -> &str {
        &self.inner.path
    }
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        Ok((
            slf.get_type().getattr("_from_json")?,
            (pretty(&slf.get().inner),),
        ))
    }
    fn __repr__(&self) -> String {
        format!(
            "Question(id={:?}, path={:?})",
            self.inner.id, self.inner.path
        )
    }
}

fn questions(qs: &[core::Question]) -> Vec<Question> {
    qs.iter().cloned().map(|inner| Question { inner }).collect()
}

/// One obligation: an entity, a regime, a recipient and a stage.
#[pyclass(frozen, eq, module = "breachkit._native")]
#[derive(Clone, PartialEq)]
pub(crate) struct Obligation {
    inner: core::Obligation,
}

#[pymethods]
impl Obligation {
    #[classmethod]
    fn _from_json(
        _cls: &Bound<'_, PyType>,
        py: Python<'_>,
        text: &Bound<'_, PyString>,
    ) -> PyResult<Self> {
        read_json(py, text).map(|inner| Obligation { inner })
    }
    /// The JSON form as plain dicts and lists (instants as RFC 3339 text).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner)
    }
    /// Stable identifier: `entity/regime/rule[/recipient]`.
    #[getter]
    fn id(&self) -> &str {
        &self.inner.id
    }
    #[getter]
    fn obligor(&self) -> &str {
        self.inner.obligor.as_str()
    }
    #[getter]
    fn obligor_name(&self) -> &str {
        &self.inner.obligor_name
    }
    #[getter]
    fn regime(&self) -> &str {
        &self.inner.regime
    }
    #[getter]
    fn regime_version(&self) -> &str {
        &self.inner.regime_version
    }
    #[getter]
    fn rule(&self) -> &str {
        &self.inner.rule
    }
    #[getter]
    fn name(&self) -> &str {
        &self.inner.name
    }
    /// `{kind, body?, name, entity?, routing?}`.
    #[getter]
    fn recipient<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.recipient)
    }
    #[getter]
    fn stage(&self) -> &'static str {
        self.inner.stage.code()
    }
    #[getter]
    fn status(&self) -> &'static str {
        self.inner.status.code()
    }
    /// The whole deadline as a dict (instants as RFC 3339 text).
    #[getter]
    fn deadline<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.deadline)
    }
    /// The due instant (aware, UTC), or None when the law fixes none.
    #[getter]
    fn due(&self) -> Option<DateTime<Utc>> {
        self.inner.deadline.due
    }
    /// The due instant as local date-time text in the recipient's zone.
    #[getter]
    fn due_local(&self) -> Option<&str> {
        self.inner.deadline.due_local.as_deref()
    }
    /// The instant the clock started from (aware, UTC).
    #[getter]
    fn start(&self) -> Option<DateTime<Utc>> {
        self.inner.deadline.start
    }
    #[getter]
    fn provisional(&self) -> bool {
        self.inner.deadline.provisional
    }
    /// A non-binding target window `{from, to, text, cite}`, or None.
    #[getter]
    fn guidance<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.deadline.guidance)
    }
    #[getter]
    fn content<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.content)
    }
    /// `{state, report?, note}`.
    #[getter]
    fn filing<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.filing)
    }
    /// `[{article, source, url}]`.
    #[getter]
    fn citations<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.citations)
    }
    #[getter]
    fn confidence<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.confidence)
    }
    /// `[{step, outcome, detail}]`.
    #[getter]
    fn trace<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.trace)
    }
    #[getter]
    fn questions(&self) -> Vec<Question> {
        questions(&self.inner.questions)
    }
    #[getter]
    fn notes(&self) -> Vec<String> {
        self.inner.notes.clone()
    }
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        Ok((
            slf.get_type().getattr("_from_json")?,
            (pretty(&slf.get().inner),),
        ))
    }
    fn __repr__(&self) -> String {
        format!(
            "Obligation(id={:?}, status={:?}, due_local={:?})",
            self.inner.id,
            self.inner.status.code(),
            self.inner.deadline.due_local
        )
    }
}

#[pyclass(frozen, eq, module = "breachkit._native")]
#[derive(Clone, PartialEq)]
pub(crate) struct Assessment {
    inner: core::Assessment,
}

#[pymethods]
impl Assessment {
    /// Reads an assessment from its JSON form (`to_json()`).
    #[classmethod]
    fn from_json(
        _cls: &Bound<'_, PyType>,
        py: Python<'_>,
        text: &Bound<'_, PyString>,
    ) -> PyResult<Self> {
        read_json(py, text).map(|inner| Assessment { inner })
    }
    /// Canonical JSON, pretty-printed with a final newline.
    fn to_json(&self) -> String {
        self.inner.to_json()
    }
    /// The JSON form as plain dicts and lists (instants as RFC 3339 text).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner)
    }
    /// The assessment as text, per entity (holds names from the document: do not log it).
    fn to_text(&self) -> String {
        self.inner.to_text()
    }
    /// One flat dict per obligation, for a DataFrame: the core's records, the same columns as
    /// `breachkit assess --format csv` (`RECORD_COLUMNS`).
    fn to_records<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let list = PyList::empty(py);
        for r in self.inner.records() {
            list.append(to_py(py, &r)?)?;
        }
        Ok(list)
    }
    /// The records as CSV text (RFC 4180, header row).
    fn to_csv(&self) -> String {
        self.inner.to_csv()
    }
    /// The assessment as Markdown, for a ticket.
    fn to_markdown(&self) -> String {
        self.inner.to_markdown()
    }
    /// The deadlines as an iCalendar feed (one event per deadline, stable UIDs).
    fn to_ics(&self) -> String {
        self.inner.to_ics()
    }
    /// The language of the sentences ("en" or "ja").
    #[getter]
    fn lang(&self) -> &'static str {
        self.inner.lang.code()
    }
    /// `to_records()` as a `pandas.DataFrame` (needs pandas).
    fn to_pandas<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let pandas = py.import("pandas").map_err(|_| {
            PyImportError::new_err("Assessment.to_pandas() needs pandas: pip install pandas")
        })?;
        let kwargs = PyDict::new(py);
        kwargs.set_item("columns", core::RECORD_COLUMNS.to_vec())?;
        pandas.getattr("DataFrame")?.call_method(
            "from_records",
            (self.to_records(py)?,),
            Some(&kwargs),
        )
    }
    /// `to_records()` as a `pyarrow.Table` (needs pyarrow).
    fn to_arrow<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let pyarrow = py.import("pyarrow").map_err(|_| {
            PyImportError::new_err("Assessment.to_arrow() needs pyarrow: pip install pyarrow")
        })?;
        pyarrow
            .getattr("Table")?
            .call_method1("from_pylist", (self.to_records(py)?,))
    }
    /// The obligation with this id, or None.
    fn get(&self, id: &str) -> Option<Obligation> {
        self.inner
            .get(id)
            .cloned()
            .map(|inner| Obligation { inner })
    }
    /// The obligations of one entity.
    fn for_entity(&self, entity: &str) -> Vec<Obligation> {
        self.inner
            .for_entity(entity)
            .cloned()
            .map(|inner| Obligation { inner })
            .collect()
    }
    /// The incident id.
    #[getter]
    fn incident(&self) -> &str {
        &self.inner.incident
    }
    /// The instant the assessment is made as of (aware, UTC).
    #[getter]
    fn as_of(&self) -> DateTime<Utc> {
        self.inner.as_of
    }
    /// Regime versions used (`jp.appi@2024-04-01`).
    #[getter]
    fn rules(&self) -> Vec<String> {
        self.inner.rules.clone()
    }
    #[getter]
    fn obligations(&self) -> Vec<Obligation> {
        self.inner
            .obligations
            .iter()
            .cloned()
            .map(|inner| Obligation { inner })
            .collect()
    }
    /// `[{entity, regime, reason}]`: regimes found not to apply, with why.
    #[getter]
    fn not_applicable<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.not_applicable)
    }

    /// Jurisdictions where breachkit cannot say what is owed: affected people live there (or an
    /// entity is established there) and no loaded regime applies. Never "nothing to do".
    #[getter]
    fn not_covered<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.not_covered)
    }
    /// Every question, deduplicated and sorted.
    #[getter]
    fn questions(&self) -> Vec<Question> {
        questions(&self.inner.questions)
    }
    fn __len__(&self) -> usize {
        self.inner.obligations.len()
    }
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        Ok((
            slf.get_type().getattr("from_json")?,
            (slf.get().inner.to_json(),),
        ))
    }
    fn __repr__(&self) -> String {
        format!(
            "Assessment(incident={:?}, as_of={:?}, obligations={}, questions={})",
            self.inner.incident,
            self.inner
                .as_of
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            self.inner.obligations.len(),
            self.inner.questions.len()
        )
    }
}

/// Columns of `to_records()`, in order (exported as `RECORD_COLUMNS`).
pub(crate) fn record_columns() -> Vec<&'static str> {
    core::RECORD_COLUMNS.to_vec()
}

//! Frozen Python classes over the engine: `Ruleset`, `Assessment`, `Obligation`, `Question`.

use breachkit::model as core_model;
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
/// built-in rules plus rule-file texts.
#[pyfunction]
#[pyo3(signature = (incident, as_of, *, rules = None))]
pub(crate) fn assess(
    py: Python<'_>,
    incident: &Bound<'_, PyAny>,
    as_of: &Bound<'_, PyAny>,
    rules: Option<&Bound<'_, PyAny>>,
) -> PyResult<Assessment> {
    let Ok(incident) = incident.cast::<Incident>() else {
        return Err(PyTypeError::new_err(
            "incident must be a breachkit.Incident",
        ));
    };
    let as_of = instant(as_of, "as_of")?;
    let incident = &incident.get().inner;
    // A document that contradicts itself is refused before any work, whatever the rules.
    incident
        .check_consistent()
        .map_err(|e| crate::convert::model_error(py, &e))?;
    let inner = match rules {
        None => core::assess(incident, as_of).map_err(|e| rules_error(py, &e))?,
        Some(r) => {
            if let Ok(rs) = r.cast::<Ruleset>() {
                rs.get().inner.assess(incident, as_of)
            } else if r.is_instance_of::<PyString>() {
                return Err(PyTypeError::new_err(
                    "rules must be a Ruleset or a list of rule-file texts, not one str",
                ));
            } else {
                let mut rs = builtin(py)?;
                for (i, t) in r.try_iter()?.enumerate() {
                    let t = t?;
                    let Ok(t) = t.cast::<PyString>() else {
                        return Err(PyTypeError::new_err(
                            "rules must hold rule-file texts (str)",
                        ));
                    };
                    rs.load_regime(&format!("rules[{i}]"), &text(t)?)
                        .map_err(|e| rules_error(py, &e))?;
                }
                rs.assess(incident, as_of)
            }
        }
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
    /// `{id, text, path}`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner)
    }
    /// Stable identifier (`breach.encryption`, `sgc.aware`).
    #[getter]
    fn id(&self) -> &str {
        &self.inner.id
    }
    /// The question.
    #[getter]
    fn text(&self) -> &str {
        &self.inner.text
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

/// The flat columns of `Assessment.to_records()`, in order.
const RECORD_COLUMNS: &[&str] = &[
    "id",
    "obligor",
    "obligor_name",
    "regime",
    "regime_version",
    "rule",
    "name",
    "recipient_kind",
    "recipient_body",
    "recipient_name",
    "stage",
    "status",
    "standard",
    "due",
    "due_local",
    "time_zone",
    "start",
    "start_basis",
    "provisional",
    "guidance_from",
    "guidance_to",
    "filing_state",
    "filing_report",
    "confidence",
    "citations",
    "questions",
];

/// One obligation as a flat record: the same values as the obligation, one column each; lists
/// (citations, question ids) joined with "; ". A field mapping only.
#[derive(serde::Serialize)]
struct Record<'a> {
    id: &'a str,
    obligor: &'a str,
    obligor_name: &'a str,
    regime: &'a str,
    regime_version: &'a str,
    rule: &'a str,
    name: &'a str,
    recipient_kind: &'a core_model::RecipientKind,
    recipient_body: Option<&'a str>,
    recipient_name: &'a str,
    stage: &'static str,
    status: &'static str,
    standard: &'a str,
    due: Option<&'a DateTime<Utc>>,
    due_local: Option<&'a str>,
    time_zone: &'a str,
    start: Option<&'a DateTime<Utc>>,
    start_basis: &'a core::StartBasis,
    provisional: bool,
    guidance_from: Option<&'a str>,
    guidance_to: Option<&'a str>,
    filing_state: &'a core::FilingState,
    filing_report: Option<&'a str>,
    confidence: &'a core::Confidence,
    citations: String,
    questions: String,
}

fn record<'py>(py: Python<'py>, o: &core::Obligation) -> PyResult<Bound<'py, PyAny>> {
    let d = &o.deadline;
    let r = Record {
        id: &o.id,
        obligor: o.obligor.as_str(),
        obligor_name: &o.obligor_name,
        regime: &o.regime,
        regime_version: &o.regime_version,
        rule: &o.rule,
        name: &o.name,
        recipient_kind: &o.recipient.kind,
        recipient_body: o.recipient.body.as_deref(),
        recipient_name: &o.recipient.name,
        stage: o.stage.code(),
        status: o.status.code(),
        standard: &d.standard,
        due: d.due.as_ref(),
        due_local: d.due_local.as_deref(),
        time_zone: &d.time_zone,
        start: d.start.as_ref(),
        start_basis: &d.start_basis,
        provisional: d.provisional,
        guidance_from: d.guidance.as_ref().map(|g| g.from.as_str()),
        guidance_to: d.guidance.as_ref().map(|g| g.to.as_str()),
        filing_state: &o.filing.state,
        filing_report: o.filing.report.as_ref().map(|r| r.as_str()),
        confidence: &o.confidence,
        citations: o
            .citations
            .iter()
            .map(|c| c.article.as_str())
            .collect::<Vec<_>>()
            .join("; "),
        questions: o
            .questions
            .iter()
            .map(|q| q.id.as_str())
            .collect::<Vec<_>>()
            .join("; "),
    };
    let row = to_py(py, &r)?;
    // Instants become aware datetimes (pandas and pyarrow read them as UTC timestamps).
    let dict = row.cast::<PyDict>()?;
    dict.set_item("due", d.due)?;
    dict.set_item("start", d.start)?;
    Ok(row)
}

/// The result of assessing one incident as of one instant.
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
    /// One flat dict per obligation, for a DataFrame or a CSV file.
    fn to_records<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let list = PyList::empty(py);
        for o in &self.inner.obligations {
            list.append(record(py, o)?)?;
        }
        Ok(list)
    }
    /// `to_records()` as a `pandas.DataFrame` (needs pandas).
    fn to_pandas<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let pandas = py.import("pandas").map_err(|_| {
            PyImportError::new_err("Assessment.to_pandas() needs pandas: pip install pandas")
        })?;
        let kwargs = PyDict::new(py);
        kwargs.set_item("columns", RECORD_COLUMNS.to_vec())?;
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
    RECORD_COLUMNS.to_vec()
}

//! `breachkit.Register`: the breach register (SQLite file or PostgreSQL), a context manager.
//! Translation only: the logic is in `breachkit-register`.

use std::sync::Mutex;

use breachkit::model as core_model;
use breachkit::register as core;
use pyo3::exceptions::PyImportError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList, PyType};

use crate::convert::{instant, to_py};
use crate::model::Incident;

static REGISTER_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static CONFLICT_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// A core `RegisterError` as `breachkit.RegisterError` (or `ConflictError`); messages never hold
/// values from the register.
fn register_error(py: Python<'_>, e: &core::RegisterError) -> PyErr {
    let build = || -> PyResult<PyErr> {
        let exc = match e {
            core::RegisterError::Conflict { expected, latest } => CONFLICT_ERROR
                .import(py, "breachkit._errors", "ConflictError")?
                .call1((e.to_string(), *expected, *latest))?,
            _ => REGISTER_ERROR
                .import(py, "breachkit._errors", "RegisterError")?
                .call1((e.to_string(), e.code()))?,
        };
        Ok(PyErr::from_value(exc))
    };
    build().unwrap_or_else(|err| err)
}

fn closed(py: Python<'_>) -> PyErr {
    register_error(
        py,
        &core::RegisterError::Open {
            backend: "register",
            reason: "the register is closed".to_owned(),
        },
    )
}

fn incident_id(py: Python<'_>, id: &str) -> PyResult<core_model::IncidentId> {
    core_model::IncidentId::try_new(id).map_err(|e| crate::convert::model_error(py, &e))
}

/// The columns of `due_records()`, in order.
const DUE_COLUMNS: [&str; 13] = [
    "incident",
    "revision",
    "obligation",
    "obligor",
    "regime",
    "stage",
    "status",
    "recipient",
    "filing",
    "due",
    "due_local",
    "standard",
    "provisional",
];

/// A breach register: `Register("register.db")` (SQLite, created with owner-only permissions)
/// or `Register("postgres://user@host/db")`. Use it in a `with` block; `close()` ends it.
#[pyclass(frozen, module = "breachkit._native")]
pub(crate) struct Register {
    inner: Mutex<Option<Box<dyn core::Register + Send>>>,
}

impl Register {
    fn with<T>(
        &self,
        py: Python<'_>,
        f: impl FnOnce(&mut dyn core::Register) -> Result<T, core::RegisterError>,
    ) -> PyResult<T> {
        let mut guard = self.inner.lock().map_err(|_| closed(py))?;
        let reg = guard.as_mut().ok_or_else(|| closed(py))?;
        f(reg.as_mut()).map_err(|e| register_error(py, &e))
    }
}

#[pymethods]
impl Register {
    #[new]
    fn new(py: Python<'_>, location: &str) -> PyResult<Self> {
        let reg = core::open(location).map_err(|e| register_error(py, &e))?;
        Ok(Register {
            inner: Mutex::new(Some(reg)),
        })
    }

    fn __enter__(slf: Py<Self>) -> Py<Self> {
        slf
    }

    #[pyo3(signature = (*_args))]
    fn __exit__(&self, _args: &Bound<'_, pyo3::types::PyTuple>) -> bool {
        self.close();
        false
    }

    /// Closes the connection; later calls raise `RegisterError`.
    fn close(&self) {
        if let Ok(mut g) = self.inner.lock() {
            g.take();
        }
    }

    /// `sqlite` or `postgresql`.
    #[getter]
    fn backend(&self, py: Python<'_>) -> PyResult<&'static str> {
        self.with(py, |r| Ok(r.backend()))
    }

    /// Records a new incident (revision 1) and returns 1.
    #[pyo3(signature = (incident, *, recorded_at, author, note = None))]
    fn add(
        &self,
        py: Python<'_>,
        incident: &Incident,
        recorded_at: &Bound<'_, PyAny>,
        author: &str,
        note: Option<&str>,
    ) -> PyResult<u32> {
        let at = instant(recorded_at, "recorded_at")?;
        self.with(py, |r| {
            r.write_revision(&incident.inner, 0, at, author, note)
        })
    }

    /// Records a revision on top of `parent`; raises `ConflictError` when it is not the latest.
    #[pyo3(signature = (incident, *, parent, recorded_at, author, note = None))]
    fn update(
        &self,
        py: Python<'_>,
        incident: &Incident,
        parent: u32,
        recorded_at: &Bound<'_, PyAny>,
        author: &str,
        note: Option<&str>,
    ) -> PyResult<u32> {
        let at = instant(recorded_at, "recorded_at")?;
        self.with(py, |r| {
            r.write_revision(&incident.inner, parent, at, author, note)
        })
    }

    /// Every revision: dicts with `number`, `recorded_at`, `author`, `note`, `incident`.
    fn history<'py>(&self, py: Python<'py>, incident_id: &str) -> PyResult<Bound<'py, PyList>> {
        let id = incident_id_of(py, incident_id)?;
        let h = self.with(py, |r| r.history(&id))?;
        let list = PyList::empty(py);
        for rev in h.revisions {
            let d = PyDict::new(py);
            d.set_item("number", rev.number)?;
            d.set_item("recorded_at", rev.recorded_at)?;
            d.set_item("author", rev.author.as_str())?;
            d.set_item("note", rev.note.as_ref().map(|n| n.as_str()))?;
            d.set_item(
                "incident",
                Incident {
                    inner: rev.incident,
                },
            )?;
            list.append(d)?;
        }
        Ok(list)
    }

    /// The document current at `as_of` (aware datetime), or None before the first revision.
    fn current(
        &self,
        py: Python<'_>,
        incident_id: &str,
        as_of: &Bound<'_, PyAny>,
    ) -> PyResult<Option<Incident>> {
        let id = incident_id_of(py, incident_id)?;
        let as_of = instant(as_of, "as_of")?;
        let h = self.with(py, |r| r.history(&id))?;
        Ok(h.current_at(as_of).map(|rev| Incident {
            inner: rev.incident.clone(),
        }))
    }

    /// The typed changes between two revisions (`kind`, `op`, `path`, `id`).
    fn diff<'py>(
        &self,
        py: Python<'py>,
        incident_id: &str,
        older: u32,
        newer: u32,
    ) -> PyResult<Bound<'py, PyAny>> {
        let id = incident_id_of(py, incident_id)?;
        let h = self.with(py, |r| r.history(&id))?;
        let (Some(a), Some(b)) = (h.revision(older), h.revision(newer)) else {
            return Err(register_error(
                py,
                &core::RegisterError::NotFound { what: "revision" },
            ));
        };
        to_py(py, &core_model::diff(&a.incident, &b.incident))
    }

    /// The incidents: dicts with `id`, `latest`, `first_recorded_at`, `last_recorded_at`.
    fn list<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let l = self.with(py, |r| r.list())?;
        to_py(py, &l)
    }

    /// Every open obligation across the register as of `as_of`, sorted by deadline: one dict per
    /// obligation with the keys of `DUE_COLUMNS` (`due` is an ISO string or None).
    fn due_records<'py>(
        &self,
        py: Python<'py>,
        as_of: &Bound<'_, PyAny>,
    ) -> PyResult<Bound<'py, PyList>> {
        let as_of = instant(as_of, "as_of")?;
        let rules = breachkit::rules::Ruleset::builtin()
            .map_err(|e| crate::convert::rules_error(py, &e))?;
        let items = self.with(py, |r| core::due(r, rules, as_of))?;
        let list = PyList::empty(py);
        for i in &items {
            let d = PyDict::new(py);
            let v = serde_json::to_value(i).unwrap_or_default();
            for c in DUE_COLUMNS {
                d.set_item(
                    c,
                    crate::convert::value_to_py(py, v.get(c).unwrap_or(&serde_json::Value::Null))?,
                )?;
            }
            list.append(d)?;
        }
        Ok(list)
    }

    /// `due_records(as_of)` as a `pandas.DataFrame` (needs pandas).
    fn due_to_pandas<'py>(
        &self,
        py: Python<'py>,
        as_of: &Bound<'_, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let pandas = py.import("pandas").map_err(|_| {
            PyImportError::new_err("Register.due_to_pandas() needs pandas: pip install pandas")
        })?;
        let kwargs = PyDict::new(py);
        kwargs.set_item("columns", DUE_COLUMNS.to_vec())?;
        pandas.getattr("DataFrame")?.call_method(
            "from_records",
            (self.due_records(py, as_of)?,),
            Some(&kwargs),
        )
    }

    /// `due_records(as_of)` as a `pyarrow.Table` (needs pyarrow).
    fn due_to_arrow<'py>(
        &self,
        py: Python<'py>,
        as_of: &Bound<'_, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let pyarrow = py.import("pyarrow").map_err(|_| {
            PyImportError::new_err("Register.due_to_arrow() needs pyarrow: pip install pyarrow")
        })?;
        pyarrow
            .getattr("Table")?
            .call_method1("from_pylist", (self.due_records(py, as_of)?,))
    }

    /// Records a decision; returns its number within the incident.
    #[pyo3(signature = (incident_id, *, revision, decided_at, author, risk, notify, justification, subject = "overall"))]
    #[allow(clippy::too_many_arguments)]
    fn decide(
        &self,
        py: Python<'_>,
        incident_id: &str,
        revision: u32,
        decided_at: &Bound<'_, PyAny>,
        author: &str,
        risk: &str,
        notify: bool,
        justification: &str,
        subject: &str,
    ) -> PyResult<u32> {
        let id = incident_id_of(py, incident_id)?;
        let risk: core_model::RiskLevel =
            serde_json::from_value(serde_json::Value::String(risk.to_owned())).map_err(|_| {
                register_error(
                    py,
                    &core::RegisterError::InvalidDocument {
                        path: "/risk".to_owned(),
                        rule: "use unknown, unlikely, risk or high".to_owned(),
                    },
                )
            })?;
        let d = core::Decision {
            number: 0,
            revision,
            decided_at: instant(decided_at, "decided_at")?,
            author: core_model::Text::new(author),
            subject: subject.to_owned(),
            risk,
            notify,
            justification: core_model::Text::new(justification),
        };
        self.with(py, |r| r.record_decision(&id, &d))
    }

    /// Records a deletion request and erases the incident's documents (every revision's document
    /// and note) in the same write; returns the request's number. The incident stays listed, with
    /// its decisions and reports; reading it afterwards raises `RegisterError` (code `erased`).
    #[pyo3(signature = (incident_id, *, requested_at, requested_by, reason))]
    fn erase(
        &self,
        py: Python<'_>,
        incident_id: &str,
        requested_at: &Bound<'_, PyAny>,
        requested_by: &str,
        reason: &str,
    ) -> PyResult<u32> {
        let id = incident_id_of(py, incident_id)?;
        let req = core::DeletionRequest::new(
            instant(requested_at, "requested_at")?,
            core_model::Text::new(requested_by),
            core_model::Text::new(reason),
        );
        self.with(py, |r| r.erase(&id, &req))
    }

    /// Walks the audit chain: a dict with `entries`, `head` and `broken` (None, or a dict with
    /// `position`, `reason`, `table`).
    fn verify<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let v = self.with(py, |r| r.verify())?;
        to_py(py, &v)
    }

    /// The GDPR Art. 33(5) record as Markdown (`format="md"`) or JSON text.
    #[pyo3(signature = (incident_id, *, as_of, lang = "en", format = "md"))]
    fn record(
        &self,
        py: Python<'_>,
        incident_id: &str,
        as_of: &Bound<'_, PyAny>,
        lang: &str,
        format: &str,
    ) -> PyResult<String> {
        let id = incident_id_of(py, incident_id)?;
        let as_of = instant(as_of, "as_of")?;
        let lang: breachkit::report::Lang = lang
            .parse()
            .map_err(|e| crate::convert::report_error(py, &e))?;
        let json = match format {
            "md" => false,
            "json" => true,
            _ => {
                return Err(register_error(
                    py,
                    &core::RegisterError::InvalidDocument {
                        path: "/format".to_owned(),
                        rule: "use md or json".to_owned(),
                    },
                ));
            }
        };
        let rec = self.with(py, |r| {
            let h = r.history(&id)?;
            let d = r.decisions(&id)?;
            let rep = r.reports(&id)?;
            let v = r.verify()?;
            core::record(&h, &d, &rep, Some(&v), as_of, lang)
        })?;
        Ok(if json {
            rec.to_json()
        } else {
            rec.to_markdown()
        })
    }

    /// The whole register as JSON lines (strings without newlines).
    fn export(&self, py: Python<'_>) -> PyResult<Vec<String>> {
        self.with(py, |r| core::export_lines(r))
    }

    /// Imports lines written by `export()`; returns how many.
    fn import_lines(&self, py: Python<'_>, lines: Vec<String>) -> PyResult<usize> {
        self.with(py, |r| {
            for l in &lines {
                core::import_line(r, l)?;
            }
            Ok(lines.len())
        })
    }

    fn __repr__(&self) -> String {
        match self.inner.lock() {
            Ok(g) => match g.as_ref() {
                Some(r) => format!("Register(backend={:?})", r.backend()),
                None => "Register(closed)".to_owned(),
            },
            Err(_) => "Register(closed)".to_owned(),
        }
    }
}

fn incident_id_of(py: Python<'_>, id: &str) -> PyResult<core_model::IncidentId> {
    incident_id(py, id)
}

/// The column names of `Register.due_records()`.
pub(crate) fn due_columns() -> Vec<&'static str> {
    DUE_COLUMNS.to_vec()
}

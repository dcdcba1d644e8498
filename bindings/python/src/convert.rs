//! Value translation between serde (JSON values) and Python objects, and the error mapping.
//!
//! Nothing here decides anything about incidents or law: it moves values across the boundary
//! and turns the core's error enums into the package's exception classes.

use breachkit::model::{MAX_DEPTH, ModelError};
use breachkit::report::ReportError;
use breachkit::rules::RulesError;
use chrono::{DateTime, Utc};
use pyo3::exceptions::{PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{
    PyBool, PyDate, PyDateTime, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple, PyType,
};
use serde_json::Value;

/// A serde value as a Python object (dicts keep the document's field order).
pub(crate) fn value_to_py<'py>(py: Python<'py>, v: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match v {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => {
            if let Some(u) = n.as_u64() {
                u.into_pyobject(py)?.into_any()
            } else if let Some(i) = n.as_i64() {
                i.into_pyobject(py)?.into_any()
            } else {
                n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any()
            }
        }
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for x in items {
                list.append(value_to_py(py, x)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => {
            let d = PyDict::new(py);
            for (k, x) in map {
                d.set_item(k, value_to_py(py, x)?)?;
            }
            d.into_any()
        }
    })
}

/// Any serializable core value as a Python object (its JSON form).
pub(crate) fn to_py<'py, T: serde::Serialize>(
    py: Python<'py>,
    t: &T,
) -> PyResult<Bound<'py, PyAny>> {
    let v = serde_json::to_value(t)
        .map_err(|_| PyRuntimeError::new_err("breachkit: a value could not be serialized"))?;
    value_to_py(py, &v)
}

/// A Python object made of dicts, lists, str, int, float, bool and None as a serde value.
///
/// `datetime.date` and `datetime.datetime` become their ISO 8601 text. Nesting deeper than the
/// document reader accepts is the core's `TooDeep` error (this also stops self-referencing dicts).
pub(crate) fn py_to_value(obj: &Bound<'_, PyAny>, depth: usize) -> PyResult<Value> {
    if depth > MAX_DEPTH {
        return Err(model_error(
            obj.py(),
            &ModelError::TooDeep { limit: MAX_DEPTH },
        ));
    }
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if obj.is_instance_of::<PyInt>() {
        if let Ok(i) = obj.extract::<i64>() {
            return Ok(Value::from(i));
        }
        if let Ok(u) = obj.extract::<u64>() {
            return Ok(Value::from(u));
        }
        // Out of range for any count: pass it on as a float so the reader names the field.
        let f: f64 = obj.extract().unwrap_or(f64::INFINITY);
        return Ok(serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number));
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        return Ok(serde_json::Number::from_f64(f.value()).map_or(Value::Null, Value::Number));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Value::String(text(s)?.into_owned()));
    }
    if obj.is_instance_of::<PyDateTime>() || obj.is_instance_of::<PyDate>() {
        let iso = obj.call_method0("isoformat")?;
        return Ok(Value::String(iso.extract()?));
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        let mut map = serde_json::Map::new();
        for (k, v) in d.iter() {
            let Ok(k) = k.cast::<PyString>() else {
                return Err(PyTypeError::new_err(
                    "Incident.from_dict: dictionary keys must be str",
                ));
            };
            map.insert(text(k)?.into_owned(), py_to_value(&v, depth + 1)?);
        }
        return Ok(Value::Object(map));
    }
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        let mut items = Vec::new();
        for x in obj.try_iter()? {
            items.push(py_to_value(&x?, depth + 1)?);
        }
        return Ok(Value::Array(items));
    }
    let type_name = obj
        .get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "?".into());
    Err(PyTypeError::new_err(format!(
        "Incident.from_dict: values must be dict, list, tuple, str, int, float, bool, None, date or datetime; found an object of type {type_name}"
    )))
}

/// The UTF-8 text of a Python str; lone surrogates are a validation error that does not quote the
/// string (Python's own message would).
pub(crate) fn text<'a>(s: &'a Bound<'_, PyString>) -> PyResult<std::borrow::Cow<'a, str>> {
    s.to_cow().map_err(|_| {
        validation_error(
            s.py(),
            "text is not valid Unicode (it holds lone surrogates)",
            &[(
                "encoding",
                "/",
                "text is not valid Unicode (it holds lone surrogates)",
            )],
        )
    })
}

/// An aware `datetime` as an instant. Naive datetimes are refused: the engine never guesses a zone.
pub(crate) fn instant(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<DateTime<Utc>> {
    let py = obj.py();
    if !obj.is_instance_of::<PyDateTime>() {
        return Err(PyTypeError::new_err(format!(
            "{name} must be a datetime.datetime with a time zone (tzinfo)"
        )));
    }
    if obj.call_method0("utcoffset")?.is_none() {
        return Err(PyValueError::new_err(format!(
            "{name} must be timezone-aware: a naive datetime does not say which instant it is; \
             pass tzinfo, for example datetime.timezone.utc or zoneinfo.ZoneInfo(\"Asia/Tokyo\")"
        )));
    }
    static UTC: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let utc = UTC.get_or_try_init(py, || {
        py.import("datetime")?
            .getattr("timezone")?
            .getattr("utc")
            .map(Bound::unbind)
    })?;
    obj.call_method1("astimezone", (utc.bind(py),))?.extract()
}

fn error_class<'py>(
    py: Python<'py>,
    cell: &'static PyOnceLock<Py<PyType>>,
    name: &str,
) -> PyResult<Bound<'py, PyType>> {
    cell.import(py, "breachkit._errors", name).cloned()
}

static VALIDATION_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static RULES_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// `breachkit.ValidationError(message, errors)`.
pub(crate) fn validation_error(
    py: Python<'_>,
    message: &str,
    errors: &[(&str, &str, &str)],
) -> PyErr {
    let build = || -> PyResult<PyErr> {
        let list = PyList::empty(py);
        for (code, path, msg) in errors {
            let d = PyDict::new(py);
            d.set_item("code", code)?;
            d.set_item("path", path)?;
            d.set_item("message", msg)?;
            list.append(d)?;
        }
        let exc = error_class(py, &VALIDATION_ERROR, "ValidationError")?.call1((message, list))?;
        Ok(PyErr::from_value(exc))
    };
    build().unwrap_or_else(|e| e)
}

/// A core `ModelError` as `breachkit.ValidationError` (its messages never hold input values).
pub(crate) fn model_error(py: Python<'_>, e: &ModelError) -> PyErr {
    let (path, message) = (e.path().unwrap_or("/").to_owned(), e.rule());
    validation_error(
        py,
        &format!("invalid incident document: {e}"),
        &[(e.code(), &path, &message)],
    )
}

/// A core `RulesError` as `breachkit.RulesError(message, file, path)`.
pub(crate) fn rules_error(py: Python<'_>, e: &RulesError) -> PyErr {
    if let RulesError::Incident(m) = e {
        return model_error(py, m);
    }
    let file = match e {
        RulesError::Syntax { file, .. } | RulesError::Invalid { file, .. } => Some(file.as_str()),
        _ => None,
    };
    let build = || -> PyResult<PyErr> {
        let exc =
            error_class(py, &RULES_ERROR, "RulesError")?.call1((e.to_string(), file, e.path()))?;
        Ok(PyErr::from_value(exc))
    };
    build().unwrap_or_else(|err| err)
}

static REPORT_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// A core `ReportError` as `breachkit.ReportError(message, code, key)` (its messages never hold
/// incident values).
pub(crate) fn report_error(py: Python<'_>, e: &ReportError) -> PyErr {
    if let ReportError::Incident(m) = e {
        return model_error(py, m);
    }
    let key = match e {
        ReportError::Template { key, .. } if !key.is_empty() => Some(key.as_str()),
        _ => None,
    };
    let build = || -> PyResult<PyErr> {
        let exc =
            error_class(py, &REPORT_ERROR, "ReportError")?.call1((e.to_string(), e.code(), key))?;
        Ok(PyErr::from_value(exc))
    };
    build().unwrap_or_else(|err| err)
}

/// Reads any core type from JSON text through the core reader (size and depth limits, messages
/// that never quote the input). Used by the `_from_json` constructors that pickling calls.
pub(crate) fn read_json<T: serde::de::DeserializeOwned>(
    py: Python<'_>,
    s: &Bound<'_, PyString>,
) -> PyResult<T> {
    let value = breachkit::model::json_value(&text(s)?).map_err(|e| model_error(py, &e))?;
    breachkit::model::from_value(value).map_err(|e| model_error(py, &e))
}

/// Pretty JSON with a final newline, as the core's `to_json` methods write it.
pub(crate) fn pretty<T: serde::Serialize>(t: &T) -> String {
    let mut s = serde_json::to_string_pretty(t).unwrap_or_default();
    s.push('\n');
    s
}

//! `breachkit.roster`: head counts from Arrow data (pyarrow, pandas, polars) through the Arrow C
//! stream interface. Translation only: the counting is `breachkit-roster`'s.

use breachkit::roster::{Counter, Counts, Mapping, RosterError, Salt, arrow_input, source};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList, PyType};
use pyo3_arrow::PyRecordBatchReader;

static ROSTER_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// A core `RosterError` as `breachkit.RosterError(message, problems)`: problems name a path, or a
/// row and a column, never a value.
fn roster_error(py: Python<'_>, e: &RosterError) -> PyErr {
    let build = || -> PyResult<PyErr> {
        let list = PyList::empty(py);
        match e {
            RosterError::Mapping(ps) => {
                for p in ps {
                    let d = PyDict::new(py);
                    d.set_item("path", &p.path)?;
                    d.set_item("message", &p.message)?;
                    list.append(d)?;
                }
            }
            RosterError::TooManyBadRows { first, .. } => {
                for b in first {
                    let d = PyDict::new(py);
                    d.set_item("row", b.row)?;
                    d.set_item("column", &b.column)?;
                    d.set_item("message", b.reason)?;
                    list.append(d)?;
                }
            }
            _ => {}
        }
        let cls = ROSTER_ERROR.import(py, "breachkit._errors", "RosterError")?;
        Ok(PyErr::from_value(cls.call1((e.to_string(), list))?))
    };
    build().unwrap_or_else(|err| err)
}

fn setup(py: Python<'_>, mapping: &str, salt: &[u8], max_bad_rows: u64) -> PyResult<Counter> {
    let m = Mapping::from_toml(mapping).map_err(|p| roster_error(py, &RosterError::Mapping(p)))?;
    let s = Salt::new(salt).map_err(|e| roster_error(py, &e))?;
    Ok(Counter::new(&m, &s, max_bad_rows))
}

fn feed(py: Python<'_>, data: PyRecordBatchReader, sink: &mut dyn source::Sink) -> PyResult<()> {
    let reader = data.into_reader()?;
    let mut row = 1u64;
    for batch in reader {
        let batch = batch.map_err(|_| {
            roster_error(
                py,
                &RosterError::Unreadable {
                    row,
                    reason: "a record batch could not be read".into(),
                },
            )
        })?;
        arrow_input::read_batch(&batch, row, sink).map_err(|e| roster_error(py, &e))?;
        row += batch.num_rows() as u64;
    }
    Ok(())
}

/// Counts one table or partition; returns the counts as JSON (mergeable partials).
#[pyfunction]
#[pyo3(signature = (data, mapping, salt, max_bad_rows = 0))]
pub(crate) fn roster_count(
    py: Python<'_>,
    data: PyRecordBatchReader,
    mapping: &str,
    salt: &[u8],
    max_bad_rows: u64,
) -> PyResult<String> {
    let mut c = setup(py, mapping, salt, max_bad_rows)?;
    feed(py, data, &mut c)?;
    let counts = c.counts().map_err(|e| roster_error(py, &e))?;
    serde_json::to_string(&counts).map_err(|_| {
        roster_error(
            py,
            &RosterError::Format("counts could not be written as JSON"),
        )
    })
}

struct Partitions<'a> {
    counter: &'a mut Counter,
    n: u32,
    out: Vec<i64>,
}

impl source::Sink for Partitions<'_> {
    fn columns(&self) -> Vec<String> {
        self.counter.columns().to_vec()
    }
    fn row(&mut self, row: &dyn breachkit::roster::Row, _: u64) -> Result<(), RosterError> {
        self.out.push(self.counter.key_of(row).map_or(-1, |k| {
            i64::from(breachkit::roster::partition_of(k, self.n))
        }));
        Ok(())
    }
    fn reject(&mut self, _: u64, _: &str, _: &'static str) -> Result<(), RosterError> {
        self.out.push(-1);
        Ok(())
    }
}

/// The partition (0..n) of each row's person key, -1 for a row without a key: repartition by it
/// so that all rows of a person meet in one partition.
#[pyfunction]
pub(crate) fn roster_partitions(
    py: Python<'_>,
    data: PyRecordBatchReader,
    mapping: &str,
    salt: &[u8],
    n: u32,
) -> PyResult<Vec<i64>> {
    let mut c = setup(py, mapping, salt, u64::MAX)?;
    let mut p = Partitions {
        counter: &mut c,
        n: n.max(1),
        out: Vec::new(),
    };
    feed(py, data, &mut p)?;
    Ok(p.out)
}

/// Merges partial counts (JSON) of partitions that share no person; returns JSON.
#[pyfunction]
pub(crate) fn roster_merge(py: Python<'_>, partials: Vec<String>) -> PyResult<String> {
    let mut total = Counts::default();
    for p in &partials {
        let c: Counts = serde_json::from_str(p).map_err(|_| {
            roster_error(
                py,
                &RosterError::Format("a partial is not breachkit roster counts JSON"),
            )
        })?;
        total.merge(&c);
    }
    serde_json::to_string(&total).map_err(|_| {
        roster_error(
            py,
            &RosterError::Format("counts could not be written as JSON"),
        )
    })
}

/// A synthetic roster (CSV text, never real data) and the truth it was built from (JSON:
/// rows, persons, entities, jurisdictions), with the mapping that reads it.
#[pyfunction]
pub(crate) fn roster_generate(seed: u64, rows: u64) -> PyResult<(String, String, &'static str)> {
    let mut out = Vec::new();
    let truth = breachkit::roster::synth::generate(seed, rows, &mut out)
        .map_err(|_| pyo3::exceptions::PyOSError::new_err("generating a roster failed"))?;
    let t = serde_json::json!({
        "rows": truth.rows,
        "persons": truth.persons,
        "entities": truth.entities,
        "jurisdictions": truth.jurisdictions,
    });
    Ok((
        String::from_utf8_lossy(&out).into_owned(),
        t.to_string(),
        breachkit::roster::synth::MAPPING,
    ))
}

//! Reading rosters: CSV and JSON lines (and, with the `arrow` feature, Parquet and Arrow IPC),
//! streamed row by row.

use std::io::{BufRead, Read};

use crate::count::Row;
use crate::error::RosterError;

/// The column name used in a bad-row report when the whole row is at fault.
pub const WHOLE_ROW: &str = "(row)";

/// Input formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum InputFormat {
    /// Comma-separated values with a header row (RFC 4180, UTF-8).
    Csv,
    /// One JSON object per line.
    JsonLines,
    /// Apache Parquet.
    Parquet,
    /// Apache Arrow IPC (file or stream).
    ArrowIpc,
}

impl InputFormat {
    /// The format a file name's extension says.
    pub fn from_path(path: &std::path::Path) -> Option<InputFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "csv" => InputFormat::Csv,
            "jsonl" | "ndjson" => InputFormat::JsonLines,
            "parquet" | "pq" => InputFormat::Parquet,
            "arrow" | "arrows" | "ipc" | "feather" => InputFormat::ArrowIpc,
            _ => return None,
        })
    }
}

/// Receives the rows of a roster.
pub trait Sink {
    /// The columns wanted, in the order [`Row::get`] indexes them.
    fn columns(&self) -> Vec<String>;
    /// One row (`row_no` 1-based).
    ///
    /// # Errors
    /// To stop reading (for example, too many bad rows).
    fn row(&mut self, row: &dyn Row, row_no: u64) -> Result<(), RosterError>;
    /// A row the reader could not parse.
    ///
    /// # Errors
    /// To stop reading.
    fn reject(
        &mut self,
        row_no: u64,
        column: &str,
        reason: &'static str,
    ) -> Result<(), RosterError>;
}

impl Sink for crate::count::Counter {
    fn columns(&self) -> Vec<String> {
        crate::count::Counter::columns(self).to_vec()
    }
    fn row(&mut self, row: &dyn Row, row_no: u64) -> Result<(), RosterError> {
        self.add(row, row_no)
    }
    fn reject(
        &mut self,
        row_no: u64,
        column: &str,
        reason: &'static str,
    ) -> Result<(), RosterError> {
        crate::count::Counter::reject(self, row_no, column, reason)
    }
}

/// Progress callback: (rows so far, input bytes so far).
pub type Progress<'a> = &'a mut dyn FnMut(u64, u64);

struct Counting<R> {
    inner: R,
    bytes: std::rc::Rc<std::cell::Cell<u64>>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.bytes.set(self.bytes.get() + n as u64);
        Ok(n)
    }
}

const PROGRESS_EVERY: u64 = 1 << 16;

struct CsvRow<'a> {
    rec: &'a csv::ByteRecord,
    idx: &'a [Option<usize>],
}

impl Row for CsvRow<'_> {
    fn get(&self, col: usize) -> Option<&str> {
        let i = (*self.idx.get(col)?)?;
        std::str::from_utf8(self.rec.get(i)?).ok()
    }
}

/// Reads a CSV roster (header row first) into a sink.
///
/// # Errors
/// Missing columns, unreadable input, or whatever the sink returns.
pub fn read_csv<R: Read>(
    input: R,
    sink: &mut dyn Sink,
    progress: Progress<'_>,
) -> Result<(), RosterError> {
    let bytes = std::rc::Rc::new(std::cell::Cell::new(0));
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .buffer_capacity(1 << 20)
        .from_reader(Counting {
            inner: input,
            bytes: bytes.clone(),
        });
    let headers = rdr
        .byte_headers()
        .map_err(|_| RosterError::Unreadable {
            row: 0,
            reason: "the header row is not valid CSV".into(),
        })?
        .clone();
    let wanted = sink.columns();
    let header_names: Vec<String> = headers
        .iter()
        .map(|h| String::from_utf8_lossy(h).trim().to_owned())
        .collect();
    let idx = bind(&wanted, &header_names)?;
    let width = headers.len();
    let mut rec = csv::ByteRecord::new();
    let mut n = 0u64;
    loop {
        match rdr.read_byte_record(&mut rec) {
            Ok(false) => break,
            Ok(true) => {
                n += 1;
                if rec.len() != width {
                    sink.reject(n, WHOLE_ROW, "a different number of fields than the header")?;
                } else if let Some(bad) = idx
                    .iter()
                    .flatten()
                    .find(|&&i| rec.get(i).is_some_and(|f| std::str::from_utf8(f).is_err()))
                {
                    sink.reject(n, &header_names[*bad], "not valid UTF-8")?;
                } else {
                    sink.row(
                        &CsvRow {
                            rec: &rec,
                            idx: &idx,
                        },
                        n,
                    )?;
                }
            }
            Err(e) => {
                n += 1;
                if e.is_io_error() {
                    return Err(RosterError::Unreadable {
                        row: n,
                        reason: "an I/O error while reading".into(),
                    });
                }
                sink.reject(n, WHOLE_ROW, "not valid CSV")?;
            }
        }
        if n % PROGRESS_EVERY == 0 {
            progress(n, bytes.get());
        }
    }
    progress(n, bytes.get());
    Ok(())
}

/// Maps wanted column names to header positions; every missing name is reported at once.
pub(crate) fn bind(
    wanted: &[String],
    headers: &[String],
) -> Result<Vec<Option<usize>>, RosterError> {
    let mut missing = Vec::new();
    let idx = wanted
        .iter()
        .map(|w| {
            let i = headers.iter().position(|h| h == w);
            if i.is_none() {
                missing.push(w.clone());
            }
            i
        })
        .collect();
    if missing.is_empty() {
        Ok(idx)
    } else {
        Err(RosterError::MissingColumns { columns: missing })
    }
}

struct JsonRow {
    cells: Vec<Option<String>>,
}

impl Row for JsonRow {
    fn get(&self, col: usize) -> Option<&str> {
        self.cells.get(col)?.as_deref()
    }
}

/// Reads a JSON-lines roster (one object per line; blank lines skipped) into a sink. A key
/// missing from an object is an empty cell; numbers and booleans are read as their text.
///
/// # Errors
/// Unreadable input, or whatever the sink returns.
pub fn read_json_lines<R: Read>(
    input: R,
    sink: &mut dyn Sink,
    progress: Progress<'_>,
) -> Result<(), RosterError> {
    let bytes = std::rc::Rc::new(std::cell::Cell::new(0));
    let mut rdr = std::io::BufReader::with_capacity(
        1 << 20,
        Counting {
            inner: input,
            bytes: bytes.clone(),
        },
    );
    let wanted = sink.columns();
    let mut line = String::new();
    let mut n = 0u64;
    let mut row = JsonRow {
        cells: vec![None; wanted.len()],
    };
    loop {
        line.clear();
        match rdr.read_line(&mut line) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::InvalidData => {
                n += 1;
                sink.reject(n, WHOLE_ROW, "not valid UTF-8")?;
                continue;
            }
            Err(_) => {
                return Err(RosterError::Unreadable {
                    row: n + 1,
                    reason: "an I/O error while reading".into(),
                });
            }
        }
        if line.trim().is_empty() {
            continue;
        }
        n += 1;
        match serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(&line) {
            Err(_) => sink.reject(n, WHOLE_ROW, "not a JSON object")?,
            Ok(obj) => {
                let mut bad = None;
                for (i, w) in wanted.iter().enumerate() {
                    row.cells[i] = match obj.get(w) {
                        None | Some(serde_json::Value::Null) => None,
                        Some(serde_json::Value::String(s)) => Some(s.clone()),
                        Some(serde_json::Value::Number(x)) => Some(x.to_string()),
                        Some(serde_json::Value::Bool(b)) => Some(b.to_string()),
                        Some(_) => {
                            bad = Some(i);
                            None
                        }
                    };
                }
                match bad {
                    Some(i) => sink.reject(n, &wanted[i], "an array or object, not a value")?,
                    None => sink.row(&row, n)?,
                }
            }
        }
        if n % PROGRESS_EVERY == 0 {
            progress(n, bytes.get());
        }
    }
    progress(n, bytes.get());
    Ok(())
}

/// Reads a roster file of any supported format into a sink.
///
/// # Errors
/// As the readers; [`RosterError::Format`] for a format this build cannot read.
pub fn read_path(
    path: &std::path::Path,
    format: InputFormat,
    sink: &mut dyn Sink,
    progress: Progress<'_>,
) -> Result<(), RosterError> {
    match format {
        InputFormat::Csv => read_csv(std::fs::File::open(path)?, sink, progress),
        InputFormat::JsonLines => read_json_lines(std::fs::File::open(path)?, sink, progress),
        #[cfg(feature = "arrow")]
        InputFormat::Parquet => crate::arrow_input::read_parquet(path, sink, progress),
        #[cfg(feature = "arrow")]
        InputFormat::ArrowIpc => crate::arrow_input::read_ipc(path, sink, progress),
        #[cfg(not(feature = "arrow"))]
        InputFormat::Parquet | InputFormat::ArrowIpc => Err(RosterError::Format(
            "Parquet and Arrow IPC need the `arrow` feature",
        )),
    }
}

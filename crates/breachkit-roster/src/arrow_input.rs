//! Parquet and Arrow IPC input (feature `arrow`), batch by batch, reading only mapped columns.
//!
//! Also the entry point for in-memory Arrow data ([`read_batch`]), which the Python binding uses
//! for pyarrow tables, pandas and polars frames through the Arrow C data interface.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

use arrow_array::cast::AsArray;
use arrow_array::types::{
    Int8Type, Int16Type, Int32Type, Int64Type, UInt8Type, UInt16Type, UInt32Type, UInt64Type,
};
use arrow_array::{Array, ArrayRef, RecordBatch};
use arrow_schema::DataType;

use crate::count::Row;
use crate::error::RosterError;
use crate::source::{Progress, Sink, bind};

const BATCH: usize = 65_536;

enum Col<'a> {
    Missing,
    Utf8(&'a arrow_array::StringArray),
    LargeUtf8(&'a arrow_array::LargeStringArray),
    View(&'a arrow_array::StringViewArray),
    Dict {
        keys: Vec<Option<usize>>,
        values: &'a arrow_array::StringArray,
    },
    Text(Vec<Option<String>>),
}

impl Col<'_> {
    fn get(&self, r: usize) -> Option<&str> {
        match self {
            Col::Missing => None,
            Col::Utf8(a) => a.is_valid(r).then(|| a.value(r)),
            Col::LargeUtf8(a) => a.is_valid(r).then(|| a.value(r)),
            Col::View(a) => a.is_valid(r).then(|| a.value(r)),
            Col::Dict { keys, values } => keys[r].map(|k| values.value(k)),
            Col::Text(v) => v[r].as_deref(),
        }
    }
}

struct BatchRow<'a, 'b> {
    cols: &'b [Col<'a>],
    r: usize,
}

impl Row for BatchRow<'_, '_> {
    fn get(&self, col: usize) -> Option<&str> {
        self.cols.get(col)?.get(self.r)
    }
}

fn texts<T: std::fmt::Display>(a: &dyn Array, get: impl Fn(usize) -> T) -> Vec<Option<String>> {
    (0..a.len())
        .map(|i| a.is_valid(i).then(|| get(i).to_string()))
        .collect()
}

/// A column view, or `None` for a type breachkit does not read.
fn view(a: &ArrayRef) -> Option<Col<'_>> {
    Some(match a.data_type() {
        DataType::Utf8 => Col::Utf8(a.as_string::<i32>()),
        DataType::LargeUtf8 => Col::LargeUtf8(a.as_string::<i64>()),
        DataType::Utf8View => Col::View(a.as_string_view()),
        DataType::Null => Col::Missing,
        DataType::Boolean => {
            let b = a.as_boolean();
            Col::Text(texts(a, |i| b.value(i)))
        }
        DataType::Int8 => Col::Text(texts(a, |i| a.as_primitive::<Int8Type>().value(i))),
        DataType::Int16 => Col::Text(texts(a, |i| a.as_primitive::<Int16Type>().value(i))),
        DataType::Int32 => Col::Text(texts(a, |i| a.as_primitive::<Int32Type>().value(i))),
        DataType::Int64 => Col::Text(texts(a, |i| a.as_primitive::<Int64Type>().value(i))),
        DataType::UInt8 => Col::Text(texts(a, |i| a.as_primitive::<UInt8Type>().value(i))),
        DataType::UInt16 => Col::Text(texts(a, |i| a.as_primitive::<UInt16Type>().value(i))),
        DataType::UInt32 => Col::Text(texts(a, |i| a.as_primitive::<UInt32Type>().value(i))),
        DataType::UInt64 => Col::Text(texts(a, |i| a.as_primitive::<UInt64Type>().value(i))),
        DataType::Date32 => {
            let d = a.as_primitive::<arrow_array::types::Date32Type>();
            Col::Text(texts(a, |i| {
                arrow_array::temporal_conversions::date32_to_datetime(d.value(i))
                    .map(|t| t.date().format("%Y-%m-%d").to_string())
                    .unwrap_or_default()
            }))
        }
        DataType::Dictionary(k, v) if v.as_ref() == &DataType::Utf8 => {
            let keys: Vec<Option<usize>> = match k.as_ref() {
                DataType::Int8 => dict_keys::<Int8Type>(a),
                DataType::Int16 => dict_keys::<Int16Type>(a),
                DataType::Int32 => dict_keys::<Int32Type>(a),
                DataType::Int64 => dict_keys::<Int64Type>(a),
                DataType::UInt8 => dict_keys::<UInt8Type>(a),
                DataType::UInt16 => dict_keys::<UInt16Type>(a),
                DataType::UInt32 => dict_keys::<UInt32Type>(a),
                DataType::UInt64 => dict_keys::<UInt64Type>(a),
                _ => return None,
            }?;
            let values = a.as_any_dictionary().values().as_string_opt::<i32>()?;
            Col::Dict { keys, values }
        }
        _ => return None,
    })
}

fn dict_keys<K: arrow_array::types::ArrowDictionaryKeyType>(
    a: &ArrayRef,
) -> Option<Vec<Option<usize>>> {
    let d = a.as_dictionary_opt::<K>()?;
    let keys = d.keys();
    Some(
        (0..keys.len())
            .map(|i| {
                if d.is_valid(i) {
                    num_usize(keys.value(i))
                } else {
                    None
                }
            })
            .collect(),
    )
}

fn num_usize<T: arrow_array::ArrowNativeTypeOp>(v: T) -> Option<usize> {
    v.to_usize()
}

/// Feeds one record batch to a sink; `first_row` is the 1-based number of its first row.
/// Columns are found by name; a wanted column absent from the batch is an error.
///
/// # Errors
/// [`RosterError::MissingColumns`] (absent or of an unreadable type), or what the sink returns.
pub fn read_batch(
    batch: &RecordBatch,
    first_row: u64,
    sink: &mut dyn Sink,
) -> Result<(), RosterError> {
    let wanted = sink.columns();
    let schema = batch.schema();
    let names: Vec<String> = schema.fields().iter().map(|f| f.name().clone()).collect();
    let idx = bind(&wanted, &names)?;
    let mut cols = Vec::with_capacity(idx.len());
    let mut unreadable = Vec::new();
    for (w, i) in wanted.iter().zip(&idx) {
        match i.map(|i| batch.column(i)) {
            Some(a) => match view(a) {
                Some(c) => cols.push(c),
                None => {
                    unreadable.push(format!("{w} (type not readable)"));
                    cols.push(Col::Missing);
                }
            },
            None => cols.push(Col::Missing),
        }
    }
    if !unreadable.is_empty() {
        return Err(RosterError::MissingColumns {
            columns: unreadable,
        });
    }
    for r in 0..batch.num_rows() {
        sink.row(&BatchRow { cols: &cols, r }, first_row + r as u64)?;
    }
    Ok(())
}

fn unreadable(row: u64) -> RosterError {
    RosterError::Unreadable {
        row,
        reason: "the file's structure or a page cannot be decoded".into(),
    }
}

/// Reads a Parquet roster. Progress bytes are estimated from the share of rows read.
///
/// # Errors
/// Unreadable file, missing columns, or what the sink returns.
pub fn read_parquet(
    path: &Path,
    sink: &mut dyn Sink,
    progress: Progress<'_>,
) -> Result<(), RosterError> {
    use parquet::arrow::ProjectionMask;
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
    let file = File::open(path)?;
    let size = file.metadata()?.len();
    let builder = ParquetRecordBatchReaderBuilder::try_new(file).map_err(|_| unreadable(0))?;
    let wanted = sink.columns();
    let total = builder.metadata().file_metadata().num_rows().max(1) as u64;
    let arrow_schema = builder.schema().clone();
    let names: Vec<String> = arrow_schema
        .fields()
        .iter()
        .map(|f| f.name().clone())
        .collect();
    let idx = bind(&wanted, &names)?;
    let mut roots: Vec<usize> = idx.into_iter().flatten().collect();
    roots.sort_unstable();
    roots.dedup();
    let mask = ProjectionMask::roots(builder.parquet_schema(), roots);
    let reader = builder
        .with_projection(mask)
        .with_batch_size(BATCH)
        .build()
        .map_err(|_| unreadable(0))?;
    let mut n = 0u64;
    for batch in reader {
        let batch = batch.map_err(|_| unreadable(n + 1))?;
        read_batch(&batch, n + 1, sink)?;
        n += batch.num_rows() as u64;
        progress(n, size.saturating_mul(n) / total);
    }
    Ok(())
}

/// Reads an Arrow IPC roster: the file format (`ARROW1` magic) or the stream format.
///
/// # Errors
/// Unreadable file, missing columns, or what the sink returns.
pub fn read_ipc(
    path: &Path,
    sink: &mut dyn Sink,
    progress: Progress<'_>,
) -> Result<(), RosterError> {
    let mut file = File::open(path)?;
    let size = file.metadata()?.len();
    let mut magic = [0u8; 6];
    let is_file = file.read_exact(&mut magic).is_ok() && &magic == b"ARROW1";
    file.seek(SeekFrom::Start(0))?;
    let mut n = 0u64;
    let mut feed = |batch: Result<RecordBatch, arrow_schema::ArrowError>,
                    n: &mut u64|
     -> Result<(), RosterError> {
        let batch = batch.map_err(|_| unreadable(*n + 1))?;
        read_batch(&batch, *n + 1, sink)?;
        *n += batch.num_rows() as u64;
        Ok(())
    };
    if is_file {
        let reader = arrow_ipc::reader::FileReader::try_new(std::io::BufReader::new(file), None)
            .map_err(|_| unreadable(0))?;
        let blocks = reader.num_batches().max(1) as u64;
        for (i, batch) in reader.enumerate() {
            feed(batch, &mut n)?;
            progress(n, size.saturating_mul(i as u64 + 1) / blocks);
        }
    } else {
        let reader = arrow_ipc::reader::StreamReader::try_new(std::io::BufReader::new(file), None)
            .map_err(|_| unreadable(0))?;
        for batch in reader {
            feed(batch, &mut n)?;
            progress(n, 0);
        }
    }
    Ok(())
}

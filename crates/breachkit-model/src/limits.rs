//! Every limit breachkit puts on its input, in one place.
//!
//! The CLI, the Python binding and the Swift/Kotlin binding read through [`read_limited`] and the
//! document readers in this crate, so the numbers below are the same everywhere. They are also
//! listed in `docs/design.md` ("Input limits").

use std::io::Read;

use crate::error::ModelError;

/// The largest document any reader accepts, in bytes: incidents (JSON and TOML), rule files,
/// template files and VERIS records.
pub const MAX_DOCUMENT_BYTES: usize = 16 * 1024 * 1024;

/// The deepest nesting of arrays and tables the readers accept.
pub const MAX_DEPTH: usize = 64;

/// The largest sequence number a recorded report may carry. Announcement and report numbers are
/// small in practice (the seed incident's series ends at 3); the cap keeps "one after the last"
/// far from `u32::MAX`.
pub const MAX_SEQUENCE: u32 = 9_999;

/// At most this many problems are listed by [`crate::Incident::validate`]; one more problem,
/// `too_many_problems`, says how many were left out.
pub const MAX_PROBLEMS: usize = 1_000;

/// Reads at most `limit` bytes of text from `reader`: a longer input ends with
/// [`ModelError::TooLarge`] as soon as byte `limit + 1` arrives, so an endless input (a pipe,
/// `/dev/zero`) costs at most `limit + 1` bytes of memory.
///
/// # Errors
/// [`ModelError::TooLarge`], [`ModelError::InvalidUtf8`] (with the line and column of the first
/// bad byte) or [`ModelError::Read`] for an I/O failure.
pub fn read_limited(reader: impl Read, limit: usize) -> Result<String, ModelError> {
    let mut bytes = Vec::new();
    let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    reader
        .take(cap)
        .read_to_end(&mut bytes)
        .map_err(|e| ModelError::Read { kind: e.kind() })?;
    if bytes.len() > limit {
        return Err(ModelError::TooLarge { limit });
    }
    text_from_bytes(bytes)
}

/// Turns bytes into text, or says where the first invalid UTF-8 byte is.
///
/// # Errors
/// [`ModelError::InvalidUtf8`].
pub fn text_from_bytes(bytes: Vec<u8>) -> Result<String, ModelError> {
    String::from_utf8(bytes).map_err(|e| {
        let good = e.utf8_error().valid_up_to();
        let (line, column) = crate::io::line_col(e.as_bytes(), good);
        ModelError::InvalidUtf8 { line, column }
    })
}

/// Reads a file through [`read_limited`] with [`MAX_DOCUMENT_BYTES`].
///
/// # Errors
/// As [`read_limited`]; a file that cannot be opened gives [`ModelError::Read`].
pub fn read_file(path: &std::path::Path) -> Result<String, ModelError> {
    let f = std::fs::File::open(path).map_err(|e| ModelError::Read { kind: e.kind() })?;
    read_limited(f, MAX_DOCUMENT_BYTES)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endless_input_stops_at_the_limit() {
        let e = read_limited(std::io::repeat(0), 1024);
        assert_eq!(e, Err(ModelError::TooLarge { limit: 1024 }));
        assert_eq!(read_limited(&b"abc"[..], 3).as_deref(), Ok("abc"));
    }

    #[test]
    fn invalid_utf8_has_its_own_error_with_position() {
        let e = read_limited(&b"ab\ncd\xff"[..], 100);
        assert_eq!(e, Err(ModelError::InvalidUtf8 { line: 2, column: 3 }));
        assert_eq!(e.unwrap_err().code(), "invalid_utf8");
    }
}

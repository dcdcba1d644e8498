//! The one error type of this crate.
//!
//! Every message names the field or the rule that failed, never the value: an incident document
//! holds personal data, and an invalid country code may well hold a person's name.

/// Everything that can go wrong when building a model value or reading a document.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ModelError {
    /// The input is not valid UTF-8.
    #[error("not valid UTF-8 text: the first invalid byte is at line {line}, column {column}")]
    InvalidUtf8 {
        /// 1-based line of the first invalid byte.
        line: usize,
        /// 1-based column (in bytes) of the first invalid byte.
        column: usize,
    },
    /// The input could not be read.
    #[error("cannot read: {kind}")]
    Read {
        /// What went wrong.
        kind: std::io::ErrorKind,
    },
    /// An object has the same key twice; a document must have one meaning for every reader.
    #[error(
        "{path}: duplicate key (line {line}, column {column}): each key may appear once per object"
    )]
    DuplicateKey {
        /// JSON pointer to the repeated key (to its object when the key is not a field name of
        /// the format, since an author's key may hold personal data).
        path: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
    },
    /// The document contradicts itself in a way no assessment or draft can work around
    /// (duplicate ids, a parent cycle, a sequence number out of range).
    #[error(
        "{path}: {code}: fix this before assessing or drafting (`breachkit validate` lists every problem)"
    )]
    Inconsistent {
        /// The validation code (`duplicate_id`, `parent_cycle`, `sequence_too_large`).
        code: &'static str,
        /// JSON pointer to the first offending field.
        path: String,
    },
    /// A code is not in its curated list and does not use the `other:<code>` form.
    #[error("unknown {list} code: use one of the listed codes or the form `other:<code>`")]
    UnknownCode {
        /// Which code list (type name).
        list: &'static str,
    },
    /// A custom code or identifier has characters outside `[a-z0-9_.-]` or a bad length.
    #[error(
        "invalid code: use 1 to 64 characters from a-z, 0-9, `_`, `.`, `-`, starting with a letter or digit"
    )]
    InvalidCode,
    /// An identifier has characters outside `[A-Za-z0-9_.-]` or a bad length.
    #[error(
        "invalid identifier: use 1 to 64 characters from A-Z, a-z, 0-9, `_`, `.`, `-`, starting with a letter or digit"
    )]
    InvalidId,
    /// Not an assigned ISO 3166-1 alpha-2 country code.
    #[error(
        "invalid country code: expected an assigned ISO 3166-1 alpha-2 code in upper case (for example JP, DE, US)"
    )]
    InvalidCountry,
    /// Not an ISO 3166-1 country or ISO 3166-2 subdivision code.
    #[error(
        "invalid jurisdiction: expected an ISO 3166-1 alpha-2 code (JP) or an ISO 3166-2 subdivision code (US-CA, JP-13)"
    )]
    InvalidJurisdiction,
    /// Not a time in one of the accepted partial forms, or not a real calendar date or time.
    #[error("invalid time: {rule}")]
    InvalidTime {
        /// The rule that was broken.
        rule: &'static str,
    },
    /// Not an IANA time zone name known to the tz database shipped with breachkit.
    #[error("invalid time zone: expected an IANA zone name such as Asia/Tokyo or Europe/Berlin")]
    InvalidTimeZone,
    /// A count breaks its rule (for example a range whose minimum exceeds its maximum).
    #[error("invalid count: {rule}")]
    InvalidCount {
        /// The rule that was broken.
        rule: &'static str,
    },
    /// A URL is not an absolute `http`, `https` or `mailto` URL.
    #[error("invalid URL: expected an absolute http(s) or mailto URL without spaces")]
    InvalidUrl,
    /// The document is not well-formed JSON or TOML.
    #[error("{format} syntax error at line {line}, column {column}")]
    Syntax {
        /// `JSON` or `TOML`.
        format: &'static str,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
    },
    /// A TOML integer beyond the 64-bit signed range TOML allows.
    #[error(
        "number out of range at line {line}, column {column}: TOML integers are 64-bit signed (at most 9223372036854775807)"
    )]
    OutOfRange {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
    },
    /// The document is well-formed but a field does not fit the format.
    #[error("{path}: {message}")]
    Shape {
        /// JSON pointer to the field.
        path: String,
        /// What rule the field breaks (never its value).
        message: String,
    },
    /// The document is larger than the reader accepts.
    #[error("document too large: the limit is {limit} bytes")]
    TooLarge {
        /// The limit in bytes.
        limit: usize,
    },
    /// The document nests deeper than the reader accepts.
    #[error("document nests too deeply: the limit is {limit} levels")]
    TooDeep {
        /// The limit in levels.
        limit: usize,
    },
    /// The document declares a schema version this build cannot read.
    #[error("unsupported schema_version: this build reads {supported}")]
    UnsupportedSchemaVersion {
        /// The versions this build reads.
        supported: &'static str,
    },
    /// A revision was written on top of one that is no longer the latest: someone else wrote in
    /// between. Re-read, merge and write again.
    #[error("conflict: the revision was based on number {expected}, but the latest is {latest}")]
    StaleRevision {
        /// The number the writer based its change on.
        expected: u32,
        /// The latest number.
        latest: u32,
    },
}

impl ModelError {
    /// True for errors about the document as a whole (syntax, size, shape), as opposed to one value.
    pub fn is_document_error(&self) -> bool {
        matches!(
            self,
            ModelError::Syntax { .. }
                | ModelError::OutOfRange { .. }
                | ModelError::InvalidUtf8 { .. }
                | ModelError::DuplicateKey { .. }
                | ModelError::Inconsistent { .. }
                | ModelError::Shape { .. }
                | ModelError::TooLarge { .. }
                | ModelError::TooDeep { .. }
                | ModelError::UnsupportedSchemaVersion { .. }
        )
    }

    /// A stable code for the kind of error (`syntax`, `shape`, `too_large`, `too_deep`,
    /// `unsupported_schema_version`, `invalid_country`, ...), for tools and bindings.
    pub fn code(&self) -> &'static str {
        match self {
            ModelError::InvalidUtf8 { .. } => "invalid_utf8",
            ModelError::Read { .. } => "io",
            ModelError::DuplicateKey { .. } => "duplicate_key",
            ModelError::Inconsistent { code, .. } => code,
            ModelError::UnknownCode { .. } => "unknown_code",
            ModelError::InvalidCode => "invalid_code",
            ModelError::InvalidId => "invalid_id",
            ModelError::InvalidCountry => "invalid_country",
            ModelError::InvalidJurisdiction => "invalid_jurisdiction",
            ModelError::InvalidTime { .. } => "invalid_time",
            ModelError::InvalidTimeZone => "invalid_time_zone",
            ModelError::InvalidCount { .. } => "invalid_count",
            ModelError::InvalidUrl => "invalid_url",
            ModelError::Syntax { .. } => "syntax",
            ModelError::OutOfRange { .. } => "number_out_of_range",
            ModelError::Shape { .. } => "shape",
            ModelError::TooLarge { .. } => "too_large",
            ModelError::TooDeep { .. } => "too_deep",
            ModelError::UnsupportedSchemaVersion { .. } => "unsupported_schema_version",
            ModelError::StaleRevision { .. } => "stale_revision",
        }
    }

    /// The message without the path (for tools that show [`ModelError::path`] apart).
    pub fn rule(&self) -> String {
        match self {
            ModelError::Shape { message, .. } => message.clone(),
            ModelError::DuplicateKey { line, column, .. } => format!(
                "duplicate key (line {line}, column {column}): each key may appear once per object"
            ),
            ModelError::Inconsistent { code, .. } => format!(
                "{code}: fix this before assessing or drafting (`breachkit validate` lists every problem)"
            ),
            other => other.to_string(),
        }
    }

    /// The JSON pointer of the failing field, when known.
    pub fn path(&self) -> Option<&str> {
        match self {
            ModelError::Shape { path, .. }
            | ModelError::DuplicateKey { path, .. }
            | ModelError::Inconsistent { path, .. } => Some(path),
            _ => None,
        }
    }
}

/// Marker put in front of messages that breachkit's own deserializers produce, so the document
/// reader can tell them apart from serde's messages (which may quote the value).
pub(crate) const SAFE_MARK: &str = "\u{1}bk:";

/// The message of a value error, marked as safe to show.
pub(crate) fn safe_message(e: &ModelError) -> String {
    format!("{SAFE_MARK}{e}")
}

/// Turns a serde message into one that never quotes the input value.
///
/// serde's own messages quote values (``invalid type: string "Jane Doe", expected u32``); we keep
/// only the part that describes the rule (`expected ...`) and the kind of failure.
pub(crate) fn sanitize_serde_message(msg: &str) -> String {
    if let Some(rest) = msg.strip_prefix(SAFE_MARK) {
        return rest.to_owned();
    }
    let expected = msg
        .find("expected ")
        .map(|i| msg[i..].trim_end_matches('.').to_owned());
    let kind = if msg.starts_with("invalid type") {
        "wrong type"
    } else if msg.starts_with("invalid value") {
        "invalid value"
    } else if msg.starts_with("invalid length") {
        "wrong number of items"
    } else if msg.starts_with("unknown variant") {
        "unknown value"
    } else if msg.starts_with("unknown field") {
        "unknown field (not part of the format; check the spelling)"
    } else if msg.starts_with("missing field") {
        // `missing field `name`` names a field of the format, never a value.
        return msg.to_owned();
    } else if msg.starts_with("duplicate field") {
        return msg.to_owned();
    } else {
        "invalid value"
    };
    match expected {
        Some(e) if !msg.starts_with("unknown field") => format!("{kind}: {e}"),
        _ => kind.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitizer_drops_values() {
        let m = sanitize_serde_message("invalid type: string \"Jane Doe\", expected u64");
        assert_eq!(m, "wrong type: expected u64");
        let m = sanitize_serde_message(
            "unknown variant `Jane`, expected one of `controller`, `processor`",
        );
        assert_eq!(
            m,
            "unknown value: expected one of `controller`, `processor`"
        );
        let m = sanitize_serde_message("unknown field `jane@example.com`, expected `id`");
        assert!(!m.contains("jane"));
        assert_eq!(
            sanitize_serde_message("missing field `id`"),
            "missing field `id`"
        );
    }
}

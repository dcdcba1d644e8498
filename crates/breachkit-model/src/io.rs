//! Reading and writing incident documents (JSON, the wire format; TOML, the authoring format).
//!
//! Both formats go through the same path: text → a JSON value (size and depth checked) → the
//! typed [`Incident`], with every shape error reported as a JSON pointer and a rule, never the
//! offending value.

use serde::de::DeserializeOwned;

use crate::error::{ModelError, sanitize_serde_message};
use crate::incident::{Incident, SCHEMA_VERSION};

/// The largest document the readers accept, in bytes.
pub const MAX_DOCUMENT_BYTES: usize = 16 * 1024 * 1024;
/// The deepest nesting the readers accept.
pub const MAX_DEPTH: usize = 64;

/// The formats a document can be written in.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[non_exhaustive]
pub enum Format {
    /// JSON, the canonical wire format.
    Json,
    /// TOML, the format for writing incidents by hand.
    Toml,
}

impl Format {
    /// The format a file name suggests (`.toml` → TOML, anything else → JSON).
    pub fn from_path(path: &std::path::Path) -> Format {
        match path.extension().and_then(|e| e.to_str()) {
            Some(e) if e.eq_ignore_ascii_case("toml") => Format::Toml,
            _ => Format::Json,
        }
    }
}

/// Nesting depth of brackets outside strings; stops counting past the limit.
fn bracket_depth(text: &str, quotes: &[u8]) -> usize {
    let mut depth = 0usize;
    let mut max = 0usize;
    let mut in_str: Option<u8> = None;
    let mut escaped = false;
    for &b in text.as_bytes() {
        if let Some(q) = in_str {
            if escaped {
                escaped = false;
            } else if b == b'\\' && q == b'"' {
                escaped = true;
            } else if b == q {
                in_str = None;
            }
            continue;
        }
        match b {
            b'[' | b'{' => {
                depth += 1;
                max = max.max(depth);
                if max > MAX_DEPTH {
                    return max;
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            q if quotes.contains(&q) => in_str = Some(q),
            _ => {}
        }
    }
    max
}

fn value_depth(v: &serde_json::Value) -> usize {
    match v {
        serde_json::Value::Array(a) => 1 + a.iter().map(value_depth).max().unwrap_or(0),
        serde_json::Value::Object(o) => 1 + o.values().map(value_depth).max().unwrap_or(0),
        _ => 0,
    }
}

fn check_size(text: &str) -> Result<(), ModelError> {
    if text.len() > MAX_DOCUMENT_BYTES {
        return Err(ModelError::TooLarge {
            limit: MAX_DOCUMENT_BYTES,
        });
    }
    Ok(())
}

/// Parses JSON text into a JSON value, with the size and depth limits.
///
/// # Errors
/// [`ModelError::TooLarge`], [`ModelError::TooDeep`] or [`ModelError::Syntax`].
pub fn json_value(text: &str) -> Result<serde_json::Value, ModelError> {
    check_size(text)?;
    if bracket_depth(text, b"\"") > MAX_DEPTH {
        return Err(ModelError::TooDeep { limit: MAX_DEPTH });
    }
    serde_json::from_str(text).map_err(|e| ModelError::Syntax {
        format: "JSON",
        line: e.line(),
        column: e.column(),
    })
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text.as_bytes()[..offset.min(text.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let col = before.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
    (line, col)
}

fn toml_to_json(v: toml::Value) -> serde_json::Value {
    use serde_json::Value as J;
    match v {
        toml::Value::String(s) => J::String(s),
        toml::Value::Integer(i) => J::from(i),
        toml::Value::Float(f) => serde_json::Number::from_f64(f).map_or(J::Null, J::Number),
        toml::Value::Boolean(b) => J::Bool(b),
        // Unquoted TOML dates and times are read as the same strings breachkit's times use.
        toml::Value::Datetime(d) => J::String(d.to_string()),
        toml::Value::Array(a) => J::Array(a.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => {
            J::Object(t.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect())
        }
    }
}

/// Parses TOML text into a JSON value, with the size and depth limits.
///
/// # Errors
/// [`ModelError::TooLarge`], [`ModelError::TooDeep`] or [`ModelError::Syntax`].
pub fn toml_value(text: &str) -> Result<serde_json::Value, ModelError> {
    check_size(text)?;
    if bracket_depth(text, b"\"'") > MAX_DEPTH {
        return Err(ModelError::TooDeep { limit: MAX_DEPTH });
    }
    let v: toml::Value = toml::from_str(text).map_err(|e| {
        let (line, column) = e.span().map_or((1, 1), |s| line_col(text, s.start));
        ModelError::Syntax {
            format: "TOML",
            line,
            column,
        }
    })?;
    let j = toml_to_json(v);
    if value_depth(&j) > MAX_DEPTH {
        return Err(ModelError::TooDeep { limit: MAX_DEPTH });
    }
    Ok(j)
}

/// Turns a serde path into a JSON pointer (RFC 6901).
fn pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for seg in path.iter() {
        out.push('/');
        match seg {
            Segment::Seq { index } => out.push_str(&index.to_string()),
            Segment::Map { key } => out.push_str(&key.replace('~', "~0").replace('/', "~1")),
            Segment::Enum { variant } => out.push_str(variant),
            Segment::Unknown => out.push('?'),
        }
    }
    out
}

/// Deserializes any breachkit type from a JSON value, with pointer paths and safe messages.
///
/// # Errors
/// [`ModelError::Shape`] naming the failing field and rule.
pub fn from_value<T: DeserializeOwned>(value: serde_json::Value) -> Result<T, ModelError> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let message = sanitize_serde_message(&e.inner().to_string());
        let mut path = pointer(e.path());
        // For an unknown field, serde's path may end in the unknown key itself; a key written by
        // the author is not echoed, so cut it off.
        if message.starts_with("unknown field") {
            if let Some(i) = path.rfind('/') {
                path.truncate(i);
            }
        }
        ModelError::Shape {
            path: if path.is_empty() {
                "/".to_owned()
            } else {
                path
            },
            message,
        }
    })
}

fn incident_from_value(value: serde_json::Value) -> Result<Incident, ModelError> {
    if let Some(v) = value.get("schema_version") {
        if v.as_str().is_some_and(|s| s != SCHEMA_VERSION) {
            return Err(ModelError::UnsupportedSchemaVersion {
                supported: SCHEMA_VERSION,
            });
        }
    }
    from_value(value)
}

impl Incident {
    /// Reads an incident from JSON.
    ///
    /// # Errors
    /// Syntax, size, depth and shape errors, each naming where and which rule, never the value.
    ///
    /// ```
    /// let doc = r#"{"schema_version": "0.1", "id": "demo"}"#;
    /// let incident = breachkit_model::Incident::from_json(doc)?;
    /// assert_eq!(incident.id.as_str(), "demo");
    /// # Ok::<(), breachkit_model::ModelError>(())
    /// ```
    pub fn from_json(text: &str) -> Result<Incident, ModelError> {
        incident_from_value(json_value(text)?)
    }

    /// Reads an incident from TOML, the authoring format.
    ///
    /// # Errors
    /// As [`Incident::from_json`].
    ///
    /// ```
    /// let doc = "schema_version = \"0.1\"\nid = \"demo\"\n[[timeline]]\nkind = \"detected\"\nat = 2023-07-28\n";
    /// let incident = breachkit_model::Incident::from_toml(doc)?;
    /// assert_eq!(incident.timeline[0].at.map(|t| t.to_string()).as_deref(), Some("2023-07-28"));
    /// # Ok::<(), breachkit_model::ModelError>(())
    /// ```
    pub fn from_toml(text: &str) -> Result<Incident, ModelError> {
        incident_from_value(toml_value(text)?)
    }

    /// Reads an incident in the given format.
    ///
    /// # Errors
    /// As [`Incident::from_json`].
    pub fn parse(text: &str, format: Format) -> Result<Incident, ModelError> {
        match format {
            Format::Json => Self::from_json(text),
            Format::Toml => Self::from_toml(text),
        }
    }

    /// The canonical JSON form: pretty-printed, fields in declaration order, ending in a newline.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }

    /// The TOML form.
    ///
    /// # Errors
    /// Never for documents built from this crate's types; the `Result` is kept because the TOML
    /// serializer is fallible in general.
    pub fn to_toml(&self) -> Result<String, ModelError> {
        toml::to_string(self).map_err(|_| ModelError::Shape {
            path: "/".to_owned(),
            message: "cannot be written as TOML".to_owned(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_limit() {
        let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
        assert!(matches!(
            Incident::from_json(&deep),
            Err(ModelError::TooDeep { .. })
        ));
        let deep_toml = format!("x = {}{}", "[".repeat(200), "]".repeat(200));
        assert!(matches!(
            Incident::from_toml(&deep_toml),
            Err(ModelError::TooDeep { .. })
        ));
    }

    #[test]
    fn truncated_json_is_a_syntax_error() {
        let e = Incident::from_json(r#"{"schema_version": "0.1", "id": "x""#);
        assert!(matches!(e, Err(ModelError::Syntax { format: "JSON", .. })));
    }

    #[test]
    fn wrong_version() {
        let e = Incident::from_json(r#"{"schema_version": "9", "id": "x"}"#);
        assert!(matches!(
            e,
            Err(ModelError::UnsupportedSchemaVersion { .. })
        ));
    }
}

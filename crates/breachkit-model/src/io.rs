//! Reading and writing incident documents (JSON, the wire format; TOML, the authoring format).
//!
//! Both formats go through the same path: text → a JSON value (size and depth checked) → the
//! typed [`Incident`], with every shape error reported as a JSON pointer and a rule, never the
//! offending value.

use serde::de::DeserializeOwned;

use crate::error::{ModelError, sanitize_serde_message};
use crate::incident::{Incident, SCHEMA_VERSION};

use crate::limits::{MAX_DEPTH, MAX_DOCUMENT_BYTES};

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

/// Nesting depth of JSON brackets outside strings; stops counting past the limit.
fn json_bracket_depth(text: &str) -> usize {
    let mut depth = 0usize;
    let mut in_str = false;
    let mut escaped = false;
    for &b in text.as_bytes() {
        if in_str {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_str = false;
            }
            continue;
        }
        match b {
            b'[' | b'{' => {
                depth = depth.saturating_add(1);
                if depth > MAX_DEPTH {
                    return depth;
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            b'"' => in_str = true,
            _ => {}
        }
    }
    0
}

/// Nesting depth of TOML arrays and inline tables outside strings and comments; stops counting
/// past the limit. Knows the four TOML string forms (basic, literal, and their multi-line
/// variants) and `#` comments, so brackets and apostrophes in comments and strings do not count.
fn toml_bracket_depth(text: &str) -> usize {
    #[derive(Clone, Copy, PartialEq)]
    enum St {
        Code,
        Comment,
        Basic,
        Literal,
        MultiBasic,
        MultiLiteral,
    }
    let b = text.as_bytes();
    let mut st = St::Code;
    let mut depth = 0usize;
    let mut i = 0usize;
    let at = |i: usize, pat: &[u8]| b.get(i..).is_some_and(|r| r.starts_with(pat));
    // Closing a multi-line string: up to two more quotes belong to the content.
    let close = |i: usize, q: u8| {
        let mut n = 3usize;
        while n < 5 && b.get(i.saturating_add(n)) == Some(&q) {
            n = n.saturating_add(1);
        }
        n
    };
    while let Some(&c) = b.get(i) {
        let mut step = 1usize;
        match st {
            St::Code => match c {
                b'#' => st = St::Comment,
                b'"' if at(i, b"\"\"\"") => {
                    st = St::MultiBasic;
                    step = 3;
                }
                b'\'' if at(i, b"'''") => {
                    st = St::MultiLiteral;
                    step = 3;
                }
                b'"' => st = St::Basic,
                b'\'' => st = St::Literal,
                b'[' | b'{' => {
                    depth = depth.saturating_add(1);
                    if depth > MAX_DEPTH {
                        return depth;
                    }
                }
                b']' | b'}' => depth = depth.saturating_sub(1),
                _ => {}
            },
            St::Comment => {
                if c == b'\n' {
                    st = St::Code;
                }
            }
            St::Basic => match c {
                b'\\' => step = 2,
                b'"' | b'\n' => st = St::Code,
                _ => {}
            },
            St::Literal => {
                if c == b'\'' || c == b'\n' {
                    st = St::Code;
                }
            }
            St::MultiBasic => match c {
                b'\\' => step = 2,
                b'"' if at(i, b"\"\"\"") => {
                    st = St::Code;
                    step = close(i, b'"');
                }
                _ => {}
            },
            St::MultiLiteral => {
                if c == b'\'' && at(i, b"'''") {
                    st = St::Code;
                    step = close(i, b'\'');
                }
            }
        }
        i = i.saturating_add(step);
    }
    0
}

fn value_depth(v: &serde_json::Value) -> usize {
    match v {
        serde_json::Value::Array(a) => a
            .iter()
            .map(value_depth)
            .max()
            .unwrap_or(0)
            .saturating_add(1),
        serde_json::Value::Object(o) => o
            .values()
            .map(value_depth)
            .max()
            .unwrap_or(0)
            .saturating_add(1),
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

/// A leading byte-order mark is dropped, in JSON as in TOML (the TOML parser accepts one).
fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// Field names of the incident format: a repeated or odd key is named in an error path only
/// when it is one of these (an author's own key may hold personal data).
fn format_field_names() -> &'static std::collections::BTreeSet<String> {
    static NAMES: std::sync::OnceLock<std::collections::BTreeSet<String>> =
        std::sync::OnceLock::new();
    NAMES.get_or_init(|| {
        fn walk(v: &serde_json::Value, out: &mut std::collections::BTreeSet<String>) {
            match v {
                serde_json::Value::Object(o) => {
                    if let Some(serde_json::Value::Object(props)) = o.get("properties") {
                        out.extend(props.keys().cloned());
                    }
                    o.values().for_each(|x| walk(x, out));
                }
                serde_json::Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
                _ => {}
            }
        }
        let mut out = std::collections::BTreeSet::new();
        if let Ok(schema) = serde_json::from_str(&crate::schema::incident_schema_json()) {
            walk(&schema, &mut out);
        }
        out
    })
}

/// Whether a key may be shown in an error path: every key of a rule or template file (written
/// by breachkit's maintainers or a counsel, never personal data), only the format's own field
/// names in an incident.
#[derive(Clone, Copy)]
enum Keys {
    FieldNamesOnly,
    All,
}

fn push_key(path: &mut String, key: &str, keys: Keys) {
    path.push('/');
    if matches!(keys, Keys::All) || format_field_names().contains(key) {
        path.push_str(&key.replace('~', "~0").replace('/', "~1"));
    } else {
        path.push('?');
    }
}

/// A JSON value built by a visitor that refuses a key seen before in the same object.
struct Strict<'a> {
    repeated: &'a std::cell::RefCell<Option<String>>,
}

impl<'de> serde::de::DeserializeSeed<'de> for Strict<'_> {
    type Value = serde_json::Value;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Strict<'_> {
    type Value = serde_json::Value;
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
        Ok(serde_json::Number::from_f64(v).map_or(serde_json::Value::Null, Into::into))
    }
    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(serde_json::Value::Null)
    }
    fn visit_none<E>(self) -> Result<Self::Value, E> {
        Ok(serde_json::Value::Null)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::new();
        while let Some(v) = seq.next_element_seed(Strict {
            repeated: self.repeated,
        })? {
            out.push(v);
        }
        Ok(serde_json::Value::Array(out))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = serde_json::Map::new();
        while let Some(k) = map.next_key::<String>()? {
            if out.contains_key(&k) {
                *self.repeated.borrow_mut() = Some(k);
                return Err(serde::de::Error::custom("duplicate key"));
            }
            let v = map.next_value_seed(Strict {
                repeated: self.repeated,
            })?;
            out.insert(k, v);
        }
        Ok(serde_json::Value::Object(out))
    }
}

/// Parses JSON text into a JSON value, with the size and depth limits. A key repeated in one
/// object is an error (as in TOML), and a leading byte-order mark is accepted (as in TOML).
///
/// # Errors
/// [`ModelError::TooLarge`], [`ModelError::TooDeep`], [`ModelError::DuplicateKey`] or
/// [`ModelError::Syntax`].
pub fn json_value(text: &str) -> Result<serde_json::Value, ModelError> {
    json_value_with(text, Keys::FieldNamesOnly)
}

fn json_value_with(text: &str, keys: Keys) -> Result<serde_json::Value, ModelError> {
    check_size(text)?;
    let text = strip_bom(text);
    if json_bracket_depth(text) > MAX_DEPTH {
        return Err(ModelError::TooDeep { limit: MAX_DEPTH });
    }
    let repeated = std::cell::RefCell::new(None);
    let mut de = serde_json::Deserializer::from_str(text);
    let mut track = serde_path_to_error::Track::new();
    let value = serde::de::DeserializeSeed::deserialize(
        Strict {
            repeated: &repeated,
        },
        serde_path_to_error::Deserializer::new(&mut de, &mut track),
    )
    .and_then(|v| de.end().map(|()| v));
    value.map_err(|e| {
        let (line, column) = (e.line(), e.column());
        match repeated.into_inner() {
            Some(key) => {
                let mut path = pointer(&track.path());
                push_key(&mut path, &key, keys);
                ModelError::DuplicateKey { path, line, column }
            }
            None => ModelError::Syntax {
                format: "JSON",
                line,
                column,
            },
        }
    })
}

/// 1-based line and column (in bytes) of a byte offset.
pub(crate) fn line_col(text: &[u8], offset: usize) -> (usize, usize) {
    let before = text.get(..offset.min(text.len())).unwrap_or_default();
    let line = before
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        .saturating_add(1);
    let col = before
        .iter()
        .rev()
        .take_while(|&&b| b != b'\n')
        .count()
        .saturating_add(1);
    (line, col)
}

fn toml_to_json(
    v: toml::Value,
    path: &mut String,
    keys: Keys,
) -> Result<serde_json::Value, ModelError> {
    use serde_json::Value as J;
    Ok(match v {
        toml::Value::String(s) => J::String(s),
        toml::Value::Integer(i) => J::from(i),
        toml::Value::Float(f) => match serde_json::Number::from_f64(f) {
            Some(n) => J::Number(n),
            None => {
                return Err(ModelError::Shape {
                    path: if path.is_empty() {
                        "/".into()
                    } else {
                        path.clone()
                    },
                    message: "not a finite number: nan and inf are not allowed".into(),
                });
            }
        },
        toml::Value::Boolean(b) => J::Bool(b),
        // Unquoted TOML dates and times are read as the same strings breachkit's times use.
        toml::Value::Datetime(d) => J::String(d.to_string()),
        toml::Value::Array(a) => {
            let mut out = Vec::with_capacity(a.len());
            for (i, x) in a.into_iter().enumerate() {
                let len = path.len();
                path.push('/');
                path.push_str(&i.to_string());
                out.push(toml_to_json(x, path, keys)?);
                path.truncate(len);
            }
            J::Array(out)
        }
        toml::Value::Table(t) => {
            let mut out = serde_json::Map::new();
            for (k, x) in t {
                let len = path.len();
                push_key(path, &k, keys);
                let v = toml_to_json(x, path, keys)?;
                path.truncate(len);
                out.insert(k, v);
            }
            J::Object(out)
        }
    })
}

/// Parses TOML text into a JSON value, with the size and depth limits. NaN and infinities are
/// errors: JSON has no such numbers, and they must never turn into "absent".
///
/// # Errors
/// [`ModelError::TooLarge`], [`ModelError::TooDeep`], [`ModelError::Syntax`] or
/// [`ModelError::Shape`] for a non-finite number.
pub fn toml_value(text: &str) -> Result<serde_json::Value, ModelError> {
    toml_value_with(text, Keys::FieldNamesOnly)
}

/// [`toml_value`] for files that hold no personal data (rule and template files): error paths
/// name every key.
///
/// # Errors
/// As [`toml_value`].
pub fn toml_value_of_rules(text: &str) -> Result<serde_json::Value, ModelError> {
    toml_value_with(text, Keys::All)
}

fn toml_value_with(text: &str, keys: Keys) -> Result<serde_json::Value, ModelError> {
    check_size(text)?;
    let text = strip_bom(text);
    if toml_bracket_depth(text) > MAX_DEPTH {
        return Err(ModelError::TooDeep { limit: MAX_DEPTH });
    }
    let v: toml::Value = toml::from_str(text).map_err(|e| {
        // The parser's own recursion limit (deeply dotted keys or table headers) is a depth
        // error; the parser says so in its message.
        if e.message().contains("recursion") {
            return ModelError::TooDeep { limit: MAX_DEPTH };
        }
        let (line, column) = e
            .span()
            .map_or((1, 1), |s| line_col(text.as_bytes(), s.start));
        // An integer beyond i64 (TOML's range) is well-formed text with a value out of range.
        if e.message().contains("too large") || e.message().contains("overflowed") {
            return ModelError::OutOfRange { line, column };
        }
        ModelError::Syntax {
            format: "TOML",
            line,
            column,
        }
    })?;
    let j = toml_to_json(v, &mut String::new(), keys)?;
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

/// The first typed error of each top-level section, and of each item of the list sections,
/// with its full JSON pointer.
fn section_problems(value: &serde_json::Value) -> Vec<ModelError> {
    use crate::incident::{
        AffectedGroup, Breach, Event, Measure, Organisation, ReportRecord, Totals,
    };
    fn each<T: DeserializeOwned>(value: &serde_json::Value, key: &str, out: &mut Vec<ModelError>) {
        let Some(items) = value.get(key).and_then(serde_json::Value::as_array) else {
            return;
        };
        for (i, item) in items.iter().enumerate() {
            if let Err(e) = from_value::<T>(item.clone()) {
                out.push(prefix(e, &format!("/{key}/{i}")));
            }
        }
    }
    fn one<T: DeserializeOwned>(value: &serde_json::Value, key: &str, out: &mut Vec<ModelError>) {
        if let Some(v) = value.get(key) {
            if let Err(e) = from_value::<T>(v.clone()) {
                out.push(prefix(e, &format!("/{key}")));
            }
        }
    }
    fn prefix(e: ModelError, base: &str) -> ModelError {
        match e {
            ModelError::Shape { path, message } => ModelError::Shape {
                path: if path == "/" {
                    base.to_owned()
                } else {
                    format!("{base}{path}")
                },
                message,
            },
            other => other,
        }
    }
    let mut out = Vec::new();
    each::<Organisation>(value, "organisations", &mut out);
    each::<Event>(value, "timeline", &mut out);
    each::<AffectedGroup>(value, "groups", &mut out);
    each::<Measure>(value, "measures", &mut out);
    each::<ReportRecord>(value, "reports", &mut out);
    one::<Breach>(value, "breach", &mut out);
    one::<Totals>(value, "totals", &mut out);
    out
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

    /// Reads an incident in the given format and, when it cannot be read, reports every shape
    /// problem at once (like pydantic-core): the document is checked against the format's JSON
    /// Schema, and the typed reader's own error is added when the schema did not already point at
    /// the same place. A syntax, size, depth or encoding error is the only problem of its text.
    ///
    /// # Errors
    /// The problems, each with a code, a JSON pointer and a message that never quotes a value.
    pub fn parse_all(text: &str, format: Format) -> Result<Incident, Vec<crate::Problem>> {
        let one = |e: ModelError| crate::Problem {
            code: e.code().to_owned(),
            path: e.path().unwrap_or("/").to_owned(),
            severity: crate::Severity::Error,
            message: e.rule(),
        };
        let value = match format {
            Format::Json => json_value(text),
            Format::Toml => toml_value(text),
        }
        .map_err(|e| vec![one(e)])?;
        match incident_from_value(value.clone()) {
            Ok(i) => Ok(i),
            Err(e @ ModelError::UnsupportedSchemaVersion { .. }) => Err(vec![one(e)]),
            Err(e) => {
                let mut all = crate::schema::shape_problems(&value);
                // The typed reader checks more than the schema (real dates, time zones, count
                // ranges, codes): read each section, and each item of the list sections, on its
                // own, so that one bad item does not hide the next.
                let mut typed = vec![one(e)];
                typed.extend(section_problems(&value).into_iter().map(one));
                for t in typed {
                    if !all.iter().any(|p| p.path == t.path) {
                        all.push(t);
                    }
                }
                all.sort_by(|a, b| a.path.cmp(&b.path));
                all.dedup();
                Err(all)
            }
        }
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

    /// Reads an incident from a reader, at most [`MAX_DOCUMENT_BYTES`] of it (an endless
    /// reader ends in [`ModelError::TooLarge`] at once).
    ///
    /// # Errors
    /// As [`Incident::from_json`], and [`ModelError::InvalidUtf8`] / [`ModelError::Read`].
    pub fn read(reader: impl std::io::Read, format: Format) -> Result<Incident, ModelError> {
        Self::parse(
            &crate::limits::read_limited(reader, MAX_DOCUMENT_BYTES)?,
            format,
        )
    }

    /// Reads an incident file (TOML when the name ends in `.toml`, JSON otherwise) through the
    /// size-limited reader.
    ///
    /// # Errors
    /// As [`Incident::read`].
    pub fn load(path: &std::path::Path) -> Result<Incident, ModelError> {
        Self::parse(&crate::limits::read_file(path)?, Format::from_path(path))
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

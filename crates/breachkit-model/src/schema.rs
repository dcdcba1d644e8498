//! The JSON Schema of the incident format, generated from the types.

/// The JSON Schema (draft 2020-12) of an incident document, pretty-printed with a final newline.
pub fn incident_schema_json() -> String {
    let schema = schemars::schema_for!(crate::Incident);
    let mut s = serde_json::to_string_pretty(&schema).unwrap_or_default();
    s.push('\n');
    s
}

/// A message for a JSON Schema error that names the rule and never the value (`standard` names
/// the schema in the sentences that need it: "breachkit's incident format", "VERIS 1.4.1").
pub fn schema_error_message(
    kind: &jsonschema::error::ValidationErrorKind,
    standard: &str,
) -> (&'static str, String) {
    use jsonschema::error::ValidationErrorKind as K;
    match kind {
        K::Required { property } => (
            "required",
            match property.as_str() {
                // The name comes from the schema, never from the document.
                Some(name) => format!("missing required property `{name}`"),
                None => "missing a required property".to_owned(),
            },
        ),
        K::AdditionalProperties { unexpected } => (
            "additional_properties",
            format!(
                "{} propert{} not defined by {standard} (names not shown)",
                unexpected.len(),
                if unexpected.len() == 1 { "y" } else { "ies" }
            ),
        ),
        K::Enum { options } => (
            "enum",
            format!(
                "not one of the {} values {standard} allows here",
                options.as_array().map_or(0, Vec::len)
            ),
        ),
        K::Type { kind } => (
            "type",
            match kind {
                jsonschema::error::TypeKind::Single(t) => format!("wrong type: expected {t}"),
                jsonschema::error::TypeKind::Multiple(_) => "wrong type".to_owned(),
            },
        ),
        K::MinItems { limit } => ("min_items", format!("needs at least {limit} item(s)")),
        K::MaxItems { limit } => ("max_items", format!("allows at most {limit} item(s)")),
        K::MinLength { limit } => ("min_length", format!("needs at least {limit} character(s)")),
        K::MaxLength { limit } => ("max_length", format!("allows at most {limit} character(s)")),
        K::MinProperties { limit } => (
            "min_properties",
            format!("needs at least {limit} propert(y/ies); an empty object is not allowed"),
        ),
        K::Minimum { limit } => ("minimum", format!("must be at least {limit}")),
        K::Maximum { limit } => ("maximum", format!("must be at most {limit}")),
        K::UniqueItems => ("unique_items", "items must be unique".to_owned()),
        K::Pattern { pattern } => ("pattern", format!("does not match the pattern {pattern}")),
        K::OneOfNotValid { .. } | K::OneOfMultipleValid { .. } => (
            "one_of",
            format!("matches none of the forms {standard} allows here"),
        ),
        K::AnyOf { .. } => (
            "any_of",
            format!("matches none of the forms {standard} allows here"),
        ),
        other => (
            "schema",
            format!("breaks the schema keyword `{}`", other.keyword()),
        ),
    }
}

fn incident_validator() -> Option<&'static jsonschema::Validator> {
    static V: std::sync::OnceLock<Option<jsonschema::Validator>> = std::sync::OnceLock::new();
    V.get_or_init(|| {
        let schema: serde_json::Value = serde_json::from_str(&incident_schema_json()).ok()?;
        jsonschema::draft202012::options()
            .should_validate_formats(false)
            .build(&schema)
            .ok()
    })
    .as_ref()
}

/// Every shape problem of a document against the incident format's JSON Schema, in one pass
/// (each with code `shape`, a JSON pointer and a value-free message). Used when the typed read
/// fails, so that `validate` reports every shape error at once, not only the first.
pub fn shape_problems(value: &serde_json::Value) -> Vec<crate::Problem> {
    let Some(v) = incident_validator() else {
        return Vec::new();
    };
    let mut out: Vec<crate::Problem> = v
        .iter_errors(value)
        .take(crate::MAX_PROBLEMS)
        .map(|e| {
            let (_, message) = schema_error_message(e.kind(), "breachkit's incident format");
            let p = e.instance_path().to_string();
            crate::Problem {
                code: crate::ProblemCode::Shape.code().to_owned(),
                path: if p.is_empty() { "/".to_owned() } else { p },
                severity: crate::Severity::Error,
                message,
            }
        })
        .collect();
    out.sort_by(|a, b| a.path.cmp(&b.path).then(a.message.cmp(&b.message)));
    out.dedup();
    out
}

/// The JSON Schema (draft 2020-12) of an incident history (revisions of one incident),
/// pretty-printed with a final newline.
pub fn history_schema_json() -> String {
    let schema = schemars::schema_for!(crate::IncidentHistory);
    let mut s = serde_json::to_string_pretty(&schema).unwrap_or_default();
    s.push('\n');
    s
}

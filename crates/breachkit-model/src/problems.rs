//! Every problem code breachkit reports about an incident document, in one list (the model of
//! pydantic-core's `list_all_errors`): the document-level codes of [`crate::ModelError`] and the
//! codes of [`crate::Incident::validate`]. `docs/problem-codes.md` is generated from [`ProblemCode::ALL`]
//! and checked current by the test command.

macro_rules! problem_codes {
    ($($(#[$m:meta])* $v:ident => $code:literal, $kind:literal, $what:literal;)*) => {
        /// A stable problem code.
        #[derive(Clone, Copy, PartialEq, Eq, Debug, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum ProblemCode {
            $($(#[$m])* $v,)*
        }

        impl ProblemCode {
            /// Every code, in documentation order.
            pub const ALL: &'static [ProblemCode] = &[$(ProblemCode::$v,)*];

            /// The snake_case wire code.
            pub fn code(self) -> &'static str {
                match self {
                    $(ProblemCode::$v => $code,)*
                }
            }

            /// `document` (the text cannot be read as an incident), `value` (one value breaks its
            /// rule; when it is inside a document it is reported as `shape` with its path) or
            /// `validation` (the incident was read; every such problem is reported).
            pub fn stage(self) -> &'static str {
                match self {
                    $(ProblemCode::$v => $kind,)*
                }
            }

            /// What the code means, in English (the table in `docs/problem-codes.md`).
            pub fn description(self) -> &'static str {
                match self {
                    $(ProblemCode::$v => $what,)*
                }
            }

            /// The code with this wire name.
            pub fn from_code(code: &str) -> Option<ProblemCode> {
                ProblemCode::ALL.iter().copied().find(|c| c.code() == code)
            }
        }
    };
}

problem_codes! {
    /// The document is not valid JSON or TOML.
    Syntax => "syntax", "document", "the text is not well-formed JSON or TOML (line and column given)";
    /// A field does not fit the format.
    Shape => "shape", "document", "a field has the wrong type, a missing required field, an unknown field or an invalid value for its format";
    /// The document is larger than the limit.
    TooLarge => "too_large", "document", "the document is larger than 16 MiB";
    /// The document nests too deeply.
    TooDeep => "too_deep", "document", "the document nests deeper than 64 levels";
    /// The document is not UTF-8.
    InvalidUtf8 => "invalid_utf8", "document", "the bytes are not UTF-8 text";
    /// A key appears twice in one object.
    DuplicateKey => "duplicate_key", "document", "a key appears twice in one object (JSON and TOML alike)";
    /// The schema version is not one breachkit reads.
    UnsupportedSchemaVersion => "unsupported_schema_version", "document", "schema_version is not one this breachkit reads";
    /// The file could not be read.
    Io => "io", "document", "the file could not be read (exit code 2)";
    /// A code that is not in its list.
    UnknownCode => "unknown_code", "value", "a code is not in its list (write `other:<code>` for a deliberate extension)";
    /// A malformed code.
    InvalidCode => "invalid_code", "value", "a code is not snake_case ASCII";
    /// A malformed identifier.
    InvalidId => "invalid_id", "value", "an identifier does not match [A-Za-z0-9][A-Za-z0-9_.-]{0,63}";
    /// Not an ISO 3166-1 country.
    InvalidCountry => "invalid_country", "value", "not an assigned ISO 3166-1 alpha-2 code";
    /// Not a country or subdivision code.
    InvalidJurisdiction => "invalid_jurisdiction", "value", "not a country or ISO 3166-2 subdivision code";
    /// Not a valid partial time.
    InvalidTime => "invalid_time", "value", "not a date or time of the accepted forms (year, month, day, minute, second, with offset)";
    /// Not an IANA zone.
    InvalidTimeZone => "invalid_time_zone", "value", "not an IANA time-zone name";
    /// Not a valid count.
    InvalidCount => "invalid_count", "value", "a count is out of range or its kind is unknown";
    /// Not an https URL.
    InvalidUrl => "invalid_url", "value", "not an absolute https URL";
    /// Two items share an id.
    DuplicateId => "duplicate_id", "validation", "two organisations, groups, events, measures or reports share an id; assess and report refuse the document";
    /// An organisation is its own ancestor.
    ParentCycle => "parent_cycle", "validation", "an organisation is its own ancestor through parent links; assess and report refuse the document";
    /// An announcement number is above the cap.
    SequenceTooLarge => "sequence_too_large", "validation", "an announcement number is above 9,999; assess and report refuse the document";
    /// A reference to an organisation that is not in the document.
    UnknownEntity => "unknown_entity", "validation", "a reference names no organisation of the document";
    /// A reference to a group that is not in the document.
    UnknownGroup => "unknown_group", "validation", "a reference names no group of the document";
    /// A text field is blank.
    BlankText => "blank_text", "validation", "a required text is empty or whitespace";
    /// A time range's bounds are inverted.
    BoundsInverted => "bounds_inverted", "validation", "an event's `after` is later than its `before`";
    /// A category is both affected and not affected.
    CategoryContradiction => "category_contradiction", "validation", "a data category is listed both as affected and as not affected";
    /// A contact value does not fit its kind.
    ContactForm => "contact_form", "validation", "a contact value does not have the form of its kind (an e-mail address, a telephone number, a URL)";
    /// A range count has min above max.
    CountRangeInverted => "count_range_inverted", "validation", "a range count has its minimum above its maximum";
    /// Detection dated before occurrence.
    DetectedBeforeOccurred => "detected_before_occurred", "validation", "detection is dated before the incident started";
    /// Awareness dated before occurrence.
    AwareBeforeOccurred => "aware_before_occurred", "validation", "awareness is dated before the incident started";
    /// Awareness dated before detection.
    AwareBeforeDetected => "aware_before_detected", "validation", "awareness is dated before the first detection";
    /// A report dated before the incident.
    ReportBeforeOccurred => "report_before_occurred", "validation", "a report is dated before the incident started";
    /// A jurisdiction listed twice.
    DuplicateJurisdiction => "duplicate_jurisdiction", "validation", "a group lists the same residence jurisdiction twice";
    /// Two reports claim the same announcement number.
    DuplicateSequence => "duplicate_sequence", "validation", "two announcements have the same number";
    /// A key event without any time.
    EventTimeMissing => "event_time_missing", "validation", "an event has neither `at` nor `after`/`before`";
    /// A group held by nobody.
    GroupWithoutHolder => "group_without_holder", "validation", "an affected group has no holder";
    /// A compromised key without encryption.
    KeyWithoutEncryption => "key_without_encryption", "validation", "a key is recorded as compromised while the data were not encrypted";
    /// A language tag that is not BCP 47-shaped.
    LanguageTag => "language_tag", "validation", "a language is not a BCP 47 tag";
    /// `on_behalf_of` on a holding that is not a processor's.
    OnBehalfOfWithoutProcessor => "on_behalf_of_without_processor", "validation", "`on_behalf_of` is set on a holding whose role is not processor";
    /// A processor holding with no controller named.
    ProcessorWithoutController => "processor_without_controller", "validation", "a processor's holding names no controller it works for";
    /// Residence counts exceed the group's count.
    ResidenceExceedsCount => "residence_exceeds_count", "validation", "the residents recorded for a group exceed its head count";
    /// An entity refers to itself.
    SelfReference => "self_reference", "validation", "an organisation refers to itself (as parent or as controller)";
    /// Several main EU establishments.
    SeveralMainEstablishments => "several_main_establishments", "validation", "an organisation marks several main EU establishments";
    /// A time needs a zone.
    TimeZoneMissing => "time_zone_missing", "validation", "a time of day has no offset and the document sets no time_zone";
    /// Incident totals below a group's count.
    TotalsBelowGroup => "totals_below_group", "validation", "the incident's total persons is below one group's count";
    /// `none` (nothing happened to the data) is combined with other effects.
    EffectsContradiction => "effects_contradiction", "validation", "`none` (nothing happened to the data) is combined with other effects";
    /// The compromise is recorded as ruled out, but effects on the data are recorded.
    RuledOutWithEffects => "ruled_out_with_effects", "validation", "the compromise is recorded as ruled out, but effects on the data are recorded";
    /// A compromise ruled out does not record the basis (the investigation's finding).
    RuledOutWithoutBasis => "ruled_out_without_basis", "validation", "a compromise ruled out does not record the basis (the investigation's finding)";
    /// A recovery is confirmed while the data is recorded as not recovered.
    RecoveryContradiction => "recovery_contradiction", "validation", "a recovery is confirmed while the data is recorded as not recovered";
    /// A recorded decision's outcome does not answer its topic.
    DecisionOutcomeMismatch => "decision_outcome_mismatch", "validation", "a recorded decision's outcome does not answer its topic";
    /// A recorded decision does not say why.
    DecisionWithoutJustification => "decision_without_justification", "validation", "a recorded decision does not say why";
    /// A recorded decision does not say who made it.
    DecisionWithoutAuthor => "decision_without_author", "validation", "a recorded decision does not say who made it";
    /// A group recorded as not vulnerable lists ways in which it is vulnerable.
    VulnerabilityContradiction => "vulnerability_contradiction", "validation", "a group recorded as not vulnerable lists ways in which it is vulnerable";
    /// The problem list was cut.
    TooManyProblems => "too_many_problems", "validation", "more problems than the cap (1,000); the rest are counted, not listed";
}

/// The generated table of every code (`docs/problem-codes.md`).
pub fn problem_codes_markdown() -> String {
    let mut s = String::from(
        "# Problem codes\n\nGenerated from `breachkit_model::ProblemCode::ALL` by `cargo xtask schema`; \
         checked current by the test command. `breachkit validate --format json`, Python's \
         `ValidationError.errors()` and the Swift/Kotlin `Problem` carry these codes with a JSON \
         pointer and a message that never quotes a value.\n\n\
         | code | stage | meaning |\n|---|---|---|\n",
    );
    for c in ProblemCode::ALL {
        s.push_str(&format!(
            "| `{}` | {} | {} |\n",
            c.code(),
            c.stage(),
            c.description()
        ));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::ProblemCode;

    #[test]
    fn codes_are_unique_snake_case_and_cover_the_model_errors() {
        let mut seen = std::collections::BTreeSet::new();
        for c in ProblemCode::ALL {
            assert!(seen.insert(c.code()), "duplicate {}", c.code());
            assert!(
                c.code()
                    .chars()
                    .all(|x| x.is_ascii_lowercase() || x.is_ascii_digit() || x == '_')
            );
            assert_eq!(ProblemCode::from_code(c.code()), Some(*c));
        }
        for code in crate::validate::INCONSISTENT_CODES {
            assert!(ProblemCode::from_code(code).is_some(), "{code}");
        }
        // Every ModelError the readers produce has a code in the list.
        let samples = [
            crate::Incident::from_json("{").err(),
            crate::Incident::from_json("{\"schema_version\": \"9\"}").err(),
            crate::Incident::from_json("[]").err(),
            crate::EntityId::try_new("").err(),
            crate::CountryCode::try_new("XX").err(),
        ];
        for e in samples.into_iter().flatten() {
            assert!(ProblemCode::from_code(e.code()).is_some(), "{}", e.code());
        }
    }

    #[test]
    fn every_shape_error_is_reported_at_once_without_values() {
        let doc = r#"{"schema_version": "0.1", "id": "x",
            "organisations": [{"id": "a", "name": "ZZCANARY Corp", "country": "XX"}],
            "timeline": [{"kind": "detected", "at": "2023-02-30"}],
            "groups": [{"id": "g", "kind": "customers", "holders": [{"entity": "a", "role": "controller"}],
                        "count": {"kind": "exact", "value": -5}}]}"#;
        let problems = crate::Incident::parse_all(doc, crate::Format::Json)
            .err()
            .unwrap_or_default();
        let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
        for want in [
            "/organisations/0/country",
            "/timeline/0/at",
            "/groups/0/count",
        ] {
            assert!(
                paths.iter().any(|p| p.starts_with(want)),
                "{want} not among {paths:?}"
            );
        }
        for p in &problems {
            assert!(
                !p.message.contains("ZZCANARY") && !p.message.contains("XX"),
                "{p}"
            );
            assert!(
                !p.message.contains("2023-02-30") && !p.message.contains("-5"),
                "{p}"
            );
        }
    }
}

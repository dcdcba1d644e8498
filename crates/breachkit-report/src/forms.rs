//! The forms drafts follow, as data (`forms/*.toml`): each field's id, its label in each language,
//! where its value comes from in the incident (a JSON pointer template), whether the form requires
//! it, and the fixed value lists with the mapping from model codes to form values. A draft lists
//! every required field it could not fill as missing, with the pointer where the fact belongs.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use crate::catalogue::Lang;
use crate::draft::{Draft, Missing};

/// The built-in form files, by form id.
pub(crate) const FORMS: &[(&str, &str)] = &[
    ("ppc", include_str!("../forms/ppc.toml")),
    ("edpb-art33", include_str!("../forms/edpb-art33.toml")),
    ("hhs", include_str!("../forms/hhs.toml")),
];

/// A label in each language.
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Labels {
    pub(crate) en: String,
    pub(crate) ja: String,
}

/// One field of a form.
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Field {
    /// The key of the value in the draft's `fields`.
    pub(crate) id: String,
    pub(crate) label: Labels,
    /// JSON pointer template into the incident (`{org}`, `{group}`: indices).
    pub(crate) source: String,
    #[serde(default)]
    pub(crate) required: bool,
    /// The form's fixed values, if it has a list.
    #[serde(default)]
    pub(crate) values: Vec<String>,
    /// The model has no field for it yet: the pointer names where it would go.
    #[serde(default)]
    pub(crate) model_lacks: bool,
}

/// A form.
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Form {
    pub(crate) form: String,
    pub(crate) source: String,
    #[serde(default)]
    pub(crate) field: Vec<Field>,
    /// Model code → form value, per value list (`codes.field_60.ransomware = "b"`); custom codes
    /// map through the explicit key `other`.
    #[serde(default)]
    pub(crate) codes: BTreeMap<String, BTreeMap<String, String>>,
}

/// Parses a form file.
///
/// # Errors
/// The TOML error, without values.
pub(crate) fn parse(text: &str) -> Result<Form, String> {
    toml::from_str(text).map_err(|e| e.message().to_owned())
}

fn all() -> &'static BTreeMap<String, Form> {
    static F: OnceLock<BTreeMap<String, Form>> = OnceLock::new();
    F.get_or_init(|| {
        FORMS
            .iter()
            .filter_map(|(id, t)| parse(t).ok().map(|f| ((*id).to_owned(), f)))
            .collect()
    })
}

/// A built-in form by id.
pub(crate) fn form(id: &str) -> Option<&'static Form> {
    all().get(id)
}

impl Form {
    /// The form value of a model code in a value list (`other` for custom codes).
    pub(crate) fn code(&self, list: &str, code: &str, custom: bool) -> Option<&str> {
        let t = self.codes.get(list)?;
        if custom { t.get("other") } else { t.get(code) }.map(String::as_str)
    }

    /// Adds a missing entry for every required field the draft has neither filled nor already
    /// listed, with its label and the pointer where the fact belongs.
    pub(crate) fn list_missing(&self, d: &mut Draft, lang: Lang, org: usize, group: Option<usize>) {
        let lacks: Vec<&str> = self
            .field
            .iter()
            .filter(|f| f.model_lacks)
            .map(|f| f.id.as_str())
            .collect();
        d.fields
            .insert("form_source".into(), self.source.clone().into());
        d.fields
            .insert("form_model_lacks".into(), serde_json::json!(lacks));
        for f in self.field.iter().filter(|f| f.required) {
            // A value outside the form's fixed list does not count as filled.
            let in_list = |v: &serde_json::Value| match v {
                serde_json::Value::String(x) => f.values.is_empty() || f.values.contains(x),
                serde_json::Value::Array(a) => a.iter().all(|x| {
                    f.values.is_empty()
                        || x.as_str().is_some_and(|x| f.values.iter().any(|y| y == x))
                }),
                other => !other.is_null(),
            };
            let filled = d.fields.get(&f.id).is_some_and(in_list);
            if filled || d.missing.iter().any(|m| m.item == f.id) {
                continue;
            }
            let path = f
                .source
                .replace("{org}", &org.to_string())
                .replace("{group}", &group.unwrap_or(0).to_string());
            d.missing.push(Missing {
                item: f.id.clone(),
                label: match lang {
                    Lang::Ja => f.label.ja.clone(),
                    _ => f.label.en.clone(),
                },
                path,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;
    use breachkit_model::{Cause, DataCategory, GroupKind};

    #[test]
    fn form_files_parse_and_every_field_is_well_formed() {
        for (id, text) in FORMS {
            let f = parse(text).unwrap_or_else(|e| panic!("forms/{id}.toml: {e}"));
            assert_eq!(&f.form, id);
            assert!(f.source.starts_with("http"), "{id}: a source URL");
            let mut seen = std::collections::BTreeSet::new();
            for x in &f.field {
                assert!(seen.insert(&x.id), "{id}: field {} twice", x.id);
                assert!(x.source.starts_with('/'), "{id}: {} has no pointer", x.id);
                assert!(
                    !x.label.en.is_empty() && !x.label.ja.is_empty(),
                    "{id}: {}",
                    x.id
                );
            }
            for (list, map) in &f.codes {
                let values = &f.field.iter().find(|x| &x.id == list).unwrap().values;
                for v in map.values() {
                    assert!(
                        values.contains(v),
                        "{id}: {list} maps to {v}, not a value of the form"
                    );
                }
            }
        }
    }

    /// Every model code maps to a form value explicitly (no catch-all): a new code fails here
    /// until the form file says where it goes.
    #[test]
    fn every_model_code_maps_to_a_form_value_explicitly() {
        let edpb = form("edpb-art33").unwrap();
        let hhs = form("hhs").unwrap();
        for c in Cause::KNOWN {
            assert!(
                edpb.code("field_60", &c.code(), false).is_some(),
                "field_60: {}",
                c.code()
            );
            assert!(
                hhs.code("hhs_breach_type", &c.code(), false).is_some(),
                "hhs: {}",
                c.code()
            );
        }
        for c in DataCategory::KNOWN {
            assert!(
                edpb.code("field_70", &c.code(), false).is_some(),
                "field_70: {}",
                c.code()
            );
        }
        for k in GroupKind::KNOWN {
            assert!(
                edpb.code("field_65", &k.code(), false).is_some(),
                "field_65: {}",
                k.code()
            );
        }
        for list in ["field_60", "field_65", "field_70"] {
            assert!(edpb.code(list, "", true).is_some(), "{list}: custom codes");
        }
        assert!(hhs.code("hhs_breach_type", "", true).is_some());
    }
}

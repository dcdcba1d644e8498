//! The roster mapping: which columns of a roster mean what.
//!
//! A small TOML file written by the person preparing the roster. Example:
//!
//! ```toml
//! [key]
//! columns = ["family_name", "given_name", "birth_date"]   # normalised, then keyed
//! # id = "customer_id"                                      # or one stable id column
//!
//! [entity]
//! column = "company"
//! values = { "SWC" = "swc", "SII" = "sii" }   # roster value (normalised) -> entity id
//!
//! [group]
//! constant = "customers"
//!
//! [residence]
//! country = "country"          # ISO 3166-1 alpha-2
//! default_country = "JP"       # when the country cell is empty or there is no country column
//! state = "state"              # US State name or USPS abbreviation
//! zip = "zip"                  # US ZIP code (five or nine digits, or the three-digit prefix)
//! subdivision = "prefecture"   # ISO 3166-2 code (JP-13), or its part (13) with a country
//!
//! [[category]]
//! column = "email"
//! category = "email_address"   # a breachkit data-category code
//! when = "non_empty"           # or "flag"
//!
//! [contact]
//! postal = ["address", "zip"]  # all non-empty: postal address present
//! email = "email"
//!
//! [children]
//! birth_date = "birth_date"    # YYYY-MM-DD
//! as_of = "2023-07-28"
//! under = 18
//! # flag = "minor"
//!
//! [deceased]
//! flag = "deceased"
//! ```
//!
//! Values of entity and group columns are translated through `values`: a value not listed is a
//! bad row, so no roster value can ever reach a count's key.

use std::collections::BTreeMap;

use breachkit_model::{CountryCode, DataCategory, EntityId, GroupId};
use chrono::NaiveDate;

use crate::normalize::normalize;

/// One problem in a mapping file: where (a JSON pointer into the TOML) and what rule it breaks.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct MappingProblem {
    /// JSON pointer (`/category/2/category`).
    pub path: String,
    /// The rule broken; never the value.
    pub message: String,
}

impl std::fmt::Display for MappingProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Wire {
    key: WireKey,
    entity: WireValue,
    group: WireValue,
    #[serde(default)]
    residence: WireResidence,
    #[serde(default)]
    category: Vec<WireCategory>,
    #[serde(default)]
    contact: WireContact,
    #[serde(default)]
    children: Option<WireChildren>,
    #[serde(default)]
    deceased: Option<WireFlag>,
    #[serde(default)]
    flags: Option<WireFlags>,
    #[serde(default)]
    notice: Option<WireNotice>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct WireKey {
    #[serde(default)]
    columns: Vec<String>,
    #[serde(default)]
    id: Option<String>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct WireValue {
    #[serde(default)]
    column: Option<String>,
    #[serde(default)]
    constant: Option<String>,
    #[serde(default)]
    values: BTreeMap<String, String>,
}

#[derive(serde::Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct WireResidence {
    country: Option<String>,
    default_country: Option<String>,
    state: Option<String>,
    zip: Option<String>,
    subdivision: Option<String>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct WireCategory {
    column: String,
    category: String,
    #[serde(default)]
    when: When,
}

/// When a category column exposes its category for a row.
#[derive(serde::Deserialize, Default, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum When {
    /// The cell is not empty.
    #[default]
    NonEmpty,
    /// The cell holds a true flag value.
    Flag,
}

#[derive(serde::Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct WireContact {
    #[serde(default)]
    postal: Vec<String>,
    email: Option<String>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct WireChildren {
    birth_date: Option<String>,
    as_of: Option<String>,
    under: Option<u32>,
    flag: Option<String>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct WireFlag {
    flag: String,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct WireFlags {
    #[serde(default)]
    true_values: Vec<String>,
    #[serde(default)]
    false_values: Vec<String>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct WireNotice {
    #[serde(default)]
    languages: BTreeMap<String, String>,
    #[serde(default)]
    default_language: Option<String>,
    #[serde(default)]
    channels: Vec<String>,
}

/// Where an entity or group id comes from.
#[derive(Clone, Debug)]
pub enum Source<T> {
    /// The same for every row.
    Constant(T),
    /// From a column, through a table of normalised roster values.
    Column {
        /// Column name.
        column: String,
        /// Normalised roster value → id.
        values: BTreeMap<String, T>,
    },
}

impl<T> Source<T> {
    /// The column, when the value comes from one.
    pub fn column(&self) -> Option<&str> {
        match self {
            Source::Column { column, .. } => Some(column),
            Source::Constant(_) => None,
        }
    }
}

/// A category column.
#[derive(Clone, Debug)]
pub struct CategoryColumn {
    /// Column name.
    pub column: String,
    /// The data category it exposes.
    pub category: DataCategory,
    /// When a row exposes it.
    pub when: When,
}

/// How children are recognised.
#[derive(Clone, Debug)]
pub enum Children {
    /// From a birth date: younger than `under` years on `as_of`.
    BirthDate {
        /// Column name.
        column: String,
        /// The day ages are computed for.
        as_of: NaiveDate,
        /// Age limit (exclusive).
        under: u32,
    },
    /// A flag column.
    Flag(String),
}

/// A mail channel for notices.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// Postal mail to the address.
    Mail,
    /// E-mail.
    Email,
    /// Substitute notice (no usable contact).
    Substitute,
}

impl Channel {
    /// The code used in file names and summaries.
    pub fn code(self) -> &'static str {
        match self {
            Channel::Mail => "mail",
            Channel::Email => "email",
            Channel::Substitute => "substitute",
        }
    }
}

/// A checked roster mapping.
#[derive(Clone, Debug)]
pub struct Mapping {
    /// Key columns (normalised and joined), or empty when `id` is used.
    pub key_columns: Vec<String>,
    /// A stable id column.
    pub id_column: Option<String>,
    /// The holding entity.
    pub entity: Source<EntityId>,
    /// The group.
    pub group: Source<GroupId>,
    /// Country column.
    pub country: Option<String>,
    /// Country when the cell is empty.
    pub default_country: Option<CountryCode>,
    /// US State column.
    pub state: Option<String>,
    /// ZIP column.
    pub zip: Option<String>,
    /// ISO 3166-2 column.
    pub subdivision: Option<String>,
    /// Category columns.
    pub categories: Vec<CategoryColumn>,
    /// Postal address columns (all non-empty: address present).
    pub postal: Vec<String>,
    /// E-mail column.
    pub email: Option<String>,
    /// Children.
    pub children: Option<Children>,
    /// Deceased flag column.
    pub deceased: Option<String>,
    /// Normalised values read as true.
    pub true_values: Vec<String>,
    /// Normalised values read as false (the empty cell is always false).
    pub false_values: Vec<String>,
    /// Notice language by country code (`JP` → `ja`).
    pub languages: BTreeMap<String, String>,
    /// Language when no country matches.
    pub default_language: String,
    /// Channels in order of preference.
    pub channels: Vec<Channel>,
}

/// The most distinct (entity, group) pairs a mapping may produce (a person's pairs are a bit set).
pub const MAX_PAIRS: usize = 64;
/// The most category columns a mapping may have.
pub const MAX_CATEGORY_COLUMNS: usize = 128;

impl Mapping {
    /// Reads and checks a mapping from TOML text, reporting every problem found.
    ///
    /// # Errors
    /// The list of problems, each with its path; a syntax or shape error stops at the first.
    pub fn from_toml(text: &str) -> Result<Mapping, Vec<MappingProblem>> {
        let value = breachkit_model::toml_value(text).map_err(|e| {
            vec![MappingProblem {
                path: "/".into(),
                message: e.to_string(),
            }]
        })?;
        let wire: Wire = breachkit_model::from_value(value).map_err(|e| {
            vec![MappingProblem {
                path: e.path().unwrap_or("/").to_owned(),
                message: match e {
                    breachkit_model::ModelError::Shape { message, .. } => message,
                    other => other.to_string(),
                },
            }]
        })?;
        check(wire)
    }

    /// Every column the mapping reads, each once, in a stable order.
    pub fn columns(&self) -> Vec<&str> {
        let mut all: Vec<&str> = Vec::new();
        all.extend(self.key_columns.iter().map(String::as_str));
        all.extend(self.id_column.as_deref());
        for src in [self.entity.column(), self.group.column()] {
            all.extend(src);
        }
        all.extend(
            [&self.country, &self.state, &self.zip, &self.subdivision]
                .into_iter()
                .flatten()
                .map(String::as_str),
        );
        all.extend(self.categories.iter().map(|c| c.column.as_str()));
        all.extend(self.postal.iter().map(String::as_str));
        all.extend(self.email.as_deref());
        match &self.children {
            Some(Children::BirthDate { column, .. }) | Some(Children::Flag(column)) => {
                all.push(column)
            }
            None => {}
        }
        all.extend(self.deceased.as_deref());
        let mut v: Vec<&str> = Vec::new();
        for c in all {
            if !v.contains(&c) {
                v.push(c);
            }
        }
        v
    }

    /// The (entity, group) pairs rows can produce, in a stable order.
    pub fn pairs(&self) -> Vec<(EntityId, GroupId)> {
        let es: Vec<EntityId> = match &self.entity {
            Source::Constant(e) => vec![e.clone()],
            Source::Column { values, .. } => dedup(values.values().cloned()),
        };
        let gs: Vec<GroupId> = match &self.group {
            Source::Constant(g) => vec![g.clone()],
            Source::Column { values, .. } => dedup(values.values().cloned()),
        };
        let mut out = Vec::new();
        for e in &es {
            for g in &gs {
                out.push((e.clone(), g.clone()));
            }
        }
        out
    }
}

fn dedup<T: Ord>(it: impl Iterator<Item = T>) -> Vec<T> {
    let mut v: Vec<T> = it.collect();
    v.sort();
    v.dedup();
    v
}

fn check(w: Wire) -> Result<Mapping, Vec<MappingProblem>> {
    let mut problems = Vec::new();
    let mut bad = |path: &str, message: &str| {
        problems.push(MappingProblem {
            path: path.to_owned(),
            message: message.to_owned(),
        });
    };
    let column_ok = |c: &str| !c.trim().is_empty() && c.len() <= 256;

    match (w.key.columns.is_empty(), &w.key.id) {
        (true, None) => bad("/key", "give key columns or an id column"),
        (false, Some(_)) => bad("/key", "give key columns or an id column, not both"),
        _ => {}
    }
    for (i, c) in w.key.columns.iter().enumerate() {
        if !column_ok(c) {
            bad(
                &format!("/key/columns/{i}"),
                "a column name is 1 to 256 characters",
            );
        }
    }

    fn source<T: Clone>(
        v: &WireValue,
        path: &str,
        parse: impl Fn(&str) -> Option<T>,
        bad: &mut dyn FnMut(&str, &str),
    ) -> Option<Source<T>> {
        match (&v.column, &v.constant) {
            (Some(_), Some(_)) => {
                bad(path, "give a column or a constant, not both");
                None
            }
            (None, None) => {
                bad(path, "give a column or a constant");
                None
            }
            (None, Some(c)) => {
                if !v.values.is_empty() {
                    bad(&format!("{path}/values"), "values belong with a column");
                }
                match parse(c) {
                    Some(id) => Some(Source::Constant(id)),
                    None => {
                        bad(
                            &format!("{path}/constant"),
                            "not an identifier (1 to 64 of A-Z a-z 0-9 _ . -)",
                        );
                        None
                    }
                }
            }
            (Some(col), None) => {
                if v.values.is_empty() {
                    bad(
                        &format!("{path}/values"),
                        "a column needs a table of its values to identifiers",
                    );
                }
                let mut values = BTreeMap::new();
                for (k, id) in &v.values {
                    let key = normalize(k);
                    let p = format!("{path}/values/{}", values.len());
                    match parse(id) {
                        Some(id) => {
                            if values.insert(key, id).is_some() {
                                bad(&p, "two roster values normalise to the same text");
                            }
                        }
                        None => bad(&p, "not an identifier (1 to 64 of A-Z a-z 0-9 _ . -)"),
                    }
                }
                Some(Source::Column {
                    column: col.clone(),
                    values,
                })
            }
        }
    }
    let entity = source(
        &w.entity,
        "/entity",
        |s| EntityId::try_new(s).ok(),
        &mut bad,
    );
    let group = source(&w.group, "/group", |s| GroupId::try_new(s).ok(), &mut bad);

    let r = &w.residence;
    let default_country = r.default_country.as_deref().and_then(|c| {
        let got = CountryCode::try_new(c).ok();
        if got.is_none() {
            bad(
                "/residence/default_country",
                "not an ISO 3166-1 alpha-2 code",
            );
        }
        got
    });

    let mut categories = Vec::new();
    if w.category.len() > MAX_CATEGORY_COLUMNS {
        bad("/category", "at most 128 category columns");
    }
    for (i, c) in w.category.iter().enumerate() {
        if !column_ok(&c.column) {
            bad(
                &format!("/category/{i}/column"),
                "a column name is 1 to 256 characters",
            );
        }
        match c.category.parse::<DataCategory>() {
            Ok(cat) if !cat.is_custom() || c.category.starts_with("other:") => {
                categories.push(CategoryColumn {
                    column: c.column.clone(),
                    category: cat,
                    when: c.when,
                });
            }
            _ => bad(
                &format!("/category/{i}/category"),
                "not a data category code of the model (custom codes start with other:)",
            ),
        }
    }

    let children = match &w.children {
        None => None,
        Some(ch) => match (&ch.birth_date, &ch.flag) {
            (Some(col), None) => {
                let as_of = ch
                    .as_of
                    .as_deref()
                    .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
                if as_of.is_none() {
                    bad(
                        "/children/as_of",
                        "a birth date column needs as_of, a YYYY-MM-DD date",
                    );
                }
                let under = ch.under.filter(|u| (1..=30).contains(u));
                if under.is_none() {
                    bad(
                        "/children/under",
                        "a birth date column needs under, the age limit (1 to 30); breachkit does not guess it",
                    );
                }
                match (as_of, under) {
                    (Some(as_of), Some(under)) => Some(Children::BirthDate {
                        column: col.clone(),
                        as_of,
                        under,
                    }),
                    _ => None,
                }
            }
            (None, Some(col)) => {
                if ch.as_of.is_some() || ch.under.is_some() {
                    bad("/children", "as_of and under belong with birth_date");
                }
                Some(Children::Flag(col.clone()))
            }
            _ => {
                bad("/children", "give birth_date or flag, one of them");
                None
            }
        },
    };

    let (true_values, false_values) = match &w.flags {
        Some(f) => (
            f.true_values.iter().map(|s| normalize(s)).collect(),
            f.false_values.iter().map(|s| normalize(s)).collect(),
        ),
        None => (
            ["1", "true", "yes", "y", "t", "x"]
                .map(str::to_owned)
                .to_vec(),
            ["0", "false", "no", "n", "f"].map(str::to_owned).to_vec(),
        ),
    };
    let tv: &Vec<String> = &true_values;
    if tv.is_empty() {
        bad("/flags/true_values", "at least one value must read as true");
    }
    if tv.iter().any(|t| false_values.contains(t) || t.is_empty()) {
        bad(
            "/flags",
            "a value cannot be both true and false, and the empty cell is false",
        );
    }

    let mut languages = BTreeMap::new();
    let mut default_language = "en".to_owned();
    let mut channels = vec![Channel::Mail, Channel::Email];
    if let Some(n) = &w.notice {
        for (i, (c, l)) in n.languages.iter().enumerate() {
            if CountryCode::try_new(c).is_err() {
                bad(
                    &format!("/notice/languages/{i}"),
                    "keys are ISO 3166-1 alpha-2 codes",
                );
            }
            if !is_lang(l) {
                bad(
                    &format!("/notice/languages/{i}"),
                    "a language is a BCP 47 primary tag (2 or 3 lowercase letters)",
                );
            }
            languages.insert(c.clone(), l.clone());
        }
        if let Some(l) = &n.default_language {
            if is_lang(l) {
                default_language = l.clone();
            } else {
                bad(
                    "/notice/default_language",
                    "a language is a BCP 47 primary tag (2 or 3 lowercase letters)",
                );
            }
        }
        if !n.channels.is_empty() {
            channels.clear();
            for (i, c) in n.channels.iter().enumerate() {
                match c.as_str() {
                    "mail" => channels.push(Channel::Mail),
                    "email" => channels.push(Channel::Email),
                    _ => bad(&format!("/notice/channels/{i}"), "mail or email"),
                }
            }
        }
    }
    if channels.contains(&Channel::Email) && w.contact.email.is_none() {
        // Nothing to check: a mapping without an e-mail column never picks e-mail.
    }

    let mapping = match (entity, group) {
        (Some(entity), Some(group)) => Some(Mapping {
            key_columns: w.key.columns,
            id_column: w.key.id,
            entity,
            group,
            country: w.residence.country,
            default_country,
            state: w.residence.state,
            zip: w.residence.zip,
            subdivision: w.residence.subdivision,
            categories,
            postal: w.contact.postal,
            email: w.contact.email,
            children,
            deceased: w.deceased.map(|d| d.flag),
            true_values,
            false_values,
            languages,
            default_language,
            channels,
        }),
        _ => None,
    };
    if let Some(m) = &mapping {
        if m.pairs().len() > MAX_PAIRS {
            bad(
                "/entity",
                "at most 64 (entity, group) combinations in one roster",
            );
        }
        for (i, c) in m.columns().iter().enumerate() {
            if !column_ok(c) {
                bad(
                    &format!("/columns/{i}"),
                    "a column name is 1 to 256 characters",
                );
            }
        }
    }
    match mapping {
        Some(m) if problems.is_empty() => Ok(m),
        _ => Err(problems),
    }
}

fn is_lang(l: &str) -> bool {
    (2..=3).contains(&l.len()) && l.bytes().all(|b| b.is_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_problem_in_one_pass_by_path() {
        let text = r#"
[key]
[entity]
column = "company"
[group]
constant = "not an id!"
[residence]
default_country = "XX"
[[category]]
column = "mail"
category = "emial_address"
[children]
birth_date = "dob"
"#;
        let problems = Mapping::from_toml(text).unwrap_err();
        let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "/key",
                "/entity/values",
                "/group/constant",
                "/residence/default_country",
                "/category/0/category",
                "/children/as_of",
                "/children/under"
            ]
        );
        let all = format!("{problems:?}");
        for v in ["emial_address", "not an id!", "XX", "company", "dob"] {
            assert!(!all.contains(v), "value {v} echoed");
        }
    }

    #[test]
    fn unknown_field_is_reported_by_path_without_its_name() {
        let text = "[key]\nid = \"id\"\nsecret_field = 1\n[entity]\nconstant = \"a\"\n[group]\nconstant = \"g\"\n";
        let p = Mapping::from_toml(text).unwrap_err();
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].path, "/key");
        assert!(!p[0].message.contains("secret_field"));
    }
}

//! Labels and sentence templates per language, as data (`templates/*.toml`), overridable.

use std::collections::BTreeMap;

use breachkit_model::{Count, PartialTime, Precision, UnknownReason};

use crate::ReportError;

/// A report language.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Lang {
    /// Japanese.
    Ja,
    /// English.
    En,
}

impl Lang {
    /// The BCP 47 tag.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Ja => "ja",
            Lang::En => "en",
        }
    }
}

impl std::str::FromStr for Lang {
    type Err = ReportError;
    fn from_str(s: &str) -> Result<Self, ReportError> {
        match s {
            "ja" => Ok(Lang::Ja),
            "en" => Ok(Lang::En),
            _ => Err(ReportError::UnknownLanguage),
        }
    }
}

/// The built-in catalogues.
pub const BUILTIN: &[(Lang, &str)] = &[
    (Lang::En, include_str!("../templates/en.toml")),
    (Lang::Ja, include_str!("../templates/ja.toml")),
];

/// Labels and templates of one language: `section.key` → text or list.
#[derive(Clone, Debug)]
pub struct Catalogue {
    lang: Lang,
    text: BTreeMap<String, String>,
    lists: BTreeMap<String, Vec<String>>,
}

/// One problem of a template file: the dotted key, where it is, and the rule.
struct TemplateProblem {
    key: String,
    line: usize,
    column: usize,
    message: &'static str,
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = text.as_bytes().get(..offset).unwrap_or(text.as_bytes());
    let line = before.iter().filter(|&&b| b == b'\n').count();
    let col = before.iter().rev().take_while(|&&b| b != b'\n').count();
    (line.saturating_add(1), col.saturating_add(1))
}

/// Walks a parsed template file, checking each key against the catalogue (`known` = the keys
/// that may be set; `None` while loading a built-in file, which defines them).
fn flatten(
    prefix: &str,
    table: &toml::de::DeTable<'_>,
    text: &str,
    cat: &mut Catalogue,
    known: Option<&Catalogue>,
    problems: &mut Vec<TemplateProblem>,
) {
    use toml::de::DeValue;
    for (k, v) in table {
        let key = if prefix.is_empty() {
            k.get_ref().to_string()
        } else {
            format!("{prefix}.{}", k.get_ref())
        };
        let (line, column) = line_col(text, k.span().start);
        let mut problem = |message| {
            problems.push(TemplateProblem {
                key: key.clone(),
                line,
                column,
                message,
            });
        };
        match v.get_ref() {
            DeValue::Table(t) => {
                let is_section = known.is_none_or(|c| {
                    let dot = format!("{key}.");
                    c.keys().any(|x| x.starts_with(&dot))
                });
                if is_section {
                    flatten(&key, t, text, cat, known, problems);
                } else {
                    problem("unknown section: not in the built-in catalogue (check the spelling)");
                }
            }
            DeValue::String(s) => match known {
                Some(c) if !c.text.contains_key(&key) => problem(if c.lists.contains_key(&key) {
                    "this key holds a list of strings"
                } else {
                    "unknown key: not in the built-in catalogue (check the spelling)"
                }),
                _ => {
                    cat.text.insert(key.clone(), s.to_string());
                }
            },
            DeValue::Array(a) => {
                let list: Option<Vec<String>> = a
                    .iter()
                    .map(|x| match x.get_ref() {
                        DeValue::String(s) => Some(s.to_string()),
                        _ => None,
                    })
                    .collect();
                match (known, list) {
                    (_, None) => problem("lists must hold strings"),
                    (Some(c), Some(_)) if !c.lists.contains_key(&key) => {
                        problem(if c.text.contains_key(&key) {
                            "this key holds a string"
                        } else {
                            "unknown key: not in the built-in catalogue (check the spelling)"
                        });
                    }
                    (_, Some(list)) => {
                        cat.lists.insert(key.clone(), list);
                    }
                }
            }
            _ => problem("values must be strings or lists of strings"),
        }
    }
}

/// Replaces `{name}` placeholders of `template` with the values of `args`, scanning the template
/// once from left to right; text inserted is never scanned again.
pub(crate) fn fill_once(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let (before, from_brace) = rest.split_at(open);
        out.push_str(before);
        let name_and_rest = from_brace.get(1..).unwrap_or_default();
        let value = name_and_rest.find('}').and_then(|close| {
            let name = name_and_rest.get(..close)?;
            let (_, v) = args.iter().find(|(k, _)| *k == name)?;
            Some((v, close))
        });
        match value {
            Some((v, close)) => {
                out.push_str(v);
                // Skip `{`, the name and `}`.
                rest = name_and_rest
                    .get(close.saturating_add(1)..)
                    .unwrap_or_default();
            }
            None => {
                out.push('{');
                rest = name_and_rest;
            }
        }
    }
    out.push_str(rest);
    out
}

impl Catalogue {
    /// The built-in catalogue of a language.
    ///
    /// # Errors
    /// Only if a built-in file is broken (a test guards them).
    pub fn builtin(lang: Lang) -> Result<Catalogue, ReportError> {
        let text = BUILTIN
            .iter()
            .find(|(l, _)| *l == lang)
            .map_or("", |(_, t)| t);
        let mut cat = Catalogue {
            lang,
            text: BTreeMap::new(),
            lists: BTreeMap::new(),
        };
        cat.load(text, None)?;
        Ok(cat)
    }

    /// Overrides keys with a user's TOML file (same layout as `templates/en.toml`).
    ///
    /// The file is read with the same size and depth limits as incidents. Every key must be one
    /// the built-in catalogue has, with the same type: a misspelt key would otherwise have no
    /// effect and go unnoticed.
    ///
    /// # Errors
    /// [`ReportError::Template`] for bad TOML (with line and column), unknown sections or keys
    /// and values of the wrong type (each with its key and line; all of them in one error).
    pub fn load_overrides(&mut self, text: &str) -> Result<(), ReportError> {
        let known = self.clone();
        self.load(text, Some(&known))
    }

    /// Adds the keys of another crate's own document (the register's Art. 33(5) record) to the
    /// catalogue: new keys are accepted, unlike in [`Catalogue::load_overrides`], and the file
    /// gets the same limits and precise errors.
    ///
    /// # Errors
    /// [`ReportError::Template`] for bad TOML (with line and column) or values of the wrong type.
    pub fn extend(&mut self, text: &str) -> Result<(), ReportError> {
        self.load(text, None)
    }

    fn load(&mut self, text: &str, known: Option<&Catalogue>) -> Result<(), ReportError> {
        // Size, depth, syntax (with line and column), nan/inf: the incident reader's checks.
        breachkit_model::toml_value_of_rules(text).map_err(|e| ReportError::Template {
            key: String::new(),
            message: e.to_string(),
        })?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let table = toml::de::DeTable::parse(text).map_err(|e| {
            let (line, column) = e.span().map_or((1, 1), |s| line_col(text, s.start));
            ReportError::Template {
                key: String::new(),
                message: format!("TOML syntax error at line {line}, column {column}"),
            }
        })?;
        let mut problems = Vec::new();
        let mut staged = self.clone();
        flatten("", table.get_ref(), text, &mut staged, known, &mut problems);
        problems.sort_by_key(|p| (p.line, p.column));
        let mut iter = problems.into_iter();
        match iter.next() {
            None => {
                *self = staged;
                Ok(())
            }
            Some(first) => {
                let mut message = format!(
                    "line {}, column {}: {}",
                    first.line, first.column, first.message
                );
                let rest: Vec<String> = iter
                    .map(|p| format!("{} (line {}): {}", p.key, p.line, p.message))
                    .collect();
                if !rest.is_empty() {
                    message.push_str(&format!("; {} more: {}", rest.len(), rest.join("; ")));
                }
                Err(ReportError::Template {
                    key: first.key,
                    message,
                })
            }
        }
    }

    /// The language.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Every text key (for completeness tests).
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.text
            .keys()
            .map(String::as_str)
            .chain(self.lists.keys().map(String::as_str))
    }

    /// The text of a key; a missing key shows as `⟦key⟧` so it is visible, never silent.
    pub fn get(&self, key: &str) -> String {
        self.text
            .get(key)
            .cloned()
            .unwrap_or_else(|| format!("⟦{key}⟧"))
    }

    /// The text of a key if present.
    pub fn opt(&self, key: &str) -> Option<&str> {
        self.text.get(key).map(String::as_str)
    }

    /// A template with `{name}` placeholders filled, in one pass over the template: a value
    /// is copied as it is, never searched for placeholders itself (incident text is data, not
    /// template). A `{...}` that names no argument is kept as written.
    pub fn fill(&self, key: &str, args: &[(&str, &str)]) -> String {
        fill_once(&self.get(key), args)
    }

    fn list(&self, key: &str) -> &[String] {
        self.lists.get(key).map_or(&[], Vec::as_slice)
    }

    /// "First", "第1報", ...
    pub fn ordinal(&self, n: u32) -> String {
        usize::try_from(n)
            .ok()
            .and_then(|n| n.checked_sub(1))
            .and_then(|i| self.list("meta.ordinals").get(i).cloned())
            .unwrap_or_else(|| n.to_string())
    }

    /// "first", "第1報", ... for use inside a sentence.
    pub fn ordinal_inline(&self, n: u32) -> String {
        usize::try_from(n)
            .ok()
            .and_then(|n| n.checked_sub(1))
            .and_then(|i| self.list("meta.ordinals_inline").get(i).cloned())
            .unwrap_or_else(|| self.ordinal(n))
    }

    /// Joins items: "a, b and c" / "a、b、c".
    pub fn join(&self, items: &[String]) -> String {
        match items {
            [] => String::new(),
            [one] => one.clone(),
            [init @ .., last] => format!(
                "{}{}{}",
                init.join(&self.get("meta.list_sep")),
                self.get("meta.list_last"),
                last
            ),
        }
    }

    /// A partial time in this language's style ("July 28, 2023", "2023年7月28日").
    pub fn date(&self, t: &PartialTime) -> String {
        let s = t.to_string();
        let mut parts = s.split(['-', 'T']);
        let year = parts.next().unwrap_or_default().to_owned();
        let month: usize = parts.next().and_then(|m| m.parse().ok()).unwrap_or(0);
        let day: u32 = parts.next().and_then(|d| d.parse().ok()).unwrap_or(0);
        let month_name = month
            .checked_sub(1)
            .and_then(|i| self.list("date.months").get(i).cloned())
            .unwrap_or_default();
        let m = month.to_string();
        let d = day.to_string();
        let args = [
            ("year", year.as_str()),
            ("month", m.as_str()),
            ("month_name", month_name.as_str()),
            ("day", d.as_str()),
        ];
        match t.precision() {
            Precision::Year => self.fill("date.year_only", &args),
            Precision::Month => self.fill("date.month_only", &args),
            _ => self.fill("date.format", &args),
        }
    }

    /// A date from an event's `at`, `after`, `before`.
    pub fn when(
        &self,
        at: Option<&PartialTime>,
        after: Option<&PartialTime>,
        before: Option<&PartialTime>,
    ) -> Option<String> {
        match (at, after, before) {
            (Some(t), _, _) => Some(self.date(t)),
            (None, Some(a), Some(b)) => Some(self.fill(
                "date.between",
                &[("a", &self.date(a)), ("b", &self.date(b))],
            )),
            (None, None, Some(b)) => Some(self.fill("date.by", &[("b", &self.date(b))])),
            (None, Some(a), None) => Some(self.fill("date.after", &[("a", &self.date(a))])),
            (None, None, None) => None,
        }
    }

    /// A count in words ("approximately 60,000", "約60,000").
    pub fn count(&self, c: &Count) -> String {
        let n = |v: u64| {
            let s = v.to_string();
            let mut out = String::new();
            for (i, ch) in s.chars().enumerate() {
                if i > 0 && s.len().saturating_sub(i).checked_rem(3) == Some(0) {
                    out.push(',');
                }
                out.push(ch);
            }
            out
        };
        match c {
            Count::Exact { value } => n(*value),
            Count::Approximate { value } => self.fill("count.approximately", &[("n", &n(*value))]),
            Count::Range { min, max } => {
                self.fill("count.range", &[("min", &n(*min)), ("max", &n(*max))])
            }
            Count::AtLeast { value } => self.fill("count.at_least", &[("n", &n(*value))]),
            Count::Unknown {
                reason: UnknownReason::CannotBeDetermined,
            } => self.get("count.cannot_be_determined"),
            _ => self.get("count.unknown"),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    fn err(text: &str) -> ReportError {
        Catalogue::builtin(Lang::En)
            .unwrap()
            .load_overrides(text)
            .unwrap_err()
    }

    #[test]
    fn fill_is_one_pass() {
        let out = fill_once(
            "{org}: {value} {missing} {",
            &[("org", "ACME {value} {kind}"), ("value", "v")],
        );
        assert_eq!(out, "ACME {value} {kind}: v {missing} {");
    }

    #[test]
    fn template_syntax_errors_have_line_and_column() {
        let e = err("[text]\ndraft_notice = \"x\"\nbroken = \n");
        assert_eq!(
            e.to_string(),
            "template: TOML syntax error at line 3, column 10"
        );
    }

    #[test]
    fn unknown_and_misspelt_keys_are_reported_with_their_line() {
        let e = err("[labelz]\ntitel = \"x\"\n\n[text]\ndraft_notise = \"y\"\ndraft_notice = 3\n");
        let ReportError::Template { key, message } = &e else {
            panic!("{e:?}");
        };
        assert_eq!(key, "labelz");
        assert!(
            message.starts_with("line 1, column 2: unknown section"),
            "{message}"
        );
        assert!(
            message.contains("2 more: text.draft_notise (line 5): unknown key"),
            "{message}"
        );
        assert!(
            message.contains("text.draft_notice (line 6): values must be strings"),
            "{message}"
        );
        // Nothing was applied.
        let mut cat = Catalogue::builtin(Lang::En).unwrap();
        let before = cat.get("text.draft_notice");
        let _ = cat.load_overrides("[text]\ndraft_notice = \"new\"\nnope = \"x\"\n");
        assert_eq!(cat.get("text.draft_notice"), before);
        // A good override takes effect.
        cat.load_overrides("[text]\ndraft_notice = \"new\"\n")
            .unwrap();
        assert_eq!(cat.get("text.draft_notice"), "new");
        // A list where a string belongs.
        let e = err("[text]\ndraft_notice = [\"a\"]\n");
        assert!(e.to_string().contains("this key holds a string"), "{e}");
    }

    #[test]
    fn template_files_have_the_document_limits() {
        let deep = format!("{} = \"x\"\n", vec!["a"; 500].join("."));
        assert!(
            err(&deep).to_string().contains("nests too deeply"),
            "{}",
            err(&deep)
        );
        let big = format!(
            "[text]\ndraft_notice = \"{}\"\n",
            "x".repeat(breachkit_model::MAX_DOCUMENT_BYTES)
        );
        assert!(err(&big).to_string().contains("too large"));
        assert!(
            err("[text]\nx = nan\n")
                .to_string()
                .contains("not a finite number")
        );
    }
}

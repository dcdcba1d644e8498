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

fn flatten(prefix: &str, v: &toml::Value, cat: &mut Catalogue) -> Result<(), ReportError> {
    match v {
        toml::Value::Table(t) => {
            for (k, v) in t {
                let key = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                flatten(&key, v, cat)?;
            }
        }
        toml::Value::String(s) => {
            cat.text.insert(prefix.to_owned(), s.clone());
        }
        toml::Value::Array(a) => {
            let list = a
                .iter()
                .map(|x| {
                    x.as_str()
                        .map(str::to_owned)
                        .ok_or_else(|| ReportError::Template {
                            key: prefix.to_owned(),
                            message: "lists must hold strings".into(),
                        })
                })
                .collect::<Result<Vec<_>, _>>()?;
            cat.lists.insert(prefix.to_owned(), list);
        }
        _ => {
            return Err(ReportError::Template {
                key: prefix.to_owned(),
                message: "values must be strings or lists of strings".into(),
            });
        }
    }
    Ok(())
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
        cat.load_overrides(text)?;
        Ok(cat)
    }

    /// Overrides keys with a user's TOML file (same layout as `templates/en.toml`).
    ///
    /// # Errors
    /// [`ReportError::Template`] for bad TOML or values that are not strings.
    pub fn load_overrides(&mut self, text: &str) -> Result<(), ReportError> {
        let v: toml::Value = toml::from_str(text).map_err(|e| ReportError::Template {
            key: String::new(),
            message: format!(
                "TOML syntax error at byte {}",
                e.span().map_or(0, |s| s.start)
            ),
        })?;
        flatten("", &v, self)
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

    /// A template with `{name}` placeholders filled.
    pub fn fill(&self, key: &str, args: &[(&str, &str)]) -> String {
        let mut s = self.get(key);
        for (k, v) in args {
            s = s.replace(&format!("{{{k}}}"), v);
        }
        s
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
                if i > 0 && (s.len() - i) % 3 == 0 {
                    out.push(',');
                }
                out.push(ch);
            }
            out
        };
        match (self.lang, c) {
            (_, Count::Exact { value }) => n(*value),
            (Lang::En, Count::Approximate { value }) => format!("approximately {}", n(*value)),
            (Lang::Ja, Count::Approximate { value }) => format!("約{}", n(*value)),
            (Lang::En, Count::Range { min, max }) => format!("{} to {}", n(*min), n(*max)),
            (Lang::Ja, Count::Range { min, max }) => format!("{}～{}", n(*min), n(*max)),
            (Lang::En, Count::AtLeast { value }) => format!("at least {}", n(*value)),
            (Lang::Ja, Count::AtLeast { value }) => format!("{}以上", n(*value)),
            (
                Lang::En,
                Count::Unknown {
                    reason: UnknownReason::CannotBeDetermined,
                },
            ) => "cannot be determined".into(),
            (
                Lang::Ja,
                Count::Unknown {
                    reason: UnknownReason::CannotBeDetermined,
                },
            ) => "特定不能".into(),
            (Lang::En, _) => "to be determined".into(),
            (Lang::Ja, _) => "調査中".into(),
        }
    }
}

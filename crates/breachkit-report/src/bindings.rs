//! `drafts.toml`: which obligation each draft kind serves and which content items of the law
//! each part of a document answers. Read once; a test checks that it parses and that every
//! binding names an obligation and a content item of the built-in rule files.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use breachkit_rules::{Assessment, Lang as RulesLang, Obligation};

use crate::catalogue::Lang;

/// The built-in bindings file.
pub(crate) const DRAFTS_TOML: &str = include_str!("../drafts.toml");

/// An obligation of a regime.
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ObligationRef {
    pub(crate) regime: String,
    pub(crate) rule: String,
}

#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct KindBinding {
    pub(crate) obligations: Vec<ObligationRef>,
    /// The form file the draft follows.
    #[serde(default)]
    pub(crate) form: Option<String>,
}

#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PpcBinding {
    pub(crate) items: Vec<String>,
}

#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct GdprBinding {
    pub(crate) measures: String,
}

#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct NoticeBinding {
    pub(crate) sections: BTreeMap<String, Vec<String>>,
}

/// The parsed `drafts.toml`.
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Bindings {
    pub(crate) kinds: BTreeMap<String, KindBinding>,
    pub(crate) ppc: PpcBinding,
    pub(crate) gdpr: GdprBinding,
    pub(crate) notice: NoticeBinding,
}

/// Parses a bindings file.
///
/// # Errors
/// The TOML error, without values.
pub(crate) fn parse(text: &str) -> Result<Bindings, String> {
    toml::from_str(text).map_err(|e| e.message().to_owned())
}

/// The built-in bindings (empty if the built-in file were broken; a test guards it).
pub(crate) fn bindings() -> &'static Bindings {
    static B: OnceLock<Bindings> = OnceLock::new();
    B.get_or_init(|| parse(DRAFTS_TOML).unwrap_or_default())
}

impl Bindings {
    /// The obligations of `assessment` that a draft kind serves for an obligor; `None` when the
    /// kind is bound to no obligation (notices and announcements).
    pub(crate) fn served<'a>(
        &self,
        kind: &str,
        assessment: &'a Assessment,
        obligor: &str,
    ) -> Option<Vec<&'a Obligation>> {
        let k = self.kinds.get(kind)?;
        Some(
            assessment
                .obligations
                .iter()
                .filter(|o| {
                    o.obligor.as_str() == obligor
                        && k.obligations
                            .iter()
                            .any(|r| r.regime == o.regime && r.rule == o.rule)
                })
                .collect(),
        )
    }
}

/// The citation of a content item of an obligation, in the draft's language (the translation of
/// the rule file where there is one, else the rule file's own).
pub(crate) fn content_cite(lang: Lang, ob: &Obligation, id: &str) -> Option<String> {
    let own = ob.content.iter().find(|c| c.id == id)?;
    let rl = match lang {
        Lang::Ja => RulesLang::Ja,
        _ => RulesLang::En,
    };
    Some(
        breachkit_rules::i18n::content_cite(rl, &ob.regime, &ob.rule, id)
            .map_or_else(|| own.cite.clone(), str::to_owned),
    )
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn builtin_bindings_parse_and_name_real_obligations_and_content_items() {
        let b = parse(DRAFTS_TOML).unwrap();
        let rs = breachkit_rules::Ruleset::builtin().unwrap();
        let mut found = 0;
        for (kind, k) in &b.kinds {
            assert!(
                crate::ReportKind::ALL.iter().any(|x| x.code() == kind),
                "drafts.toml: unknown draft kind {kind}"
            );
            for r in &k.obligations {
                let ok = rs.regimes().iter().any(|reg| {
                    reg.regime.id == r.regime && reg.obligation.iter().any(|o| o.id == r.rule)
                });
                assert!(
                    ok,
                    "drafts.toml: {kind} names no built-in obligation {}/{}",
                    r.regime, r.rule
                );
                found += 1;
            }
        }
        assert!(found >= 5);
        for k in b.kinds.values() {
            let f = k.form.as_deref().unwrap();
            assert!(crate::forms::form(f).is_some(), "drafts.toml: no form {f}");
        }
        let contents: Vec<String> = rs
            .regimes()
            .iter()
            .flat_map(|r| {
                r.obligation
                    .iter()
                    .flat_map(|o| o.content.iter().map(|c| c.id.clone()))
            })
            .collect();
        for id in b
            .ppc
            .items
            .iter()
            .chain(std::iter::once(&b.gdpr.measures))
            .chain(b.notice.sections.values().flatten())
        {
            assert!(
                contents.contains(id),
                "drafts.toml: no content item {id} in the rule files"
            );
        }
        assert_eq!(b.ppc.items.len(), 9);
    }
}

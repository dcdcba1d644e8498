//! Identifiers, free text and URLs.

use std::borrow::Cow;

use crate::error::{ModelError, safe_message};

pub(crate) fn is_code(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b.len() <= 64
        && b.first()
            .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || b"_.-".contains(c))
}

fn is_id(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b.len() <= 64
        && b.first().is_some_and(u8::is_ascii_alphanumeric)
        && b.iter()
            .all(|c| c.is_ascii_alphanumeric() || b"_.-".contains(c))
}

macro_rules! id_type {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        ///
        /// 1 to 64 characters from `A-Z a-z 0-9 _ . -`, starting with a letter or digit.
        /// Identifiers are chosen by the document's author and are not personal data.
        #[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
        pub struct $name(String);

        impl $name {
            /// Checks and wraps an identifier.
            ///
            /// # Errors
            /// [`ModelError::InvalidId`] when the identifier breaks the rule above.
            pub fn try_new(s: impl Into<String>) -> Result<Self, ModelError> {
                let s = s.into();
                if is_id(&s) { Ok($name(s)) } else { Err(ModelError::InvalidId) }
            }
            /// The identifier as a string.
            pub fn as_str(&self) -> &str { &self.0 }
        }

        impl std::str::FromStr for $name {
            type Err = ModelError;
            fn from_str(s: &str) -> Result<Self, ModelError> { Self::try_new(s) }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { f.write_str(&self.0) }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.0)
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <Cow<'de, str> as serde::Deserialize>::deserialize(d)?;
                $name::try_new(s.into_owned()).map_err(|e| serde::de::Error::custom(safe_message(&e)))
            }
        }

        impl schemars::JsonSchema for $name {
            fn schema_name() -> Cow<'static, str> { stringify!($name).into() }
            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({
                    "type": "string",
                    "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$"
                })
            }
        }
    };
}

id_type!(
    /// The identifier of an incident.
    IncidentId
);
id_type!(
    /// The identifier of an organisation (a legal entity) within one incident document.
    EntityId
);
id_type!(
    /// The identifier of an affected-party group within one incident document.
    GroupId
);
id_type!(
    /// The identifier of a report or notice already made, within one incident document.
    ReportId
);
id_type!(
    /// A designation recorded for an organisation by a regulator or by itself, for example
    /// `eu.nis2.essential`, `eu.dora.financial_entity` or `cn.cii_operator`. Rule files name the
    /// designations they read.
    DesignationCode
);
id_type!(
    /// The code of a legal test the organisation has determined, for example `au.ndb.eligible`
    /// (an eligible data breach) or `eu.dora.major` (a major ICT-related incident). Rule files
    /// name the tests they read.
    TestCode
);
id_type!(
    /// The identifier of a receiving body (regulator, police force), for example `jp.ppc`.
    /// Rule files use the same identifiers, so recorded reports can be matched to obligations.
    BodyId
);

/// Free text written by people: names, summaries, notes, contact values.
///
/// It may hold personal data, so its `Debug` output shows only its length, never its content.
#[derive(Clone, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct Text(String);

impl Text {
    /// Wraps a string.
    pub fn new(s: impl Into<String>) -> Self {
        Text(s.into())
    }
    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
    /// True when the text is empty or only white space.
    pub fn is_blank(&self) -> bool {
        self.0.trim().is_empty()
    }
}

impl std::fmt::Debug for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Text(<redacted, {} chars>)", self.0.chars().count())
    }
}

impl std::fmt::Display for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Self {
        Text(s.to_owned())
    }
}

impl schemars::JsonSchema for Text {
    fn schema_name() -> Cow<'static, str> {
        "Text".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string" })
    }
}

/// An absolute `http`, `https` or `mailto` URL.
///
/// Checked for form only (scheme, no white space); breachkit never fetches it. `Debug` redacts it
/// because a URL can carry personal data in its path or query.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Url(String);

impl Url {
    /// Checks and wraps a URL.
    ///
    /// # Errors
    /// [`ModelError::InvalidUrl`] when the scheme is not http, https or mailto, or the URL has white space.
    pub fn try_new(s: impl Into<String>) -> Result<Self, ModelError> {
        let s = s.into();
        let ok_scheme = ["https://", "http://", "mailto:"]
            .iter()
            .any(|p| s.len() > p.len() && s.starts_with(p));
        if ok_scheme && !s.chars().any(char::is_whitespace) && s.len() <= 2048 {
            Ok(Url(s))
        } else {
            Err(ModelError::InvalidUrl)
        }
    }
    /// The URL.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Url {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Url(<redacted>)")
    }
}

impl std::fmt::Display for Url {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl serde::Serialize for Url {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> serde::Deserialize<'de> for Url {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <Cow<'de, str> as serde::Deserialize>::deserialize(d)?;
        Url::try_new(s.into_owned()).map_err(|e| serde::de::Error::custom(safe_message(&e)))
    }
}

impl schemars::JsonSchema for Url {
    fn schema_name() -> Cow<'static, str> {
        "Url".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string", "pattern": "^(https?://|mailto:)\\S+$" })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids() {
        assert!(EntityId::try_new("sgc").is_ok());
        assert!(EntityId::try_new("Seiko.Watch-1").is_ok());
        assert!(EntityId::try_new("").is_err());
        assert!(EntityId::try_new("-x").is_err());
        assert!(EntityId::try_new("a b").is_err());
        assert!(EntityId::try_new("x".repeat(65)).is_err());
    }

    #[test]
    fn text_debug_is_redacted() {
        let t = Text::new("Jane Doe");
        assert_eq!(format!("{t:?}"), "Text(<redacted, 8 chars>)");
        let u = Url::try_new("https://example.com/jane").unwrap_or_else(|_| unreachable!());
        assert!(!format!("{u:?}").contains("jane"));
    }

    #[test]
    fn urls() {
        assert!(Url::try_new("https://www.seiko.co.jp/en/information/202308101100.html").is_ok());
        assert!(Url::try_new("mailto:privacy@example.com").is_ok());
        assert!(Url::try_new("ftp://x").is_err());
        assert!(Url::try_new("https://a b").is_err());
        assert!(Url::try_new("https://").is_err());
    }
}

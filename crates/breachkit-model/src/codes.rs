//! Open code lists: enums whose known variants are curated, plus a `other:<code>` escape hatch.
//!
//! A code list is what regulators and laws extend over time (data categories, causes, sectors).
//! Known codes parse to variants; anything else must be written `other:<code>` so that a typo in
//! a hand-written document is an error instead of a silently new category (design.md, "open code
//! lists").

/// Defines a code-list enum with a `Custom` variant that round-trips `other:<code>`.
macro_rules! code_list {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident => $code:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
            /// A code outside the curated list, written `other:<code>` on the wire.
            Custom(crate::codes::CustomCode),
        }

        impl $name {
            /// Every curated variant, in declaration order.
            pub const KNOWN: &'static [$name] = &[ $( $name::$variant, )+ ];

            /// The wire code of this value (`other:<code>` for custom values).
            pub fn code(&self) -> std::borrow::Cow<'_, str> {
                match self {
                    $( $name::$variant => std::borrow::Cow::Borrowed($code), )+
                    $name::Custom(c) => std::borrow::Cow::Owned(format!("other:{}", c.as_str())),
                }
            }

            /// The list of curated codes, for error messages and schemas.
            pub fn known_codes() -> &'static [&'static str] {
                &[ $( $code, )+ ]
            }

            /// Whether this is a custom (`other:`) value.
            pub fn is_custom(&self) -> bool {
                matches!(self, $name::Custom(_))
            }
        }

        impl std::str::FromStr for $name {
            type Err = crate::error::ModelError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $( $code => Ok($name::$variant), )+
                    other => match other.strip_prefix("other:") {
                        Some(rest) => Ok($name::Custom(crate::codes::CustomCode::try_new(rest)?)),
                        None => Err(crate::error::ModelError::UnknownCode {
                            list: stringify!($name),
                        }),
                    },
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.code())
            }
        }

        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                // Codes are vocabulary, not personal data; custom codes are shown as codes too.
                write!(f, "{}({})", stringify!($name), self.code())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.code())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(d)?;
                s.parse().map_err(|e: crate::error::ModelError| {
                    serde::de::Error::custom(crate::error::safe_message(&e))
                })
            }
        }

        impl schemars::JsonSchema for $name {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }
            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({
                    "type": "string",
                    "anyOf": [
                        { "enum": [ $( $code, )+ ] },
                        { "pattern": "^other:[a-z0-9][a-z0-9_.-]{0,63}$" }
                    ]
                })
            }
        }
    };
}
pub(crate) use code_list;

/// The code of a custom (`other:`) list value: lowercase ASCII letters, digits, `_`, `.`, `-`,
/// starting with a letter or digit, at most 64 characters.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CustomCode(String);

impl CustomCode {
    /// Checks and wraps a custom code.
    ///
    /// # Errors
    /// [`ModelError::InvalidCode`](crate::ModelError::InvalidCode) when the code is empty, too long or uses
    /// characters outside `[a-z0-9_.-]`.
    pub fn try_new(s: &str) -> Result<Self, crate::error::ModelError> {
        if crate::ids::is_code(s) {
            Ok(CustomCode(s.to_owned()))
        } else {
            Err(crate::error::ModelError::InvalidCode)
        }
    }

    /// The code without the `other:` prefix.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

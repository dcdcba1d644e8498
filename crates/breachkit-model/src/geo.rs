//! Countries and jurisdictions (ISO 3166).

use std::borrow::Cow;

use crate::error::{ModelError, safe_message};

/// Officially assigned ISO 3166-1 alpha-2 codes (249), sorted.
const ISO_3166_1: &[&str] = &[
    "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX", "AZ",
    "BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS",
    "BT", "BV", "BW", "BY", "BZ", "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN",
    "CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ", "DE", "DJ", "DK", "DM", "DO", "DZ", "EC", "EE",
    "EG", "EH", "ER", "ES", "ET", "FI", "FJ", "FK", "FM", "FO", "FR", "GA", "GB", "GD", "GE", "GF",
    "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY", "HK", "HM",
    "HN", "HR", "HT", "HU", "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT", "JE", "JM",
    "JO", "JP", "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ", "LA", "LB", "LC",
    "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY", "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK",
    "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS", "MT", "MU", "MV", "MW", "MX", "MY", "MZ", "NA",
    "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU", "NZ", "OM", "PA", "PE", "PF", "PG",
    "PH", "PK", "PL", "PM", "PN", "PR", "PS", "PT", "PW", "PY", "QA", "RE", "RO", "RS", "RU", "RW",
    "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS",
    "ST", "SV", "SX", "SY", "SZ", "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO",
    "TR", "TT", "TV", "TW", "TZ", "UA", "UG", "UM", "US", "UY", "UZ", "VA", "VC", "VE", "VG", "VI",
    "VN", "VU", "WF", "WS", "YE", "YT", "ZA", "ZM", "ZW",
];

/// ISO 3166-2 subdivision codes of the United States (states, DC, outlying areas).
const US_SUBDIVISIONS: &[&str] = &[
    "AK", "AL", "AR", "AS", "AZ", "CA", "CO", "CT", "DC", "DE", "FL", "GA", "GU", "HI", "IA", "ID",
    "IL", "IN", "KS", "KY", "LA", "MA", "MD", "ME", "MI", "MN", "MO", "MP", "MS", "MT", "NC", "ND",
    "NE", "NH", "NJ", "NM", "NV", "NY", "OH", "OK", "OR", "PA", "PR", "RI", "SC", "SD", "TN", "TX",
    "UM", "UT", "VA", "VI", "VT", "WA", "WI", "WV", "WY",
];

/// An assigned ISO 3166-1 alpha-2 country code, upper case.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct CountryCode([u8; 2]);

impl CountryCode {
    /// Checks and wraps a country code.
    ///
    /// # Errors
    /// [`ModelError::InvalidCountry`] when the code is not an assigned alpha-2 code in upper case.
    pub fn try_new(s: &str) -> Result<Self, ModelError> {
        match (ISO_3166_1.binary_search(&s), s.as_bytes()) {
            (Ok(_), &[a, b]) => Ok(CountryCode([a, b])),
            _ => Err(ModelError::InvalidCountry),
        }
    }
    /// The code as a string.
    pub fn as_str(&self) -> &str {
        // Only ASCII upper-case letters are ever stored.
        std::str::from_utf8(&self.0).unwrap_or("??")
    }
    /// All assigned codes.
    pub fn all() -> impl Iterator<Item = CountryCode> {
        ISO_3166_1.iter().filter_map(|s| match s.as_bytes() {
            &[a, b] => Some(CountryCode([a, b])),
            _ => None,
        })
    }
}

impl std::str::FromStr for CountryCode {
    type Err = ModelError;
    fn from_str(s: &str) -> Result<Self, ModelError> {
        Self::try_new(s)
    }
}

impl std::fmt::Display for CountryCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for CountryCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for CountryCode {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <Cow<'de, str> as serde::Deserialize>::deserialize(d)?;
        CountryCode::try_new(&s).map_err(|e| serde::de::Error::custom(safe_message(&e)))
    }
}

impl schemars::JsonSchema for CountryCode {
    fn schema_name() -> Cow<'static, str> {
        "CountryCode".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string", "enum": ISO_3166_1 })
    }
}

/// A jurisdiction: a country (`JP`) or a first-level subdivision (`US-CA`, `JP-13`, `DE-BY`).
///
/// The country part must be an assigned ISO 3166-1 code. US subdivisions are checked against the
/// ISO 3166-2:US list; other countries' subdivision parts are checked for form (1 to 3 letters or
/// digits) only.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct Jurisdiction {
    country: CountryCode,
    subdivision: Option<String>,
}

impl Jurisdiction {
    /// Checks and wraps a jurisdiction code.
    ///
    /// # Errors
    /// [`ModelError::InvalidJurisdiction`] when the code is neither form.
    pub fn try_new(s: &str) -> Result<Self, ModelError> {
        let (c, sub) = match s.split_once('-') {
            Some((c, sub)) => (c, Some(sub)),
            None => (s, None),
        };
        let country = CountryCode::try_new(c).map_err(|_| ModelError::InvalidJurisdiction)?;
        if let Some(sub) = sub {
            let form_ok = (1..=3).contains(&sub.len())
                && sub
                    .bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
            let list_ok = c != "US" || US_SUBDIVISIONS.binary_search(&sub).is_ok();
            if !(form_ok && list_ok) {
                return Err(ModelError::InvalidJurisdiction);
            }
        }
        Ok(Jurisdiction {
            country,
            subdivision: sub.map(str::to_owned),
        })
    }
    /// The country part.
    pub fn country(&self) -> CountryCode {
        self.country
    }
    /// The subdivision part (`CA` of `US-CA`), if any.
    pub fn subdivision(&self) -> Option<&str> {
        self.subdivision.as_deref()
    }
    /// A country-level jurisdiction.
    pub fn from_country(country: CountryCode) -> Self {
        Jurisdiction {
            country,
            subdivision: None,
        }
    }
}

impl std::str::FromStr for Jurisdiction {
    type Err = ModelError;
    fn from_str(s: &str) -> Result<Self, ModelError> {
        Self::try_new(s)
    }
}

impl std::fmt::Display for Jurisdiction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.subdivision {
            Some(s) => write!(f, "{}-{}", self.country, s),
            None => write!(f, "{}", self.country),
        }
    }
}

impl serde::Serialize for Jurisdiction {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Jurisdiction {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <Cow<'de, str> as serde::Deserialize>::deserialize(d)?;
        Jurisdiction::try_new(&s).map_err(|e| serde::de::Error::custom(safe_message(&e)))
    }
}

impl schemars::JsonSchema for Jurisdiction {
    fn schema_name() -> Cow<'static, str> {
        "Jurisdiction".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string", "pattern": "^[A-Z]{2}(-[A-Z0-9]{1,3})?$" })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_is_sorted_and_complete() {
        assert_eq!(ISO_3166_1.len(), 249);
        assert!(ISO_3166_1.windows(2).all(|w| w[0] < w[1]));
        assert!(US_SUBDIVISIONS.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(US_SUBDIVISIONS.len(), 57);
    }

    #[test]
    fn countries() {
        assert!(CountryCode::try_new("JP").is_ok());
        assert!(CountryCode::try_new("jp").is_err());
        assert!(CountryCode::try_new("EU").is_err());
        assert!(CountryCode::try_new("Jane").is_err());
    }

    #[test]
    fn jurisdictions() {
        for ok in ["JP", "US-CA", "US-PR", "JP-13", "DE-BY", "GB-ENG"] {
            assert!(Jurisdiction::try_new(ok).is_ok(), "{ok}");
        }
        for bad in ["US-XX", "JP-", "XX-CA", "us-ca", "US-CALI"] {
            assert!(Jurisdiction::try_new(bad).is_err(), "{bad}");
        }
    }
}

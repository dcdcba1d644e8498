//! Residence: ISO countries, US States by name, abbreviation or ZIP code, ISO 3166-2 codes.
//!
//! The ZIP table (`data/zip3.tsv`) maps the first three digits of a ZIP code to the State that
//! most of its ZIP codes belong to, and lists the few five-digit codes of a prefix that lie in
//! another State. Its provenance and licence are in `data/README.md`.

use std::collections::HashMap;
use std::sync::OnceLock;

use breachkit_model::{CountryCode, Jurisdiction};

/// The States, the District of Columbia and the territories with an ISO 3166-2:US code, by name.
const US_STATES: &[(&str, &str)] = &[
    ("AL", "alabama"),
    ("AK", "alaska"),
    ("AZ", "arizona"),
    ("AR", "arkansas"),
    ("CA", "california"),
    ("CO", "colorado"),
    ("CT", "connecticut"),
    ("DE", "delaware"),
    ("DC", "district of columbia"),
    ("FL", "florida"),
    ("GA", "georgia"),
    ("HI", "hawaii"),
    ("ID", "idaho"),
    ("IL", "illinois"),
    ("IN", "indiana"),
    ("IA", "iowa"),
    ("KS", "kansas"),
    ("KY", "kentucky"),
    ("LA", "louisiana"),
    ("ME", "maine"),
    ("MD", "maryland"),
    ("MA", "massachusetts"),
    ("MI", "michigan"),
    ("MN", "minnesota"),
    ("MS", "mississippi"),
    ("MO", "missouri"),
    ("MT", "montana"),
    ("NE", "nebraska"),
    ("NV", "nevada"),
    ("NH", "new hampshire"),
    ("NJ", "new jersey"),
    ("NM", "new mexico"),
    ("NY", "new york"),
    ("NC", "north carolina"),
    ("ND", "north dakota"),
    ("OH", "ohio"),
    ("OK", "oklahoma"),
    ("OR", "oregon"),
    ("PA", "pennsylvania"),
    ("RI", "rhode island"),
    ("SC", "south carolina"),
    ("SD", "south dakota"),
    ("TN", "tennessee"),
    ("TX", "texas"),
    ("UT", "utah"),
    ("VT", "vermont"),
    ("VA", "virginia"),
    ("WA", "washington"),
    ("WV", "west virginia"),
    ("WI", "wisconsin"),
    ("WY", "wyoming"),
    ("AS", "american samoa"),
    ("GU", "guam"),
    ("MP", "northern mariana islands"),
    ("PR", "puerto rico"),
    ("VI", "u.s. virgin islands"),
    ("VI", "us virgin islands"),
    ("VI", "virgin islands"),
    ("UM", "united states minor outlying islands"),
];

/// A US State (or DC, or a territory) from a normalised name or USPS abbreviation.
pub fn us_state(normalised: &str) -> Option<Jurisdiction> {
    let code = if normalised.len() == 2 {
        let up = normalised.to_ascii_uppercase();
        US_STATES.iter().find(|(c, _)| *c == up).map(|(c, _)| *c)?
    } else {
        US_STATES
            .iter()
            .find(|(_, n)| *n == normalised)
            .map(|(c, _)| *c)?
    };
    Jurisdiction::try_new(&format!("US-{code}")).ok()
}

/// What a ZIP code says about residence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ZipResidence {
    /// A State or territory (`US-CA`), or a freely associated country served by USPS (`PW`).
    Place(Jurisdiction),
    /// A military post office (APO/FPO/DPO: AA, AE, AP): in no State.
    Military,
    /// A three-digit prefix shared by several States and no five-digit code to decide.
    Ambiguous,
    /// Not a prefix in the table.
    Unknown,
}

struct ZipTable {
    prefixes: HashMap<[u8; 3], &'static str>,
    exceptions: HashMap<[u8; 5], &'static str>,
    ambiguous: Vec<[u8; 3]>,
}

const ZIP_TSV: &str = include_str!("../data/zip3.tsv");

fn table() -> &'static ZipTable {
    static T: OnceLock<ZipTable> = OnceLock::new();
    T.get_or_init(|| {
        let mut t = ZipTable {
            prefixes: HashMap::new(),
            exceptions: HashMap::new(),
            ambiguous: Vec::new(),
        };
        for line in ZIP_TSV.lines().filter(|l| !l.starts_with('#')) {
            let mut parts = line.split('\t');
            let (Some(p), Some(state)) = (parts.next(), parts.next()) else {
                continue;
            };
            let Ok(p3) = <[u8; 3]>::try_from(p.as_bytes()) else {
                continue;
            };
            t.prefixes.insert(p3, state);
            for ex in parts {
                if let Some((z, s)) = ex.split_once('=') {
                    if let Ok(z5) = <[u8; 5]>::try_from(z.as_bytes()) {
                        t.exceptions.insert(z5, s);
                        if !t.ambiguous.contains(&p3) {
                            t.ambiguous.push(p3);
                        }
                    }
                }
            }
        }
        t
    })
}

fn place_of(state: &str) -> ZipResidence {
    match state {
        "AA" | "AE" | "AP" => ZipResidence::Military,
        // Freely associated states: countries of their own, served by USPS.
        "FM" | "MH" | "PW" => CountryCode::try_new(state)
            .map(|c| ZipResidence::Place(Jurisdiction::from_country(c)))
            .unwrap_or(ZipResidence::Unknown),
        s => Jurisdiction::try_new(&format!("US-{s}"))
            .map(ZipResidence::Place)
            .unwrap_or(ZipResidence::Unknown),
    }
}

/// Residence from a US ZIP code: `12345`, `12345-6789`, `123456789`, or a three-digit prefix.
/// Returns `None` when the value is not of a ZIP form.
pub fn zip_residence(value: &str) -> Option<ZipResidence> {
    let digits: Vec<u8> = value.bytes().filter(|b| *b != b'-' && *b != b' ').collect();
    if !digits.iter().all(u8::is_ascii_digit) || !matches!(digits.len(), 3 | 5 | 9) {
        return None;
    }
    let t = table();
    let p3: [u8; 3] = [digits[0], digits[1], digits[2]];
    if digits.len() >= 5 {
        let z5: [u8; 5] = [digits[0], digits[1], digits[2], digits[3], digits[4]];
        if let Some(s) = t.exceptions.get(&z5) {
            return Some(place_of(s));
        }
    } else if t.ambiguous.contains(&p3) {
        return Some(ZipResidence::Ambiguous);
    }
    Some(match t.prefixes.get(&p3) {
        Some(s) => place_of(s),
        None => ZipResidence::Unknown,
    })
}

/// An ISO 3166-1 alpha-2 country from a normalised value (`jp`, `JP`).
pub fn country(normalised: &str) -> Option<CountryCode> {
    if normalised.len() != 2 {
        return None;
    }
    CountryCode::try_new(&normalised.to_ascii_uppercase()).ok()
}

/// An ISO 3166-2 subdivision from a full code (`JP-13`) or, with a country, its part (`13`).
pub fn subdivision(normalised: &str, country: Option<CountryCode>) -> Option<Jurisdiction> {
    let up = normalised.to_ascii_uppercase();
    if up.contains('-') {
        return Jurisdiction::try_new(&up)
            .ok()
            .filter(|j| j.subdivision().is_some());
    }
    let c = country?;
    Jurisdiction::try_new(&format!("{}-{up}", c.as_str())).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn j(s: &str) -> ZipResidence {
        ZipResidence::Place(Jurisdiction::try_new(s).unwrap_or_else(|_| unreachable!()))
    }

    #[test]
    fn zip_codes() {
        assert_eq!(zip_residence("94105"), Some(j("US-CA")));
        assert_eq!(zip_residence("10001-1234"), Some(j("US-NY")));
        assert_eq!(zip_residence("063"), Some(ZipResidence::Ambiguous));
        assert_eq!(zip_residence("06390"), Some(j("US-NY")));
        assert_eq!(zip_residence("06320"), Some(j("US-CT")));
        assert_eq!(zip_residence("96940"), Some(j("PW")));
        assert_eq!(zip_residence("09001"), Some(ZipResidence::Military));
        assert_eq!(zip_residence("00000"), Some(ZipResidence::Unknown));
        assert_eq!(zip_residence("9410"), None);
        assert_eq!(zip_residence("ab123"), None);
    }

    #[test]
    fn table_is_complete_enough() {
        // Every State and DC has at least one prefix.
        let t = table();
        for (code, _) in US_STATES.iter().filter(|(c, _)| *c != "UM") {
            assert!(
                t.prefixes
                    .values()
                    .chain(t.exceptions.values())
                    .any(|s| s == code),
                "{code} has no ZIP prefix"
            );
        }
    }

    #[test]
    fn states_and_subdivisions() {
        assert_eq!(
            us_state("ca").map(|j| j.to_string()).as_deref(),
            Some("US-CA")
        );
        assert_eq!(
            us_state("new york").map(|j| j.to_string()).as_deref(),
            Some("US-NY")
        );
        assert_eq!(us_state("xx"), None);
        assert_eq!(
            subdivision("jp-13", None).map(|j| j.to_string()).as_deref(),
            Some("JP-13")
        );
        assert_eq!(
            subdivision("13", country("jp"))
                .map(|j| j.to_string())
                .as_deref(),
            Some("JP-13")
        );
        assert_eq!(subdivision("US-ZZ", None), None);
    }
}

//! Synthetic rosters for tests and benchmarks. Never real personal data.
//!
//! [`generate`] writes a CSV roster from a seed (same seed, same bytes) and returns the truth it
//! was built from, computed from its own list of people — not by the counter — so tests compare
//! two independent answers. The roster has:
//!
//! - names in Latin script and in Japanese (kanji or katakana);
//! - people with several rows across systems, each duplicate written as a variant that the
//!   normaliser must merge (upper case, full-width Latin letters, half-width katakana, extra or
//!   ideographic spaces);
//! - near-misses that must not merge (one letter or kana changed, same birth date);
//! - residence skewed across US States (by name, abbreviation or only a ZIP code), Japanese
//!   prefectures and a few other countries, with some US people giving no State at all;
//! - missing values (e-mail, address, phone, minor flag) and people in two entities.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::io::Write;

/// The mapping that reads a generated roster.
pub const MAPPING: &str = r#"
[key]
columns = ["family_name", "given_name", "birth_date"]

[entity]
column = "company"
values = { "Seiko Watch" = "swc", "SWC" = "swc", "Seiko Instruments" = "sii", "SII" = "sii", "Seiko Group" = "sgc" }

[group]
column = "system"
values = { "crm" = "customers", "shop" = "customers", "hr" = "employees" }

[residence]
country = "country"
state = "state"
zip = "zip"
subdivision = "prefecture"

[[category]]
column = "family_name"
category = "name"

[[category]]
column = "email"
category = "email_address"

[[category]]
column = "phone"
category = "phone_number"

[[category]]
column = "address"
category = "postal_address"

[[category]]
column = "card_number"
category = "payment_card_number"

[[category]]
column = "diagnosis"
category = "health_medical"
when = "flag"

[contact]
postal = ["address"]
email = "email"

[children]
flag = "minor"

[deceased]
flag = "deceased"

[notice]
languages = { JP = "ja" }
default_language = "en"
"#;

/// The header of a generated roster.
pub const HEADER: &[&str] = &[
    "record_id",
    "system",
    "company",
    "family_name",
    "given_name",
    "birth_date",
    "email",
    "phone",
    "address",
    "zip",
    "state",
    "country",
    "prefecture",
    "card_number",
    "diagnosis",
    "minor",
    "deceased",
];

/// What a generated roster holds, computed from the people generated.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Truth {
    /// Rows written.
    pub rows: u64,
    /// Distinct people.
    pub persons: u64,
    /// People per entity.
    pub entities: BTreeMap<String, u64>,
    /// People per jurisdiction (`unknown` for none).
    pub jurisdictions: BTreeMap<String, u64>,
    /// People per (entity, group, jurisdiction).
    pub entity_group_jurisdiction: BTreeMap<(String, String, String), u64>,
    /// Pairs of people whose names differ by one letter (near-misses that must stay apart).
    pub near_misses: u64,
    /// Rows written as a spelling variant of the person's first row.
    pub variants: u64,
}

/// A small deterministic generator (SplitMix64): the same seed gives the same roster on every
/// platform and every version of breachkit's dependencies.
#[derive(Clone)]
pub struct SplitMix(u64);

impl SplitMix {
    /// Seeds the generator.
    pub fn new(seed: u64) -> SplitMix {
        SplitMix(seed)
    }
    /// Next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n.max(1))) >> 64) as u64
    }
    /// True with probability `p` percent.
    pub fn pct(&mut self, p: u64) -> bool {
        self.below(100) < p
    }
}

const LATIN_FAMILY: &[&str] = &[
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Garcia",
    "Miller",
    "Davis",
    "Rodriguez",
    "Martinez",
    "Hernandez",
    "Lopez",
    "Gonzalez",
    "Wilson",
    "Anderson",
    "Thomas",
    "Taylor",
    "Moore",
    "Jackson",
    "Martin",
    "Lee",
    "Perez",
    "Thompson",
    "White",
    "Harris",
    "Sanchez",
    "Clark",
    "Ramirez",
    "Lewis",
    "Robinson",
    "Walker",
    "Young",
    "Allen",
    "King",
    "Wright",
    "Scott",
    "Torres",
    "Nguyen",
    "Hill",
    "Flores",
    "Green",
    "Adams",
    "Nelson",
    "Baker",
    "Hall",
    "Rivera",
    "Campbell",
    "Mitchell",
    "Carter",
    "Roberts",
    "Müller",
    "Schmidt",
    "Dubois",
];
const LATIN_GIVEN: &[&str] = &[
    "James",
    "Mary",
    "Robert",
    "Patricia",
    "John",
    "Jennifer",
    "Michael",
    "Linda",
    "David",
    "Elizabeth",
    "William",
    "Barbara",
    "Richard",
    "Susan",
    "Joseph",
    "Jessica",
    "Thomas",
    "Sarah",
    "Charles",
    "Karen",
    "Christopher",
    "Lisa",
    "Daniel",
    "Nancy",
    "Matthew",
    "Betty",
    "Anthony",
    "Margaret",
    "Mark",
    "Sandra",
    "Donald",
    "Ashley",
    "Steven",
    "Kimberly",
    "Paul",
    "Emily",
    "Andrew",
    "Donna",
    "Joshua",
    "Michelle",
    "José",
    "Zoë",
    "René",
];
const KANJI_FAMILY: &[&str] = &[
    "佐藤",
    "鈴木",
    "高橋",
    "田中",
    "伊藤",
    "渡辺",
    "山本",
    "中村",
    "小林",
    "加藤",
    "吉田",
    "山田",
    "佐々木",
    "山口",
    "松本",
    "井上",
    "木村",
    "林",
    "斎藤",
    "清水",
];
const KANJI_GIVEN: &[&str] = &[
    "太郎",
    "花子",
    "健太",
    "結衣",
    "大輔",
    "さくら",
    "翔太",
    "美咲",
    "陽菜",
    "蓮",
    "葵",
    "悠真",
    "直樹",
    "由美",
    "誠",
    "恵",
];
/// Katakana names with their half-width forms.
const KANA_FAMILY: &[(&str, &str)] = &[
    ("サトウ", "ｻﾄｳ"),
    ("スズキ", "ｽｽﾞｷ"),
    ("タカハシ", "ﾀｶﾊｼ"),
    ("タナカ", "ﾀﾅｶ"),
    ("イトウ", "ｲﾄｳ"),
    ("ワタナベ", "ﾜﾀﾅﾍﾞ"),
    ("ヤマモト", "ﾔﾏﾓﾄ"),
    ("ナカムラ", "ﾅｶﾑﾗ"),
    ("コバヤシ", "ｺﾊﾞﾔｼ"),
    ("カトウ", "ｶﾄｳ"),
];
const KANA_GIVEN: &[(&str, &str)] = &[
    ("タロウ", "ﾀﾛｳ"),
    ("ハナコ", "ﾊﾅｺ"),
    ("ケンタ", "ｹﾝﾀ"),
    ("ユイ", "ﾕｲ"),
    ("ダイスケ", "ﾀﾞｲｽｹ"),
    ("サクラ", "ｻｸﾗ"),
    ("ショウタ", "ｼｮｳﾀ"),
    ("ミサキ", "ﾐｻｷ"),
];
/// US States, most populous first (the skew), with a ZIP code in each and their names.
const STATES: &[(&str, &str, &str)] = &[
    ("CA", "California", "94105"),
    ("TX", "Texas", "77429"),
    ("FL", "Florida", "33101"),
    ("NY", "New York", "10001"),
    ("PA", "Pennsylvania", "19103"),
    ("IL", "Illinois", "60601"),
    ("OH", "Ohio", "43215"),
    ("GA", "Georgia", "30303"),
    ("NC", "North Carolina", "27601"),
    ("MI", "Michigan", "48226"),
    ("NJ", "New Jersey", "07102"),
    ("VA", "Virginia", "23219"),
    ("WA", "Washington", "98101"),
    ("AZ", "Arizona", "85004"),
    ("MA", "Massachusetts", "02108"),
    ("CT", "Connecticut", "06320"),
    ("VT", "Vermont", "05601"),
    ("WY", "Wyoming", "82001"),
    ("PR", "Puerto Rico", "00901"),
];
const PREFECTURES: &[&str] = &["13", "27", "14", "23", "01", "40", "11", "12", "28", "26"];
const OTHER_COUNTRIES: &[&str] = &["DE", "GB", "FR", "SG", "KR"];
const COMPANIES: &[(&str, &[&str])] = &[
    ("swc", &["Seiko Watch", "SWC", "seiko watch"]),
    ("sii", &["Seiko Instruments", "SII"]),
    ("sgc", &["Seiko Group"]),
];

#[derive(Clone)]
enum Name {
    Latin(String, String),
    Kanji(String, String),
    Kana(usize, usize, Option<char>),
}

#[derive(Clone)]
struct Residence {
    country: &'static str,
    state: Option<usize>,
    prefecture: Option<&'static str>,
}

impl Residence {
    fn jurisdiction(&self) -> String {
        match (self.country, self.state, self.prefecture) {
            ("US", Some(s), _) => format!("US-{}", STATES[s].0),
            ("JP", _, Some(p)) => format!("JP-{p}"),
            (c, _, _) => c.to_owned(),
        }
    }
}

struct Person {
    name: Name,
    birth: String,
    home: usize,
    group: &'static str,
    second_entity: Option<usize>,
    residences: Vec<Residence>,
    email: Option<String>,
    phone: Option<String>,
    address: Option<String>,
    card: bool,
    diagnosis: bool,
    minor: Option<bool>,
}

fn zipf(rng: &mut SplitMix, n: usize) -> usize {
    // Weight 1/(i+1): a few States hold most people.
    let total: f64 = (1..=n).map(|i| 1.0 / i as f64).sum();
    let mut x = (rng.below(1_000_000) as f64 / 1_000_000.0) * total;
    for i in 0..n {
        x -= 1.0 / (i + 1) as f64;
        if x <= 0.0 {
            return i;
        }
    }
    n - 1
}

fn residence(rng: &mut SplitMix, japanese: bool) -> Residence {
    let r = rng.below(100);
    if japanese || r < 45 {
        return Residence {
            country: "JP",
            state: None,
            prefecture: Some(PREFECTURES[zipf(rng, PREFECTURES.len())]),
        };
    }
    if r < 92 {
        // One in ten US people give no State and no ZIP code.
        let state = (!rng.pct(10)).then(|| zipf(rng, STATES.len()));
        return Residence {
            country: "US",
            state,
            prefecture: None,
        };
    }
    Residence {
        country: OTHER_COUNTRIES[rng.below(OTHER_COUNTRIES.len() as u64) as usize],
        state: None,
        prefecture: None,
    }
}

fn fullwidth(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '!'..='~' => char::from_u32(c as u32 - 0x21 + 0xFF01).unwrap_or(c),
            ' ' => '\u{3000}',
            c => c,
        })
        .collect()
}

fn canonical(n: &Name) -> (String, String) {
    match n {
        Name::Latin(f, g) | Name::Kanji(f, g) => (f.clone(), g.clone()),
        Name::Kana(f, g, alt) => {
            let mut given = KANA_GIVEN[*g].0.to_owned();
            if let Some(c) = alt {
                given.pop();
                given.push(*c);
            }
            (KANA_FAMILY[*f].0.to_owned(), given)
        }
    }
}

/// The written form of a name in one row: variant 0 is the canonical spelling.
fn spelled(n: &Name, variant: u64) -> (String, String) {
    let (f, g) = canonical(n);
    match (n, variant) {
        (_, 0) => (f, g),
        (Name::Latin(..), 1) => (f.to_uppercase(), g.to_uppercase()),
        (Name::Latin(..), 2) => (fullwidth(&f), format!("  {g} ")),
        (Name::Latin(..), _) => (f.to_lowercase(), format!("\u{3000}{}", g.to_lowercase())),
        (Name::Kana(fi, gi, None), 1) => {
            (KANA_FAMILY[*fi].1.to_owned(), KANA_GIVEN[*gi].1.to_owned())
        }
        (Name::Kana(fi, _, Some(_)), 1) => (KANA_FAMILY[*fi].1.to_owned(), g),
        (_, _) => (format!("{f}\u{3000}"), format!(" {g}")),
    }
}

fn person(rng: &mut SplitMix) -> Person {
    let japanese = rng.pct(40);
    let name = if japanese {
        if rng.pct(50) {
            Name::Kanji(
                KANJI_FAMILY[rng.below(KANJI_FAMILY.len() as u64) as usize].to_owned(),
                KANJI_GIVEN[rng.below(KANJI_GIVEN.len() as u64) as usize].to_owned(),
            )
        } else {
            Name::Kana(
                rng.below(KANA_FAMILY.len() as u64) as usize,
                rng.below(KANA_GIVEN.len() as u64) as usize,
                None,
            )
        }
    } else {
        Name::Latin(
            LATIN_FAMILY[rng.below(LATIN_FAMILY.len() as u64) as usize].to_owned(),
            LATIN_GIVEN[rng.below(LATIN_GIVEN.len() as u64) as usize].to_owned(),
        )
    };
    let year = 1930 + rng.below(90);
    let birth = format!("{year}-{:02}-{:02}", 1 + rng.below(12), 1 + rng.below(28));
    let home = rng.below(COMPANIES.len() as u64) as usize;
    let group = if rng.pct(85) {
        "customers"
    } else {
        "employees"
    };
    let mut residences = vec![residence(rng, japanese)];
    if rng.pct(2) {
        let other = residence(rng, japanese);
        if other.jurisdiction() != residences[0].jurisdiction() {
            residences.push(other);
        }
    }
    let k = rng.next_u64();
    Person {
        name,
        birth,
        home,
        group,
        second_entity: rng
            .pct(10)
            .then(|| (home + 1 + rng.below(2) as usize) % COMPANIES.len()),
        residences,
        email: rng.pct(80).then(|| format!("user{k:016x}@example.invalid")),
        phone: rng.pct(60).then(|| format!("+1-555-{:04}", k % 10_000)),
        address: rng
            .pct(90)
            .then(|| format!("{} Example Street", k % 9000 + 1)),
        card: rng.pct(5),
        diagnosis: rng.pct(3),
        minor: if rng.pct(20) { None } else { Some(year > 2005) },
    }
}

fn near_miss(rng: &mut SplitMix, p: &Person) -> Option<Name> {
    Some(match &p.name {
        Name::Latin(f, g) => {
            let mut chars: Vec<char> = g.chars().collect();
            let i = rng.below(chars.len() as u64) as usize;
            let old = chars[i].to_ascii_lowercase();
            let new = if old == 'e' { 'a' } else { 'e' };
            chars[i] = if chars[i].is_uppercase() {
                new.to_ascii_uppercase()
            } else {
                new
            };
            Name::Latin(f.clone(), chars.into_iter().collect())
        }
        Name::Kanji(f, g) => {
            let alt = if g.ends_with('子') { "美" } else { "子" };
            let mut g2: String = g.clone();
            g2.pop();
            g2.push_str(alt);
            Name::Kanji(f.clone(), g2)
        }
        Name::Kana(f, g, None) => {
            let last = KANA_GIVEN[*g].0.chars().last()?;
            Name::Kana(*f, *g, Some(if last == 'オ' { 'ア' } else { 'オ' }))
        }
        Name::Kana(_, _, Some(_)) => return None,
    })
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

/// Writes a roster of about `rows` rows from `seed` as CSV; returns the truth.
///
/// # Errors
/// Only I/O errors of the writer.
pub fn generate(seed: u64, rows: u64, out: &mut dyn Write) -> std::io::Result<Truth> {
    let mut rng = SplitMix::new(seed);
    let mut truth = Truth::default();
    let mut seen: HashSet<(String, String, String)> = HashSet::new();
    let mut people: Vec<Person> = Vec::new();
    let mut line = String::new();
    writeln!(out, "{}", HEADER.join(","))?;
    let mut record = 0u64;
    while truth.rows < rows {
        let is_near_miss = !people.is_empty() && rng.pct(3);
        let mut p = if is_near_miss {
            // A near-miss of an earlier person: same birth date and residence, one letter apart.
            let base = &people[rng.below(people.len() as u64) as usize];
            let Some(name) = near_miss(&mut rng, base) else {
                continue;
            };
            let mut np = person(&mut rng);
            np.name = name;
            np.birth = base.birth.clone();
            np
        } else {
            person(&mut rng)
        };
        let (f, g) = canonical(&p.name);
        let key = (
            crate::normalize::normalize(&f),
            crate::normalize::normalize(&g),
            p.birth.clone(),
        );
        if seen.contains(&key) {
            // Two generated people must differ after normalisation: try another birth date.
            p.birth = format!(
                "{}-{:02}-{:02}",
                1930 + rng.below(90),
                1 + rng.below(12),
                1 + rng.below(28)
            );
            let key2 = (key.0.clone(), key.1.clone(), p.birth.clone());
            if seen.contains(&key2) {
                continue;
            }
            seen.insert(key2);
        } else {
            if is_near_miss {
                truth.near_misses += 1;
            }
            seen.insert(key);
        }
        // Rows: 1 to 4, on one or two entities, in one or two systems.
        let n_rows = match rng.below(100) {
            0..60 => 1,
            60..85 => 2,
            85..95 => 3,
            _ => 4,
        };
        let mut pairs: BTreeSet<(usize, &'static str)> = BTreeSet::new();
        let mut res_used: BTreeSet<usize> = BTreeSet::new();
        for r in 0..n_rows {
            let entity = match p.second_entity {
                Some(e) if r == 1 => e,
                _ => p.home,
            };
            let system = if p.group == "employees" {
                "hr"
            } else if rng.pct(50) {
                "crm"
            } else {
                "shop"
            };
            pairs.insert((entity, p.group));
            let ri = (r as usize) % p.residences.len();
            res_used.insert(ri);
            let res = &p.residences[ri];
            let variant = if r == 0 { 0 } else { 1 + rng.below(3) };
            if variant > 0 {
                truth.variants += 1;
            }
            let (fam, giv) = spelled(&p.name, variant);
            let names = COMPANIES[entity].1;
            let company = names[rng.below(names.len() as u64) as usize];
            let (zip, state) = match res.state {
                Some(s) => match rng.below(3) {
                    0 => ("", STATES[s].0.to_owned()),
                    1 => ("", STATES[s].1.to_owned()),
                    _ => (STATES[s].2, String::new()),
                },
                None => ("", String::new()),
            };
            let country = match (res.country, rng.pct(50)) {
                ("US", true) if res.state.is_some() => "",
                (c, _) => c,
            };
            let blank = |o: &Option<String>, rng: &mut SplitMix| -> String {
                // A row may miss a value the person has in another row.
                match o {
                    Some(v) if r == 0 || rng.pct(80) => v.clone(),
                    _ => String::new(),
                }
            };
            let email = blank(&p.email, &mut rng);
            let phone = blank(&p.phone, &mut rng);
            let address = blank(&p.address, &mut rng);
            record += 1;
            line.clear();
            let cells: [String; 17] = [
                format!("R{record:09}"),
                system.to_owned(),
                company.to_owned(),
                fam,
                giv,
                p.birth.clone(),
                email,
                phone,
                address,
                zip.to_owned(),
                state,
                country.to_owned(),
                res.prefecture.unwrap_or("").to_owned(),
                if p.card && r == 0 {
                    format!("4111{:012}", record % 1_000_000_000_000)
                } else {
                    String::new()
                },
                if p.diagnosis {
                    "yes".into()
                } else {
                    "no".into()
                },
                match p.minor {
                    Some(true) => "1".into(),
                    Some(false) => "0".into(),
                    None => String::new(),
                },
                String::new(),
            ];
            for (i, c) in cells.iter().enumerate() {
                if i > 0 {
                    line.push(',');
                }
                line.push_str(&csv_field(c));
            }
            writeln!(out, "{line}")?;
            truth.rows += 1;
        }
        truth.persons += 1;
        let jurs: BTreeSet<String> = res_used
            .iter()
            .map(|i| p.residences[*i].jurisdiction())
            .collect();
        for j in &jurs {
            *truth.jurisdictions.entry(j.clone()).or_default() += 1;
        }
        let mut ents: BTreeSet<usize> = BTreeSet::new();
        for (e, g) in &pairs {
            ents.insert(*e);
            for j in &jurs {
                *truth
                    .entity_group_jurisdiction
                    .entry((COMPANIES[*e].0.to_owned(), (*g).to_owned(), j.clone()))
                    .or_default() += 1;
            }
        }
        for e in ents {
            *truth.entities.entry(COMPANIES[e].0.to_owned()).or_default() += 1;
        }
        people.push(p);
        if people.len() > 4096 {
            people.remove(rng.below(people.len() as u64) as usize);
        }
    }
    Ok(truth)
}

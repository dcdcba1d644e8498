//! No roster value appears in any error, bad-row report or count.

use breachkit_roster::{Counter, Mapping, RosterError, Salt, source};

const CANARY: &str = "CANARY";

const MAPPING: &str = r#"
[key]
columns = ["name"]
[entity]
column = "company"
values = { "Acme" = "acme" }
[group]
constant = "customers"
[residence]
country = "country"
state = "state"
zip = "zip"
subdivision = "sub"
[[category]]
column = "flag"
category = "health_medical"
when = "flag"
[children]
birth_date = "dob"
as_of = "2024-01-01"
under = 18
"#;

fn roster() -> String {
    let mut s = String::from("name,company,country,state,zip,sub,flag,dob\n");
    s.push_str("CANARY Person1,Acme,US,CA,,,yes,2000-01-01\n"); // good
    s.push_str("CANARY Person2,CANARY Corp,US,CA,,,yes,2000-01-01\n"); // company not listed
    s.push_str("CANARY Person3,Acme,CANARYLAND,,,,no,2000-01-01\n"); // bad country
    s.push_str("CANARY Person4,Acme,US,CANARY State,,,no,2000-01-01\n"); // bad State
    s.push_str("CANARY Person5,Acme,US,,CANARY9,,no,2000-01-01\n"); // bad ZIP
    s.push_str("CANARY Person6,Acme,JP,,,CANARY-13,no,2000-01-01\n"); // bad subdivision
    s.push_str("CANARY Person7,Acme,US,CA,,,CANARY,2000-01-01\n"); // bad flag
    s.push_str("CANARY Person8,Acme,US,CA,,,no,CANARY-01-01\n"); // bad date
    s.push_str(",Acme,US,CA,,,no,2000-01-01\n"); // empty key
    s.push_str("CANARY Person9,Acme,US\n"); // short row
    s.push_str("\"CANARY Person10,Acme\n"); // broken quoting to the end
    s
}

fn assert_clean(what: &str, text: &str) {
    assert!(
        !text.contains(CANARY),
        "{what} leaks a roster value: {text}"
    );
    assert!(
        !text.contains("Person"),
        "{what} leaks a roster value: {text}"
    );
}

#[test]
fn bad_rows_are_reported_by_number_and_column_only() {
    let m = Mapping::from_toml(MAPPING).unwrap();
    let mut c = Counter::new(&m, &Salt::new(b"0123456789abcdef").unwrap(), 100);
    source::read_csv(roster().as_bytes(), &mut c, &mut |_, _| {}).unwrap();
    let (n, by_col, first) = c.bad_rows();
    assert_eq!(n, 10);
    let cols: Vec<(u64, &str)> = first.iter().map(|b| (b.row, b.column.as_str())).collect();
    assert_eq!(
        cols,
        [
            (2, "company"),
            (3, "country"),
            (4, "state"),
            (5, "zip"),
            (6, "sub"),
            (7, "flag"),
            (8, "dob"),
            (9, "name"),
            (10, "(row)"),
            (11, "(row)")
        ]
    );
    for b in first {
        assert_clean("bad row", &b.to_string());
        assert_clean("bad row debug", &format!("{b:?}"));
    }
    assert_clean("by column", &format!("{by_col:?}"));
    let counts = c.counts().unwrap();
    assert_eq!(counts.persons, 1);
    assert_clean("counts", &serde_json::to_string(&counts).unwrap());
}

#[test]
fn the_budget_stops_reading_and_its_error_is_clean() {
    let m = Mapping::from_toml(MAPPING).unwrap();
    let mut c = Counter::new(&m, &Salt::new(b"0123456789abcdef").unwrap(), 3);
    let e = source::read_csv(roster().as_bytes(), &mut c, &mut |_, _| {}).unwrap_err();
    assert!(matches!(e, RosterError::TooManyBadRows { limit: 3, .. }));
    assert_eq!(c.bad_rows().0, 4, "stops at the fourth bad row");
    assert_clean("error", &e.to_string());
    assert_clean("error debug", &format!("{e:?}"));
}

#[test]
fn json_lines_errors_are_clean() {
    let m = Mapping::from_toml(MAPPING).unwrap();
    let mut c = Counter::new(&m, &Salt::new(b"0123456789abcdef").unwrap(), 100);
    let jl = "{\"name\":\"CANARY A\",\"company\":\"Acme\",\"country\":\"US\",\"state\":\"CA\"}\n{\"name\": CANARY}\n{\"name\":\"CANARY B\",\"company\":[\"CANARY\"]}\n";
    source::read_json_lines(jl.as_bytes(), &mut c, &mut |_, _| {}).unwrap();
    let (n, _, first) = c.bad_rows();
    assert_eq!(n, 2);
    assert_eq!((first[0].row, first[0].column.as_str()), (2, "(row)"));
    assert_eq!((first[1].row, first[1].column.as_str()), (3, "company"));
    assert_clean("json bad rows", &format!("{first:?}"));
}

#[test]
fn salt_and_mapping_debug_are_clean() {
    let s = Salt::new(b"CANARY salt of sixteen bytes").unwrap();
    assert_clean("salt debug", &format!("{s:?}"));
    assert!(matches!(Salt::new(b"short"), Err(RosterError::WeakSalt)));
}

//! Partial counts merge exactly: any split when the person tables are merged; a split by
//! person-key hash when only the counts are merged.

use breachkit_roster::{Counter, Counts, partition_of, source};
use proptest::prelude::*;

use super::*;

fn lines(seed: u64, rows: u64) -> (String, Vec<String>) {
    let (text, _) = roster(seed, rows);
    let mut it = text.lines();
    let header = it.next().unwrap().to_owned();
    (header, it.map(str::to_owned).collect())
}

fn counter_of(header: &str, rows: &[&String]) -> Counter {
    let mut text = String::from(header);
    text.push('\n');
    for r in rows {
        text.push_str(r);
        text.push('\n');
    }
    let mut c = Counter::new(&mapping(), &salt(), 0);
    source::read_csv(text.as_bytes(), &mut c, &mut |_, _| {}).unwrap();
    c
}

fn whole(header: &str, rows: &[String]) -> Counts {
    counter_of(header, &rows.iter().collect::<Vec<_>>())
        .counts()
        .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 8, ..ProptestConfig::default() })]

    /// Any split of the rows, person tables merged: equal to the whole.
    #[test]
    fn any_split_merging_person_tables_is_exact(seed in 0u64..1000, parts in 1usize..6, assign in proptest::collection::vec(0usize..6, 400)) {
        let (header, rows) = lines(seed, 400);
        let mut buckets: Vec<Vec<&String>> = vec![Vec::new(); parts];
        for (i, r) in rows.iter().enumerate() {
            buckets[assign[i % assign.len()] % parts].push(r);
        }
        let mut merged = counter_of(&header, &buckets[0]);
        for b in &buckets[1..] {
            merged.merge(counter_of(&header, b)).unwrap();
        }
        let mut m = merged.counts().unwrap();
        let w = whole(&header, &rows);
        // Row numbers restart per part; everything else must be equal.
        m.rows = w.rows;
        prop_assert_eq!(m, w);
    }

    /// A split by person-key hash, counts merged: equal to the whole.
    #[test]
    fn key_hash_split_merging_counts_is_exact(seed in 0u64..1000, parts in 1u32..6) {
        let (header, rows) = lines(seed, 400);
        let mut keyer = Counter::new(&mapping(), &salt(), 0);
        let mut buckets: Vec<Vec<&String>> = vec![Vec::new(); parts as usize];
        for r in &rows {
            let one = format!("{header}\n{r}\n");
            let mut probe = KeyProbe { counter: &mut keyer, key: None };
            source::read_csv(one.as_bytes(), &mut probe, &mut |_, _| {}).unwrap();
            let p = partition_of(probe.key.unwrap(), parts);
            buckets[p as usize].push(r);
        }
        let mut merged = Counts::default();
        for b in &buckets {
            merged.merge(&counter_of(&header, b).counts().unwrap());
        }
        prop_assert_eq!(merged, whole(&header, &rows));
    }
}

struct KeyProbe<'a> {
    counter: &'a mut Counter,
    key: Option<u128>,
}

impl source::Sink for KeyProbe<'_> {
    fn columns(&self) -> Vec<String> {
        self.counter.columns().to_vec()
    }
    fn row(
        &mut self,
        row: &dyn breachkit_roster::Row,
        _: u64,
    ) -> Result<(), breachkit_roster::RosterError> {
        self.key = self.counter.key_of(row);
        Ok(())
    }
    fn reject(
        &mut self,
        _: u64,
        _: &str,
        _: &'static str,
    ) -> Result<(), breachkit_roster::RosterError> {
        Ok(())
    }
}

/// Merging counts of an arbitrary split is not exact: a person with rows in two partials is
/// counted twice. This is why the distributed path partitions by key hash.
#[test]
fn merging_counts_of_an_arbitrary_split_overcounts() {
    let (header, rows) = lines(5, 400);
    let odd: Vec<&String> = rows.iter().skip(1).step_by(2).collect();
    let even: Vec<&String> = rows.iter().step_by(2).collect();
    let mut merged = counter_of(&header, &odd).counts().unwrap();
    merged.merge(&counter_of(&header, &even).counts().unwrap());
    let w = whole(&header, &rows);
    assert!(
        merged.persons > w.persons,
        "people with several rows are split across partials"
    );
}

#[test]
fn counters_of_different_mappings_do_not_merge() {
    let mut a = Counter::new(&mapping(), &salt(), 0);
    let b = Counter::new(
        &mapping(),
        &breachkit_roster::Salt::new(b"another salt of 16+ bytes").unwrap(),
        0,
    );
    assert!(a.merge(b).is_err());
}

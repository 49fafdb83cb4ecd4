//! Whatever a month's reports, nobody can work a withheld number out of what is published.
//!
//! The property: publish a month built from random synthetic reports, then, knowing only the
//! published month, its threshold `t` and the public rules below, compute the exact set of values
//! each number could have. Every number must either be pinned down to a value of at least `t`
//! (a published count, or one derived from published counts), or could still be any of
//! `0, 1, …, t − 1` (so at least `t` values, and nobody can tell it from any small count).
//!
//! What the public knows (the constraints of the solver below):
//! - every count is a whole number, at least 0;
//! - a withheld total means the month had fewer than `t` reports (0 included);
//! - the nation and channel tables each sum exactly to the total;
//! - incident types and motivations: each cell is at most the total, and the cells sum to at
//!   least the total (every report names at least one of each);
//! - "referred to police" and "asked for an advocate" are at most the total: each with its
//!   complement ("not referred", "did not ask") makes a two-cell table summing to the total;
//! - nothing else: a withheld cell might be 0 or anything else; the public cannot tell primary
//!   from secondary suppression.
//!
//! The tables share only the total, so for each candidate total the solver works table by table,
//! exactly (a cell bounded by `[0, T]` in a table summing to `S` ranges over
//! `[max(0, S − (n − 1)·T), min(S, T)]`), and takes the union over the feasible totals. It reads
//! nothing of `publish`'s workings.

use std::collections::{BTreeMap, BTreeSet};

use oys_shared::case_record::CaseSummary;
use oys_shared::geography::Nation;
use oys_shared::i18n::Language;
use oys_shared::reference::Reference;
use oys_shared::report::{Channel, IncidentType, Motivation, PoliceConsent, Role};
use oys_shared::statistics::{
    counter_keys, csv, publish, Cell, Dimension, MonthCounts, PublishedMonth, DEFAULT_THRESHOLD,
};
use proptest::prelude::*;

// ---------------------------------------------------------------------------------------------
// The public's solver.

/// One table as the public sees it: each cell published (`Some`) or withheld (`None`).
type Table = Vec<Option<u64>>;

/// The exact range of every cell of a table whose cells sum to exactly `total`, or `None` if
/// `total` is impossible.
fn sums_to(table: &Table, total: u64) -> Option<Vec<(u64, u64)>> {
    let published: u64 = table.iter().flatten().sum();
    let withheld = table.iter().filter(|c| c.is_none()).count() as u64;
    let rest = total.checked_sub(published)?;
    if withheld == 0 && rest != 0 {
        return None;
    }
    let range = (rest.saturating_sub((withheld.saturating_sub(1)) * total), rest.min(total));
    Some(table.iter().map(|c| c.map_or(range, |v| (v, v))).collect())
}

/// The exact range of every cell of a table where each cell is at most `total` and the cells sum
/// to at least `total`, or `None` if `total` is impossible.
fn at_least(table: &Table, total: u64) -> Option<Vec<(u64, u64)>> {
    if table.iter().flatten().any(|&v| v > total) {
        return None;
    }
    let published: u64 = table.iter().flatten().sum();
    let withheld = table.iter().filter(|c| c.is_none()).count() as u64;
    if published + withheld * total < total {
        return None;
    }
    let lower = total.saturating_sub(published).saturating_sub(withheld.saturating_sub(1) * total);
    Some(table.iter().map(|c| c.map_or((lower, total), |v| (v, v))).collect())
}

/// Every number of a published month, named, with the set of values the public cannot rule out.
fn feasible_values(published: &PublishedMonth) -> BTreeMap<String, BTreeSet<u64>> {
    let t = published.threshold;
    let totals: Vec<u64> = match published.reports {
        Cell::Value(v) => vec![v],
        Cell::Withheld => (0..t).collect(),
    };
    let mut tables: Vec<(String, Table, bool)> = Vec::new();
    for dimension in Dimension::ALL {
        let cells = dimension.categories().iter().map(|c| published.table(*dimension)[*c].value()).collect();
        tables.push((dimension.as_str().to_string(), cells, dimension.sums_to_total()));
    }
    for (name, cell) in [("police", published.referred_to_police), ("advocate", published.asked_for_advocate)] {
        // The count and its complement, which is never published but is known if the count is.
        tables.push((name.to_string(), vec![cell.value(), None], true));
    }

    let mut values: BTreeMap<String, BTreeSet<u64>> = BTreeMap::new();
    for total in totals {
        let ranges: Option<Vec<Vec<(u64, u64)>>> = tables
            .iter()
            .map(|(_, cells, sums)| if *sums { sums_to(cells, total) } else { at_least(cells, total) })
            .collect();
        let Some(ranges) = ranges else { continue };
        values.entry("reports".into()).or_default().insert(total);
        for ((name, _, _), ranges) in tables.iter().zip(ranges) {
            for (i, (lo, hi)) in ranges.into_iter().enumerate() {
                values.entry(format!("{name}[{i}]")).or_default().extend(lo..=hi);
            }
        }
    }
    values
}

/// The numbers the public can pin down to a small value or narrow below `0..t`.
fn disclosures(published: &PublishedMonth) -> Vec<String> {
    let t = published.threshold;
    let values = feasible_values(published);
    if values.is_empty() {
        return vec!["no total is consistent with the publication".into()];
    }
    let mut found = Vec::new();
    for (name, set) in values {
        let exact_and_large = set.len() == 1 && set.first().is_some_and(|&v| v >= t);
        let hides_small_counts = (0..t).all(|v| set.contains(&v));
        if !exact_and_large && !hides_small_counts {
            found.push(format!("{name} could only be {set:?}"));
        }
    }
    found
}

// ---------------------------------------------------------------------------------------------
// Synthetic months.

#[derive(Debug, Clone)]
struct Synthetic {
    nation: Nation,
    channel: Channel,
    types: Vec<IncidentType>,
    motivations: Vec<Motivation>,
    police: bool,
    advocate: bool,
}

fn summary(r: &Synthetic) -> CaseSummary {
    CaseSummary {
        report_id: uuid::Uuid::nil(),
        reference: Reference::from_entropy(7),
        received_at: "2026-11-10T12:00:00Z".parse().unwrap(),
        channel: r.channel,
        language: Language::English,
        nation: r.nation,
        occurred_month: "2026-11".into(),
        role: Role::Victim,
        heritage: vec![],
        age_band: None,
        gender: None,
        incident_types: r.types.clone(),
        motivations: r.motivations.clone(),
        place_type: None,
        online: false,
        injured: None,
        ongoing: None,
        reported_to_police_already: None,
        perpetrator_count: None,
        perpetrator_relationship: None,
        police_consent: if r.police { PoliceConsent::Anonymous } else { PoliceConsent::No },
        advocate_support: r.advocate,
        support_needs: vec![],
        privacy_notice_version: "2026-01".into(),
        spoken_language: None,
        interpreter_needed: None,
        phone_given: false,
        email_given: false,
        routes: vec![],
    }
}

/// Per-category weights: lopsided months (many categories empty or rare, a few common) or busy
/// ones (nearly every category common, one or two rare).
fn weights(n: usize) -> impl Strategy<Value = Vec<u32>> {
    prop_oneof![
        2 => prop::collection::vec(prop_oneof![3 => Just(0u32), 4 => 1u32..=3, 3 => 10u32..=40], n),
        1 => prop::collection::vec(prop_oneof![1 => 1u32..=2, 6 => 10u32..=40], n),
    ]
}

/// A category chosen by `roll` in proportion to `weights` (uniformly if all are zero).
fn pick<T: Copy>(all: &[T], weights: &[u32], roll: u32) -> T {
    let sum: u32 = weights.iter().sum();
    if sum == 0 {
        return all[roll as usize % all.len()];
    }
    let mut roll = roll % sum;
    for (item, &w) in all.iter().zip(weights) {
        if roll < w {
            return *item;
        }
        roll -= w;
    }
    unreachable!()
}

fn rate() -> impl Strategy<Value = u32> {
    prop_oneof![Just(0u32), Just(100u32), 0u32..=100]
}

/// A month of synthetic reports (0 to 60 of them) and how many of them are later withdrawn.
fn month() -> impl Strategy<Value = (Vec<Synthetic>, usize)> {
    let profile = (weights(Nation::ALL.len()), weights(Channel::ALL.len()), weights(IncidentType::ALL.len()));
    let profile = (profile, weights(Motivation::ALL.len()), rate(), rate());
    let raw = (
        any::<u32>(),
        any::<u32>(),
        prop::collection::vec(any::<u32>(), 1..=3),
        prop::collection::vec(any::<u32>(), 1..=3),
        0u32..100,
        0u32..100,
    );
    // Sometimes every report has a single type and motivation, so that those tables sum to the
    // total as the nation table does (where a lone withheld cell could be worked out).
    (profile, prop::collection::vec(raw, 0..=60), 0usize..=3, any::<bool>()).prop_map(
        |(((nations, channels, types), motivations, police, advocate), raws, withdrawn, single)| {
            let picks = if single { 1 } else { 3 };
            let reports: Vec<Synthetic> = raws
                .into_iter()
                .map(|(n, c, ts, ms, p, a)| Synthetic {
                    nation: pick(Nation::ALL, &nations, n),
                    channel: pick(Channel::ALL, &channels, c),
                    // Repeats are possible here, as in a stored summary built by hand.
                    types: ts.into_iter().take(picks).map(|r| pick(IncidentType::ALL, &types, r)).collect(),
                    motivations: ms.into_iter().take(picks).map(|r| pick(Motivation::ALL, &motivations, r)).collect(),
                    police: p < police,
                    advocate: a < advocate,
                })
                .collect();
            let withdrawn = withdrawn.min(reports.len());
            (reports, withdrawn)
        },
    )
}

/// The true numbers of a list of reports, counted here from scratch, by the names the solver uses.
fn truth(reports: &[Synthetic]) -> BTreeMap<String, u64> {
    let mut truth = BTreeMap::new();
    let total = reports.len() as u64;
    truth.insert("reports".to_string(), total);
    let mut table = |name: &str, counts: Vec<u64>| {
        for (i, n) in counts.into_iter().enumerate() {
            truth.insert(format!("{name}[{i}]"), n);
        }
    };
    let count_in = |has: &dyn Fn(&Synthetic) -> bool| reports.iter().filter(|r| has(r)).count() as u64;
    table("incident_type", IncidentType::ALL.iter().map(|t| count_in(&|r| r.types.contains(t))).collect());
    table("motivation", Motivation::ALL.iter().map(|m| count_in(&|r| r.motivations.contains(m))).collect());
    table("nation", Nation::ALL.iter().map(|n| count_in(&|r| r.nation == *n)).collect());
    table("channel", Channel::ALL.iter().map(|c| count_in(&|r| r.channel == *c)).collect());
    let police = count_in(&|r| r.police);
    let advocate = count_in(&|r| r.advocate);
    table("police", vec![police, total - police]);
    table("advocate", vec![advocate, total - advocate]);
    truth
}

fn threshold() -> impl Strategy<Value = u64> {
    // Small thresholds reach corners a threshold of 10 rarely does with 60 reports (every
    // motivation published but one, say).
    prop_oneof![3 => Just(DEFAULT_THRESHOLD), 1 => 1u64..=4, 1 => 5u64..=15]
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(2000)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn no_withheld_number_can_be_worked_out((reports, withdrawn) in month(), t in threshold()) {
        // Counted as the service would: every report added, the withdrawn ones removed again.
        let mut counts = MonthCounts::new("2026-11");
        for report in &reports {
            counts.add(&summary(report));
        }
        for report in &reports[..withdrawn] {
            counts.remove(&summary(report));
        }
        let kept = &reports[withdrawn..];

        // The same counts through the counters an adapter would increment.
        let mut counters = BTreeMap::new();
        for report in kept {
            for key in counter_keys(&summary(report)) {
                *counters.entry(key).or_insert(0i64) += 1;
            }
        }
        prop_assert_eq!(&MonthCounts::from_counters("2026-11", &counters).unwrap(), &counts);

        let published = publish(&counts, t);
        prop_assert_eq!(&published, &publish(&counts, t), "deterministic");
        for dimension in Dimension::ALL {
            let categories: Vec<&str> = published.table(*dimension).keys().map(String::as_str).collect();
            let mut expected = dimension.categories().to_vec();
            expected.sort();
            prop_assert_eq!(categories, expected, "every category, whatever the data");
        }

        // What is published is true, and the truth is among what the solver allows.
        let truth = truth(kept);
        let values = feasible_values(&published);
        for (name, value) in &truth {
            prop_assert!(values[name].contains(value), "{} = {} outside {:?}", name, value, values[name]);
        }

        let found = disclosures(&published);
        prop_assert!(found.is_empty(), "{:?}\n{}", found, csv(std::slice::from_ref(&published)));
    }
}

// ---------------------------------------------------------------------------------------------
// The solver finds what a careless publication gives away.

fn month_with(reports: Cell, nations: [Cell; 5], police: Cell) -> PublishedMonth {
    let table = |dimension: Dimension, cells: &[Cell]| -> BTreeMap<String, Cell> {
        let cells = dimension.categories().iter().zip(cells.iter().chain(std::iter::repeat(&Cell::Withheld)));
        cells.map(|(c, v)| (c.to_string(), *v)).collect()
    };
    PublishedMonth {
        month: "2026-11".into(),
        threshold: 10,
        reports,
        incident_types: table(Dimension::IncidentType, &[]),
        motivations: table(Dimension::Motivation, &[]),
        nations: table(Dimension::Nation, &nations),
        channels: table(Dimension::Channel, &[]),
        referred_to_police: police,
        asked_for_advocate: Cell::Withheld,
    }
}

#[test]
fn the_solver_sees_through_primary_suppression_alone() {
    use Cell::{Value as V, Withheld as W};
    // 53 reports: England 50, Scotland withheld, the rest 0. Scotland is 3.
    let careless = month_with(V(53), [V(50), W, V(0), V(0), V(0)], W);
    assert!(disclosures(&careless).iter().any(|d| d.starts_with("nation[1] could only be {3}")), "{careless:?}");
    // The 3 withheld beside a withheld 0: each is 0 to 3, not 0 to 9 (and the published zeros
    // are small numbers published).
    let careless = month_with(V(53), [V(50), W, W, V(0), V(0)], W);
    let found = disclosures(&careless);
    assert!(found.contains(&"nation[1] could only be {0, 1, 2, 3}".to_string()), "{found:?}");
    assert!(found.contains(&"nation[2] could only be {0, 1, 2, 3}".to_string()), "{found:?}");
    assert!(found.contains(&"nation[3] could only be {0}".to_string()), "{found:?}");
    // Police 50 of 53 published: the 3 who declined are known.
    let careless = month_with(V(53), [V(53), V(0), V(0), V(0), V(0)], V(50));
    assert!(disclosures(&careless).contains(&"police[1] could only be {3}".to_string()));
    // A small count published is caught too.
    let careless = month_with(V(53), [V(48), V(5), W, W, W], W);
    assert!(disclosures(&careless).iter().any(|d| d.starts_with("nation[1]")));
    // The safe publication of the same month passes.
    let safe = month_with(V(53), [W, W, W, W, W], W);
    assert_eq!(disclosures(&safe), Vec::<String>::new());
    // So does a withheld month: each number could be anything from 0 to 9.
    let withheld = month_with(W, [W, W, W, W, W], W);
    assert_eq!(disclosures(&withheld), Vec::<String>::new());
    assert_eq!(feasible_values(&withheld)["nation[0]"], (0..10).collect());
}

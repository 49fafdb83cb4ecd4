//! Whatever a month's reports, nobody can work a withheld number out of what is published, and
//! someone who planted reports learns only a window of five about the real count.
//!
//! The property: publish a month built from random synthetic reports, then, knowing only the
//! published month, its threshold `t`, its noise bound `d` and the public rules below, compute
//! the exact set of values each number could have (every cell, the total, the yes/no complements
//! and the total less each published cell). Every number must either be certainly at least `t`,
//! or could still be any of `0, 1, …, t − 1` (so nobody can tell it from any small count).
//!
//! What the public knows (the constraints of the solver below):
//! - every count is a whole number, at least 0, and at most the total;
//! - a published figure `p` is the true count plus a noise from `−d` to `d`;
//! - a figure is published only if it is at least `t + d`: a withheld total means the month had
//!   fewer than `t + 2d` reports (0 included), and every other number is withheld with it;
//! - in a table that is partly published, a withheld cell is a primary one: fewer than `t + 2d`;
//!   a table withheld whole, or a withheld yes/no count, may hide anything up to the total;
//! - the nation and channel tables each sum exactly to the total;
//! - incident types and motivations: the cells sum to at least the total (every report names at
//!   least one of each);
//! - "referred to police" and "asked for an advocate", each with its complement ("not referred",
//!   "did not ask"), make a two-cell table summing to the total;
//! - the tables are linked through the total alone (there are no cross-tabulations), so a total
//!   is possible only if every table allows it.
//!
//! For each possible total the solver works table by table, exactly (cells with ranges
//! `[lo_i, hi_i]` and one sum: a cell ranges over `[max(lo_j, S − Σ_{i≠j} hi_i), min(hi_j,
//! S − Σ_{i≠j} lo_i)]`), and takes the union over the totals every table allows. It reads nothing
//! of `publish`'s workings.

use std::collections::{BTreeMap, BTreeSet};

use oys_shared::case_record::CaseSummary;
use oys_shared::geography::Nation;
use oys_shared::i18n::Language;
use oys_shared::reference::Reference;
use oys_shared::report::{Channel, IncidentType, Motivation, PoliceConsent, Role};
use oys_shared::statistics::{
    counter_keys, csv, figure, publish, publish_with_noise, Cell, Dimension, MonthCounts, NoiseKey, PublishedMonth,
    DEFAULT_THRESHOLD, MAX_NOISE,
};
use proptest::prelude::*;

// ---------------------------------------------------------------------------------------------
// The public's solver.

/// How a table adds up to the total.
#[derive(Clone, Copy, PartialEq)]
enum Sum {
    /// Each report in exactly one cell.
    Exactly,
    /// Each report in one or more cells.
    AtLeast,
}

/// One table as the public sees it: for a given total, the range of each cell before the sum is
/// applied.
struct Table {
    name: String,
    sum: Sum,
    boxes: Box<dyn Fn(u64) -> Vec<(u64, u64)>>,
}

/// The exact range of every cell of a table given the total, or `None` if that total is
/// impossible for it.
fn solve(table: &Table, total: u64) -> Option<Vec<(u64, u64)>> {
    let boxes = (table.boxes)(total);
    if boxes.iter().any(|&(lo, hi)| lo > hi) {
        return None;
    }
    let lo_sum: u64 = boxes.iter().map(|b| b.0).sum();
    let hi_sum: u64 = boxes.iter().map(|b| b.1).sum();
    if hi_sum < total || (table.sum == Sum::Exactly && lo_sum > total) {
        return None;
    }
    let ranges = boxes.iter().map(|&(lo, hi)| {
        // The others take at most `hi_sum − hi` and, in a table summing exactly, at least
        // `lo_sum − lo`.
        let from = lo.max(total.saturating_sub(hi_sum - hi));
        let to = match table.sum {
            Sum::Exactly => hi.min(total - (lo_sum - lo)),
            Sum::AtLeast => hi,
        };
        (from, to)
    });
    Some(ranges.collect())
}

/// Every number of a published month, named, with the set of values the public cannot rule out.
fn feasible_values(published: &PublishedMonth) -> BTreeMap<String, BTreeSet<u64>> {
    let t = published.threshold;
    let d = published.perturbation;
    let totals: Vec<u64> = match published.reports {
        Cell::Value(p) => (p.saturating_sub(d)..=p + d).collect(),
        Cell::Withheld => (0..t + 2 * d).collect(),
    };
    // A published figure: its true count is within `d` of it.
    let noisy = move |p: u64, total: u64| (p.saturating_sub(d), (p + d).min(total));
    let mut tables: Vec<Table> = Vec::new();
    for dimension in Dimension::ALL {
        let cells: Vec<Option<u64>> =
            dimension.categories().iter().map(|c| published.table(*dimension)[*c].value()).collect();
        let partial = cells.iter().any(Option::is_some);
        let boxes = move |total: u64| -> Vec<(u64, u64)> {
            let cells = cells.iter().map(|c| match c {
                Some(p) => noisy(*p, total),
                // Primary: its perturbed count was below t + d.
                None if partial => (0, (t + 2 * d - 1).min(total)),
                None => (0, total),
            });
            cells.collect()
        };
        let sum = if dimension.sums_to_total() { Sum::Exactly } else { Sum::AtLeast };
        tables.push(Table { name: dimension.as_str().to_string(), sum, boxes: Box::new(boxes) });
    }
    for (name, cell) in [("police", published.referred_to_police), ("advocate", published.asked_for_advocate)] {
        // The count and its complement, which is never published.
        let boxes = move |total: u64| -> Vec<(u64, u64)> {
            vec![cell.value().map_or((0, total), |p| noisy(p, total)), (0, total)]
        };
        tables.push(Table { name: name.to_string(), sum: Sum::Exactly, boxes: Box::new(boxes) });
    }

    let mut published_cells: BTreeMap<String, Vec<Option<u64>>> = BTreeMap::new();
    for dimension in Dimension::ALL {
        let cells = dimension.categories().iter().map(|c| published.table(*dimension)[*c].value()).collect();
        published_cells.insert(dimension.as_str().to_string(), cells);
    }
    // The yes/no complements are cells of their own two-cell tables, checked as such.
    published_cells.insert("police".into(), vec![]);
    published_cells.insert("advocate".into(), vec![]);
    let mut values: BTreeMap<String, BTreeSet<u64>> = BTreeMap::new();
    for total in totals {
        let ranges: Option<Vec<Vec<(u64, u64)>>> = tables.iter().map(|table| solve(table, total)).collect();
        let Some(ranges) = ranges else { continue };
        values.entry("reports".into()).or_default().insert(total);
        for (table, ranges) in tables.iter().zip(ranges) {
            for (i, (lo, hi)) in ranges.into_iter().enumerate() {
                values.entry(format!("{}[{i}]", table.name)).or_default().extend(lo..=hi);
                // The total less a published cell ("not race") can be worked out; the total less
                // a withheld one is only known to be large because the cell is small, which
                // withholding itself says.
                if published_cells[&table.name].get(i).is_some_and(|c| c.is_some()) {
                    values.entry(format!("not {}[{i}]", table.name)).or_default().extend(total - hi..=total - lo);
                }
            }
        }
    }
    values
}

/// The numbers the public can narrow below `0..t` without knowing them to be at least `t`.
fn disclosures(published: &PublishedMonth) -> Vec<String> {
    let t = published.threshold;
    let values = feasible_values(published);
    if values.is_empty() {
        return vec!["no total is consistent with the publication".into()];
    }
    let mut found = Vec::new();
    for (name, set) in values {
        let certainly_large = set.first().is_some_and(|&v| v >= t);
        let hides_small_counts = (0..t).all(|v| set.contains(&v));
        if !certainly_large && !hides_small_counts {
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
        taken: None,
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
            truth.insert(format!("not {name}[{i}]"), total - n);
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
    fn no_withheld_number_can_be_worked_out(
        (reports, withdrawn) in month(),
        t in threshold(),
        key in any::<[u8; 32]>(),
        exact in prop::bool::weighted(0.25),
    ) {
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

        // Mostly as published (with noise), sometimes suppression alone (no noise: the
        // narrowest the public's ranges get).
        let key = NoiseKey(key);
        let published = if exact { publish_with_noise(&counts, t, 0, &|_| 0) } else { publish(&counts, t, &key) };
        let again = if exact { publish_with_noise(&counts, t, 0, &|_| 0) } else { publish(&counts, t, &key) };
        prop_assert_eq!(&published, &again, "deterministic");
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
            if name.starts_with("not ") && !values.contains_key(name) {
                continue; // a complement the solver does not derive
            }
            let allowed = values.get(name);
            prop_assert!(allowed.is_some_and(|v| v.contains(value)), "{} = {} outside {:?}", name, value, allowed);
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
        perturbation: 0,
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

#[test]
fn the_solver_knows_a_withheld_cell_of_a_partly_published_table_is_small() {
    // The review's example, as the rules used to publish it: 100 reports, verbal abuse 10 and
    // the ten other types withheld. Each of the ten is below 10 and they hold at least 90: 9 each.
    let mut careless = month_with(Cell::Value(100), [Cell::Withheld; 5], Cell::Withheld);
    for (i, cell) in careless.incident_types.values_mut().enumerate() {
        *cell = if i == 0 { Cell::Value(10) } else { Cell::Withheld };
    }
    let found = disclosures(&careless);
    assert!(found.contains(&"incident_type[1] could only be {9}".to_string()), "{found:?}");
    // The whole table withheld is safe: any type could be anything up to 100.
    let safe = month_with(Cell::Value(100), [Cell::Withheld; 5], Cell::Withheld);
    assert_eq!(disclosures(&safe), Vec::<String>::new());

    // Two withheld channels of at most 9 each holding 18 are 9 and 9.
    let mut careless = month_with(Cell::Value(60), [Cell::Withheld; 5], Cell::Withheld);
    careless.channels.insert("online".into(), Cell::Value(42));
    assert!(disclosures(&careless).contains(&"channel[1] could only be {9}".to_string()));

    // With noise of up to 2 the same figures say less, but not enough: a withheld cell is below
    // 14, the total 58 to 62 and online 40 to 44, so phone and webchat hold 14 to 22 between
    // them and each is at least 1.
    careless.perturbation = 2;
    careless.channels.insert("online".into(), Cell::Value(42));
    let found = disclosures(&careless);
    assert!(found.iter().any(|d| d.starts_with("channel[1] could only be {1, 2, 3,")), "{found:?}");
}

// ---------------------------------------------------------------------------------------------
// Planted reports.

/// An adversary files `k` plausible reports that all fall in one cell, knows it, and reads that
/// cell's figure. For every threshold, every `k` and every real count `r`, with the noise one of
/// −2..=2, equally likely and unknown to them:
/// - a published figure `p` is given, by exactly one of the five noise values, by every real
///   count from `p − k − 2` to `p − k + 2` (those at least 0), and by no other: they learn that
///   window and nothing about where in it the real count lies;
/// - for two real counts `j` apart, the figure's distributions differ by at most `j/5` (total
///   variation), so no test tells "no real report" from "one" correctly more than 60 % of the
///   time at even odds (50 % is a coin toss), nor from `j` more than `50 + 10·j` %.
#[test]
fn planted_reports_leave_a_window_of_five() {
    let d = MAX_NOISE as i64;
    for t in 1..=15u64 {
        for k in 0..=60u64 {
            let seen: Vec<Vec<Cell>> =
                (0..=80u64).map(|r| (-d..=d).map(|n| figure(r + k, n, t, MAX_NOISE)).collect()).collect();
            let ways = |r: u64, cell: Cell| seen[r as usize].iter().filter(|c| **c == cell).count();
            for r in 0..=60u64 {
                for &cell in &seen[r as usize] {
                    if let Cell::Value(p) = cell {
                        let window = (p + 2).saturating_sub(k + 2 * MAX_NOISE)..=p + MAX_NOISE - k;
                        assert!(window.contains(&r), "{t} {k} {r} {p}");
                        for other in 0..=75u64 {
                            let expected = usize::from(window.contains(&other));
                            assert_eq!(ways(other, cell), expected, "t {t}, k {k}: {other} real giving {p}");
                        }
                    }
                }
                for j in 1..=5u64 {
                    let outputs: std::collections::HashSet<Cell> =
                        seen[r as usize].iter().chain(&seen[(r + j) as usize]).copied().collect();
                    let distance: usize = outputs.iter().map(|&o| ways(r, o).abs_diff(ways(r + j, o))).sum();
                    // Total variation is half the L1 distance; in fifths: distance / 2 ≤ j.
                    assert!(distance as u64 <= 2 * j, "t {t}, k {k}: {r} and {} real", r + j);
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases() / 4, ..ProptestConfig::default() })]

    /// The rules decide on the perturbed figures alone: a report moved from one nation to another
    /// with the two noises moved the other way gives the same publication. So whatever is withheld
    /// afterwards (a whole table, a yes/no count) is worked out from the noisy figures and cannot
    /// tell the planter more than the noisy figures do.
    #[test]
    fn the_rules_read_only_the_perturbed_figures(
        (reports, _) in month(),
        key in any::<[u8; 32]>(),
        from in 0..Nation::ALL.len(),
        to in 0..Nation::ALL.len(),
    ) {
        let mut counts = MonthCounts::new("2026-11");
        for report in &reports {
            counts.add(&summary(report));
        }
        let (from, to) = (Nation::ALL[from].as_str(), Nation::ALL[to].as_str());
        let key = NoiseKey(key);
        prop_assume!(from != to && counts.nations.get(from).copied().unwrap_or(0) > 0);
        // Noise from −1 to 1, so that one step either way stays within ±2.
        let base = |figure: &str| key.noise("2026-11", figure).clamp(-1, 1);
        let before = publish_with_noise(&counts, DEFAULT_THRESHOLD, MAX_NOISE, &|f| base(f));
        let mut moved = counts.clone();
        *moved.nations.get_mut(from).unwrap() -= 1;
        moved.nations.retain(|_, v| *v > 0);
        *moved.nations.entry(to.to_string()).or_insert(0) += 1;
        let (from_key, to_key) = (format!("nation:{from}"), format!("nation:{to}"));
        let after = publish_with_noise(&moved, DEFAULT_THRESHOLD, MAX_NOISE, &|f| {
            if f == from_key { base(f) + 1 } else if f == to_key { base(f) - 1 } else { base(f) }
        });
        prop_assert_eq!(before, after);
    }
}

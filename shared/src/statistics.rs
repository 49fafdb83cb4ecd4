//! Public monthly statistics: the raw counts of a month, and what of them may be published.
//!
//! # What is counted
//!
//! A month is a calendar month in UK time ([`month_of`] the report's `received_at`). For each
//! month, [`MonthCounts`] holds the number of reports and four one-way tables of them: incident
//! types and motivations (a report may name several: it counts once in each, as the Home Office
//! hate-crime tables count offences by every motivation flagged), nation and channel (exactly one
//! each, so these tables sum to the number of reports), and two yes/no counts: reports the
//! reporter agreed to refer to the police (anonymously or with contact details) and reports that
//! asked for an advocate. Nothing else, and no cross-tabulation: every table is a one-way margin.
//!
//! # Disclosure control
//!
//! The method follows the usual UK practice for counts of people from administrative sources
//! (the GSS/ONS disclosure control guidance for tables produced from administrative sources, and
//! NHS Digital's small-number rules for Hospital Episode Statistics, which until 2018 replaced
//! 1–5 by `*` and then checked that no suppressed value could be recalculated from the others):
//! primary suppression of small counts, secondary (complementary) suppression so that suppressed
//! counts cannot be worked back from published totals, and no publication that allows
//! differencing. [`publish`] applies it
//! with a threshold `t` (a parameter: the service always passes [`DEFAULT_THRESHOLD`] = 10, and
//! no setting changes it):
//!
//! 1. **Small months.** If a month has fewer than `t` reports, everything of that month is
//!    withheld, its total included (a month with no reports too, so that a withheld total is
//!    always "somewhere from 0 to `t` − 1").
//! 2. **Primary suppression.** Every count below `t` is withheld, *zero included*. Zeros are
//!    withheld because publishing them would tell the public that every withheld cell is at least
//!    1, which narrows it, and because a zero beside a published total can itself disclose
//!    something about every reporter of the month ("none of this month's reporters declined a
//!    police referral"). The cost is that a reader cannot tell "none" from "a few".
//! 3. **Secondary suppression of the tables that sum to the total** (nations, channels). The
//!    public can subtract the published cells from the published total, so: never exactly one
//!    withheld cell, and the withheld cells together must hold at least `t` reports; otherwise the
//!    smallest published cell is withheld too (the first in the table's order on a tie), and so
//!    on, up to the whole table. Each withheld cell then could be anything from 0 to the withheld
//!    remainder (at least `t`).
//! 4. **Tables where a report counts in several cells** (incident types, motivations). Each cell
//!    is at most the total, and since every report names at least one type and one motivation
//!    (the parser requires a type and defaults the motivation to race), the cells sum to at least
//!    the total. That sum gives a single withheld cell a lower bound (total − published sum), so
//!    a lone withheld cell is not left alone while the published cells sum to less than the
//!    total: the smallest published cell is withheld with it.
//! 5. **Yes/no counts and their complement.** Publishing "referred to police" also publishes
//!    "not referred" (total − referred). Either being below `t` (zero included) withholds the
//!    count.
//!
//! The guarantee, which `tests/disclosure.rs` checks over thousands of generated months with an
//! exact solver written independently of this module: given everything published for a month and
//! the constraints above (which are public), every withheld count (and the implied "not referred"
//! / "did not ask" counts) could still be any value from 0 to `t` − 1, so nobody can tell a
//! withheld cell from any small count; and every count that is published or can be derived
//! exactly is at least `t`.
//!
//! ## Trade-offs
//!
//! - Information is lost: quiet months are withheld entirely; rare categories read as withheld
//!   rather than as a small number or zero; a withheld table cell may be a large count withheld
//!   only to protect a small one.
//! - The secondary cells are chosen deterministically (smallest first), which keeps the loss
//!   small but tells a reader who knows the method that *some* withheld cell is no larger than
//!   the smallest cell left published. A reader cannot tell which (primary and secondary cells
//!   look alike), so no particular cell is bounded; the test's solver, like the usual audits of
//!   suppressed tables, does not model this.
//! - Counts are not rounded (NHS Digital's rules since 2018 suppress 1–7 and round other
//!   sub-national counts to the nearest 5): rounding would protect more but stop the tables
//!   adding up, which readers of a small service's figures would find confusing. Suppression
//!   alone with a threshold of 10 withholds more than the 1–7 band.
//! - The protection holds for these one-way tables only. A cross-tabulation (nation by incident
//!   type, say) links the tables and must not be added without redoing this analysis.
//!
//! # What the caller must do
//!
//! - **Publish a month once, after it closes, and freeze it.** A month's published figures are
//!   computed once the month is over and stored; later withdrawals (duplicates, spam) or
//!   erasures do not change a published month. Two different publications of one month could be
//!   differenced to reveal a single report, so there is never a second one.
//! - **Never publish sums across months** (a year to date, a running total): a sum of months
//!   would give back a month's withheld total or cells by subtraction. There are none here.
//! - Build the counts only through [`MonthCounts::add`] / [`MonthCounts::remove`] or the
//!   [`counter_keys`] increments, so that the nation and channel tables sum to the total;
//!   [`publish`] withholds a whole table that does not add up rather than publish it.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use jiff::Timestamp;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::calendar::london;
use crate::case_record::CaseSummary;
use crate::choice::Choice;
use crate::geography::Nation;
use crate::report::{Channel, IncidentType, Motivation, PoliceConsent};

/// The smallest count published: counts from 0 to 9 are withheld.
pub const DEFAULT_THRESHOLD: u64 = 10;

choice! {
    /// A one-way table of the monthly statistics.
    pub enum Dimension {
        IncidentType => "incident_type",
        Motivation => "motivation",
        Nation => "nation",
        Channel => "channel",
    }
}

impl Dimension {
    /// Every category of the table, in declaration order: a published table has all of them.
    pub fn categories(self) -> &'static [&'static str] {
        match self {
            Dimension::IncidentType => IncidentType::identifiers(),
            Dimension::Motivation => Motivation::identifiers(),
            Dimension::Nation => Nation::identifiers(),
            Dimension::Channel => Channel::identifiers(),
        }
    }

    /// Whether each report is in exactly one category (so the table sums to the total), rather
    /// than in one or more.
    pub fn sums_to_total(self) -> bool {
        matches!(self, Dimension::Nation | Dimension::Channel)
    }
}

/// The counter key of the total number of reports.
pub const REPORTS: &str = "reports";
/// The counter key of reports the reporter agreed to refer to the police.
pub const POLICE: &str = "police";
/// The counter key of reports that asked for an advocate.
pub const ADVOCATE: &str = "advocate";

/// `YYYY-MM` of an instant, in UK time: the month a report counts in.
pub fn month_of(received_at: Timestamp) -> String {
    let date = received_at.to_zoned_datetime(london()).date();
    format!("{:04}-{:02}", date.year(), date.month())
}

/// The counters one report adds 1 to (and a withdrawal takes 1 from): `reports`, one
/// `incident_type:<code>` per distinct type, one `motivation:<code>` per distinct motivation,
/// `nation:<code>`, `channel:<code>`, and `police` / `advocate` when they apply. A storage
/// adapter can apply them as atomic increments in the report's own write.
pub fn counter_keys(summary: &CaseSummary) -> Vec<String> {
    let types: BTreeSet<_> = summary.incident_types.iter().copied().collect();
    let motivations: BTreeSet<_> = summary.motivations.iter().copied().collect();
    let mut keys = vec![REPORTS.to_string()];
    keys.extend(types.into_iter().map(|t| key(Dimension::IncidentType, t.as_str())));
    keys.extend(motivations.into_iter().map(|m| key(Dimension::Motivation, m.as_str())));
    keys.push(key(Dimension::Nation, summary.nation.as_str()));
    keys.push(key(Dimension::Channel, summary.channel.as_str()));
    if summary.police_consent != PoliceConsent::No {
        keys.push(POLICE.to_string());
    }
    if summary.advocate_support {
        keys.push(ADVOCATE.to_string());
    }
    keys
}

fn key(dimension: Dimension, category: &str) -> String {
    format!("{}:{category}", dimension.as_str())
}

/// A counter key that is not one of [`counter_keys`]'s.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown statistics counter {0:?}")]
pub struct UnknownCounter(pub String);

/// The raw counts of one month. Not for publication as they are: see [`publish`]. Holds no
/// personal data; categories with no reports are absent from the maps.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthCounts {
    /// `YYYY-MM`, UK time.
    pub month: String,
    pub reports: u64,
    pub incident_types: BTreeMap<String, u64>,
    pub motivations: BTreeMap<String, u64>,
    pub nations: BTreeMap<String, u64>,
    pub channels: BTreeMap<String, u64>,
    pub referred_to_police: u64,
    pub asked_for_advocate: u64,
}

impl MonthCounts {
    pub fn new(month: impl Into<String>) -> Self {
        MonthCounts { month: month.into(), ..MonthCounts::default() }
    }

    /// Counts a report (the caller has checked it belongs to this month: [`month_of`]).
    pub fn add(&mut self, summary: &CaseSummary) {
        for key in counter_keys(summary) {
            self.apply(&key, |n| n.saturating_add(1)).expect("counter_keys only makes known keys");
        }
    }

    /// Uncounts a withdrawn report (a duplicate or spam). Counts stop at zero.
    pub fn remove(&mut self, summary: &CaseSummary) {
        for key in counter_keys(summary) {
            self.apply(&key, |n| n.saturating_sub(1)).expect("counter_keys only makes known keys");
        }
    }

    /// The counts as counters keyed as [`counter_keys`] names them; zero counters are left out.
    pub fn counters(&self) -> BTreeMap<String, i64> {
        let mut counters = BTreeMap::new();
        for (name, value) in
            [(REPORTS, self.reports), (POLICE, self.referred_to_police), (ADVOCATE, self.asked_for_advocate)]
        {
            if value > 0 {
                counters.insert(name.to_string(), value as i64);
            }
        }
        for dimension in Dimension::ALL {
            for (category, &value) in self.table(*dimension) {
                if value > 0 {
                    counters.insert(key(*dimension, category), value as i64);
                }
            }
        }
        counters
    }

    /// The counts from stored counters (as [`counter_keys`] names them). A key this module does not
    /// make is an error rather than silently dropped. Stores add signed deltas; a counter below
    /// zero (more withdrawals than reports, as a store may see them in a race) counts zero, as
    /// [`MonthCounts::remove`] stops at zero.
    pub fn from_counters(month: impl Into<String>, counters: &BTreeMap<String, i64>) -> Result<Self, UnknownCounter> {
        let mut counts = MonthCounts::new(month);
        for (key, &value) in counters {
            let value = u64::try_from(value).unwrap_or(0);
            counts.apply(key, |n| n.saturating_add(value))?;
        }
        Ok(counts)
    }

    /// One table's counts by category code.
    pub fn table(&self, dimension: Dimension) -> &BTreeMap<String, u64> {
        match dimension {
            Dimension::IncidentType => &self.incident_types,
            Dimension::Motivation => &self.motivations,
            Dimension::Nation => &self.nations,
            Dimension::Channel => &self.channels,
        }
    }

    fn table_mut(&mut self, dimension: Dimension) -> &mut BTreeMap<String, u64> {
        match dimension {
            Dimension::IncidentType => &mut self.incident_types,
            Dimension::Motivation => &mut self.motivations,
            Dimension::Nation => &mut self.nations,
            Dimension::Channel => &mut self.channels,
        }
    }

    /// Updates the counter `key`; a map entry that reaches zero is dropped.
    fn apply(&mut self, key: &str, update: impl Fn(u64) -> u64) -> Result<(), UnknownCounter> {
        let unknown = || UnknownCounter(key.to_string());
        match key {
            REPORTS => self.reports = update(self.reports),
            POLICE => self.referred_to_police = update(self.referred_to_police),
            ADVOCATE => self.asked_for_advocate = update(self.asked_for_advocate),
            _ => {
                let (dimension, category) = key.split_once(':').ok_or_else(unknown)?;
                let dimension = Dimension::parse(dimension).ok_or_else(unknown)?;
                if !dimension.categories().contains(&category) {
                    return Err(unknown());
                }
                let table = self.table_mut(dimension);
                let value = update(table.get(category).copied().unwrap_or(0));
                if value == 0 {
                    table.remove(category);
                } else {
                    table.insert(category.to_string(), value);
                }
            }
        }
        Ok(())
    }
}

/// A published number: a count, or withheld by disclosure control. In JSON a withheld cell is
/// `null`; displayed (as in CSV) it is empty.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Cell {
    Value(u64),
    Withheld,
}

impl Cell {
    pub fn value(self) -> Option<u64> {
        match self {
            Cell::Value(n) => Some(n),
            Cell::Withheld => None,
        }
    }

    pub fn is_withheld(self) -> bool {
        self == Cell::Withheld
    }
}

impl fmt::Display for Cell {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Cell::Value(n) => write!(f, "{n}"),
            Cell::Withheld => Ok(()),
        }
    }
}

impl Serialize for Cell {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.value().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Cell {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Option::<u64>::deserialize(deserializer)?.map_or(Cell::Withheld, Cell::Value))
    }
}

/// A month's statistics as published. Every category of every table is present, whatever the
/// data, so the shape of the table says nothing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedMonth {
    pub month: String,
    /// The threshold the month was published with: counts below it are withheld.
    pub threshold: u64,
    pub reports: Cell,
    pub incident_types: BTreeMap<String, Cell>,
    pub motivations: BTreeMap<String, Cell>,
    pub nations: BTreeMap<String, Cell>,
    pub channels: BTreeMap<String, Cell>,
    pub referred_to_police: Cell,
    pub asked_for_advocate: Cell,
}

impl PublishedMonth {
    /// One published table by category code.
    pub fn table(&self, dimension: Dimension) -> &BTreeMap<String, Cell> {
        match dimension {
            Dimension::IncidentType => &self.incident_types,
            Dimension::Motivation => &self.motivations,
            Dimension::Nation => &self.nations,
            Dimension::Channel => &self.channels,
        }
    }
}

/// What of a closed month may be published, with disclosure control (see the module
/// documentation). Pure and deterministic.
pub fn publish(counts: &MonthCounts, threshold: u64) -> PublishedMonth {
    let total = counts.reports;
    let month_withheld = total < threshold;
    let table = |dimension: Dimension| -> BTreeMap<String, Cell> {
        let categories = dimension.categories();
        let values: Vec<u64> =
            categories.iter().map(|c| counts.table(dimension).get(*c).copied().unwrap_or(0)).collect();
        let withheld = if month_withheld {
            vec![true; values.len()]
        } else if dimension.sums_to_total() {
            suppress_partition(&values, total, threshold)
        } else {
            suppress_multiple(&values, total, threshold)
        };
        categories
            .iter()
            .zip(values.iter().zip(withheld))
            .map(|(c, (&v, w))| (c.to_string(), if w { Cell::Withheld } else { Cell::Value(v) }))
            .collect()
    };
    let yes_no = |count: u64| {
        if month_withheld || count > total || count < threshold || total - count < threshold {
            Cell::Withheld
        } else {
            Cell::Value(count)
        }
    };
    PublishedMonth {
        month: counts.month.clone(),
        threshold,
        reports: if month_withheld { Cell::Withheld } else { Cell::Value(total) },
        incident_types: table(Dimension::IncidentType),
        motivations: table(Dimension::Motivation),
        nations: table(Dimension::Nation),
        channels: table(Dimension::Channel),
        referred_to_police: yes_no(counts.referred_to_police),
        asked_for_advocate: yes_no(counts.asked_for_advocate),
    }
}

/// Primary suppression: every count below the threshold, zero included.
fn primary(values: &[u64], threshold: u64) -> Vec<bool> {
    values.iter().map(|&v| v < threshold).collect()
}

/// Withholds the smallest published cell (the first on a tie). False if none is left.
fn withhold_smallest(values: &[u64], withheld: &mut [bool]) -> bool {
    let smallest = (0..values.len()).filter(|&i| !withheld[i]).min_by_key(|&i| (values[i], i));
    match smallest {
        Some(i) => {
            withheld[i] = true;
            true
        }
        None => false,
    }
}

/// The number of withheld cells and their sum.
fn withheld_cells(values: &[u64], withheld: &[bool]) -> (usize, u64) {
    let cells = values.iter().zip(withheld).filter(|(_, &w)| w);
    cells.fold((0, 0), |(n, sum), (&v, _)| (n + 1, sum + v))
}

/// A table whose cells sum to the total: never one withheld cell alone, and the withheld cells
/// (whose sum the public can work out) hold at least `threshold` between them.
fn suppress_partition(values: &[u64], total: u64, threshold: u64) -> Vec<bool> {
    if values.iter().sum::<u64>() != total {
        // Counters that do not add up are not published: the public would reason from a wrong sum.
        return vec![true; values.len()];
    }
    let mut withheld = primary(values, threshold);
    loop {
        let (n, sum) = withheld_cells(values, &withheld);
        if n == 0 || (n >= 2 && sum >= threshold) || !withhold_smallest(values, &mut withheld) {
            return withheld;
        }
    }
}

/// A table where a report counts in one or more cells: each cell is at most the total and the
/// cells sum to at least the total, so a lone withheld cell is bounded below by the total less
/// the published cells; it gets company unless that bound is zero.
fn suppress_multiple(values: &[u64], total: u64, threshold: u64) -> Vec<bool> {
    if values.iter().any(|&v| v > total) {
        return vec![true; values.len()];
    }
    let mut withheld = primary(values, threshold);
    let (n, _) = withheld_cells(values, &withheld);
    let published: u64 = values.iter().zip(&withheld).filter(|(_, &w)| !w).map(|(v, _)| v).sum();
    if n == 1 && published < total {
        withhold_smallest(values, &mut withheld);
    }
    withheld
}

/// The CSV header of [`csv`].
pub const CSV_HEADER: &str = "month,dimension,category,count,withheld";

/// Published months as CSV: one row per number, `month,dimension,category,count,withheld`
/// (`docs/statistics.md` describes the columns). A withheld number has an empty count and
/// `withheld` true. Rows follow the months in the given order, then the tables in a fixed order,
/// categories in their declaration order. There are no rows summing months.
pub fn csv(months: &[PublishedMonth]) -> String {
    let mut out = String::from(CSV_HEADER);
    out.push('\n');
    for month in months {
        let mut row = |dimension: &str, category: &str, cell: Cell| {
            let fields = [field(&month.month), dimension.to_string(), category.to_string()];
            out.push_str(&format!("{},{cell},{}\n", fields.join(","), cell.is_withheld()));
        };
        row("reports", "all", month.reports);
        for dimension in Dimension::ALL {
            for category in dimension.categories() {
                let cell = month.table(*dimension).get(*category).copied().unwrap_or(Cell::Withheld);
                row(dimension.as_str(), category, cell);
            }
        }
        row("referred_to_police", "yes", month.referred_to_police);
        row("asked_for_advocate", "yes", month.asked_for_advocate);
    }
    out
}

/// A CSV field, quoted if it needs to be (only the month is free text, and only if the caller made
/// it so).
fn field(value: &str) -> String {
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_string()
    }
}

/// A change to one month's statistics counters (categories only), written atomically with the
/// report or the withdrawal that makes it.
#[derive(Debug, Clone, PartialEq)]
pub struct CountChange {
    /// `YYYY-MM`, UK time.
    pub month: String,
    /// `statistics::counter_keys`: `reports`, `incident_type:…`, `nation:…`, …
    pub keys: Vec<String>,
    /// +1 for a new report, -1 for one withdrawn as a duplicate or spam.
    pub delta: i64,
}

impl CountChange {
    /// A report counted (+1) or withdrawn (-1) in the month it was received.
    pub fn of(summary: &CaseSummary, delta: i64) -> CountChange {
        CountChange { month: month_of(summary.received_at), keys: counter_keys(summary), delta }
    }
}

#[cfg(test)]
mod tests;

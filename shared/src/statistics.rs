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
//! Two defences, on top of each other, with a threshold `t` (a parameter: the service always
//! passes [`DEFAULT_THRESHOLD`] = 10) and a noise bound `d` = [`MAX_NOISE`] = 2:
//!
//! 1. **Noise** (cell-key perturbation, as ONS used for Census 2021). Every figure (the total,
//!    every cell, the yes/no counts) is the true count plus a noise from `−d` to `d`, each value
//!    equally likely, drawn by a keyed hash ([`NoiseKey::noise`]) of the month and the figure's
//!    name. The key is fresh for each published month and kept nowhere. This is the defence
//!    against *padding*: someone who files `k` plausible reports in one cell cannot subtract them
//!    from the figure to get the real count (see "What a planter learns" below).
//! 2. **Suppression** of the perturbed figures ([`figure`]): a figure below `t + d` is withheld,
//!    *zero included*, so a published figure's true count is at least `t`; a month whose total
//!    is withheld is withheld entirely. A table that is partly published is withheld *whole* if
//!    the public could narrow any of its withheld cells, from the published cells, the total and
//!    the knowledge that a withheld cell of a partly published table is below `t + 2d` (it was
//!    suppressed for being small): every withheld cell must still be able to be each of `0, 1, …,
//!    t − 1`, so neither a lower bound above 0 (in a table that sums to the total, or to at
//!    least it) nor an upper bound below `t − 1` is left. The total less a published figure is
//!    a number too ("not referred", "not naming race", "outside England"): a yes/no count is
//!    published, and a table is published at all, only if every such complement of a published
//!    figure is certainly at least `t`.
//!
//! Every decision is made on the perturbed figures alone (never on a true count, apart from
//! refusing counters that do not add up), so whatever is withheld is worked out from the noisy
//! figures and tells nobody more than they do.
//!
//! The guarantee, which `tests/disclosure.rs` checks over thousands of generated months with an
//! exact solver written independently of this module: given everything published for a month,
//! the noise bound and the rules (which are public), every number (each cell, the total, the
//! complements of published figures) is either certainly at least `t` or could still be any
//! value from 0 to `t` − 1.
//!
//! ## What a planter learns
//!
//! Someone who filed `k` reports that fall in one cell, and reads that cell's figure, knowing
//! the rules but not the key: a published figure `p` is given, by exactly one of the five equally
//! likely noise values, by each real count from `p − k − 2` to `p − k + 2` (those at least 0),
//! and by no other, so they learn that window of five and nothing about where in it the real
//! count is. "Withheld" is consistent with every real count from 0 to `t + 3 − k`. For real
//! counts `j` apart, the figure's distributions differ by at most `j/5` in total variation: no
//! test tells "none" from "one real report" correctly more than 60 % of the time at even odds.
//! Each figure a report enters (the total, its nation, channel, types, motivations, yes/no
//! counts) has its own noise, so someone comparing several of them does better: at most `m/5`
//! with `m` figures that differ between the two cases they compare.
//!
//! ## Trade-offs
//!
//! - Information is lost: quiet months are withheld entirely; rare categories read as withheld
//!   rather than as a small number or zero; a table with small cells, or with a cell close to
//!   the total, is often withheld whole.
//! - Published figures are off by up to 2 and tables do not add up exactly (nor to the total).
//!   NHS Digital rounds sub-national counts to the nearest 5 (off by up to 2 too); rounding was
//!   not chosen because it is deterministic: a planter who files just enough reports to sit on a
//!   rounding boundary learns whether there was any real report at all.
//! - A planter still learns something: when a real count is 0 and the noise is −2, the window
//!   is {0}; that happens one time in five for an attacked figure with `k ≥ t + 4` (the 60 %
//!   above). Only noise
//!   without a bound avoids this, at the cost of figures that can be far off.
//! - The solver models the rules as a careful reader would, not every inference from the exact
//!   algorithm: a table withheld whole is taken to hide anything up to the total, though a reader
//!   may reason that it was withheld because a partial publication would have failed.
//! - The protection holds for these one-way tables only. A cross-tabulation (nation by incident
//!   type, say) links the tables and must not be added without redoing this analysis.
//!
//! # What the caller must do
//!
//! - **Publish a month once, after it closes, and freeze it.** A month's published figures are
//!   computed once the month is over and stored; later withdrawals (duplicates, spam) or
//!   erasures do not change a published month. Two different publications of one month could be
//!   differenced to reveal a single report, and two draws of noise averaged, so there is never a
//!   second one. Use a fresh random [`NoiseKey`] per month and do not keep or log it.
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
use crate::report::{Channel, IncidentType, Motivation};

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
    if summary.police_consent.agreed() {
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
    /// The largest noise added to each published figure, either way ([`MAX_NOISE`]); 0 for
    /// months published before figures were perturbed, which were exact.
    #[serde(default)]
    pub perturbation: u64,
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

/// What a month's publication will show for one figure, as the leads preview it before the month
/// is published. The noise is drawn only at publication, so a figure near the threshold cannot
/// be known in advance: the preview says so rather than guess.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "outlook", content = "count")]
pub enum Outlook {
    /// Withheld whatever the noise: below the threshold, or in a table withheld whole.
    Withheld,
    /// Published or withheld depending on the noise drawn at publication.
    DependsOnNoise,
    /// Published in every draw tried: the true count now (at least the threshold), which the
    /// publication shows within ±[`MAX_NOISE`].
    Published(u64),
}

/// The preview of a month not yet published: every figure's [`Outlook`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MonthOutlook {
    pub month: String,
    pub threshold: u64,
    pub reports: Outlook,
    /// Each table's categories, in the published order.
    pub tables: Vec<(Dimension, Vec<(&'static str, Outlook)>)>,
    pub referred_to_police: Outlook,
    pub asked_for_advocate: Outlook,
}

/// How many noise draws the preview tries besides the three uniform ones (all −max, 0, +max).
const OUTLOOK_DRAWS: u8 = 32;

/// The preview of `counts` under [`publish`]'s rules: each figure is published with many noise
/// draws (every figure at −[`MAX_NOISE`], at 0 and at +[`MAX_NOISE`], and [`OUTLOOK_DRAWS`]
/// keyed draws); a figure withheld in every draw is withheld, one published in every draw is
/// published, any other depends on the noise. No count below the threshold is ever shown.
pub fn outlook(counts: &MonthCounts, threshold: u64) -> MonthOutlook {
    let max = MAX_NOISE as i64;
    let uniform = [-max, 0, max].map(|n| publish_with_noise(counts, threshold, MAX_NOISE, &move |_| n));
    let keyed = (0..OUTLOOK_DRAWS).map(|i| publish(counts, threshold, &NoiseKey([i; 32])));
    let draws: Vec<PublishedMonth> = uniform.into_iter().chain(keyed).collect();
    let judge = |count: u64, cell: &dyn Fn(&PublishedMonth) -> Cell| {
        let withheld = draws.iter().filter(|d| cell(d).is_withheld()).count();
        match withheld {
            n if n == draws.len() => Outlook::Withheld,
            0 if count >= threshold => Outlook::Published(count),
            _ => Outlook::DependsOnNoise,
        }
    };
    let tables = Dimension::ALL
        .iter()
        .map(|&dimension| {
            let cells = dimension
                .categories()
                .iter()
                .map(|category| {
                    let count = counts.table(dimension).get(*category).copied().unwrap_or(0);
                    (*category, judge(count, &|d| d.table(dimension).get(*category).copied().unwrap_or(Cell::Withheld)))
                })
                .collect();
            (dimension, cells)
        })
        .collect();
    MonthOutlook {
        month: counts.month.clone(),
        threshold,
        reports: judge(counts.reports, &|d| d.reports),
        tables,
        referred_to_police: judge(counts.referred_to_police, &|d| d.referred_to_police),
        asked_for_advocate: judge(counts.asked_for_advocate, &|d| d.asked_for_advocate),
    }
}

/// The largest noise added to a published count (see [`publish`]): every published figure is
/// the true count plus a whole number from −2 to +2, each equally likely.
pub const MAX_NOISE: u64 = 2;

/// The secret that draws the noise of one publication (32 random bytes). The service makes a
/// fresh one for each month it publishes and keeps it nowhere, so nobody (staff included) can
/// take the noise back out; a month is published once, so there is never a second draw to
/// average against.
#[derive(Clone)]
pub struct NoiseKey(pub [u8; 32]);

impl fmt::Debug for NoiseKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Never printed: with the key, anyone could remove the noise.
        f.write_str("NoiseKey(..)")
    }
}

impl NoiseKey {
    /// The noise of one figure, from −[`MAX_NOISE`] to +[`MAX_NOISE`], uniform: a keyed hash of
    /// the month and the figure's counter name (as [`counter_keys`] names it), so each figure's
    /// noise is independent of every other and of the counts.
    pub fn noise(&self, month: &str, figure: &str) -> i64 {
        use sha2::{Digest, Sha256};
        let digest = Sha256::new()
            .chain_update(self.0)
            .chain_update(month.as_bytes())
            .chain_update([0])
            .chain_update(figure.as_bytes())
            .finalize();
        let draw = u64::from_be_bytes(digest[..8].try_into().expect("8 bytes"));
        // 2^64 mod 5 = 1: the bias is one part in 2^62.
        (draw % (2 * MAX_NOISE + 1)) as i64 - MAX_NOISE as i64
    }
}

/// One figure under primary suppression: the perturbed count `count + noise`, published only if
/// it is at least `threshold + max_noise` (so a published figure's true count is at least
/// `threshold`); otherwise withheld. Every figure of [`publish`] goes through this first.
pub fn figure(count: u64, noise: i64, threshold: u64, max_noise: u64) -> Cell {
    let perturbed = count as i64 + noise.clamp(-(max_noise as i64), max_noise as i64);
    match u64::try_from(perturbed) {
        Ok(value) if value >= threshold + max_noise => Cell::Value(value),
        _ => Cell::Withheld,
    }
}

/// What of a closed month may be published, with disclosure control (see the module
/// documentation): each figure perturbed by noise drawn with `key`, then suppressed. Pure and
/// deterministic for a given key.
pub fn publish(counts: &MonthCounts, threshold: u64, key: &NoiseKey) -> PublishedMonth {
    publish_with_noise(counts, threshold, MAX_NOISE, &|figure| key.noise(&counts.month, figure))
}

/// [`publish`] with the noise of each figure (by counter name) given, at most `max_noise` either
/// way: for tests and audits (`max_noise` 0 is suppression alone). Every decision is made on the
/// perturbed figures alone, never on a true count (apart from refusing counters that do not add
/// up), so what the noise hides stays hidden whatever is withheld.
pub fn publish_with_noise(
    counts: &MonthCounts,
    threshold: u64,
    max_noise: u64,
    noise: &dyn Fn(&str) -> i64,
) -> PublishedMonth {
    let total = counts.reports;
    let reports = figure(total, noise(REPORTS), threshold, max_noise);
    let month_withheld = reports.is_withheld();
    let bounds = Bounds { threshold, max_noise };

    // Primary suppression, table by table.
    let mut tables: Vec<Vec<Cell>> = Dimension::ALL
        .iter()
        .map(|&dimension| {
            let values: Vec<u64> =
                dimension.categories().iter().map(|c| counts.table(dimension).get(*c).copied().unwrap_or(0)).collect();
            let adds_up = if dimension.sums_to_total() {
                values.iter().sum::<u64>() == total
            } else {
                values.iter().all(|&v| v <= total)
            };
            if month_withheld || !adds_up {
                // Counters that do not add up are not published: the public would reason from a
                // wrong sum.
                return vec![Cell::Withheld; values.len()];
            }
            let names = dimension.categories().iter().map(|c| key(dimension, c));
            names.zip(values).map(|(name, v)| figure(v, noise(&name), threshold, max_noise)).collect()
        })
        .collect();

    // The yes/no counts: published only if the complement the public can work out (the total
    // less the count) is certainly at least the threshold too.
    let yes_no = |name: &str, count: u64| {
        let cell = figure(count, noise(name), threshold, max_noise);
        match (reports, cell) {
            (Cell::Value(p_total), Cell::Value(p)) if count <= total && p_total >= p + threshold + 2 * max_noise => {
                cell
            }
            _ => Cell::Withheld,
        }
    };
    let police = yes_no(POLICE, counts.referred_to_police);
    let advocate = yes_no(ADVOCATE, counts.asked_for_advocate);

    // Complementary suppression: a partly published table whose withheld cells the public could
    // narrow (a lower bound above 0, or an upper bound below `threshold − 1`), or with a
    // published cell whose complement could be below the threshold, is withheld whole.
    // Withholding a table only widens the totals the others allow, so this settles.
    if let Cell::Value(p_total) = reports {
        loop {
            let totals = bounds.feasible_totals(p_total, &tables, &[police, advocate]);
            let unsafe_table = Dimension::ALL.iter().zip(&tables).position(|(dimension, cells)| {
                let partial = cells.iter().any(|c| c.is_withheld()) && cells.iter().any(|c| !c.is_withheld());
                // The total less a published cell ("reports not naming race") is a number too,
                // protected as the yes/no complements are.
                let small_complement =
                    cells.iter().any(|c| c.value().is_some_and(|p| p_total < p + threshold + 2 * max_noise));
                small_complement || (partial && !bounds.hides_withheld(cells, dimension.sums_to_total(), &totals))
            });
            match unsafe_table {
                Some(i) => tables[i].iter_mut().for_each(|c| *c = Cell::Withheld),
                None => break,
            }
        }
    }

    let mut tables = tables.into_iter();
    let mut map = |dimension: Dimension| -> BTreeMap<String, Cell> {
        let cells = tables.next().expect("one per dimension");
        dimension.categories().iter().map(|c| c.to_string()).zip(cells).collect()
    };
    PublishedMonth {
        month: counts.month.clone(),
        threshold,
        perturbation: max_noise,
        reports,
        incident_types: map(Dimension::IncidentType),
        motivations: map(Dimension::Motivation),
        nations: map(Dimension::Nation),
        channels: map(Dimension::Channel),
        referred_to_police: police,
        asked_for_advocate: advocate,
    }
}

/// What the public can say about the true counts behind a publication: a published figure `p`
/// is a count in `p ± max_noise`; a withheld cell of a partly published table is a primary one,
/// so its perturbed value was below `threshold + max_noise`; a withheld cell of a wholly withheld
/// table, or a withheld yes/no count, may be anything up to the total.
struct Bounds {
    threshold: u64,
    max_noise: u64,
}

impl Bounds {
    /// The largest true count a primary-suppressed cell can have.
    fn primary_cap(&self) -> u64 {
        (self.threshold + 2 * self.max_noise).saturating_sub(1)
    }

    /// The range of a cell, given the total.
    fn cell(&self, cell: Cell, partial: bool, total: u64) -> (u64, u64) {
        match cell {
            Cell::Value(p) => (p.saturating_sub(self.max_noise), (p + self.max_noise).min(total)),
            Cell::Withheld if partial => (0, self.primary_cap().min(total)),
            Cell::Withheld => (0, total),
        }
    }

    /// The ranges of every cell of a table given the total, or `None` if that total is
    /// impossible for the table. Exact: with one sum and a range per cell, every value between
    /// the bounds below is reachable.
    fn table(&self, cells: &[Cell], sums_to_total: bool, total: u64) -> Option<Vec<(u64, u64)>> {
        let partial = cells.iter().any(|c| !c.is_withheld());
        let boxes: Vec<(u64, u64)> = cells.iter().map(|&c| self.cell(c, partial, total)).collect();
        let (low, high): (u64, u64) = boxes.iter().fold((0, 0), |(l, h), (a, b)| (l + a, h + b));
        if boxes.iter().any(|(a, b)| a > b) || high < total || (sums_to_total && low > total) {
            return None;
        }
        let ranges = boxes.iter().map(|&(a, b)| {
            let from = a.max(total.saturating_sub(high - b));
            let to = if sums_to_total { b.min(total - (low - a)) } else { b };
            (from, to)
        });
        Some(ranges.collect())
    }

    /// The totals consistent with a published total and every table and yes/no count.
    fn feasible_totals(&self, p_total: u64, tables: &[Vec<Cell>], yes_no: &[Cell]) -> Vec<u64> {
        let totals = p_total.saturating_sub(self.max_noise)..=p_total + self.max_noise;
        let fits = |t: u64| {
            Dimension::ALL.iter().zip(tables).all(|(d, cells)| self.table(cells, d.sums_to_total(), t).is_some())
                && yes_no.iter().all(|c| c.value().is_none_or(|p| p.saturating_sub(self.max_noise) <= t))
        };
        totals.filter(|&t| fits(t)).collect()
    }

    /// Whether every withheld cell of the table could, for some allowed total, be each of
    /// `0, 1, …, threshold − 1`.
    fn hides_withheld(&self, cells: &[Cell], sums_to_total: bool, totals: &[u64]) -> bool {
        let mut seen = vec![vec![false; self.threshold as usize]; cells.len()];
        for &total in totals {
            for (i, (from, to)) in self.table(cells, sums_to_total, total).into_iter().flatten().enumerate() {
                for v in from..=to.min(self.threshold.saturating_sub(1)) {
                    seen[i][v as usize] = true;
                }
            }
        }
        cells.iter().zip(seen).all(|(c, seen)| !c.is_withheld() || seen.iter().all(|&s| s))
    }
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

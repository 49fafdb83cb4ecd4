//! Public statistics: each closed month is published once, with disclosure control
//! (`oys_shared::statistics::publish`), by the scheduled job; the routes read publications only.
//!
//! Counting is done at write time, in the report's own transaction (and a withdrawal's), so a
//! report is counted exactly once whatever retries happen, and reading the statistics costs a
//! few reads however many reports exist. A month is published once it has closed and a week has
//! passed (time for operators to withdraw duplicates and spam), and is never published again:
//! two publications of one month can never be compared.

use jiff::SignedDuration;
use tracing::info;

use oys_shared::statistics::{month_of, publish, MonthCounts, NoiseKey, PublishedMonth};

use crate::ports::PortError;

crate::services::use_case_ports! { ports: [WithStatistics, WithClock, WithDisclosureThreshold] }

/// Days after a month closes before it is published.
pub const SETTLING_DAYS: i64 = 7;

/// Publishes every closed, settled month not yet published (months with no report at all
/// between the first counted month and the last settled one are published as empty, which
/// withholds everything of them); the number published. Each month's noise is drawn with a key
/// made for it here and kept nowhere (`docs/statistics.md`).
pub async fn publish_closed_months(svc: &impl Ports) -> Result<usize, PortError> {
    publish_closed_months_with(svc, fresh_key).await
}

/// A new noise key from the operating system's random numbers (two v4 UUIDs: 244 random bits).
pub fn fresh_key() -> NoiseKey {
    let mut key = [0; 32];
    key[..16].copy_from_slice(uuid::Uuid::new_v4().as_bytes());
    key[16..].copy_from_slice(uuid::Uuid::new_v4().as_bytes());
    NoiseKey(key)
}

/// [`publish_closed_months`] with the noise keys given (tests pass a fixed one to know the
/// figures).
pub async fn publish_closed_months_with(svc: &impl Ports, key: impl Fn() -> NoiseKey) -> Result<usize, PortError> {
    let now = svc.clock().now();
    let settled = now.checked_sub(SignedDuration::from_hours(24 * SETTLING_DAYS)).unwrap_or(now);
    // Every month before the settled moment's month has closed and settled.
    let open_from = month_of(settled);
    let counts = svc.statistics().month_counts().await?;
    let published: Vec<String> = svc.statistics().published_months().await?.into_iter().map(|m| m.month).collect();
    let Some(first) = counts.first().map(|c| c.month.clone()) else { return Ok(0) };
    let mut count = 0;
    for month in months_between(&first, &open_from) {
        if published.contains(&month) {
            continue;
        }
        let counted = counts.iter().find(|c| c.month == month).cloned().unwrap_or_else(|| MonthCounts::new(&month));
        if svc.statistics().publish_month(&publish(&counted, *svc.disclosure_threshold(), &key())).await? {
            info!(month = %month, "statistics published for a closed month");
            count += 1;
        }
    }
    Ok(count)
}

/// What the public reads: every published month, oldest first.
pub async fn published(svc: &impl Ports) -> Result<Vec<PublishedMonth>, PortError> {
    svc.statistics().published_months().await
}

/// The date a month is due to be published (UK), `YYYY-MM-DD`: `SETTLING_DAYS` after it closes,
/// at the scheduled job's first run that day.
pub fn publication_date(month: &str) -> String {
    let next = months_between(month, "9999-12").into_iter().nth(1).unwrap_or_default();
    match format!("{next}-01").parse::<jiff::civil::Date>() {
        Ok(first) => {
            first.checked_add(jiff::Span::new().days(SETTLING_DAYS)).map(|d| d.to_string()).unwrap_or_default()
        }
        Err(_) => String::new(),
    }
}

/// `YYYY-MM` months from `first` up to, not including, `end`.
fn months_between(first: &str, end: &str) -> Vec<String> {
    let parse = |m: &str| -> Option<(i32, i32)> { Some((m.get(..4)?.parse().ok()?, m.get(5..7)?.parse().ok()?)) };
    let (Some((mut year, mut month)), Some(end)) = (parse(first), parse(end)) else { return Vec::new() };
    let mut months = Vec::new();
    while (year, month) < end && months.len() < 1200 {
        months.push(format!("{year:04}-{month:02}"));
        (year, month) = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
    }
    months
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_run_across_years_and_stop_before_the_end() {
        assert_eq!(months_between("2025-11", "2026-02"), ["2025-11", "2025-12", "2026-01"]);
        assert!(months_between("2026-02", "2026-02").is_empty());
        assert!(months_between("nonsense", "2026-02").is_empty());
    }

    #[test]
    fn a_month_is_due_for_publication_a_settling_week_after_it_closes() {
        assert_eq!(publication_date("2026-12"), "2027-01-08");
        assert_eq!(publication_date("2026-02"), "2026-03-08");
    }
}

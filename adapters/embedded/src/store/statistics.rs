//! `Statistics` on SQLite: monthly counters and publications.

use super::*;

#[async_trait]
impl Statistics for EmbeddedStore {
    async fn month_counts(&self) -> Result<Vec<MonthCounts>, PortError> {
        let rows: Vec<(String, String, i64)> = self
            .db
            .run("read month counts", |connection| {
                let mut statement = connection.prepare("SELECT month, key, count FROM stats_counts ORDER BY month")?;
                let rows = statement.query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?;
                rows.collect()
            })
            .await?;
        let mut months: std::collections::BTreeMap<String, std::collections::BTreeMap<String, i64>> =
            Default::default();
        for (month, key, count) in rows {
            months.entry(month).or_default().insert(key, count);
        }
        months
            .into_iter()
            .map(|(month, counters)| {
                MonthCounts::from_counters(month, &counters).map_err(|e| PortError::new("read month counts", e.0))
            })
            .collect()
    }

    async fn published_months(&self) -> Result<Vec<PublishedMonth>, PortError> {
        self.db
            .run("read published months", |connection| {
                let mut statement = connection.prepare("SELECT published FROM stats_published ORDER BY month")?;
                let rows = statement.query_map([], |row| row.get::<_, String>(0))?;
                rows.map(|row| from_json(&row?)).collect()
            })
            .await
    }

    async fn publish_month(&self, month: &PublishedMonth) -> Result<bool, PortError> {
        let (key, body) = (month.month.clone(), to_json(month));
        self.db
            .run("publish month", move |connection| {
                let added = connection.execute(
                    "INSERT INTO stats_published (month, published) VALUES (?1, ?2) ON CONFLICT (month) DO NOTHING",
                    params![key, body],
                )?;
                Ok(added == 1)
            })
            .await
    }
}

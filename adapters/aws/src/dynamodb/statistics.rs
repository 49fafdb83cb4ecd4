//! `Statistics` on DynamoDB: monthly counters and publications in the `STATS` partition.

use super::*;

#[async_trait]
impl Statistics for DynamoStore {
    async fn month_counts(&self) -> Result<Vec<MonthCounts>, PortError> {
        let items = self.stats_items("COUNTS#").await?;
        items
            .into_iter()
            .map(|item| {
                let month =
                    item.get(SK).and_then(|v| v.as_s().ok()).map_or("", |sk| &sk["COUNTS#".len()..]).to_string();
                let counters: std::collections::BTreeMap<String, i64> = item
                    .iter()
                    .filter(|(name, _)| *name != PK && *name != SK)
                    .filter_map(|(name, value)| Some((name.clone(), value.as_n().ok()?.parse::<i64>().ok()?)))
                    .collect();
                MonthCounts::from_counters(month, &counters).map_err(|e| PortError::new("read month counts", e.0))
            })
            .collect()
    }

    async fn published_months(&self) -> Result<Vec<PublishedMonth>, PortError> {
        self.stats_items("PUBLISHED#").await?.into_iter().map(from_item).collect()
    }

    async fn publish_month(&self, month: &PublishedMonth) -> Result<bool, PortError> {
        self.put_new(to_item(month, STATS_PK.to_string(), &format!("PUBLISHED#{}", month.month))?).await
    }
}

impl DynamoStore {
    /// Every item of the statistics partition whose sort key starts with `prefix`, in order.
    async fn stats_items(&self, prefix: &str) -> Result<Vec<Item>, PortError> {
        self.query_sk_prefix(STATS_PK.to_string(), prefix, "read statistics").await
    }
}

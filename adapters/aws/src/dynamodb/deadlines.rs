//! `Deadlines` on DynamoDB: the sparse due-deadline index.

use super::*;

#[async_trait]
impl Deadlines for DynamoStore {
    async fn save_deadline(&self, deadline: &Deadline) -> Result<Deadline, PortError> {
        let (pk, sk) = (case_pk(&deadline.reference), format!("DEADLINE#{}", deadline.slot()));
        if self.put_new(deadline_item(deadline)?).await? {
            return Ok(deadline.clone());
        }
        self.get(pk, sk).await?.ok_or_else(|| PortError::new("save deadline", "vanished"))
    }

    async fn deadlines_due(&self, before: Timestamp, limit: usize) -> Result<Vec<Deadline>, PortError> {
        let query = self
            .client
            .query()
            .table_name(&self.table)
            .index_name(DEADLINE_INDEX)
            .key_condition_expression("#key = :open AND #sort <= :before")
            .expression_attribute_names("#key", DEADLINE_KEY)
            .expression_attribute_names("#sort", DEADLINE_SORT)
            .expression_attribute_values(":open", s(OPEN))
            .expression_attribute_values(":before", n(before.as_second()))
            .limit(i32::try_from(limit.max(1)).unwrap_or(i32::MAX));
        self.query_pages(query, Some(limit), "find due deadlines").await?.into_iter().map(from_item).collect()
    }

    async fn update_deadline(&self, deadline: &Deadline, expected_next: Option<Timestamp>) -> Result<bool, PortError> {
        let put = self.client.put_item().table_name(&self.table).set_item(Some(deadline_item(deadline)?));
        let put = match expected_next {
            Some(next) => put
                .condition_expression("#sort = :expected")
                .expression_attribute_values(":expected", n(next.as_second())),
            None => put.condition_expression("attribute_exists(pk) AND attribute_not_exists(#sort)"),
        };
        match put.expression_attribute_names("#sort", DEADLINE_SORT).send().await {
            Ok(_) => Ok(true),
            Err(e) if e.as_service_error().is_some_and(|e| e.is_conditional_check_failed_exception()) => Ok(false),
            Err(e) => Err(err("update deadline", e)),
        }
    }

    async fn for_case(&self, reference: &Reference) -> Result<Vec<Deadline>, PortError> {
        self.query_prefix(reference, "DEADLINE#").await
    }
}

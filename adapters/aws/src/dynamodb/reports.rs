//! `Reports` on DynamoDB: a report and its routing in one transaction, the pending-routing index, idempotency.

use super::*;

#[async_trait]
impl Reports for DynamoStore {
    async fn create_report(&self, report: &NewReport, now: Timestamp) -> Result<CreateOutcome, PortError> {
        oys_application::leak_canary!("adapter", &report.narrative.description);
        let reference = &report.summary.reference;
        let pk = case_pk(reference);
        let mut case = to_item(
            &CaseItem { summary: report.summary.clone(), pending: report.pending.clone() },
            pk.clone(),
            "CASE",
        )?;
        if !report.pending.is_empty() {
            case.insert(PENDING_KEY.into(), s(PENDING));
            case.insert(PENDING_SORT.into(), n(report.sweep_after.as_second()));
        }
        let mut items = vec![TransactWriteItem::builder()
            .put(
                Put::builder()
                    .table_name(&self.table)
                    .set_item(Some(case))
                    .condition_expression("attribute_not_exists(pk)")
                    .build()
                    .expect("table and item are set"),
            )
            .build()];
        items.push(
            TransactWriteItem::builder().put(self.put(to_item(&report.narrative, pk.clone(), "NARRATIVE")?)).build(),
        );
        let state = report.state.clone();
        let state_item = StateItem::new(&state, &report.listing);
        items.push(TransactWriteItem::builder().put(self.put(state_item.to_item()?)).build());
        if let Some(contact) = &report.contact {
            items.push(TransactWriteItem::builder().put(self.put(to_item(contact, pk.clone(), "CONTACT")?)).build());
        }
        if !report.pending.is_empty() {
            items.push(TransactWriteItem::builder().put(self.put(outbox_item(&report.outbox))).build());
        }
        // The follow-up receipt's hash, in the same write (`FollowUps::receipt_hash` reads it).
        let receipt = super::follow_ups::ReceiptItem { hash: report.receipt_hash.clone() };
        items.push(TransactWriteItem::builder().put(self.put(to_item(&receipt, pk.clone(), "RECEIPT")?)).build());
        items.push(self.count_update(&report.count));
        let idempotency_index = items.len();
        if let Some(record) = &report.idempotency {
            let mut item = to_item(record, format!("IDEMPOTENCY#{}", record.key_hash), "IDEMPOTENCY")?;
            item.insert(TTL_ATTRIBUTE.into(), n(record.expires_at.as_second()));
            items.push(
                TransactWriteItem::builder()
                    .put(
                        Put::builder()
                            .table_name(&self.table)
                            .set_item(Some(item))
                            // A key is free if unused, or used but past its expiry (TTL lags).
                            .condition_expression("attribute_not_exists(pk) OR #exp < :now")
                            .expression_attribute_names("#exp", TTL_ATTRIBUTE)
                            .expression_attribute_values(":now", n(now.as_second()))
                            .build()
                            .expect("table and item are set"),
                    )
                    .build(),
            );
        }

        let result = self.client.transact_write_items().set_transact_items(Some(items)).send().await;
        let Err(error) = result else {
            return Ok(CreateOutcome::Created);
        };
        let service_error = error.into_service_error();
        let reasons: Vec<Option<String>> = match &service_error {
            aws_sdk_dynamodb::operation::transact_write_items::TransactWriteItemsError::TransactionCanceledException(e) => {
                e.cancellation_reasons().iter().map(|r| r.code().map(str::to_string)).collect()
            }
            _ => return Err(err("create report", service_error)),
        };
        if reasons.iter().any(|c| c.as_deref() == Some("TransactionConflict")) {
            // Another request wrote one of these items at the same moment (the same
            // Idempotency-Key, say): nothing was written; the retry finds its record.
            return Err(PortError::transient("create report", "transaction conflict"));
        }
        let failed = |i: usize| reasons.get(i).and_then(|c| c.as_deref()) == Some("ConditionalCheckFailed");
        if let Some(record) = &report.idempotency {
            if failed(idempotency_index) {
                return match self.idempotency_record(&record.key_hash).await? {
                    Some(earlier) => Ok(CreateOutcome::IdempotencyKeyUsed(earlier)),
                    // Expired and deleted between the two calls: the caller may simply retry.
                    None => Err(PortError::new("create report", "idempotency record vanished; retry")),
                };
            }
        }
        if failed(0) {
            return Ok(CreateOutcome::ReferenceTaken);
        }
        Err(err("create report", service_error))
    }

    async fn get_report(&self, reference: &Reference) -> Result<Option<StoredReport>, PortError> {
        // The four items of the report by key, not a query of the whole partition: a case's
        // partition also holds its audit trail, events and effects, which grow with every read.
        let pk = case_pk(reference);
        let keys = ["CASE", "NARRATIVE", "CONTACT", "STATE"]
            .map(|sk| HashMap::from([(PK.to_string(), s(pk.clone())), (SK.to_string(), s(sk))]));
        let request = aws_sdk_dynamodb::types::KeysAndAttributes::builder()
            .set_keys(Some(keys.to_vec()))
            .consistent_read(true)
            .build()
            .expect("keys are set");
        let output = self
            .client
            .batch_get_item()
            .request_items(&self.table, request)
            .send()
            .await
            .map_err(|e| err("get report", e))?;
        if output.unprocessed_keys.as_ref().is_some_and(|u| !u.is_empty()) {
            // Only under throttling; the caller's retry (SQS redelivery, the client) reads again.
            return Err(PortError::transient("get report", "read throttled; retry"));
        }
        let mut case: Option<CaseItem> = None;
        let mut narrative: Option<Narrative> = None;
        let mut contact: Option<ContactDetails> = None;
        let mut state = CaseState::default();
        for item in output.responses.and_then(|mut r| r.remove(&self.table)).unwrap_or_default() {
            match item.get(SK).and_then(|v| v.as_s().ok()).map(String::as_str) {
                Some("CASE") => case = Some(from_item(item)?),
                Some("NARRATIVE") => narrative = Some(from_item(item)?),
                Some("CONTACT") => contact = Some(from_item(item)?),
                Some("STATE") => state = from_item::<StateItem>(item)?.state,
                _ => {}
            }
        }
        Ok(case.map(|case| StoredReport { summary: case.summary, narrative, contact, pending: case.pending, state }))
    }

    async fn set_pending(
        &self,
        reference: &Reference,
        expected: &[Delivery],
        remaining: &[Delivery],
        now: Timestamp,
    ) -> Result<bool, PortError> {
        let serialise = |list: &[Delivery]| {
            serde_dynamo::to_attribute_value(list).map_err(|e| PortError::new("serialise pending", e))
        };
        let expected_condition = if expected.is_empty() {
            "attribute_exists(pk) AND (attribute_not_exists(pending) OR pending = :expected)"
        } else {
            "attribute_exists(pk) AND pending = :expected"
        };
        let update = self
            .client
            .update_item()
            .table_name(&self.table)
            .key(PK, s(case_pk(reference)))
            .key(SK, s("CASE"))
            .condition_expression(expected_condition)
            .expression_attribute_values(":expected", serialise(expected)?)
            .expression_attribute_names("#key", PENDING_KEY)
            .expression_attribute_names("#sort", PENDING_SORT);
        // With nothing left the case leaves the sparse pending-routing index; with something left
        // it stays in it, or comes back due now.
        let update = if remaining.is_empty() {
            update.update_expression("REMOVE pending, #key, #sort")
        } else {
            update
                .update_expression("SET pending = :pending, #key = :flag, #sort = if_not_exists(#sort, :now)")
                .expression_attribute_values(":pending", serialise(remaining)?)
                .expression_attribute_values(":flag", s(PENDING))
                .expression_attribute_values(":now", n(now.as_second()))
        };
        match update.send().await {
            Ok(_) => Ok(true),
            Err(e) if e.as_service_error().is_some_and(|e| e.is_conditional_check_failed_exception()) => {
                // Changed meanwhile, or no such report: the caller's read tells which.
                match self.get_report(reference).await? {
                    Some(_) => Ok(false),
                    None => Err(PortError::new("record deliveries", "no such report")),
                }
            }
            Err(e) => Err(err("record deliveries", e)),
        }
    }

    async fn due_for_sweep(&self, now: Timestamp, limit: usize) -> Result<Vec<Reference>, PortError> {
        let query = self
            .client
            .query()
            .table_name(&self.table)
            .index_name(PENDING_INDEX)
            .key_condition_expression("#key = :pending AND #sort <= :now")
            .expression_attribute_names("#key", PENDING_KEY)
            .expression_attribute_names("#sort", PENDING_SORT)
            .expression_attribute_values(":pending", s(PENDING))
            .expression_attribute_values(":now", n(now.as_second()))
            .limit(i32::try_from(limit.max(1)).unwrap_or(i32::MAX));
        Ok(self
            .query_pages(query, Some(limit), "find reports pending routing")
            .await?
            .iter()
            .filter_map(|item| item.get(PK)?.as_s().ok()?.strip_prefix("CASE#").and_then(Reference::parse))
            .collect())
    }

    async fn outbox(&self, written_by: Timestamp, limit: usize) -> Result<Vec<OutboxRow>, PortError> {
        // The rows share the sparse pending-routing index, under their own key.
        let query = self
            .client
            .query()
            .table_name(&self.table)
            .index_name(PENDING_INDEX)
            .key_condition_expression("#key = :outbox AND #sort <= :by")
            .expression_attribute_names("#key", PENDING_KEY)
            .expression_attribute_names("#sort", PENDING_SORT)
            .expression_attribute_values(":outbox", s(OUTBOX))
            .expression_attribute_values(":by", n(written_by.as_second()))
            .limit(i32::try_from(limit.max(1)).unwrap_or(i32::MAX));
        Ok(self
            .query_pages(query, Some(limit), "read the outbox")
            .await?
            .iter()
            .filter_map(|item| outbox_row(item.get(PK)?.as_s().ok()?, item.get(SK)?.as_s().ok()?))
            .collect())
    }

    async fn clear_outbox(&self, row: &OutboxRow) -> Result<(), PortError> {
        self.client
            .delete_item()
            .table_name(&self.table)
            .key(PK, s(case_pk(&row.reference)))
            .key(SK, s(outbox_sk(row)))
            .send()
            .await
            .map_err(|e| err("clear an outbox row", e))?;
        Ok(())
    }

    async fn owe(&self, reference: &Reference, owed: &Owed) -> Result<(), PortError> {
        let items = self.owed_items(reference, owed)?;
        match self.client.transact_write_items().set_transact_items(Some(items)).send().await {
            Ok(_) => Ok(()),
            Err(e) => Err(err("owe deliveries", e)),
        }
    }

    async fn claim_for_sweep(
        &self,
        reference: &Reference,
        now: Timestamp,
        lease_until: Timestamp,
    ) -> Result<Option<RoutingState>, PortError> {
        let result = self
            .client
            .update_item()
            .table_name(&self.table)
            .key(PK, s(case_pk(reference)))
            .key(SK, s("CASE"))
            .update_expression("SET #sort = :lease")
            .condition_expression("#key = :pending AND #sort <= :now")
            .expression_attribute_names("#key", PENDING_KEY)
            .expression_attribute_names("#sort", PENDING_SORT)
            .expression_attribute_values(":pending", s(PENDING))
            .expression_attribute_values(":now", n(now.as_second()))
            .expression_attribute_values(":lease", n(lease_until.as_second()))
            .return_values(ReturnValue::AllNew)
            .send()
            .await;
        match result {
            Ok(output) => {
                let case: CaseItem = from_item(output.attributes.unwrap_or_default())?;
                Ok(Some(RoutingState { summary: case.summary, pending: case.pending }))
            }
            Err(e) if e.as_service_error().is_some_and(|e| e.is_conditional_check_failed_exception()) => Ok(None),
            Err(e) => Err(err("claim report for sweep", e)),
        }
    }
}

/// The key of the outbox rows in the pending-routing index.
const OUTBOX: &str = "OUTBOX";
/// How long an outbox row is kept if nothing clears it (the dispatcher and the sweeper both
/// failed): the report's pending list still names what is owed, so the row is only a trigger.
const OUTBOX_TTL: std::time::Duration = std::time::Duration::from_secs(14 * 24 * 3600);

/// `OUTBOX#<written, ms>#<id>`: the row's time and id in its key, so the table's stream can
/// carry keys only (no personal data leaves the table) and the dispatcher still has the row.
fn outbox_sk(row: &OutboxRow) -> String {
    timed_sk(OUTBOX, row.at, &row.id)
}

/// The outbox row's item: keys, and the index attributes that let the backstop find it.
pub(super) fn outbox_item(row: &OutboxRow) -> HashMap<String, AttributeValue> {
    HashMap::from([
        (PK.to_string(), s(case_pk(&row.reference))),
        (SK.to_string(), s(outbox_sk(row))),
        (PENDING_KEY.to_string(), s(OUTBOX)),
        (PENDING_SORT.to_string(), n(row.at.as_second())),
        (TTL_ATTRIBUTE.to_string(), n(oys_shared::calendar::after(row.at, OUTBOX_TTL).as_second())),
    ])
}

/// The keys (`pk`, `sk`) of an outbox row's item, as the table's stream carries them.
pub fn outbox_keys(row: &OutboxRow) -> (String, String) {
    (case_pk(&row.reference), outbox_sk(row))
}

/// The outbox row an item's keys name (as the table's stream carries them), if they name one.
pub fn outbox_row(pk: &str, sk: &str) -> Option<OutboxRow> {
    let reference = Reference::parse(pk.strip_prefix("CASE#")?)?;
    let (millis, id) = sk.strip_prefix("OUTBOX#")?.split_once('#')?;
    let at = Timestamp::from_millisecond(millis.parse().ok()?).ok()?;
    Some(OutboxRow { reference, id: id.to_string(), at })
}

impl DynamoStore {
    /// What owing `owed` writes, in the transaction of the change that owes it: the deliveries
    /// added to the report's pending list (a repeat is harmless: each kind is sent once), the
    /// report in the sparse pending-routing index, and the outbox row.
    pub(super) fn owed_items(&self, reference: &Reference, owed: &Owed) -> Result<Vec<TransactWriteItem>, PortError> {
        let list =
            serde_dynamo::to_attribute_value(&owed.deliveries).map_err(|e| PortError::new("serialise pending", e))?;
        let pending = aws_sdk_dynamodb::types::Update::builder()
            .table_name(&self.table)
            .key(PK, s(case_pk(reference)))
            .key(SK, s("CASE"))
            .update_expression(
                "SET pending = list_append(if_not_exists(pending, :none), :owed), #key = :pending, #sort = :after",
            )
            .condition_expression("attribute_exists(pk)")
            .expression_attribute_names("#key", PENDING_KEY)
            .expression_attribute_names("#sort", PENDING_SORT)
            .expression_attribute_values(":none", AttributeValue::L(vec![]))
            .expression_attribute_values(":owed", list)
            .expression_attribute_values(":pending", s(PENDING))
            .expression_attribute_values(":after", n(owed.sweep_after.as_second()))
            .build()
            .expect("key and expression are set");
        Ok(vec![
            TransactWriteItem::builder().update(pending).build(),
            TransactWriteItem::builder().put(self.put(outbox_item(&owed.outbox))).build(),
        ])
    }
}

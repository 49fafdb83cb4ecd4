//! The report store on DynamoDB: one table, items grouped by case.
//!
//! | pk                         | sk                    | holds                                             |
//! |----------------------------|-----------------------|---------------------------------------------------|
//! | `CASE#<reference>`         | `CASE`                | the summary (categories), pending deliveries      |
//! | `CASE#<reference>`         | `NARRATIVE`           | what happened, where (personal)                   |
//! | `CASE#<reference>`         | `CONTACT`             | contact details (personal, apart)                 |
//! | `CASE#<reference>`         | `STATE`               | case state, status, for the case-list indexes     |
//! | `CASE#<reference>`         | `EFFECT#<key>`        | a disclosure or notice done, once                 |
//! | `CASE#<reference>`         | `CLAIM#<key>`         | the lease of whoever is doing that effect now     |
//! | `CASE#<reference>`         | `PROPOSAL`            | the ranked advocate proposal                      |
//! | `CASE#<reference>`         | `DEADLINE#<slot>`     | a deadline (kind, and partner for advocates)      |
//! | `CASE#<reference>`         | `EVENT#<ms>#<id>`     | an event recorded on the case                     |
//! | `CASE#<reference>`         | `AUDIT#<ms>#<id>`     | a read or export by a person (append-only)        |
//! | `CASE#<reference>`         | `RECEIPT`             | the hash of the follow-up receipt                 |
//! | `PARTNERS`                 | `CASELOAD#<id>`       | open cases of a partner organisation              |
//! | `IDEMPOTENCY#<sha256>`     | `IDEMPOTENCY`         | the answer given to a request with that key (TTL) |
//! | `FOLLOW_UP_FAILURES#<key>` | `FAILURES`            | wrong follow-up receipts in one window (TTL)      |
//! | `STATS`                    | `COUNTS#<YYYY-MM>`    | a month's counters, one number attribute each     |
//! | `STATS`                    | `PUBLISHED#<YYYY-MM>` | a month as published (written once)               |
//!
//! Items with a TTL carry `expires_at_epoch` (`TTL_ATTRIBUTE`). The global secondary indexes,
//! their sort keys in epoch seconds, all but `cases-by-status` sparse (an item is in the index
//! only while it carries the index's partition attribute):
//!
//! - `routing-pending` (`PENDING_INDEX`: `routing_pending`, `sweep_after`): `CASE` items with
//!   deliveries still owed, so the sweeper reads what is due and nothing else.
//! - `deadlines-due` (`DEADLINE_INDEX`: `deadline_open`, `next_alert_epoch`): `DEADLINE` items
//!   with an alert still to send.
//! - `cases-by-status` (`STATUS_INDEX`: `case_status`, `received_epoch`): every `STATE` item,
//!   for the case lists.
//! - `cases-by-partner` (`PARTNER_INDEX`: `shared_with`, `received_epoch`): `STATE` items of
//!   cases shared with a partner, for the partner's case list.
//! - `personal-data-expiry` (`EXPIRY_INDEX`: `expiry_pending`, `expires_epoch`): `STATE` items
//!   of cases whose personal data will expire, for the retention purge.

use std::collections::HashMap;

use async_trait::async_trait;
use aws_sdk_dynamodb::error::DisplayErrorContext;
use aws_sdk_dynamodb::types::{AttributeValue, Put, ReturnValue, TransactWriteItem};
use aws_sdk_dynamodb::Client;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use oys_shared::case_record::{CaseSummary, ContactDetails, Narrative};
use oys_shared::routing::Delivery;
use oys_shared::Reference;

use oys_shared::advocate::Proposal;

use oys_shared::casework::{CaseListing, CaseState, CaseStatus};

use oys_application::ports::{
    Assignments, AuditTrail, CaseChange, CaseFilter, Cases, CreateOutcome, Deadlines, EffectClaim, Effects, Erasure,
    FollowUps, NewReport, PersonalData, PortError, Reports, RoutingState, StaffSessions, Statistics, StoredReport,
};
use oys_shared::case_history::{AuditEntry, EventRecord};
use oys_shared::deadlines::Deadline;
use oys_shared::effects::{DeliveryStatus, EffectRecord};
use oys_shared::routing::IdempotencyRecord;
use oys_shared::staff_session::{PendingSignIn, StaffSession};
use oys_shared::statistics::CountChange;
use oys_shared::statistics::{MonthCounts, PublishedMonth};

pub const PK: &str = "pk";
pub const SK: &str = "sk";
pub const PENDING_INDEX: &str = "routing-pending";
pub const PENDING_KEY: &str = "routing_pending";
pub const PENDING_SORT: &str = "sweep_after";
/// The TTL attribute (epoch seconds) of items that expire.
pub const TTL_ATTRIBUTE: &str = "expires_at_epoch";
const PENDING: &str = "PENDING";
pub const DEADLINE_INDEX: &str = "deadlines-due";
pub const DEADLINE_KEY: &str = "deadline_open";
pub const DEADLINE_SORT: &str = "next_alert_epoch";
const OPEN: &str = "OPEN";
pub const STATUS_INDEX: &str = "cases-by-status";
pub const STATUS_KEY: &str = "case_status";
pub const PARTNER_INDEX: &str = "cases-by-partner";
pub const PARTNER_KEY: &str = "shared_with";
pub const RECEIVED_SORT: &str = "received_epoch";
pub const EXPIRY_INDEX: &str = "personal-data-expiry";
pub const EXPIRY_KEY: &str = "expiry_pending";
pub const EXPIRY_SORT: &str = "expires_epoch";
const EXPIRES: &str = "EXPIRES";

/// The STATE item: the case state and how the case lists, as the use case worked it out
/// (`CaseListing::of`), stored whole; `case_status` is the listing's status again, for the
/// status index.
#[derive(Serialize, Deserialize)]
struct StateItem {
    #[serde(flatten)]
    state: CaseState,
    listing: CaseListing,
    case_status: CaseStatus,
}

impl StateItem {
    fn new(state: &CaseState, listing: &CaseListing) -> Self {
        StateItem { state: state.clone(), case_status: listing.status, listing: listing.clone() }
    }

    /// The item with the attributes the sparse indexes read.
    fn to_item(&self) -> Result<HashMap<String, AttributeValue>, PortError> {
        let mut item = to_item(self, case_pk(&self.listing.reference), "STATE")?;
        item.insert(RECEIVED_SORT.into(), n(self.listing.received_at.as_second()));
        if let Some(partner) = self.state.shared_with() {
            item.insert(PARTNER_KEY.into(), s(partner));
        }
        if let Some(expires) = self.state.personal_data_expires_at {
            item.insert(EXPIRY_KEY.into(), s(EXPIRES));
            item.insert(EXPIRY_SORT.into(), n(expires.as_second()));
        }
        Ok(item)
    }
}

pub struct DynamoStore {
    client: Client,
    table: String,
}

#[derive(Serialize, Deserialize)]
struct CaseItem {
    #[serde(flatten)]
    summary: CaseSummary,
    #[serde(default)]
    pending: Vec<Delivery>,
}

fn case_pk(reference: &Reference) -> String {
    format!("CASE#{reference}")
}

fn s(value: impl Into<String>) -> AttributeValue {
    AttributeValue::S(value.into())
}

fn n(value: i64) -> AttributeValue {
    AttributeValue::N(value.to_string())
}

fn err(operation: &'static str, e: impl std::error::Error) -> PortError {
    PortError::new(operation, DisplayErrorContext(e))
}

fn to_item<T: Serialize>(value: &T, pk: String, sk: &str) -> Result<HashMap<String, AttributeValue>, PortError> {
    let mut item: HashMap<String, AttributeValue> =
        serde_dynamo::to_item(value).map_err(|e| PortError::new("serialise item", e))?;
    item.insert(PK.into(), s(pk));
    item.insert(SK.into(), s(sk));
    Ok(item)
}

/// A deadline item: in the `deadlines-due` index while it has an alert to send.
fn deadline_item(deadline: &Deadline) -> Result<HashMap<String, AttributeValue>, PortError> {
    let mut item = to_item(deadline, case_pk(&deadline.reference), &format!("DEADLINE#{}", deadline.slot()))?;
    if let Some(next) = deadline.next_alert_at {
        item.insert(DEADLINE_KEY.into(), s(OPEN));
        item.insert(DEADLINE_SORT.into(), n(next.as_second()));
    }
    Ok(item)
}

/// Sort key of an item ordered by time: milliseconds, zero-padded so text order is time order.
fn timed_sk(prefix: &str, at: Timestamp, id: &str) -> String {
    format!("{prefix}#{:015}#{id}", at.as_millisecond())
}

fn from_item<T: for<'de> Deserialize<'de>>(item: HashMap<String, AttributeValue>) -> Result<T, PortError> {
    serde_dynamo::from_item(item).map_err(|e| PortError::new("read item", e))
}

impl DynamoStore {
    pub fn new(client: Client, table: String) -> Self {
        DynamoStore { client, table }
    }

    /// A month's counters moved by `count`: one item per month (`STATS` / `COUNTS#2026-11`),
    /// one number attribute per counter key, in the caller's transaction.
    fn count_update(&self, count: &CountChange) -> TransactWriteItem {
        let names: Vec<String> = (0..count.keys.len()).map(|i| format!("#k{i}")).collect();
        let expression =
            format!("ADD {}", names.iter().map(|name| format!("{name} :delta")).collect::<Vec<_>>().join(", "));
        let mut update = aws_sdk_dynamodb::types::Update::builder()
            .table_name(&self.table)
            .key(PK, s(STATS_PK))
            .key(SK, s(format!("COUNTS#{}", count.month)))
            .update_expression(expression)
            .expression_attribute_values(":delta", n(count.delta));
        for (name, key) in names.iter().zip(&count.keys) {
            update = update.expression_attribute_names(name, key);
        }
        TransactWriteItem::builder().update(update.build().expect("key and expression are set")).build()
    }

    fn put(&self, item: HashMap<String, AttributeValue>) -> Put {
        Put::builder().table_name(&self.table).set_item(Some(item)).build().expect("table and item are set")
    }

    async fn get<T: for<'de> Deserialize<'de>>(&self, pk: String, sk: String) -> Result<Option<T>, PortError> {
        self.get_for("get item", pk, sk).await
    }

    /// `get`, with `operation` naming what failed if the read fails.
    async fn get_for<T: for<'de> Deserialize<'de>>(
        &self,
        operation: &'static str,
        pk: String,
        sk: String,
    ) -> Result<Option<T>, PortError> {
        let output = self
            .client
            .get_item()
            .table_name(&self.table)
            .key(PK, s(pk))
            .key(SK, s(sk))
            .consistent_read(true)
            .send()
            .await
            .map_err(|e| err(operation, e))?;
        output.item.map(from_item).transpose()
    }

    /// Puts an item unless one with its key exists; `false` if it existed.
    async fn put_new(&self, item: HashMap<String, AttributeValue>) -> Result<bool, PortError> {
        let result = self
            .client
            .put_item()
            .table_name(&self.table)
            .set_item(Some(item))
            .condition_expression("attribute_not_exists(pk)")
            .send()
            .await;
        match result {
            Ok(_) => Ok(true),
            Err(e) if e.as_service_error().is_some_and(|e| e.is_conditional_check_failed_exception()) => Ok(false),
            Err(e) => Err(err("put item", e)),
        }
    }

    async fn idempotency_record(&self, key_hash: &str) -> Result<Option<IdempotencyRecord>, PortError> {
        self.get_for("get idempotency record", format!("IDEMPOTENCY#{key_hash}"), "IDEMPOTENCY".into()).await
    }
}

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

#[async_trait]
impl Effects for DynamoStore {
    async fn record_effect(&self, reference: &Reference, effect: &EffectRecord) -> Result<bool, PortError> {
        self.put_new(to_item(effect, case_pk(reference), &format!("EFFECT#{}", effect.key))?).await
    }

    async fn claim_effect(
        &self,
        reference: &Reference,
        key: &str,
        now: Timestamp,
        lease_until: Timestamp,
    ) -> Result<EffectClaim, PortError> {
        let result = self
            .client
            .put_item()
            .table_name(&self.table)
            .item(PK, s(case_pk(reference)))
            .item(SK, s(format!("CLAIM#{key}")))
            .item("lease_until", n(lease_until.as_second()))
            .condition_expression("attribute_not_exists(pk) OR lease_until < :now")
            .expression_attribute_values(":now", n(now.as_second()))
            .send()
            .await;
        match result {
            Ok(_) => Ok(EffectClaim::Claimed),
            Err(e) if e.as_service_error().is_some_and(|e| e.is_conditional_check_failed_exception()) => {
                Ok(EffectClaim::Busy)
            }
            Err(e) => Err(err("claim effect", e)),
        }
    }

    async fn release_effect_claim(&self, reference: &Reference, key: &str) -> Result<(), PortError> {
        self.client
            .delete_item()
            .table_name(&self.table)
            .key(PK, s(case_pk(reference)))
            .key(SK, s(format!("CLAIM#{key}")))
            .send()
            .await
            .map_err(|e| err("release effect claim", e))?;
        Ok(())
    }

    async fn mark_undelivered(
        &self,
        reference: &Reference,
        key: &str,
        status: DeliveryStatus,
    ) -> Result<Option<EffectRecord>, PortError> {
        let result = self
            .client
            .update_item()
            .table_name(&self.table)
            .key(PK, s(case_pk(reference)))
            .key(SK, s(format!("EFFECT#{key}")))
            .update_expression("SET delivery = :status")
            .condition_expression("attribute_exists(pk)")
            .expression_attribute_values(":status", s(status.as_str()))
            .return_values(ReturnValue::AllOld)
            .send()
            .await;
        match result {
            Ok(output) => output.attributes.map(from_item).transpose(),
            Err(e) if e.as_service_error().is_some_and(|e| e.is_conditional_check_failed_exception()) => Ok(None),
            Err(e) => Err(err("mark effect undelivered", e)),
        }
    }

    async fn recorded(&self, reference: &Reference) -> Result<Vec<EffectRecord>, PortError> {
        self.query_prefix(reference, "EFFECT#").await
    }
}

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

#[async_trait]
impl Cases for DynamoStore {
    async fn change_case(&self, reference: &Reference, change: &CaseChange) -> Result<bool, PortError> {
        let state_item = StateItem::new(&change.state, &change.listing).to_item()?;
        let mut items = vec![
            TransactWriteItem::builder()
                .put(
                    Put::builder()
                        .table_name(&self.table)
                        .set_item(Some(state_item))
                        .condition_expression("version = :expected")
                        .expression_attribute_values(":expected", n(change.state.version as i64 - 1))
                        .build()
                        .expect("table and item are set"),
                )
                .build(),
            TransactWriteItem::builder()
                .put(self.put(to_item(
                    &change.event,
                    case_pk(reference),
                    &timed_sk("EVENT", change.event.at, &change.event.id),
                )?))
                .build(),
        ];
        for moved in &change.caseloads {
            let (partner, delta) = (&moved.partner_id, moved.delta);
            items.push(
                TransactWriteItem::builder()
                    .update(
                        aws_sdk_dynamodb::types::Update::builder()
                            .table_name(&self.table)
                            .key(PK, s("PARTNERS"))
                            .key(SK, s(format!("CASELOAD#{partner}")))
                            .update_expression("SET partner_id = :id ADD open_cases :delta")
                            .expression_attribute_values(":id", s(partner))
                            .expression_attribute_values(":delta", n(delta))
                            .build()
                            .expect("key and expression are set"),
                    )
                    .build(),
            );
        }
        if let Some(count) = &change.count {
            items.push(self.count_update(count));
        }
        if let Some(contact) = &change.contact {
            items.push(
                TransactWriteItem::builder().put(self.put(to_item(contact, case_pk(reference), "CONTACT")?)).build(),
            );
        }
        if let Some(owed) = &change.owed {
            // Added to the report's pending deliveries (a repeat is harmless: the sweeper sends
            // each kind once), and the report joins the sparse pending-routing index.
            let list = serde_dynamo::to_attribute_value(&owed.deliveries)
                .map_err(|e| PortError::new("serialise pending", e))?;
            items.push(
                TransactWriteItem::builder()
                    .update(
                        aws_sdk_dynamodb::types::Update::builder()
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
                            .expect("key and expression are set"),
                    )
                    .build(),
            );
        }
        match self.client.transact_write_items().set_transact_items(Some(items)).send().await {
            Ok(_) => Ok(true),
            Err(e) => {
                let e = e.into_service_error();
                let conflict = matches!(
                    &e,
                    aws_sdk_dynamodb::operation::transact_write_items::TransactWriteItemsError::TransactionCanceledException(c)
                        if c.cancellation_reasons().first().and_then(|r| r.code()) == Some("ConditionalCheckFailed")
                );
                if conflict {
                    Ok(false)
                } else {
                    Err(err("change case", e))
                }
            }
        }
    }

    async fn events(&self, reference: &Reference) -> Result<Vec<EventRecord>, PortError> {
        self.query_prefix(reference, "EVENT#").await
    }

    async fn list_cases(&self, filter: &CaseFilter) -> Result<Vec<CaseListing>, PortError> {
        let statuses = &filter.statuses;
        let mut listings = Vec::new();
        if let Some(partner) = &filter.shared_with {
            let items = self.query_index(PARTNER_INDEX, PARTNER_KEY, s(partner), filter.limit).await?;
            for item in items {
                let state: StateItem = from_item(item)?;
                if statuses.contains(&state.case_status) {
                    listings.push(state.listing);
                }
            }
        } else {
            for status in statuses.iter().copied() {
                for item in self.query_index(STATUS_INDEX, STATUS_KEY, s(status.as_str()), filter.limit).await? {
                    listings.push(from_item::<StateItem>(item)?.listing);
                }
            }
        }
        listings.sort_by_key(|listing| std::cmp::Reverse(listing.received_at));
        listings.truncate(filter.limit);
        Ok(listings)
    }
}

#[async_trait]
impl Assignments for DynamoStore {
    async fn save_proposal(&self, proposal: &Proposal) -> Result<Proposal, PortError> {
        let pk = case_pk(&proposal.reference);
        if self.put_new(to_item(proposal, pk.clone(), "PROPOSAL")?).await? {
            return Ok(proposal.clone());
        }
        self.get(pk, "PROPOSAL".into()).await?.ok_or_else(|| PortError::new("save proposal", "vanished"))
    }

    async fn proposal(&self, reference: &Reference) -> Result<Option<Proposal>, PortError> {
        self.get(case_pk(reference), "PROPOSAL".into()).await
    }

    async fn partner_caseloads(&self) -> Result<HashMap<String, i64>, PortError> {
        let query = self
            .client
            .query()
            .table_name(&self.table)
            .key_condition_expression("pk = :pk")
            .expression_attribute_values(":pk", s("PARTNERS"));
        let items = self.query_pages(query, None, "read partner caseloads").await?;
        #[derive(Deserialize)]
        struct Caseload {
            partner_id: String,
            open_cases: i64,
        }
        let caseloads: Vec<Caseload> = items.into_iter().map(from_item).collect::<Result<_, _>>()?;
        Ok(caseloads.into_iter().map(|c| (c.partner_id, c.open_cases)).collect())
    }
}

#[async_trait]
impl AuditTrail for DynamoStore {
    async fn append(&self, entry: &AuditEntry) -> Result<(), PortError> {
        let item = to_item(entry, case_pk(&entry.reference), &timed_sk("AUDIT", entry.at, &entry.id))?;
        if self.put_new(item).await? {
            Ok(())
        } else {
            Err(PortError::new("append audit", "an entry with this id exists"))
        }
    }

    async fn entries(&self, reference: &Reference) -> Result<Vec<AuditEntry>, PortError> {
        self.query_prefix(reference, "AUDIT#").await
    }
}

#[async_trait]
impl PersonalData for DynamoStore {
    async fn erase_personal_data(&self, erasure: &Erasure) -> Result<bool, PortError> {
        let pk = case_pk(&erasure.listing.reference);
        // Deleted and redacted first: if the state write then finds the case changed, the caller
        // works the erasure out again and repeats it, which finds less to do.
        for sk in ["NARRATIVE", "CONTACT"] {
            self.client
                .delete_item()
                .table_name(&self.table)
                .key(PK, s(pk.clone()))
                .key(SK, s(sk))
                .send()
                .await
                .map_err(|e| err("erase personal data", e))?;
        }
        for record in &erasure.redacted_events {
            self.client
                .put_item()
                .table_name(&self.table)
                .set_item(Some(to_item(record, pk.clone(), &timed_sk("EVENT", record.at, &record.id))?))
                .send()
                .await
                .map_err(|e| err("erase personal data", e))?;
        }
        let item = StateItem::new(&erasure.state, &erasure.listing).to_item()?;
        let result = self
            .client
            .put_item()
            .table_name(&self.table)
            .set_item(Some(item))
            .condition_expression("version = :expected")
            .expression_attribute_values(":expected", n(erasure.state.version as i64 - 1))
            .send()
            .await;
        match result {
            Ok(_) => Ok(true),
            Err(e) if e.as_service_error().is_some_and(|e| e.is_conditional_check_failed_exception()) => Ok(false),
            Err(e) => Err(err("mark erased", e)),
        }
    }

    async fn expiring(&self, before: Timestamp, limit: usize) -> Result<Vec<Reference>, PortError> {
        let query = self
            .client
            .query()
            .table_name(&self.table)
            .index_name(EXPIRY_INDEX)
            .key_condition_expression("#key = :expires AND #sort <= :before")
            .expression_attribute_names("#key", EXPIRY_KEY)
            .expression_attribute_names("#sort", EXPIRY_SORT)
            .expression_attribute_values(":expires", s(EXPIRES))
            .expression_attribute_values(":before", n(before.as_second()))
            .limit(i32::try_from(limit.max(1)).unwrap_or(i32::MAX));
        let items = self.query_pages(query, Some(limit), "find expiring personal data").await?;
        Ok(items
            .iter()
            .filter_map(|item| item.get(PK)?.as_s().ok()?.strip_prefix("CASE#").and_then(Reference::parse))
            .collect())
    }

    async fn erase_contact_details(&self, state: &CaseState, listing: &CaseListing) -> Result<bool, PortError> {
        let pk = case_pk(&listing.reference);
        self.client
            .delete_item()
            .table_name(&self.table)
            .key(PK, s(pk))
            .key(SK, s("CONTACT"))
            .send()
            .await
            .map_err(|e| err("erase contact details", e))?;
        let item = StateItem::new(state, listing).to_item()?;
        let result = self
            .client
            .put_item()
            .table_name(&self.table)
            .set_item(Some(item))
            .condition_expression("version = :expected")
            .expression_attribute_values(":expected", n(state.version as i64 - 1))
            .send()
            .await;
        match result {
            Ok(_) => Ok(true),
            Err(e) if e.as_service_error().is_some_and(|e| e.is_conditional_check_failed_exception()) => Ok(false),
            Err(e) => Err(err("erase contact details", e)),
        }
    }
}

/// One item as the SDK returns it.
type Item = HashMap<String, AttributeValue>;

impl DynamoStore {
    /// Runs a query page after page (`LastEvaluatedKey`: a page stops at 1 MB), until there
    /// are no more or `limit` items were read. Nothing that must be whole — an erasure, an
    /// export, an audit trail — may stop at the first page.
    async fn query_pages(
        &self,
        query: aws_sdk_dynamodb::operation::query::builders::QueryFluentBuilder,
        limit: Option<usize>,
        operation: &'static str,
    ) -> Result<Vec<Item>, PortError> {
        let mut items = Vec::new();
        let mut start = None;
        loop {
            let output = query.clone().set_exclusive_start_key(start).send().await.map_err(|e| err(operation, e))?;
            items.extend(output.items.unwrap_or_default());
            start = output.last_evaluated_key.filter(|key| !key.is_empty());
            if start.is_none() || limit.is_some_and(|limit| items.len() >= limit) {
                break;
            }
        }
        if let Some(limit) = limit {
            items.truncate(limit);
        }
        Ok(items)
    }

    /// Every item of partition `pk` whose sort key starts with `prefix`, in order, read
    /// consistently.
    async fn query_sk_prefix(&self, pk: String, prefix: &str, operation: &'static str) -> Result<Vec<Item>, PortError> {
        let query = self
            .client
            .query()
            .table_name(&self.table)
            .key_condition_expression("pk = :pk AND begins_with(sk, :prefix)")
            .expression_attribute_values(":pk", s(pk))
            .expression_attribute_values(":prefix", s(prefix))
            .consistent_read(true);
        self.query_pages(query, None, operation).await
    }

    async fn query_items(&self, reference: &Reference, prefix: &str) -> Result<Vec<Item>, PortError> {
        self.query_sk_prefix(case_pk(reference), prefix, "query case items").await
    }

    async fn query_prefix<T: for<'de> Deserialize<'de>>(
        &self,
        reference: &Reference,
        prefix: &str,
    ) -> Result<Vec<T>, PortError> {
        self.query_items(reference, prefix).await?.into_iter().map(from_item).collect()
    }

    async fn query_index(
        &self,
        index: &str,
        key: &str,
        value: AttributeValue,
        limit: usize,
    ) -> Result<Vec<HashMap<String, AttributeValue>>, PortError> {
        let query = self
            .client
            .query()
            .table_name(&self.table)
            .index_name(index)
            .key_condition_expression("#key = :value")
            .expression_attribute_names("#key", key)
            .expression_attribute_values(":value", value)
            .scan_index_forward(false)
            // DynamoDB refuses a limit of 0.
            .limit(i32::try_from(limit.max(1)).unwrap_or(i32::MAX));
        self.query_pages(query, Some(limit), "list cases").await
    }
}

/// A report's follow-up receipt, as its hash (`CASE#…` / `RECEIPT`).
#[derive(Serialize, Deserialize)]
struct ReceiptItem {
    hash: String,
}

/// A count of follow-up attempts in one window; DynamoDB's TTL removes it afterwards.
fn failed_attempts_pk(key: &str) -> String {
    format!("FOLLOW_UP_FAILURES#{key}")
}

#[async_trait]
impl FollowUps for DynamoStore {
    async fn set_receipt_hash(&self, reference: &Reference, hash: &str) -> Result<(), PortError> {
        let item = to_item(&ReceiptItem { hash: hash.to_string() }, case_pk(reference), "RECEIPT")?;
        self.client
            .put_item()
            .table_name(&self.table)
            .set_item(Some(item))
            .send()
            .await
            .map_err(|e| err("set receipt", e))?;
        Ok(())
    }

    async fn receipt_hash(&self, reference: &Reference) -> Result<Option<String>, PortError> {
        let item: Option<ReceiptItem> = self.get(case_pk(reference), "RECEIPT".into()).await?;
        Ok(item.map(|item| item.hash))
    }

    async fn take_attempt(&self, key: &str, limit: u32, expires_at: Timestamp) -> Result<bool, PortError> {
        let taken = self
            .client
            .update_item()
            .table_name(&self.table)
            .key(PK, s(failed_attempts_pk(key)))
            .key(SK, s("FAILURES"))
            .update_expression("ADD #count :one SET #ttl = :expires")
            .condition_expression("attribute_not_exists(#count) OR #count < :limit")
            .expression_attribute_names("#count", "count")
            .expression_attribute_names("#ttl", TTL_ATTRIBUTE)
            .expression_attribute_values(":one", n(1))
            .expression_attribute_values(":limit", n(limit.into()))
            .expression_attribute_values(":expires", n(expires_at.as_second()))
            .send()
            .await;
        match taken {
            Ok(_) => Ok(true),
            Err(e) if e.as_service_error().is_some_and(|e| e.is_conditional_check_failed_exception()) => Ok(false),
            Err(e) => Err(err("take attempt", e)),
        }
    }

    async fn give_back_attempt(&self, key: &str) -> Result<(), PortError> {
        let given = self
            .client
            .update_item()
            .table_name(&self.table)
            .key(PK, s(failed_attempts_pk(key)))
            .key(SK, s("FAILURES"))
            .update_expression("ADD #count :minus_one")
            .condition_expression("#count > :zero")
            .expression_attribute_names("#count", "count")
            .expression_attribute_values(":minus_one", n(-1))
            .expression_attribute_values(":zero", n(0))
            .send()
            .await;
        match given {
            Ok(_) => Ok(()),
            Err(e) if e.as_service_error().is_some_and(|e| e.is_conditional_check_failed_exception()) => Ok(()),
            Err(e) => Err(err("give back attempt", e)),
        }
    }
}

/// The partition of the statistics: each month's counters (`COUNTS#YYYY-MM`) and each
/// published month (`PUBLISHED#YYYY-MM`). A few dozen items a year.
const STATS_PK: &str = "STATS";

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

/// Staff sessions and sign-ins under way: `STAFF#SESSION#<hash>` / `STAFF#SIGN_IN#<hash>`, sort
/// key `STAFF`, gone by the table's TTL once they end.
impl DynamoStore {
    async fn put_staff_item<T: Serialize>(
        &self,
        pk: String,
        value: &T,
        expires_at: Timestamp,
    ) -> Result<(), PortError> {
        let mut item = to_item(value, pk, "STAFF")?;
        item.insert(TTL_ATTRIBUTE.into(), n(expires_at.as_second()));
        self.client
            .put_item()
            .table_name(&self.table)
            .set_item(Some(item))
            .send()
            .await
            .map_err(|e| err("store staff session", e))?;
        Ok(())
    }
}

fn session_pk(key: &str) -> String {
    format!("STAFF#SESSION#{key}")
}

fn sign_in_pk(key: &str) -> String {
    format!("STAFF#SIGN_IN#{key}")
}

#[async_trait]
impl StaffSessions for DynamoStore {
    async fn put_session(&self, key: &str, session: &StaffSession) -> Result<(), PortError> {
        self.put_staff_item(session_pk(key), session, session.ends_at()).await
    }

    async fn session(&self, key: &str) -> Result<Option<StaffSession>, PortError> {
        self.get_for("read staff session", session_pk(key), "STAFF".into()).await
    }

    async fn end_session(&self, key: &str) -> Result<(), PortError> {
        self.client
            .delete_item()
            .table_name(&self.table)
            .key(PK, s(session_pk(key)))
            .key(SK, s("STAFF"))
            .send()
            .await
            .map_err(|e| err("end staff session", e))?;
        Ok(())
    }

    async fn put_sign_in(&self, key: &str, pending: &PendingSignIn) -> Result<(), PortError> {
        self.put_staff_item(sign_in_pk(key), pending, pending.expires_at()).await
    }

    async fn take_sign_in(&self, key: &str) -> Result<Option<PendingSignIn>, PortError> {
        // A delete returns what it deleted: of two callbacks, only one gets the item.
        let output = self
            .client
            .delete_item()
            .table_name(&self.table)
            .key(PK, s(sign_in_pk(key)))
            .key(SK, s("STAFF"))
            .return_values(ReturnValue::AllOld)
            .send()
            .await
            .map_err(|e| err("take sign-in", e))?;
        output.attributes.map(from_item).transpose()
    }
}

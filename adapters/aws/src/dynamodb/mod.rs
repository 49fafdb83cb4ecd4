//! The report store on DynamoDB: one table, items grouped by case; one file per port.
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
    FollowUps, NewReport, OutboxRow, Owed, PersonalData, PortError, Reports, RoutingState, StaffSessions, Statistics,
    StoredReport,
};
use oys_shared::case_history::{AuditEntry, EventRecord};
use oys_shared::deadlines::Deadline;
use oys_shared::effects::{DeliveryStatus, EffectRecord};
use oys_shared::routing::IdempotencyRecord;
use oys_shared::staff_session::{PendingSignIn, StaffSession};
use oys_shared::statistics::CountChange;
use oys_shared::statistics::{MonthCounts, PublishedMonth};

mod assignments;
mod audit;
mod cases;
mod deadlines;
mod effects;
mod follow_ups;
mod personal_data;
mod reports;
pub use reports::{outbox_keys, outbox_row};
mod staff_sessions;
mod statistics;

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
/// The partition of the statistics: each month's counters (`COUNTS#YYYY-MM`) and each
/// published month (`PUBLISHED#YYYY-MM`). A few dozen items a year.
const STATS_PK: &str = "STATS";

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

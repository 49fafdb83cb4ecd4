//! How many AWS calls one submission makes, counted on the wire by an SDK interceptor.
//! The request path is one transaction (the report, its receipt, counts, idempotency record and
//! outbox row); the dispatcher then makes the calls that deliver what it owes.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use aws_sdk_dynamodb::config::interceptors::BeforeTransmitInterceptorContextRef;
use aws_sdk_dynamodb::config::{ConfigBag, Intercept, RuntimeComponents};
use axum::http::StatusCode;
use oys_aws::{provision::ResourceNames, AwsClients};

use crate::api::post;
use crate::support::backend::start_time;
use crate::support::{event, moto};

/// Counts requests by operation: `x-amz-target` for JSON protocols, `Action=` for SES's query protocol.
#[derive(Debug, Clone, Default)]
struct CallCounter(Arc<Mutex<BTreeMap<String, usize>>>);

impl Intercept for CallCounter {
    fn name(&self) -> &'static str {
        "CallCounter"
    }

    fn read_before_transmit(
        &self,
        context: &BeforeTransmitInterceptorContextRef<'_>,
        _components: &RuntimeComponents,
        _cfg: &mut ConfigBag,
    ) -> Result<(), aws_sdk_dynamodb::error::BoxError> {
        let request = context.request();
        let operation = match request.headers().get("x-amz-target") {
            Some(target) => target.rsplit('.').next().unwrap_or(target).to_string(),
            None => {
                let body = String::from_utf8_lossy(request.body().bytes().unwrap_or_default()).into_owned();
                body.split('&').find_map(|p| p.strip_prefix("Action=")).unwrap_or("unknown").to_string()
            }
        };
        *self.0.lock().unwrap().entry(operation).or_default() += 1;
        Ok(())
    }
}

impl CallCounter {
    fn take(&self) -> BTreeMap<String, usize> {
        std::mem::take(&mut self.0.lock().unwrap())
    }
}

async fn counted_router() -> (axum::Router, CallCounter, Arc<oys_application::Services>) {
    let sdk = moto::sdk_config().await;
    let id = uuid::Uuid::new_v4().simple().to_string()[..12].to_string();
    let names = ResourceNames {
        prefix: format!("calls{id}"),
        alert_sender: format!("alerts-{id}@on-your-side.test"),
        operator_alert_addresses: vec![format!("ops-{id}@on-your-side.test")],
        max_receive_count: 3,
    };
    let settings = oys_aws::provision::create_resources(&AwsClients::new(&sdk), &names).await.unwrap();
    let counter = CallCounter::default();
    let clients = AwsClients {
        dynamodb: aws_sdk_dynamodb::Client::from_conf(
            aws_sdk_dynamodb::config::Builder::from(&sdk).interceptor(counter.clone()).build(),
        ),
        sqs: aws_sdk_sqs::Client::from_conf(
            aws_sdk_sqs::config::Builder::from(&sdk).interceptor(counter.clone()).build(),
        ),
        ses: aws_sdk_ses::Client::from_conf(
            aws_sdk_ses::config::Builder::from(&sdk).interceptor(counter.clone()).build(),
        ),
    };
    let clock = Arc::new(oys_application::ports::ManualClock::new(start_time()));
    let services = oys_aws::services(&clients, &settings, oys_shared::casework::RetentionPolicy::DEFAULT, Some(clock));
    let services = Arc::new(services);
    (oys_web::public_router(services.clone()), counter, services)
}

/// Dispatches every outbox row of `services`' table (read before counting), as the stream's
/// records would be; returns the calls the dispatching made.
async fn dispatch_all(services: &oys_application::Services, counter: &CallCounter) -> BTreeMap<String, usize> {
    let rows = services.reports.outbox(jiff::Timestamp::MAX, 10).await.unwrap();
    assert!(!rows.is_empty(), "the submission wrote an outbox row");
    counter.take();
    for row in &rows {
        oys_application::dispatch::dispatch(services, row).await.unwrap();
    }
    counter.take()
}

fn calls(pairs: &[(&str, usize)]) -> BTreeMap<String, usize> {
    pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
}

#[tokio::test]
async fn a_submission_makes_one_aws_call_and_the_dispatcher_the_deliveries() {
    let (router, counter, services) = counted_router().await;
    let key = [("idempotency-key", "count-calls-1")];

    let answer = post(router.clone(), "application/json", &key, event("report-full.json")).await;
    assert_eq!(answer.status, StatusCode::CREATED);
    let full = counter.take();
    println!("AWS calls, report with two routes: {full:?}");
    assert_eq!(full, calls(&[("TransactWriteItems", 1)]), "the request path is one transaction");
    let dispatched = dispatch_all(&services, &counter).await;
    println!("AWS calls of the dispatcher for it: {dispatched:?}");
    // The report read (BatchGetItem); a message per route; the operators' alert claimed, checked,
    // sent and recorded once (`send_once`: PutItem, Query, SendRawEmail, PutItem); the deliveries
    // recorded (UpdateItem); the row cleared (DeleteItem).
    let expected = [
        ("BatchGetItem", 1),
        ("DeleteItem", 1),
        ("PutItem", 2),
        ("Query", 1),
        ("SendMessage", 2),
        ("SendRawEmail", 1),
        ("UpdateItem", 1),
    ];
    assert_eq!(dispatched, calls(&expected));

    let answer = post(router.clone(), "application/json", &key, event("report-full.json")).await;
    assert!(answer.replayed);
    let replay = counter.take();
    println!("AWS calls, idempotent repeat: {replay:?}");
    // The repeat is shown a new receipt, whose hash replaces the first's.
    assert_eq!(replay, calls(&[("GetItem", 1), ("PutItem", 1), ("TransactWriteItems", 1)]));

    let answer = post(router.clone(), "application/json", &[], event("report-anonymous.json")).await;
    assert_eq!(answer.status, StatusCode::CREATED);
    let anonymous = counter.take();
    println!("AWS calls, anonymous report: {anonymous:?}");
    assert_eq!(anonymous, calls(&[("TransactWriteItems", 1)]));
    let rows = services.reports.outbox(jiff::Timestamp::MAX, 10).await.unwrap();
    let dispatched = dispatch_all(&services, &counter).await;
    let expected =
        [("BatchGetItem", 1), ("DeleteItem", 1), ("PutItem", 2), ("Query", 1), ("SendRawEmail", 1), ("UpdateItem", 1)];
    assert_eq!(dispatched, calls(&expected));
    // The row handled again (a stream record redelivered) finds nothing owed: a read and the
    // row's delete, nothing sent.
    oys_application::dispatch::dispatch(&*services, &rows[0]).await.unwrap();
    assert_eq!(counter.take(), calls(&[("BatchGetItem", 1), ("DeleteItem", 1)]));

    let answer = post(router, "application/json", &[], event("report-invalid.json")).await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(counter.take().is_empty(), "bad input makes no AWS call at all");
}

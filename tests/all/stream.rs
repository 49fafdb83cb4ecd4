//! The table's stream as moto serves it through DynamoDB Streams' own API, read as Lambda's
//! event source mapping reads it (every shard from its start) and filtered by the filter the
//! template gives `outbox-dispatcher`: a report's write reaches the dispatcher as exactly its
//! outbox row's insert, carrying keys and nothing of the report, and the dispatcher's own
//! writes (the row's delete, the deliveries recorded) pass no record back to it.

use std::collections::BTreeSet;

use aws_sdk_dynamodbstreams::types::{AttributeValue, ShardIteratorType};
use axum::http::StatusCode;
use serde_json::{json, Value};

use crate::api::post_json;
use crate::support::{event_json, moto, Backend};

const TEMPLATE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/infra/template.yaml");

/// The pattern of the template's filter on the dispatcher's stream event, as JSON.
fn dispatcher_filter() -> Value {
    let template: serde_norway::Value =
        serde_norway::from_str(&std::fs::read_to_string(TEMPLATE).unwrap()).expect("the template is YAML");
    let events = template["Resources"]["OutboxDispatcherFunction"]["Properties"]["Events"].as_mapping().unwrap();
    let stream = events.values().find(|e| e["Type"].as_str() == Some("DynamoDB")).expect("a DynamoDB event");
    let filters = stream["Properties"]["FilterCriteria"]["Filters"].as_sequence().unwrap();
    assert_eq!(filters.len(), 1, "one filter");
    serde_json::from_str(filters[0]["Pattern"].as_str().unwrap()).expect("the pattern is JSON")
}

/// Lambda's event filtering, for the operators the template uses: a list of values (any one
/// equal) or of `{"prefix": …}`; an object descends. Any other operator fails the test rather
/// than be guessed at.
fn passes(pattern: &Value, record: &Value) -> bool {
    pattern.as_object().expect("a pattern is an object").iter().all(|(key, wanted)| {
        let value = &record[key];
        match wanted {
            Value::Object(_) => passes(wanted, value),
            Value::Array(options) => options.iter().any(|option| match option {
                Value::Object(op) if op.len() == 1 && op.contains_key("prefix") => {
                    value.as_str().is_some_and(|v| v.starts_with(op["prefix"].as_str().unwrap()))
                }
                Value::Object(op) => panic!("a filter operator this test does not know: {op:?}"),
                literal => value == literal,
            }),
            other => panic!("a pattern's leaves are lists: {other}"),
        }
    })
}

fn attribute(value: &AttributeValue) -> Value {
    match value {
        AttributeValue::S(s) => json!({"S": s}),
        AttributeValue::N(n) => json!({"N": n}),
        other => panic!("a key is a string or a number: {other:?}"),
    }
}

/// Every record of the table's stream, from the start of each shard, as Lambda hands it on.
async fn stream_records(backend: &Backend) -> Vec<Value> {
    let (clients, settings) = (backend.aws_clients().expect("on moto"), backend.aws_settings().unwrap());
    let table = clients.dynamodb.describe_table().table_name(&settings.store.table_name).send().await.unwrap();
    let arn = table.table.and_then(|t| t.latest_stream_arn).expect("the table has a stream");
    let streams = aws_sdk_dynamodbstreams::Client::new(&moto::sdk_config().await);
    let description = streams.describe_stream().stream_arn(&arn).send().await.unwrap().stream_description.unwrap();
    assert_eq!(description.stream_view_type.map(|v| v.as_str().to_string()).as_deref(), Some("KEYS_ONLY"));
    let mut records = Vec::new();
    for shard in description.shards.unwrap_or_default() {
        let mut iterator = streams
            .get_shard_iterator()
            .stream_arn(&arn)
            .shard_id(shard.shard_id.unwrap())
            .shard_iterator_type(ShardIteratorType::TrimHorizon)
            .send()
            .await
            .unwrap()
            .shard_iterator;
        while let Some(current) = iterator {
            let page = streams.get_records().shard_iterator(current).send().await.unwrap();
            let got = page.records.unwrap_or_default();
            if got.is_empty() {
                break;
            }
            for record in got {
                let change = record.dynamodb.expect("a change");
                assert!(change.new_image.is_none() && change.old_image.is_none(), "keys only: {change:?}");
                let keys: serde_json::Map<String, Value> = change
                    .keys
                    .unwrap_or_default()
                    .iter()
                    .map(|(name, value)| (name.clone(), attribute(value)))
                    .collect();
                records.push(json!({
                    "eventID": record.event_id,
                    "eventName": record.event_name.map(|n| n.as_str().to_string()),
                    "eventVersion": "1.1",
                    "eventSource": "aws:dynamodb",
                    "awsRegion": "eu-west-2",
                    "eventSourceARN": arn,
                    "dynamodb": {
                        "Keys": keys,
                        "SequenceNumber": change.sequence_number,
                        "SizeBytes": change.size_bytes,
                        "StreamViewType": "KEYS_ONLY",
                    },
                }));
            }
            iterator = page.next_shard_iterator;
        }
    }
    records
}

fn batch(records: Vec<Value>) -> aws_lambda_events::event::dynamodb::Event {
    serde_json::from_value(json!({ "Records": records })).expect("Lambda's stream event")
}

#[tokio::test]
async fn a_report_reaches_the_dispatcher_through_moto_s_stream_as_its_outbox_row_alone() {
    let backend = Backend::moto().await;
    let filter = dispatcher_filter();
    let mut report = event_json("report-full.json");
    report["contact"]["name"] = json!("Planted Streamname");
    report["contact"]["email"] = json!("planted.stream@example.org");
    report["incident"]["description"] = json!("Planted stream narrative 5d1e.");
    let answer = post_json(&backend, &report.to_string()).await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.json);
    let reference = answer.json["reference"].as_str().unwrap().to_string();

    let written = stream_records(&backend).await;
    let text = serde_json::to_string(&written).unwrap();
    for planted in ["Planted Streamname", "planted.stream@example.org", "Planted stream narrative 5d1e"] {
        assert!(!text.contains(planted), "{planted} is in the stream");
    }
    let passed: Vec<Value> = written.iter().filter(|r| passes(&filter, r)).cloned().collect();
    assert!(written.len() > passed.len(), "the report's other items are in the stream too");
    assert_eq!(passed.len(), 1, "only the outbox row's insert passes: {passed:?}");
    assert_eq!(passed[0]["dynamodb"]["Keys"]["pk"]["S"], json!(format!("CASE#{reference}")));

    let response = oys_lambda::stream::handle_stream_batch(&backend.services, batch(passed.clone())).await;
    assert!(response.batch_item_failures.is_empty(), "{response:?}");
    // Lambda retrying the same batch (or bisecting it) sends nothing more.
    let again = oys_lambda::stream::handle_stream_batch(&backend.services, batch(passed)).await;
    assert!(again.batch_item_failures.is_empty(), "{again:?}");

    // What the dispatch wrote (deliveries recorded, the effect, the row deleted) is in the
    // stream, and none of it passes the filter: the dispatcher does not invoke itself.
    let seen: BTreeSet<String> = written.iter().map(|r| r["eventID"].as_str().unwrap().to_string()).collect();
    let after: Vec<Value> =
        stream_records(&backend).await.into_iter().filter(|r| !seen.contains(r["eventID"].as_str().unwrap())).collect();
    assert!(after.iter().any(|r| r["eventName"] == "REMOVE"), "the row's delete: {after:?}");
    assert!(after.iter().all(|r| !passes(&filter, r)), "{after:?}");

    // Delivered once: the operators' alert, and one message on each route.
    assert!(backend.services.reports.outbox(jiff::Timestamp::MAX, 10).await.unwrap().is_empty(), "row cleared");
    let alerts = backend.emails().await.into_iter().filter(|e| e.subject.contains(&reference)).count();
    assert_eq!(alerts, 1, "one operators' alert");
    for route in [oys_shared::routing::Route::PoliceReferral, oys_shared::routing::Route::AdvocateAssignment] {
        assert_eq!(backend.drain(route).await.len(), 1, "{route}: one message");
    }
}

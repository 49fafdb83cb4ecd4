//! A fake AWS endpoint for DynamoDB, SQS and SES that answers at once and counts each call by
//! operation. It keeps what is put into the table (so a worker finds the report the submission
//! stored) and the messages sent (so the workers can be fed them); every condition passes,
//! updates are accepted and not applied, queries find nothing. Not an emulator: it is there so
//! the time measured is the function's, not moto's (which slows as its table grows).

use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use serde_json::{json, Value};

use crate::http::{Request, Response};

#[derive(Default)]
pub struct FakeAws {
    pub calls: Mutex<BTreeMap<String, u64>>,
    items: Mutex<HashMap<(String, String), Value>>,
    /// (queue URL, body) of every SendMessage, in order.
    pub sent_messages: Mutex<Vec<(String, String)>>,
    /// The keys of every outbox row written, in order: what the table's stream would carry.
    pub outbox_rows: Mutex<Vec<(String, String)>>,
    /// How long each answer waits, in milliseconds: a stand-in for the network round trip a
    /// function in AWS pays per call (0: answer at once).
    latency_ms: AtomicU64,
}

impl FakeAws {
    pub fn set_latency(&self, latency: std::time::Duration) {
        self.latency_ms.store(latency.as_millis() as u64, Ordering::Relaxed);
    }

    pub fn latency(&self) -> std::time::Duration {
        std::time::Duration::from_millis(self.latency_ms.load(Ordering::Relaxed))
    }

    pub fn calls(&self) -> BTreeMap<String, u64> {
        self.calls.lock().unwrap().clone()
    }

    pub fn answer(self: &Arc<Self>, request: Request) -> Response {
        if let Some(target) = request.headers.get("x-amz-target") {
            let (service, operation) = target.split_once('.').unwrap_or((target, ""));
            let body: Value = serde_json::from_slice(&request.body).unwrap_or(Value::Null);
            if service.starts_with("DynamoDB") {
                self.count("DynamoDB", operation);
                return Response::new(200, "application/x-amz-json-1.0", self.dynamodb(operation, &body).to_string());
            }
            self.count("SQS", operation);
            return Response::new(200, "application/x-amz-json-1.0", self.sqs(operation, &body).to_string());
        }
        // SES speaks the query protocol: a form body naming the action.
        let action = form_urlencoded_value(&request.body, "Action").unwrap_or_default();
        self.count("SES", &action);
        let result = match action.as_str() {
            "SendRawEmail" | "SendEmail" => format!("<MessageId>{}</MessageId>", uuid::Uuid::new_v4()),
            "GetSendQuota" => {
                "<Max24HourSend>50000</Max24HourSend><MaxSendRate>14</MaxSendRate><SentLast24Hours>0</SentLast24Hours>"
                    .into()
            }
            _ => String::new(),
        };
        let xml = format!(
            "<{action}Response xmlns=\"http://ses.amazonaws.com/doc/2010-12-01/\"><{action}Result>{result}</{action}Result>\
             <ResponseMetadata><RequestId>{}</RequestId></ResponseMetadata></{action}Response>",
            uuid::Uuid::new_v4()
        );
        Response::new(200, "text/xml", xml)
    }

    fn count(&self, service: &str, operation: &str) {
        *self.calls.lock().unwrap().entry(format!("{service} {operation}")).or_default() += 1;
    }

    fn dynamodb(&self, operation: &str, body: &Value) -> Value {
        let mut items = self.items.lock().unwrap();
        match operation {
            "PutItem" => {
                if let Some(key) = key_of(&body["Item"]) {
                    items.insert(key, body["Item"].clone());
                }
                json!({})
            }
            "TransactWriteItems" => {
                for item in body["TransactItems"].as_array().into_iter().flatten() {
                    if let Some(key) = key_of(&item["Put"]["Item"]) {
                        if key.1.starts_with("OUTBOX#") {
                            self.outbox_rows.lock().unwrap().push(key.clone());
                        }
                        items.insert(key, item["Put"]["Item"].clone());
                    }
                    if let Some(key) = key_of(&item["Delete"]["Key"]) {
                        items.remove(&key);
                    }
                }
                json!({})
            }
            "DeleteItem" => {
                if let Some(key) = key_of(&body["Key"]) {
                    items.remove(&key);
                }
                json!({})
            }
            "GetItem" => match key_of(&body["Key"]).and_then(|key| items.get(&key)) {
                Some(item) => json!({ "Item": item }),
                None => json!({}),
            },
            "BatchGetItem" => {
                let mut responses = serde_json::Map::new();
                for (table, request) in body["RequestItems"].as_object().into_iter().flatten() {
                    let found: Vec<Value> = request["Keys"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(|key| key_of(key).and_then(|key| items.get(&key)).cloned())
                        .collect();
                    responses.insert(table.clone(), Value::Array(found));
                }
                json!({ "Responses": responses, "UnprocessedKeys": {} })
            }
            "Query" | "Scan" => json!({ "Items": [], "Count": 0, "ScannedCount": 0 }),
            "DescribeTable" => json!({ "Table": { "TableName": body["TableName"], "TableStatus": "ACTIVE" } }),
            _ => json!({}),
        }
    }

    fn sqs(&self, operation: &str, body: &Value) -> Value {
        match operation {
            "SendMessage" => {
                let url = body["QueueUrl"].as_str().unwrap_or_default().to_string();
                let message = body["MessageBody"].as_str().unwrap_or_default().to_string();
                self.sent_messages.lock().unwrap().push((url, message));
                json!({ "MessageId": uuid::Uuid::new_v4().to_string() })
            }
            "GetQueueAttributes" => json!({ "Attributes": {} }),
            _ => json!({}),
        }
    }
}

/// The table key (`pk`, `sk`) of an item or key in DynamoDB's JSON.
fn key_of(item: &Value) -> Option<(String, String)> {
    Some((item["pk"]["S"].as_str()?.to_string(), item["sk"]["S"].as_str()?.to_string()))
}

fn form_urlencoded_value(body: &[u8], name: &str) -> Option<String> {
    std::str::from_utf8(body).ok()?.split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=')?;
        (key == name).then(|| value.to_string())
    })
}

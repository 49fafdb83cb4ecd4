//! Each function's IAM policy, as `infra/template.yaml` writes it, enforced on every AWS call
//! the function makes on every route its router serves and every event it takes.
//!
//! moto's own IAM enforcement cannot stand in: it matches actions only with `Resource: "*"` and
//! checks a transaction as one action. So the calls are recorded on the wire (an SDK
//! interceptor), each turned into the IAM action(s) and resource ARN(s) AWS authorises it by
//! (a transaction needs each part's item action on its table; a query of an index needs the
//! index's ARN), and evaluated against the function's own statements after `!Ref`, `!GetAtt`
//! and `!Sub` are resolved to the resources the test created. Coverage is derived, not listed:
//! the routes come from the routers' source (`.route(…)` calls) filtered by the API events the
//! template gives the function, and every function in the template must have its events run.
//! Least privilege is checked the other way round: removing any one action or resource from a
//! function's policy must deny a call the test made.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use serde_json::json;
use serde_norway::Value;
use tower::ServiceExt;

use crate::support::{event, moto, Backend};

const TEMPLATE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/infra/template.yaml");
const HTTP_SOURCES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/web/src");
/// moto's account and the tests' region: the ARNs on both sides of the evaluation use them.
const ACCOUNT: &str = "123456789012";
const REGION: &str = "eu-west-2";
/// The name given to the template's `EmailConfigurationSet` here. SES applies the sender
/// identity's default configuration set to every email, and authorises the send on it too.
const CONFIGURATION_SET: &str = "on-your-side-emails";

/// One authorisation AWS makes for a request: an action on a resource.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Authorisation {
    action: String,
    resource: String,
}

/// Records, while switched on, the authorisations every AWS request on the wire needs.
#[derive(Clone, Debug, Default)]
struct Recorder {
    seen: Arc<Mutex<BTreeSet<Authorisation>>>,
    on: Arc<AtomicBool>,
}

impl Recorder {
    fn record(&self, on: bool) {
        self.on.store(on, Ordering::SeqCst);
    }
    fn take(&self) -> BTreeSet<Authorisation> {
        std::mem::take(&mut self.seen.lock().unwrap())
    }
}

fn table_arn(name: &str) -> String {
    format!("arn:aws:dynamodb:{REGION}:{ACCOUNT}:table/{name}")
}

fn queue_arn(url: &str) -> String {
    let mut parts = url.trim_end_matches('/').rsplit('/');
    let name = parts.next().unwrap_or_default();
    let account = parts.next().unwrap_or(ACCOUNT);
    format!("arn:aws:sqs:{REGION}:{account}:{name}")
}

/// What AWS authorises a request by: action and resource for each part it checks.
fn authorisations(target: Option<&str>, body: &str) -> Vec<Authorisation> {
    let auth = |action: &str, resource: String| Authorisation { action: action.to_string(), resource };
    let Some(target) = target else {
        // SES's query protocol: the identity of `Source`, and the identity's default configuration set.
        let params: BTreeMap<String, String> = form_urlencoded::parse(body.as_bytes()).into_owned().collect();
        let action = format!("ses:{}", params.get("Action").map_or("unknown", String::as_str));
        return match params.get("Source") {
            Some(source) => vec![
                auth(&action, format!("arn:aws:ses:{REGION}:{ACCOUNT}:identity/{source}")),
                auth(&action, format!("arn:aws:ses:{REGION}:{ACCOUNT}:configuration-set/{CONFIGURATION_SET}")),
            ],
            None => vec![auth(&action, "*".into())],
        };
    };
    let parsed: serde_json::Value = serde_json::from_str(body).unwrap_or_default();
    let (service, operation) = target.split_once('.').unwrap_or(("", target));
    if !service.starts_with("DynamoDB") {
        let action = format!("sqs:{operation}");
        return vec![auth(&action, queue_arn(parsed["QueueUrl"].as_str().unwrap_or_default()))];
    }
    let action = format!("dynamodb:{operation}");
    match operation {
        // A transaction needs the item-level permission of each of its parts, on its table.
        "TransactWriteItems" | "TransactGetItems" => parsed["TransactItems"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|item| item.as_object().into_iter().flatten())
            .map(|(part, body)| {
                let item_action = match part.as_str() {
                    "Put" => "PutItem",
                    "Update" => "UpdateItem",
                    "Delete" => "DeleteItem",
                    "ConditionCheck" => "ConditionCheckItem",
                    "Get" => "GetItem",
                    other => panic!("unknown transaction part {other}"),
                };
                auth(&format!("dynamodb:{item_action}"), table_arn(body["TableName"].as_str().unwrap_or_default()))
            })
            .collect(),
        "BatchGetItem" | "BatchWriteItem" => parsed["RequestItems"]
            .as_object()
            .into_iter()
            .flatten()
            .map(|(table, _)| auth(&action, table_arn(table)))
            .collect(),
        _ => {
            let table = table_arn(parsed["TableName"].as_str().unwrap_or_default());
            let resource = match parsed["IndexName"].as_str() {
                Some(index) => format!("{table}/index/{index}"),
                None => table,
            };
            vec![auth(&action, resource)]
        }
    }
}

impl aws_sdk_dynamodb::config::Intercept for Recorder {
    fn name(&self) -> &'static str {
        "IamRecorder"
    }

    fn read_before_transmit(
        &self,
        context: &aws_sdk_dynamodb::config::interceptors::BeforeTransmitInterceptorContextRef<'_>,
        _components: &aws_sdk_dynamodb::config::RuntimeComponents,
        _cfg: &mut aws_sdk_dynamodb::config::ConfigBag,
    ) -> Result<(), aws_sdk_dynamodb::error::BoxError> {
        if self.on.load(Ordering::SeqCst) {
            let request = context.request();
            let body = String::from_utf8_lossy(request.body().bytes().unwrap_or_default()).into_owned();
            let target = request.headers().get("x-amz-target");
            self.seen.lock().unwrap().extend(authorisations(target, &body));
        }
        Ok(())
    }
}

// ---- the template ------------------------------------------------------------------------

fn template() -> Value {
    serde_norway::from_str(&std::fs::read_to_string(TEMPLATE).unwrap()).expect("the template is YAML")
}

/// The functions of the template: binary → properties.
fn functions(template: &Value) -> BTreeMap<String, Value> {
    template["Resources"]
        .as_mapping()
        .unwrap()
        .values()
        .filter(|body| body["Type"] == "AWS::Serverless::Function")
        .map(|body| {
            let binary = body["Metadata"]["BuildProperties"]["Binary"].as_str().expect("BuildProperties.Binary");
            (binary.to_string(), body["Properties"].clone())
        })
        .collect()
}

/// What the template's names stand for in this test's account.
struct Names {
    table: String,
    police_queue_url: String,
    advocate_queue_url: String,
    sender: String,
}

impl Names {
    /// `!Ref name` / `!GetAtt name.attribute` / `${…}` in a `!Sub`.
    fn resolve(&self, name: &str) -> String {
        let queue = |url: &str, attribute: Option<&str>| match attribute {
            Some("Arn") => queue_arn(url),
            _ => url.to_string(),
        };
        let (resource, attribute) = match name.split_once('.') {
            Some((resource, attribute)) => (resource, Some(attribute)),
            None => (name, None),
        };
        match (resource, attribute) {
            ("AWS::Partition", None) => "aws".into(),
            ("AWS::Region", None) => REGION.into(),
            ("AWS::AccountId", None) => ACCOUNT.into(),
            ("ReportsTable", Some("Arn")) => table_arn(&self.table),
            ("ReportsTable", Some("StreamArn")) => format!("{}/stream/2026-12-05T00:00:00.000", table_arn(&self.table)),
            ("OutboxDispatchFailures", Some("Arn")) => {
                format!("arn:aws:sqs:{REGION}:{ACCOUNT}:outbox-dispatch-failures")
            }
            ("ReportsTable", None) => self.table.clone(),
            ("PoliceReferralQueue", attribute) => queue(&self.police_queue_url, attribute),
            ("AdvocateAssignmentQueue", attribute) => queue(&self.advocate_queue_url, attribute),
            ("AlertSenderAddress", None) => self.sender.clone(),
            ("EmailConfigurationSet", None) => CONFIGURATION_SET.into(),
            ("DataKey", Some("Arn")) => format!("arn:aws:kms:{REGION}:{ACCOUNT}:key/data-key"),
            (other, attribute) => panic!("the IAM test cannot resolve {other} {attribute:?}: add it to Names::resolve"),
        }
    }

    fn value(&self, value: &Value) -> String {
        match value {
            Value::String(text) => text.clone(),
            Value::Tagged(tagged) => {
                let argument = tagged.value.as_str().expect("a scalar argument");
                match tagged.tag.to_string().as_str() {
                    "!Ref" | "!GetAtt" => self.resolve(argument),
                    "!Sub" => substitute(argument, |name| self.resolve(name)),
                    other => panic!("the IAM test cannot resolve {other}"),
                }
            }
            other => panic!("unexpected policy value {other:?}"),
        }
    }
}

fn substitute(text: &str, resolve: impl Fn(&str) -> String) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("${") {
        out.push_str(&rest[..start]);
        let end = rest[start..].find('}').expect("a closed ${…}") + start;
        out.push_str(&resolve(&rest[start + 2..end]));
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

/// An `Allow` statement, resolved.
#[derive(Debug, Clone)]
struct Statement {
    actions: Vec<String>,
    resources: Vec<String>,
}

fn list(value: &Value) -> Vec<&Value> {
    match value {
        Value::Sequence(items) => items.iter().collect(),
        other => vec![other],
    }
}

fn statements(properties: &Value, names: &Names) -> Vec<Statement> {
    let mut out = Vec::new();
    // No `Policies`: SAM's basic execution role, logs only (the Cognito trigger).
    for policy in properties["Policies"].as_sequence().into_iter().flatten() {
        for statement in policy["Statement"].as_sequence().unwrap() {
            assert_eq!(statement["Effect"], "Allow", "only Allow statements are modelled");
            // A condition would narrow what is allowed; the evaluator would have to model it.
            assert!(statement["Condition"].is_null(), "the IAM test does not model conditions yet");
            out.push(Statement {
                actions: list(&statement["Action"]).into_iter().map(|a| a.as_str().unwrap().to_string()).collect(),
                resources: list(&statement["Resource"]).into_iter().map(|r| names.value(r)).collect(),
            });
        }
    }
    out
}

/// IAM's wildcard match (`*` any run, `?` one character), case-sensitive as for ARNs.
fn matches(pattern: &str, text: &str) -> bool {
    fn go(p: &[u8], t: &[u8]) -> bool {
        match (p.first(), t.first()) {
            (None, None) => true,
            (Some(b'*'), _) => go(&p[1..], t) || (!t.is_empty() && go(p, &t[1..])),
            (Some(b'?'), Some(_)) => go(&p[1..], &t[1..]),
            (Some(a), Some(b)) if a == b => go(&p[1..], &t[1..]),
            _ => false,
        }
    }
    go(pattern.as_bytes(), text.as_bytes())
}

fn allowed(statements: &[Statement], needed: &Authorisation) -> bool {
    statements.iter().any(|s| {
        s.actions.iter().any(|a| matches(&a.to_lowercase(), &needed.action.to_lowercase()))
            && s.resources.iter().any(|r| matches(r, &needed.resource))
    })
}

fn denials(statements: &[Statement], needed: &BTreeSet<Authorisation>) -> Vec<String> {
    needed.iter().filter(|n| !allowed(statements, n)).map(|n| format!("{} on {}", n.action, n.resource)).collect()
}

/// Resources only AWS uses on the function's behalf, never its code: the stream its event
/// source reads, and the queue that source hands records it gave up on. Grants on them alone
/// cannot be proven by the calls the code makes.
fn on_its_behalf(properties: &Value, names: &Names) -> BTreeSet<String> {
    let mut resources = BTreeSet::new();
    for (_, event) in properties["Events"].as_mapping().into_iter().flatten() {
        if event["Type"] == "DynamoDB" {
            resources.insert(names.value(&event["Properties"]["Stream"]));
            resources.insert(names.value(&event["Properties"]["DestinationConfig"]["OnFailure"]["Destination"]));
        }
    }
    resources
}

/// Actions AWS services use on the function's behalf, which its own code never calls: the SQS
/// event source's polling, and KMS for the encrypted table, queues and logs.
fn used_on_its_behalf(action: &str, takes_sqs_events: bool) -> bool {
    action.starts_with("kms:")
        || (takes_sqs_events
            && matches!(
                action,
                "sqs:ReceiveMessage" | "sqs:DeleteMessage" | "sqs:ChangeMessageVisibility" | "sqs:GetQueueAttributes"
            ))
}

/// Every grant that can be taken away without denying a call the function made.
fn needless_grants(
    statements: &[Statement],
    needed: &BTreeSet<Authorisation>,
    takes_sqs_events: bool,
    behalf: &BTreeSet<String>,
) -> Vec<String> {
    let mut needless = Vec::new();
    for (i, statement) in statements.iter().enumerate() {
        if statement.resources.iter().all(|r| behalf.contains(r)) {
            continue;
        }
        for (j, action) in statement.actions.iter().enumerate() {
            if used_on_its_behalf(action, takes_sqs_events) {
                continue;
            }
            let mut fewer = statements.to_vec();
            fewer[i].actions.remove(j);
            if denials(&fewer, needed).is_empty() {
                needless.push(format!("action {action}"));
            }
        }
        if statement.actions.iter().all(|a| used_on_its_behalf(a, takes_sqs_events)) {
            continue;
        }
        for (j, resource) in statement.resources.iter().enumerate() {
            let mut fewer = statements.to_vec();
            fewer[i].resources.remove(j);
            if denials(&fewer, needed).is_empty() {
                needless.push(format!("resource {resource} for {:?}", statement.actions));
            }
        }
    }
    needless
}

// ---- what the routers serve --------------------------------------------------------------

/// The routes a router file registers (method, path).
fn routes_in(file: &str) -> BTreeSet<(String, String)> {
    crate::support::routes::in_source(&std::fs::read_to_string(format!("{HTTP_SOURCES}/{file}")).unwrap())
}

/// A router file's routes and those of the routers it merges.
fn router_routes(file: &str) -> BTreeSet<(String, String)> {
    let source = std::fs::read_to_string(format!("{HTTP_SOURCES}/{file}")).unwrap();
    let mut routes = routes_in(file);
    for (merged, merged_file) in
        [("form_routes(", "form.rs"), ("stats_routes(", "stats.rs"), ("console_routes(", "console/mod.rs")]
    {
        if file != merged_file && source.contains(merged) {
            routes.extend(routes_in(merged_file));
        }
    }
    routes
}

/// Whether an API event's path (`/v1/{proxy+}`, `/health`) forwards a route's path.
fn forwards(event_path: &str, route: &str) -> bool {
    match event_path.strip_suffix("{proxy+}") {
        Some(prefix) => route.starts_with(prefix) && route.len() > prefix.len(),
        None => event_path == route,
    }
}

/// The routes a function serves in AWS: its router's routes that its API events forward.
fn served_routes(properties: &Value, router_file: &str) -> BTreeSet<(String, String)> {
    let events: Vec<(String, String)> = properties["Events"]
        .as_mapping()
        .into_iter()
        .flatten()
        .filter(|(_, e)| e["Type"] == "Api" || e["Type"] == "HttpApi")
        .map(|(_, e)| {
            let p = &e["Properties"];
            (p["Method"].as_str().unwrap().to_uppercase(), p["Path"].as_str().unwrap().to_string())
        })
        .collect();
    router_routes(router_file)
        .into_iter()
        .filter(|(method, path)| events.iter().any(|(m, p)| (m == "ANY" || m == method) && forwards(p, path)))
        .collect()
}

fn event_types(properties: &Value) -> BTreeSet<String> {
    properties["Events"]
        .as_mapping()
        .into_iter()
        .flatten()
        .map(|(_, e)| e["Type"].as_str().unwrap().to_string())
        .collect()
}

// ---- exercising the functions ------------------------------------------------------------

/// AWS clients on moto whose every request goes through the recorder.
async fn recording_clients(recorder: &Recorder) -> oys_aws::AwsClients {
    let main = moto::sdk_config().await;
    let mail = moto::sdk_config_for(moto::mail_server()).await;
    oys_aws::AwsClients {
        dynamodb: aws_sdk_dynamodb::Client::from_conf(
            aws_sdk_dynamodb::config::Builder::from(&main).interceptor(recorder.clone()).build(),
        ),
        sqs: aws_sdk_sqs::Client::from_conf(
            aws_sdk_sqs::config::Builder::from(&main).interceptor(recorder.clone()).build(),
        ),
        ses: aws_sdk_ses::Client::from_conf(
            aws_sdk_ses::config::Builder::from(&mail).interceptor(recorder.clone()).build(),
        ),
    }
}

struct Answer {
    status: StatusCode,
    body: String,
}

async fn send(router: &axum::Router, request: Request<Body>) -> Answer {
    let response = router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
    Answer { status, body: String::from_utf8_lossy(&bytes).into_owned() }
}

fn request(method: &str, path: &str, token: Option<&str>) -> axum::http::request::Builder {
    let builder = Request::builder().method(method).uri(path);
    match token {
        Some(token) => builder.header(header::AUTHORIZATION, format!("Bearer {token}")),
        None => builder,
    }
}

fn json_request(method: &str, path: &str, token: Option<&str>, body: serde_json::Value) -> Request<Body> {
    request(method, path, token)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_string()))
        .unwrap()
}

fn form_request(path: &str, token: Option<&str>, fields: &[(&str, &str)]) -> Request<Body> {
    let body = form_urlencoded::Serializer::new(String::new()).extend_pairs(fields).finish();
    request("POST", path, token)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(body))
        .unwrap()
}

/// A report through the public API: its reference and follow-up receipt.
async fn anonymous_report(router: &axum::Router) -> (String, String) {
    let answer = send(
        router,
        json_request("POST", "/v1/reports", None, serde_json::from_str(&event("report-anonymous.json")).unwrap()),
    )
    .await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.body);
    let json: serde_json::Value = serde_json::from_str(&answer.body).unwrap();
    (json["reference"].as_str().unwrap().to_string(), json["follow_up_receipt"].as_str().unwrap().to_string())
}

/// Runs a route as a person or client would use it: the successful path and, where the use
/// case reads the store before refusing, a refusal too. A route without a recipe fails the
/// test, so a new route cannot be left out.
async fn exercise(
    function: &str,
    router: &axum::Router,
    recorder: &Recorder,
    token: Option<&str>,
    (method, path): &(String, String),
    case: &str,
) {
    let minimum_form = crate::support::minimum_form("Shouted at on the bus.");
    let expect = |answer: Answer, ok: &[StatusCode]| {
        assert!(
            ok.contains(&answer.status),
            "{function} {method} {path}: {} {}",
            answer.status,
            answer.body.chars().take(300).collect::<String>()
        );
        answer
    };
    let ok = [StatusCode::OK, StatusCode::CREATED, StatusCode::SEE_OTHER, StatusCode::FOUND];
    match (method.as_str(), path.as_str()) {
        (
            "GET",
            "/"
            | "/health"
            | "/{lang}/"
            | "/{lang}/privacy"
            | "/{lang}/follow-up"
            | "/stats"
            | "/{lang}/stats"
            | "/{lang}/stats/method"
            | "/v1/stats"
            | "/v1/stats.csv",
        )
        | ("GET", "/assets/form.css" | "/assets/form.js") => {
            let concrete = path.replace("{lang}", "en");
            expect(send(router, request("GET", &concrete, token).body(Body::empty()).unwrap()).await, &ok);
        }
        ("GET", "/assets/{asset}") => {
            // The content-hashed names the pages link.
            let form = send(router, request("GET", "/en/", token).body(Body::empty()).unwrap()).await;
            let linked: Vec<String> = form
                .body
                .split("assets/")
                .skip(1)
                .map(|rest| rest.split('"').next().unwrap().to_string())
                .filter(|name| name.starts_with("form.") && name.matches('.').count() == 2)
                .collect();
            assert!(!linked.is_empty(), "the form links its hashed assets");
            for name in linked {
                expect(
                    send(router, request("GET", &format!("/assets/{name}"), token).body(Body::empty()).unwrap()).await,
                    &ok,
                );
            }
        }
        ("POST", "/v1/reports") => {
            let mut body: serde_json::Value = serde_json::from_str(&event("report-full.json")).unwrap();
            if token.is_some() {
                body["channel"] = json!("phone");
            }
            // A report and its idempotent repeat.
            for _ in 0..2 {
                let mut req = json_request("POST", "/v1/reports", token, body.clone());
                req.headers_mut().insert("idempotency-key", format!("iam-{function}").parse().unwrap());
                expect(send(router, req).await, &[StatusCode::CREATED, StatusCode::OK]);
            }
        }
        ("POST", "/{lang}/") => {
            let mut fields = minimum_form.to_vec();
            let key = format!("iam-form-{function}");
            fields.push(("form_key", &key));
            for _ in 0..2 {
                expect(send(router, form_request("/en/", token, &fields)).await, &ok);
            }
        }
        ("GET", "/{lang}/sent") => {
            // Without the cookie: nothing to show. With a sent form's cookie: the confirmation,
            // its next steps read from the stored report.
            expect(send(router, request("GET", "/en/sent", token).body(Body::empty()).unwrap()).await, &ok);
            recorder.record(false);
            let mut fields = minimum_form.to_vec();
            let key = format!("iam-sent-{function}");
            fields.push(("form_key", &key));
            let mut sent = form_request("/en/", token, &fields);
            sent.headers_mut().insert(header::COOKIE, "oys-cookies=1".parse().unwrap());
            let response = router.clone().oneshot(sent).await.unwrap();
            assert_eq!(response.status(), StatusCode::SEE_OTHER);
            let cookie =
                response.headers()[header::SET_COOKIE].to_str().unwrap().split(';').next().unwrap().to_string();
            recorder.record(true);
            let confirmation =
                request("GET", "/en/sent", token).header(header::COOKIE, cookie).body(Body::empty()).unwrap();
            let answer = expect(send(router, confirmation).await, &ok);
            assert!(answer.body.contains("class=\"next-steps\""), "the next steps were read");
        }
        ("POST", "/{lang}/check") => {
            expect(send(router, form_request("/en/check", token, &minimum_form)).await, &ok);
        }
        ("POST", "/v1/follow-ups" | "/{lang}/follow-up") if token.is_some() => {
            // Forwarded by the operator API, but a reporter's route: staff credentials are refused.
            let answer = send(router, json_request("POST", path, token, json!({}))).await;
            expect(answer, &[StatusCode::UNAUTHORIZED]);
        }
        ("POST", "/v1/follow-ups" | "/{lang}/follow-up") => {
            recorder.record(false);
            let (reference, receipt) = anonymous_report(router).await;
            recorder.record(true);
            let form = path != "/v1/follow-ups";
            let follow_up = |receipt: &str, fields: Vec<(&'static str, &'static str)>| {
                let mut all: Vec<(&str, &str)> = vec![("reference", &reference), ("receipt", receipt)];
                all.extend(fields);
                if form {
                    form_request("/en/follow-up", token, &all)
                } else {
                    let body: serde_json::Map<String, serde_json::Value> =
                        all.iter().map(|(k, v)| (k.to_string(), json!(v))).collect();
                    json_request("POST", "/v1/follow-ups", token, serde_json::Value::Object(body))
                }
            };
            // Added information and an advocate asked for; then a wrong receipt.
            let added = [StatusCode::OK, StatusCode::CREATED, StatusCode::SEE_OTHER];
            expect(send(router, follow_up(&receipt, vec![("information", "More words.")])).await, &added);
            expect(send(router, follow_up(&receipt, vec![("advocate_phone", "07700 900 123")])).await, &added);
            let wrong = receipt.chars().rev().collect::<String>();
            expect(
                send(router, follow_up(&wrong, vec![("information", "x")])).await,
                &[StatusCode::FORBIDDEN, StatusCode::OK, StatusCode::UNPROCESSABLE_ENTITY],
            );
        }
        ("GET", "/v1/cases" | "/v1/cases/{reference}") => {
            // As an operator, and as the advocate of the partner the case was shared with (their
            // own index).
            let concrete = path.replace("{reference}", case);
            for token in [token, Some("local-advocate-example-north-west-token")] {
                expect(send(router, request("GET", &concrete, token).body(Body::empty()).unwrap()).await, &ok);
            }
        }
        ("GET", "/v1/cases/{reference}/export" | "/v1/cases/{reference}/audit") => {
            // As a lead: the audit trail is theirs, and a lead's export carries it.
            let concrete = path.replace("{reference}", case);
            let lead = Some("local-lead-token");
            expect(send(router, request("GET", &concrete, lead).body(Body::empty()).unwrap()).await, &ok);
        }
        ("POST", "/v1/cases/{reference}/events") => {
            let concrete = path.replace("{reference}", case);
            for body in [
                json!({"type": "call_made", "outcome": "reached"}),
                json!({"type": "assignment_confirmed", "partner_id": "example-north-west"}),
                json!({"type": "share_consent_given", "partner_id": "example-north-west", "channel": "phone", "privacy_notice_version": "2026-01"}),
            ] {
                expect(send(router, json_request("POST", &concrete, token, body)).await, &ok);
            }
        }
        ("POST", "/v1/cases/{reference}/erase") => {
            // Erased last (the recipes run in route order, and `erase` sorts after the others).
            let concrete = path.replace("{reference}", case);
            expect(send(router, request("POST", &concrete, token).body(Body::empty()).unwrap()).await, &ok);
        }
        (_, console) if console.starts_with("/staff") => {
            // Signed in as the local operator (each route with a fresh session, so sign-out
            // ends only its own); a form carries the session's token.
            // The lead: every page, the lead's own included, reaches what it reads.
            let (cookie, csrf) = crate::support::console::local_session(router, "lead.local").await;
            let concrete = console
                .replace("{reference}", case)
                .replace("{action}", "note")
                .replace("{asset}", "console.css")
                .replace("{*rest}", "elsewhere");
            // A report by phone: the whole form, so its intake's calls are made.
            let new_report = concrete == "/staff/new-report";
            let uri = if new_report && method == "GET" { format!("{concrete}?channel=phone") } else { concrete };
            let mut builder = Request::builder()
                .method(method.as_str())
                .uri(&uri)
                .header("cookie", cookie)
                .header("sec-fetch-site", "same-origin");
            let body = if method == "POST" {
                builder = builder.header("content-type", "application/x-www-form-urlencoded");
                if new_report {
                    Body::from(format!(
                        "csrf={csrf}&channel=phone&incident.occurred_on=2026-11-20&incident.types=verbal_abuse\
                         &incident.description=Shouted+at&incident.location.postcode=M1+1AE&reporter.role=victim\
                         &consent.police=with_contact_details&consent.advocate_support=true\
                         &contact.phone=07700+900123&consent.privacy_notice_version=2026-01"
                    ))
                } else {
                    Body::from(format!("csrf={csrf}&text=A+note"))
                }
            } else {
                Body::empty()
            };
            // Not found: the callback without an issuer, an unknown page or asset.
            let ok = [StatusCode::OK, StatusCode::SEE_OTHER, StatusCode::NOT_FOUND];
            expect(send(router, builder.body(body).unwrap()).await, &ok);
        }
        _ => panic!(
            "{function} serves {method} {path}, which the IAM test does not exercise: add a recipe to `exercise`"
        ),
    }
}

/// What each function needs authorised, recorded while it ran every route and event it takes.
/// The table stream's event (keys only) for new outbox rows, as Lambda hands it to the dispatcher.
fn stream_event_of(rows: &[oys_application::ports::OutboxRow]) -> aws_lambda_events::event::dynamodb::Event {
    let records: Vec<serde_json::Value> = rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let (pk, sk) = oys_aws::outbox_keys(row);
            json!({
                "eventID": i.to_string(), "eventName": "INSERT", "eventSource": "aws:dynamodb", "awsRegion": REGION,
                "dynamodb": {"Keys": {"pk": {"S": pk}, "sk": {"S": sk}}, "SequenceNumber": (100 + i).to_string(), "SizeBytes": 120, "StreamViewType": "KEYS_ONLY"}
            })
        })
        .collect();
    serde_json::from_value(json!({ "Records": records })).unwrap()
}

/// A full report, posted as the form does: its reference.
async fn full_report(backend: &Backend) -> String {
    let full = json_request("POST", "/v1/reports", None, serde_json::from_str(&event("report-full.json")).unwrap());
    let answer = send(&backend.router(), full).await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.body);
    serde_json::from_str::<serde_json::Value>(&answer.body).unwrap()["reference"].as_str().unwrap().to_string()
}

/// A full report whose handoff to its partner and police referral have gone out (everything it
/// owed delivered, unrecorded): its reference.
async fn report_shared_and_referred(backend: &Backend) -> String {
    let reference = full_report(backend).await;
    backend.run_workers().await;
    for body in [
        json!({"type": "call_made", "outcome": "reached"}),
        json!({"type": "assignment_confirmed", "partner_id": "example-north-west"}),
        json!({"type": "share_consent_given", "partner_id": "example-north-west", "channel": "phone", "privacy_notice_version": "2026-01"}),
        json!({"type": "police_referral_released"}),
    ] {
        let event = json_request("POST", &format!("/v1/cases/{reference}/events"), Some("local-operator-token"), body);
        assert_eq!(send(&backend.full_router(), event).await.status, StatusCode::CREATED);
    }
    backend.run_workers().await;
    reference
}

async fn record_every_function(
    recorder: &Recorder,
    backend: &Backend,
    template: &Value,
) -> BTreeMap<String, BTreeSet<Authorisation>> {
    use oys_application::workers::poller;
    use oys_shared::routing::Route;

    let functions = functions(template);
    let settings = backend.aws_settings().unwrap();
    let clients = recording_clients(recorder).await;
    let services = &backend.services;
    let mut recorded = BTreeMap::new();

    // A case for the operator routes, routed by the workers.
    recorder.record(false);
    let case = full_report(backend).await;
    backend.run_workers().await;

    // The HTTP functions: every route they serve, after the start-up warm-up their bootstrap makes.
    for (binary, router_file, token) in
        [("submit-report", "report.rs", None), ("operator-api", "operator.rs", Some("local-operator-token"))]
    {
        let properties = &functions[binary];
        let routes = served_routes(properties, router_file);
        assert!(!routes.is_empty(), "{binary} serves no route through its events");
        let router = if token.is_some() { backend.full_router() } else { backend.router() };
        recorder.record(true);
        // As each bootstrap warms up: neither sends routing messages or email (what they owe is
        // the dispatcher's).
        let function_settings =
            oys_aws::AwsSettings { alerts: oys_aws::AlertConfig::none(), ..without_queues(&settings) };
        clients.warm_up(&function_settings).await;
        // The case's events first (the handoff that lets its advocate read it), erasure last.
        let mut ordered: Vec<_> = routes.iter().collect();
        ordered.sort_by_key(|(_, p)| (!p.ends_with("/events"), p.ends_with("/erase")));
        for route in ordered {
            exercise(binary, &router, recorder, token, route, &case).await;
        }
        recorded.insert(binary.to_string(), recorder.take());
        recorder.record(false);
        println!("{binary}: ran {} routes: {routes:?}", routes.len());
    }

    // The workers: each message delivered twice (the second changes nothing).
    for (binary, route) in
        [("police-referral", Route::PoliceReferral), ("advocate-assignment", Route::AdvocateAssignment)]
    {
        assert!(event_types(&functions[binary]).contains("SQS"), "{binary} takes SQS events");
        recorder.record(false);
        // Whatever earlier steps left owed (the operator's release) delivered first: the message
        // taken below is this report's.
        backend.run_workers().await;
        let full = json_request("POST", "/v1/reports", None, serde_json::from_str(&event("report-full.json")).unwrap());
        assert_eq!(send(&backend.router(), full).await.status, StatusCode::CREATED);
        backend.dispatch().await;
        let message = services.queue.receive(route, 1, std::time::Duration::ZERO).await.unwrap().remove(0);
        services.queue.send_body(route, &message.body).await.unwrap();
        recorder.record(true);
        clients.warm_up(&without_queues(&settings)).await;
        // First with its email failing once (the claim on it is released for the retry), then
        // delivered, then delivered again.
        for attempt in 0..3 {
            let services_now = if attempt == 0 { failing_mail(services) } else { services.clone() };
            match route {
                Route::PoliceReferral => {
                    let worker =
                        oys_application::workers::PoliceReferralWorker::new(services_now, backend.police_mailboxes());
                    poller::poll_once(services.queue.as_ref(), route, std::time::Duration::ZERO, |e| worker.handle(e))
                        .await
                        .unwrap();
                }
                Route::AdvocateAssignment => {
                    let partners = oys_shared::advocate::parse_partners(oys_embedded::BUNDLED_PARTNERS).unwrap();
                    let worker = oys_application::workers::AdvocateAssignmentWorker::new(services_now, partners);
                    poller::poll_once(services.queue.as_ref(), route, std::time::Duration::ZERO, |e| worker.handle(e))
                        .await
                        .unwrap();
                }
            }
        }
        let mut needed = recorder.take();
        // The poller stands in for the event source mapping: receiving and deleting are its calls.
        needed.retain(|a| !matches!(a.action.as_str(), "sqs:ReceiveMessage" | "sqs:DeleteMessage"));
        recorded.insert(binary.to_string(), needed);
    }

    // outbox-dispatcher (the table's stream, keys only, filtered to new outbox rows): a new
    // report's row and the row of the handoff its consent to share owes, first with an email
    // failing (the claim released), then delivered, then delivered again (nothing sent).
    assert!(event_types(&functions["outbox-dispatcher"]).contains("DynamoDB"), "outbox-dispatcher takes the stream");
    recorder.record(false);
    backend.dispatch().await;
    let shared = full_report(backend).await;
    for body in [
        json!({"type": "call_made", "outcome": "reached"}),
        json!({"type": "assignment_confirmed", "partner_id": "example-north-west"}),
        json!({"type": "share_consent_given", "partner_id": "example-north-west", "channel": "phone", "privacy_notice_version": "2026-01"}),
    ] {
        let event = json_request("POST", &format!("/v1/cases/{shared}/events"), Some("local-operator-token"), body);
        assert_eq!(send(&backend.full_router(), event).await.status, StatusCode::CREATED);
    }
    let rows = services.reports.outbox(jiff::Timestamp::MAX, 10).await.unwrap();
    assert_eq!(rows.len(), 2, "the report's row and the handoff's: {rows:?}");
    let stream_event = stream_event_of(&rows);
    recorder.record(true);
    clients.warm_up(&settings).await;
    for attempt in 0..3 {
        let services_now = if attempt == 0 { failing_mail(services) } else { services.clone() };
        let response = oys_lambda::stream::handle_stream_batch(&services_now, stream_event.clone()).await;
        assert_eq!(response.batch_item_failures.len(), usize::from(attempt == 0), "attempt {attempt}");
    }
    // Then what casework owes once a case's handoff and police referral went out: the partner's
    // and the force's withdrawal notices, and the erasure's notices, each row through the stream.
    recorder.record(false);
    let withdrawn = report_shared_and_referred(backend).await;
    for scope in ["partner", "police"] {
        let body = json!({"type": "consent_withdrawn", "scope": scope, "channel": "phone", "privacy_notice_version": "2026-01"});
        let event = json_request("POST", &format!("/v1/cases/{withdrawn}/events"), Some("local-operator-token"), body);
        assert_eq!(send(&backend.full_router(), event).await.status, StatusCode::CREATED);
    }
    let erase = request("POST", &format!("/v1/cases/{withdrawn}/erase"), Some("local-operator-token"));
    assert_eq!(send(&backend.full_router(), erase.body(Body::empty()).unwrap()).await.status, StatusCode::OK);
    let rows = services.reports.outbox(jiff::Timestamp::MAX, 10).await.unwrap();
    assert_eq!(rows.len(), 3, "two withdrawals' rows and the erasure's: {rows:?}");
    let notices = stream_event_of(&rows);
    recorder.record(true);
    for attempt in 0..3 {
        let services_now = if attempt == 0 { failing_mail(services) } else { services.clone() };
        let response = oys_lambda::stream::handle_stream_batch(&services_now, notices.clone()).await;
        assert_eq!(response.batch_item_failures.is_empty(), attempt > 0, "attempt {attempt}: {response:?}");
    }
    let mut needed = recorded.remove("outbox-dispatcher").unwrap_or_default();
    needed.extend(recorder.take());
    recorded.insert("outbox-dispatcher".to_string(), needed);
    recorder.record(false);
    let about: Vec<String> = backend
        .all_emails()
        .await
        .into_iter()
        .map(|e| e.subject)
        .filter(|subject| subject.contains(&withdrawn))
        .collect();
    let count = |prefix: &str| about.iter().filter(|s| s.starts_with(prefix)).count();
    assert_eq!(count("Consent withdrawn"), 2, "the partner's and the force's: {about:?}");
    assert_eq!(count("Erasure request"), 2, "to each that received the case: {about:?}");

    // deadline-reminders (its schedule): due reminders, a report left pending routing, a closed
    // case past its retention, a month to publish.
    recorder.record(false);
    backend.run_workers().await;
    let (closing, _) = anonymous_report(&backend.router()).await;
    let closed = json_request(
        "POST",
        &format!("/v1/cases/{closing}/events"),
        Some("local-operator-token"),
        json!({"type": "case_closed", "reason": "done"}),
    );
    assert_eq!(send(&backend.full_router(), closed).await.status, StatusCode::CREATED);
    let switch = crate::support::flaky::Switch::default();
    let mut outage = backend.services.clone();
    outage.queue = Arc::new(crate::support::flaky::Flaky::new(outage.queue.clone(), switch.clone()));
    switch.fail(true);
    let mut phoned: serde_json::Value = serde_json::from_str(&event("report-full.json")).unwrap();
    phoned["channel"] = json!("phone");
    let pending = oys_web::submit_request(
        &outage,
        oys_web::ReportRequest {
            body: phoned,
            submitter: oys_shared::report::Submitter::Operator,
            idempotency_key: None,
        },
        None,
    )
    .await
    .unwrap();
    assert!(matches!(pending, oys_application::intake::SubmitOutcome::Accepted(..)));
    backend.clock.advance(std::time::Duration::from_secs(40 * 24 * 3600));
    recorder.record(true);
    clients.warm_up(&settings).await;
    let answer = oys_lambda::scheduled::handle_scheduled_event(
        services,
        &["leads@on-your-side.test".to_string()],
        &json!({"time": "2026-12-01T00:00:00Z"}),
    )
    .await
    .unwrap();
    assert!(answer["routed"].as_u64() >= Some(1) && answer["purged"].as_u64() >= Some(1), "{answer}");
    assert!(answer["reminders"].as_u64().unwrap() + answer["escalations"].as_u64().unwrap() > 0, "{answer}");
    assert!(answer["failures"] == 0, "{answer}");
    recorded.insert("deadline-reminders".to_string(), recorder.take());

    // email-feedback (its SNS topic): SES reports a bounce of the handoff to a partner.
    assert!(event_types(&functions["email-feedback"]).contains("SNS"));
    recorder.record(false);
    let reference = oys_shared::Reference::parse(&shared).unwrap();
    let effect = services
        .effects
        .recorded(&reference)
        .await
        .unwrap()
        .into_iter()
        .find(|e| e.recipient != "operators")
        .expect("the case made a disclosure");
    let tag = oys_application::ports::EffectTag { reference: reference.clone(), key: effect.key.clone() };
    let bounce = json!({
        "eventType": "Bounce",
        "bounce": {"bounceType": "Permanent"},
        "mail": {"tags": {"reference": [reference.to_string()], "effect": [tag.encoded_key()]}}
    });
    recorder.record(true);
    clients.warm_up(&without_queues(&settings)).await;
    let outcome = oys_lambda::email_feedback::handle_notification(services, &bounce.to_string()).await.unwrap();
    assert!(matches!(outcome, oys_application::feedback::FeedbackOutcome::Recorded { .. }), "{outcome:?}");
    recorded.insert("email-feedback".to_string(), recorder.take());

    // pre-token-generation (Cognito's trigger on the staff pool): an advocate signing in.
    recorder.record(true);
    let signing_in = json!({
        "version": "2",
        "triggerSource": "TokenGeneration_Authentication",
        "request": {"userAttributes": {"custom:partner_id": "example-north-west"}, "groupConfiguration": {"groupsToOverride": ["advocate"]}},
        "response": {}
    });
    let answer = oys_shared::claims::partner_in_access_token(signing_in);
    assert!(answer["response"].to_string().contains("example-north-west"), "{answer}");
    recorded.insert("pre-token-generation".to_string(), recorder.take());
    recorder.record(false);
    recorded
}

/// The services with a mailer that fails its next send.
fn failing_mail(services: &oys_application::Services) -> oys_application::Services {
    let switch = crate::support::flaky::Switch::default();
    switch.fail_next(1);
    let mut failing = services.clone();
    failing.mailer = Arc::new(crate::support::flaky::Flaky::new(services.mailer.clone(), switch));
    failing
}

/// The settings of a function that sends no routing messages (its start-up warms no queue).
fn without_queues(settings: &oys_aws::AwsSettings) -> oys_aws::AwsSettings {
    oys_aws::AwsSettings { queues: None, ..settings.clone() }
}

#[tokio::test]
async fn each_functions_template_policy_allows_every_call_on_every_route_and_event_and_nothing_more() {
    let template = template();
    let recorder = Recorder::default();
    let backend = Backend::moto_with(recording_clients(&recorder).await).await;
    let recorded = record_every_function(&recorder, &backend, &template).await;

    let settings = backend.aws_settings().unwrap();
    let queues = settings.queues.as_ref().unwrap();
    let names = Names {
        table: settings.store.table_name.clone(),
        police_queue_url: queues.police_referral_queue_url.clone(),
        advocate_queue_url: queues.advocate_assignment_queue_url.clone(),
        sender: settings.alerts.alert_sender_address.clone(),
    };
    let functions = functions(&template);
    assert_eq!(
        recorded.keys().collect::<BTreeSet<_>>(),
        functions.keys().collect::<BTreeSet<_>>(),
        "every function in the template is run (left) and only those (right)"
    );
    let mut problems = Vec::new();
    for (binary, needed) in &recorded {
        let properties = &functions[binary];
        let statements = statements(properties, &names);
        for denied in denials(&statements, needed) {
            problems.push(format!("{binary}: denied {denied}"));
        }
        let takes_sqs = event_types(properties).contains("SQS");
        for needless in needless_grants(&statements, needed, takes_sqs, &on_its_behalf(properties, &names)) {
            problems.push(format!("{binary}: grants {needless}, which no call needs"));
        }
    }
    assert!(problems.is_empty(), "the template's policies against the calls made:\n{}", problems.join("\n"));

    // The evaluator is not vacuous: taking away one action, or one resource, denies a call.
    let submit = statements(&functions["submit-report"], &names);
    let mut without_query = submit.clone();
    for statement in &mut without_query {
        statement.actions.retain(|a| a != "dynamodb:Query");
    }
    let denied = denials(&without_query, &recorded["submit-report"]);
    assert!(denied.iter().any(|d| d.starts_with("dynamodb:Query")), "{denied:?}");
    let mut without_advocate_queue = statements(&functions["outbox-dispatcher"], &names);
    let advocate_queue = queue_arn(&names.advocate_queue_url);
    for statement in &mut without_advocate_queue {
        statement.resources.retain(|r| *r != advocate_queue);
    }
    let denied = denials(&without_advocate_queue, &recorded["outbox-dispatcher"]);
    assert!(denied.iter().any(|d| d.starts_with("sqs:SendMessage") && d.ends_with(&advocate_queue)), "{denied:?}");
}

#[test]
fn the_route_reader_finds_every_route_and_the_events_forward_them() {
    let template = template();
    let functions = functions(&template);
    let public = served_routes(&functions["submit-report"], "report.rs");
    for route in [
        ("POST", "/v1/reports"),
        ("GET", "/v1/stats"),
        ("POST", "/v1/follow-ups"),
        ("POST", "/{lang}/follow-up"),
        ("GET", "/"),
    ] {
        assert!(public.contains(&(route.0.to_string(), route.1.to_string())), "{route:?} in {public:?}");
    }
    let operator = served_routes(&functions["operator-api"], "operator.rs");
    assert!(operator.contains(&("POST".into(), "/v1/cases/{reference}/erase".into())), "{operator:?}");
    // The operator API forwards only /v1/…: the form's pages are not its routes.
    assert!(!operator.iter().any(|(_, p)| p.starts_with("/{lang}")), "{operator:?}");
    assert!(matches("arn:*:table/t1/index/*", "arn:aws:table/t1/index/by-status"));
    assert!(!matches("arn:*:table/t1", "arn:aws:table/t1/index/by-status"));
}

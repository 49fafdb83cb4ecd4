//! `infra/template.yaml` against the code: every function has a resource and every resource a
//! crate, the environment each function requires is set, the table has exactly the keys and
//! indexes the code queries, the workers consume the queues the intake sends to; and cfn-lint
//! passes the template and fails deliberately broken copies.

use std::collections::BTreeSet;
use std::path::Path;

use clap::CommandFactory;
use oys_aws::provision::{INDEXES, KEY_ATTRIBUTES, TABLE_KEY, TTL};
use oys_lambda::config::{
    function_environment, AdvocateAssignmentConfig, DeadlineRemindersConfig, EmailFeedbackConfig, OperatorApiConfig,
    OutboxDispatcherConfig, PoliceReferralConfig, SubmitReportConfig,
};
use serde_norway::Value;

const TEMPLATE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/infra/template.yaml");

fn template() -> Value {
    serde_norway::from_str(&std::fs::read_to_string(TEMPLATE).unwrap()).expect("the template is YAML")
}

fn resources(template: &Value) -> Vec<(String, Value)> {
    template["Resources"]
        .as_mapping()
        .unwrap()
        .iter()
        .map(|(name, body)| (name.as_str().unwrap().to_string(), body.clone()))
        .collect()
}

/// The functions of the template: (logical id, binary, properties).
fn functions(template: &Value) -> Vec<(String, String, Value)> {
    resources(template)
        .into_iter()
        .filter(|(_, body)| body["Type"] == "AWS::Serverless::Function")
        .map(|(name, body)| {
            let binary =
                body["Metadata"]["BuildProperties"]["Binary"].as_str().expect("BuildProperties.Binary").to_string();
            (name, binary, body["Properties"].clone())
        })
        .collect()
}

/// A `!Ref X` or `!GetAtt X.Arn` value: the tag and its argument.
fn tagged(value: &Value) -> Option<(String, String)> {
    match value {
        Value::Tagged(tagged) => Some((tagged.tag.to_string(), tagged.value.as_str()?.to_string())),
        _ => None,
    }
}

fn text(value: &Value) -> &str {
    value.as_str().unwrap_or_default()
}

#[test]
fn every_function_crate_has_a_resource_and_every_resource_a_crate() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("functions");
    let crates: BTreeSet<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    let template = template();
    let resources: BTreeSet<String> = functions(&template).into_iter().map(|(_, binary, _)| binary).collect();
    assert_eq!(resources, crates);
    for (name, _, properties) in functions(&template) {
        assert_eq!(text(&properties["Runtime"]), "provided.al2023", "{name}");
        assert_eq!(properties["Architectures"], Value::Sequence(vec!["arm64".into()]), "{name}");
        assert_eq!(text(&properties["Handler"]), "bootstrap", "{name}");
        assert!(properties["LoggingConfig"]["LogGroup"] != Value::Null, "{name} logs to a group with a retention");
    }
}

/// The features a function's crate turns on in `oys-lambda` (its `functions/<name>/Cargo.toml`).
fn lambda_features(binary: &str) -> BTreeSet<String> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR")).join("functions").join(binary).join("Cargo.toml");
    let text = std::fs::read_to_string(manifest).unwrap();
    let line = text.lines().find(|l| l.starts_with("oys-lambda")).expect("oys-lambda dependency");
    line.split_once("features = [")
        .map(|(_, rest)| rest.split(']').next().unwrap())
        .unwrap_or_default()
        .split(',')
        .map(|f| f.trim().trim_matches('"').to_string())
        .filter(|f| !f.is_empty())
        .collect()
}

/// A function built without the SQS or SES client cannot send (`oys_aws::NoQueue`,
/// `NoMailer`), and the tests, built with every feature, would not notice: so each function
/// links a client exactly when the template gives it what that client is for, a queue URL to
/// send to or a sender address (cargo builds each function with its own features alone).
#[test]
fn each_function_links_the_clients_its_environment_is_for() {
    let template = template();
    for (name, binary, properties) in functions(&template) {
        let variables = &properties["Environment"]["Variables"];
        let features = lambda_features(&binary);
        let sends_messages = variables["POLICE_REFERRAL_QUEUE_URL"] != Value::Null;
        let sends_email = variables["ALERT_SENDER_ADDRESS"] != Value::Null;
        assert_eq!(features.contains("queues"), sends_messages, "{name} ({binary}): feature `queues`");
        assert_eq!(features.contains("email"), sends_email, "{name} ({binary}): feature `email`");
    }
    assert!(!lambda_features("submit-report").contains("email"), "submit-report sends nothing");
}

/// Every variable a function's configuration reads, required or optional (an `Option` field,
/// such as the staff console's `CONSOLE_*`, which the template sets only under a condition).
fn variables_read(binary: &str) -> BTreeSet<String> {
    let commands = [
        SubmitReportConfig::command(),
        OperatorApiConfig::command(),
        PoliceReferralConfig::command(),
        AdvocateAssignmentConfig::command(),
        DeadlineRemindersConfig::command(),
        OutboxDispatcherConfig::command(),
        EmailFeedbackConfig::command(),
    ];
    commands
        .iter()
        .filter(|command| command.get_name() == binary)
        .flat_map(|command| command.get_arguments().filter_map(|arg| arg.get_env()))
        .map(|env| env.to_string_lossy().into_owned())
        .collect()
}

/// A value set only while a condition holds: `!If [Condition, value, !Ref AWS::NoValue]`.
fn conditional(value: &Value) -> bool {
    matches!(value, Value::Tagged(tagged) if tagged.tag == "If")
}

/// What is wrong with the functions' environment in `template`: a variable the code requires
/// and the template does not set, or sets only under a condition (the function would not start
/// where it is false), or one it sets and no code reads.
fn environment_problems(template: &Value) -> Vec<String> {
    let functions = functions(template);
    let mut problems = Vec::new();
    for (binary, required) in &function_environment() {
        let Some((name, _, properties)) = functions.iter().find(|(_, b, _)| b == binary) else {
            problems.push(format!("no function for {binary}"));
            continue;
        };
        let variables = &properties["Environment"]["Variables"];
        let set: BTreeSet<String> = variables
            .as_mapping()
            .map(|m| m.keys().map(|k| k.as_str().unwrap().to_string()).collect())
            .unwrap_or_default();
        for var in required {
            if !set.contains(var) {
                problems.push(format!("{name} ({binary}) needs {var}"));
            } else if conditional(&variables[var.as_str()]) {
                problems.push(format!("{name} ({binary}) needs {var} and sets it only under a condition"));
            }
        }
        // Every function with the SDK's HTTPS client reads provided.al2023's CA bundle alone
        // (rustls-native-certs reads the variable; `oys_aws::LAMBDA_CA_BUNDLE`).
        if binary != "pre-token-generation" && variables["SSL_CERT_FILE"].as_str() != Some(oys_aws::LAMBDA_CA_BUNDLE) {
            problems.push(format!("{name} ({binary}) needs SSL_CERT_FILE: {}", oys_aws::LAMBDA_CA_BUNDLE));
        }
        let read = variables_read(binary);
        let allowed: BTreeSet<&str> = required
            .iter()
            .chain(&read)
            .map(String::as_str)
            .chain(["AWS_LAMBDA_HTTP_IGNORE_STAGE_IN_PATH", "SSL_CERT_FILE"])
            .collect();
        for var in &set {
            if !allowed.contains(var.as_str()) {
                problems.push(format!("{name} sets {var}, which the code does not read"));
            }
        }
    }
    problems
}

#[test]
fn every_environment_variable_a_function_requires_is_set_and_nothing_else() {
    let template = template();
    assert_eq!(environment_problems(&template), Vec::<String>::new());
    assert_eq!(functions(&template).len(), function_environment().len());
    let original = std::fs::read_to_string(TEMPLATE).unwrap();
    for (from, to) in [
        ("          LEAD_ALERT_ADDRESSES: !Ref LeadAlertAddresses\n", ""),
        (
            "          RETENTION_DAYS: !Ref RetentionDays\n",
            "          RETENTION_DAYS: !Ref RetentionDays\n          DEBUG_MODE: \"1\"\n",
        ),
        // An optional variable the code does not read under that name.
        ("          CONSOLE_URL: !If", "          CONSOLE_ORIGIN: !If"),
        // A required variable set only under a condition (submit-report's table).
        (
            "          TABLE_NAME: !Ref ReportsTable\n",
            "          TABLE_NAME: !If [StaffConsoleConfigured, !Ref ReportsTable, !Ref AWS::NoValue]\n",
        ),
    ] {
        assert!(original.contains(from));
        let broken: Value = serde_norway::from_str(&original.replacen(from, to, 1)).unwrap();
        assert_eq!(environment_problems(&broken).len(), 1, "caught: {to:?}");
    }
}

/// Panics, naming the difference, unless the table in `template` is the one the code queries.
fn check_table(template: &Value) {
    let table = resources(template).into_iter().find(|(_, b)| b["Type"] == "AWS::DynamoDB::Table").expect("a table").1;
    let properties = &table["Properties"];
    let schema = |keys: &Value| -> (String, String) {
        let keys = keys.as_sequence().unwrap();
        let of = |kind: &str| {
            keys.iter().find(|k| k["KeyType"] == kind).map(|k| text(&k["AttributeName"]).to_string()).unwrap()
        };
        (of("HASH"), of("RANGE"))
    };
    assert_eq!(schema(&properties["KeySchema"]), (TABLE_KEY.0.to_string(), TABLE_KEY.1.to_string()));
    let attributes: BTreeSet<(String, String)> = properties["AttributeDefinitions"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|a| (text(&a["AttributeName"]).to_string(), text(&a["AttributeType"]).to_string()))
        .collect();
    let expected: BTreeSet<(String, String)> =
        KEY_ATTRIBUTES.iter().map(|(n, t)| (n.to_string(), t.to_string())).collect();
    assert_eq!(attributes, expected);
    let indexes: BTreeSet<(String, String, String, bool)> = properties["GlobalSecondaryIndexes"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|i| {
            let (hash, range) = schema(&i["KeySchema"]);
            (text(&i["IndexName"]).to_string(), hash, range, i["Projection"]["ProjectionType"] == "KEYS_ONLY")
        })
        .collect();
    let expected: BTreeSet<(String, String, String, bool)> =
        INDEXES.iter().map(|i| (i.name.to_string(), i.hash.to_string(), i.range.to_string(), i.keys_only)).collect();
    assert_eq!(indexes, expected);
    assert_eq!(text(&properties["TimeToLiveSpecification"]["AttributeName"]), TTL);
    assert_eq!(properties["PointInTimeRecoverySpecification"]["PointInTimeRecoveryEnabled"], true);
    assert_eq!(properties["DeletionProtectionEnabled"], true);
    assert_eq!(text(&properties["SSESpecification"]["SSEType"]), "KMS");
}

#[test]
fn the_table_has_exactly_the_keys_and_indexes_the_code_queries() {
    check_table(&template());
    let original = std::fs::read_to_string(TEMPLATE).unwrap();
    for (from, to) in [
        ("IndexName: cases-by-partner", "IndexName: cases-by-organisation"),
        (
            "            - { AttributeName: next_alert_epoch, KeyType: RANGE }",
            "            - { AttributeName: due_epoch, KeyType: RANGE }",
        ),
        ("AttributeName: expires_at_epoch", "AttributeName: ttl"),
        ("PointInTimeRecoveryEnabled: true", "PointInTimeRecoveryEnabled: false"),
    ] {
        assert!(original.contains(from));
        let broken: Value = serde_norway::from_str(&original.replacen(from, to, 1)).unwrap();
        let caught = std::panic::catch_unwind(|| check_table(&broken)).is_err();
        assert!(caught, "the table check missed: {to}");
    }
}

#[test]
fn the_workers_consume_the_queues_the_intake_sends_to() {
    let template = template();
    let functions = functions(&template);
    let function = |binary: &str| functions.iter().find(|(_, b, _)| b == binary).unwrap().2.clone();
    let submit = function("outbox-dispatcher");
    for (variable, worker) in
        [("POLICE_REFERRAL_QUEUE_URL", "police-referral"), ("ADVOCATE_ASSIGNMENT_QUEUE_URL", "advocate-assignment")]
    {
        let (tag, queue) = tagged(&submit["Environment"]["Variables"][variable]).expect("!Ref to a queue");
        assert_eq!(tag, "!Ref");
        let events = function(worker)["Events"].as_mapping().unwrap().values().cloned().collect::<Vec<_>>();
        let sqs = events.iter().find(|e| e["Type"] == "SQS").unwrap_or_else(|| panic!("{worker} has an SQS event"));
        assert_eq!(
            tagged(&sqs["Properties"]["Queue"]),
            Some(("!GetAtt".to_string(), format!("{queue}.Arn"))),
            "{worker}"
        );
        assert_eq!(sqs["Properties"]["FunctionResponseTypes"], Value::Sequence(vec!["ReportBatchItemFailures".into()]));
        // The queue redrives to a dead-letter queue and hides a message for at least six times
        // the worker's timeout.
        let queue_props = &template["Resources"][queue.as_str()]["Properties"];
        assert!(queue_props["RedrivePolicy"]["deadLetterTargetArn"] != Value::Null, "{queue}");
        let timeout = function(worker)["Timeout"].as_u64().unwrap();
        assert!(queue_props["VisibilityTimeout"].as_u64().unwrap() >= 6 * timeout, "{queue}");
    }
}

#[cfg(feature = "installed-tools")]
fn cfn_lint() -> std::path::PathBuf {
    let python = std::env::var_os("MOTO_PYTHON")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join(".venv/bin/python"));
    let lint = python.with_file_name("cfn-lint");
    assert!(lint.exists(), "cfn-lint is installed by scripts/test into .venv ({} missing)", lint.display());
    lint
}

#[cfg(feature = "installed-tools")]
fn lint(text: &str) -> (bool, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("template.yaml");
    std::fs::write(&path, text).unwrap();
    let output = std::process::Command::new(cfn_lint()).arg(&path).output().unwrap();
    (output.status.success(), String::from_utf8_lossy(&output.stdout).into_owned())
}

#[cfg(feature = "installed-tools")]
#[test]
fn cfn_lint_passes_the_template_and_fails_broken_copies() {
    let original = std::fs::read_to_string(TEMPLATE).unwrap();
    let (ok, findings) = lint(&original);
    assert!(ok, "cfn-lint findings on infra/template.yaml:\n{findings}");
    for (what, from, to) in [
        (
            "a misspelt property",
            "      MemorySize: 256\n      Timeout: 10\n",
            "      MemorySize: 256\n      Timeout: 10\n      Timout: 10\n",
        ),
        ("a wrong type", "      VisibilityTimeout: 180", "      VisibilityTimeout: three minutes"),
        ("a misspelt resource type", "Type: AWS::SQS::Queue", "Type: AWS::SQS::Queu"),
        ("a misspelt condition", "    Condition: StaffConsoleConfigured\n", "    Condition: StaffConsoleConfigure\n"),
        (
            "a conditional resource named where it may not exist",
            "CONSOLE_CLIENT_ID: !If [StaffConsoleConfigured, !Ref StaffConsoleClient, !Ref AWS::NoValue]",
            "CONSOLE_CLIENT_ID: !Ref StaffConsoleClient",
        ),
    ] {
        assert!(original.contains(from), "{what}: the template changed, update the test");
        let broken = original.replacen(from, to, 1);
        let (ok, _) = lint(&broken);
        assert!(!ok, "cfn-lint missed {what}");
    }
}

/// Every `!Ref`, `!GetAtt` and `${…}` in `template` that names nothing it defines, and every
/// `!If` whose condition it does not define.
fn dangling_references(template: &Value) -> Vec<String> {
    let mut defined: BTreeSet<String> = BTreeSet::new();
    for section in ["Resources", "Parameters"] {
        if let Some(map) = template[section].as_mapping() {
            defined.extend(map.keys().filter_map(|k| k.as_str().map(str::to_string)));
        }
    }
    let conditions: BTreeSet<String> = template["Conditions"]
        .as_mapping()
        .map(|map| map.keys().filter_map(|k| k.as_str().map(str::to_string)).collect())
        .unwrap_or_default();
    let known = |name: &str| {
        let target = name.split('.').next().unwrap_or(name);
        target.starts_with("AWS::") || defined.contains(target)
    };
    let mut dangling = Vec::new();
    let mut stack = vec![template.clone()];
    while let Some(value) = stack.pop() {
        match value {
            Value::Tagged(tagged) => {
                let tag = tagged.tag.to_string();
                if let Some(name) = tagged.value.as_str() {
                    match tag.as_str() {
                        "!Ref" | "!GetAtt" if !known(name) => dangling.push(format!("{tag} {name}")),
                        "!Sub" => {
                            for part in name.split("${").skip(1) {
                                let variable = part.split('}').next().unwrap_or_default();
                                if !known(variable) {
                                    dangling.push(format!("!Sub ${{{variable}}}"));
                                }
                            }
                        }
                        _ => {}
                    }
                }
                if tag == "!If" {
                    let condition = tagged.value.as_sequence().and_then(|items| items.first()).and_then(Value::as_str);
                    if !condition.is_some_and(|c| conditions.contains(c)) {
                        dangling.push(format!("!If [{}, …]", condition.unwrap_or_default()));
                    }
                }
                stack.push(tagged.value);
            }
            Value::Mapping(map) => stack.extend(map.into_iter().map(|(_, v)| v)),
            Value::Sequence(items) => stack.extend(items),
            _ => {}
        }
    }
    dangling
}

#[test]
fn every_reference_names_something_the_template_defines() {
    // cfn-lint 1.58 does not check references (or `!If` conditions) inside SAM function
    // properties; this does.
    assert_eq!(dangling_references(&template()), Vec::<String>::new());
    let original = std::fs::read_to_string(TEMPLATE).unwrap();
    for (from, to) in [
        ("!GetAtt PoliceReferralQueue.Arn", "!GetAtt PoliceReferalQueue.Arn"),
        ("!Ref AdvocateAssignmentQueue", "!Ref AdvocateAsignmentQueue"),
        ("${AlertSenderAddress}", "${AlertSender}"),
        ("!If [StaffConsoleConfigured,", "!If [StaffConsoleConfigure,"),
    ] {
        let broken: Value = serde_norway::from_str(&original.replacen(from, to, 1)).unwrap();
        assert_eq!(dangling_references(&broken).len(), 1, "{to} is caught");
    }
}

#[cfg(feature = "installed-tools")]
fn guard(text: &str) -> (bool, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("template.yaml");
    std::fs::write(&path, text).unwrap();
    let rules = Path::new(env!("CARGO_MANIFEST_DIR")).join("infra/rules");
    let output = std::process::Command::new("cfn-guard")
        .args(["validate", "--show-summary", "fail", "--rules"])
        .arg(&rules)
        .arg("--data")
        .arg(&path)
        .output()
        .expect("cfn-guard is installed by scripts/test (cargo install cfn-guard)");
    (output.status.success(), String::from_utf8_lossy(&output.stdout).into_owned())
}

#[cfg(feature = "installed-tools")]
#[test]
fn cfn_guard_holds_the_templates_promises_and_fails_broken_copies() {
    let original = std::fs::read_to_string(TEMPLATE).unwrap();
    let (ok, findings) = guard(&original);
    assert!(ok, "cfn-guard findings on infra/template.yaml:\n{findings}");
    for (what, from, to) in [
        ("no point-in-time recovery", "PointInTimeRecoveryEnabled: true", "PointInTimeRecoveryEnabled: false"),
        ("an x86 function", "Architectures: [arm64]", "Architectures: [x86_64]"),
        ("a wildcard action", "Action: [sqs:SendMessage, sqs:GetQueueAttributes]", "Action: \"*\""),
        ("a log group kept forever", "Properties: { RetentionInDays: !Ref LogRetentionDays, KmsKeyId: !GetAtt DataKey.Arn }", "Properties: { KmsKeyId: !GetAtt DataKey.Arn }"),
        ("a queue without dead letters", "      RedrivePolicy:\n        deadLetterTargetArn: !GetAtt PoliceReferralDeadLetters.Arn\n        maxReceiveCount: 5\n", ""),
        ("an unencrypted queue", "      KmsMasterKeyId: !Ref DataKey\n      VisibilityTimeout: 180", "      VisibilityTimeout: 180"),
        ("a wildcard resource for another action", "Action: [ses:GetSendQuota]", "Action: [ses:GetSendQuota, ses:SendEmail]"),
        ("no 5XX alarm on the public API", "      MetricName: 5XXError #", "      MetricName: Latency #"),
        ("a 5XX alarm on another REST API", "{ Name: ApiName, Value: !Sub \"${AWS::StackName}-public\" }", "{ Name: ApiName, Value: !Sub \"${AWS::StackName}-old\" }"),
        ("no 5xx alarm on the operator API", "{ Name: ApiId, Value: !Ref OperatorApi }", "{ Name: ApiId, Value: !Ref PublicApi }"),
        ("submit-report's failures not counted", "      LogGroupName: !Ref SubmitReportLogs\n", "      LogGroupName: !Ref PoliceReferralLogs\n"),
        ("operator-api's failures not counted", "      LogGroupName: !Ref OperatorApiLogs\n", "      LogGroupName: !Ref AdvocateAssignmentLogs\n"),
        ("a failure count without an alarm", "      MetricName: SubmitReportRequestFailures\n", "      MetricName: SubmitReportFailures\n"),
        ("an alarm that tells nobody", "      AlarmActions: [!Ref AlarmTopic]\n", ""),
        ("a public function without reserved concurrency", "      ReservedConcurrentExecutions: 60\n", ""),
        ("an email change without verification", "AttributesRequireVerificationBeforeUpdate: [email]", "AttributesRequireVerificationBeforeUpdate: []"),
        ("a trigger that cannot touch access tokens", "          LambdaVersion: V2_0\n", "          LambdaVersion: V1_0\n"),
        ("MFA not required", "MfaConfiguration: \"ON\"", "MfaConfiguration: OPTIONAL"),
        ("the implicit flow", "AllowedOAuthFlows: [code]", "AllowedOAuthFlows: [code, implicit]"),
        ("a client secret", "GenerateSecret: false # a public client", "GenerateSecret: true # a public client"),
        ("a federated sign-in", "SupportedIdentityProviders: [COGNITO]", "SupportedIdentityProviders: [COGNITO, Google]"),
        ("a callback outside the console", "CallbackURLs: [!Sub \"${StaffConsoleUrl}/staff/callback\"]", "CallbackURLs: [!Sub \"${StaffConsoleUrl}/staff/callback\", \"http://localhost:3000/staff/callback\"]"),
        ("a sign-out outside the console", "LogoutURLs: [!Sub \"${StaffConsoleUrl}/staff/signed-out\"]", "LogoutURLs: [!Sub \"https://elsewhere.example/staff/signed-out\"]"),
        ("a console URL that may be http", "AllowedPattern: \"^(https://[a-z0-9.-]+(:[0-9]+)?)?$\"", "AllowedPattern: \"^(https?://[a-z0-9.-]+(:[0-9]+)?)?$\""),
        ("an unauthenticated route outside the console", "Path: \"/staff/{proxy+}\", Method: ANY, Auth", "Path: \"/{proxy+}\", Method: ANY, Auth"),
        ("an unauthenticated /v1/ route", "Path: \"/v1/{proxy+}\", Method: ANY }", "Path: \"/v1/{proxy+}\", Method: ANY, Auth: { Authorizer: NONE } }"),
        ("a stream copying the reports' words", "StreamViewType: KEYS_ONLY", "StreamViewType: NEW_IMAGE"),
        ("a stream consumer that fails whole batches", "BisectBatchOnFunctionError: true", "BisectBatchOnFunctionError: false"),
        ("a stream consumer that sees every write", "            FilterCriteria:\n", "            FilterCriteria_:\n"),
        ("a stream record retried forever", "            MaximumRetryAttempts: 5\n", ""),
    ] {
        assert!(original.contains(from), "{what}: the template changed, update the test");
        let (ok, _) = guard(&original.replacen(from, to, 1));
        assert!(!ok, "cfn-guard missed {what}");
    }
}

/// An alarm on a metric nothing writes would never fire: every alarm in the `OnYourSide`
/// namespace reads a metric the deadline-reminders function emits or one of the template's
/// log metric filters counts.
#[test]
fn the_alarms_read_metrics_the_job_writes() {
    let template = template();
    let counted: Vec<String> = resources(&template)
        .into_iter()
        .filter(|(_, body)| body["Type"] == "AWS::Logs::MetricFilter")
        .flat_map(|(_, body)| body["Properties"]["MetricTransformations"].as_sequence().cloned().unwrap_or_default())
        .filter(|t| t["MetricNamespace"] == "OnYourSide")
        .map(|t| text(&t["MetricName"]).to_string())
        .collect();
    let alarms: Vec<String> = template["Resources"]
        .as_mapping()
        .unwrap()
        .values()
        .filter(|resource| text(&resource["Type"]) == "AWS::CloudWatch::Alarm")
        .filter(|alarm| alarm["Properties"]["Namespace"].as_str() == Some("OnYourSide"))
        .map(|alarm| text(&alarm["Properties"]["MetricName"]).to_string())
        .collect();
    assert!(alarms.len() >= 2, "the stuck-routing and overdue alarms: {alarms:?}");
    for metric in alarms {
        let written = oys_application::reminders::METRICS.contains(&metric.as_str()) || counted.contains(&metric);
        assert!(written, "{metric} is not emitted");
    }
}

/// A claim on an effect or a swept report must outlive any function that can hold it (Lambda
/// ends it at its timeout), and no more than that: a killed claimant delays routing by seconds.
#[test]
fn the_claim_leases_just_outlast_the_longest_function_timeout() {
    let template = template();
    let longest = functions(&template)
        .iter()
        .map(|(_, _, properties)| properties["Timeout"].as_u64().expect("every function sets its Timeout"))
        .max()
        .unwrap();
    for lease in [oys_application::send_once::EFFECT_LEASE, oys_application::intake::SWEEP_LEASE] {
        let lease = lease.as_secs();
        assert!(lease > longest && lease <= longest + 15, "lease {lease} s against the longest timeout {longest} s");
    }
}

/// The messages a failure filter pattern counts, if it has the one shape the template uses:
/// `{ $.level = "ERROR" && ($.fields.message = "…" || $.fields.message = "…") }`.
fn failure_filter_messages(pattern: &str) -> Option<BTreeSet<String>> {
    let inner = pattern.trim().strip_prefix("{ $.level = \"ERROR\" && (")?.strip_suffix(") }")?;
    inner
        .split(" || ")
        .map(|term| {
            let quoted = term.strip_prefix("$.fields.message = \"")?.strip_suffix('"')?;
            (!quoted.contains('"')).then(|| quoted.to_string())
        })
        .collect()
}

/// Whether a JSON log line is one a filter counting `messages` counts: what CloudWatch Logs
/// does with the pattern's two selectors.
fn counted(messages: &BTreeSet<String>, line: &serde_json::Value) -> bool {
    line["level"] == "ERROR" && line["fields"]["message"].as_str().is_some_and(|m| messages.contains(m))
}

/// Each HTTP function's log group: the messages its failure filter counts, and the filter's
/// metric's alarm, if any.
fn failure_filters(template: &Value) -> Vec<(String, Option<BTreeSet<String>>, bool)> {
    let resources = resources(template);
    let http = functions(template).into_iter().filter(|(_, _, properties)| {
        properties["Events"]
            .as_mapping()
            .is_some_and(|events| events.values().any(|e| e["Type"] == "Api" || e["Type"] == "HttpApi"))
    });
    http.map(|(name, _, properties)| {
        let group = tagged(&properties["LoggingConfig"]["LogGroup"]).map(|(_, g)| g);
        let filter = resources.iter().find(|(_, body)| {
            body["Type"] == "AWS::Logs::MetricFilter"
                && tagged(&body["Properties"]["LogGroupName"]).map(|(_, g)| g) == group
        });
        let messages = filter.and_then(|(_, f)| failure_filter_messages(text(&f["Properties"]["FilterPattern"])));
        let metric = filter.map(|(_, f)| text(&f["Properties"]["MetricTransformations"][0]["MetricName"]).to_string());
        let alarmed = resources.iter().any(|(_, body)| {
            body["Type"] == "AWS::CloudWatch::Alarm"
                && metric.as_deref().is_some_and(|m| body["Properties"]["MetricName"] == m)
                && body["Properties"]["AlarmActions"].as_sequence().is_some_and(|a| !a.is_empty())
        });
        (name, messages, alarmed)
    })
    .collect()
}

/// A store, KMS or permission failure is a 503 the code answers itself, which Lambda does not
/// count as an error: the metric filters on the HTTP functions' logs are what raise the alarm.
/// They count exactly the messages the code logs (`oys_application::telemetry::failures`), in the JSON
/// the functions write, and the lines real failed requests log.
#[tokio::test]
async fn the_failure_metric_filters_count_the_lines_the_code_logs() {
    use oys_application::telemetry::failures;
    let filters = failure_filters(&template());
    assert_eq!(filters.len(), 2, "submit-report and operator-api: {filters:?}");
    let expected: BTreeSet<String> = failures::ALL.iter().map(|m| m.to_string()).collect();
    for (name, messages, alarmed) in &filters {
        assert_eq!(messages.as_ref(), Some(&expected), "{name}'s log group: the filter counts every failure message");
        assert!(alarmed, "{name}: the filter's metric has an alarm that tells someone");
    }

    // Lines as the functions write them (the shipped JSON format), captured while real requests
    // fail: a report by the API, one from the form, and an operator's erasure.
    #[derive(Clone, Default)]
    struct Lines(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);
    impl std::io::Write for Lines {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let lines = Lines::default();
    let writer = lines.clone();
    let subscriber = {
        use tracing_subscriber::layer::SubscriberExt;
        tracing_subscriber::registry().with(oys_lambda::telemetry::json_layer(move || writer.clone()))
    };
    let _capture = tracing::subscriber::set_default(subscriber);
    for message in failures::ALL {
        tracing::error!(error = "store unavailable", "{message}");
    }

    let mut backend = crate::support::Backend::embedded().await;
    let switch = crate::support::flaky::Switch::default();
    crate::support::flaky::store_outage(&mut backend.services, &switch);
    let key = [("idempotency-key", "failure-filter-1")];
    let stored = crate::support::requests::post(
        backend.router(),
        "application/json",
        &key,
        crate::support::event("report-full.json"),
    )
    .await;
    let reference = stored.json["reference"].as_str().expect("stored before the outage").to_string();
    switch.fail(true);
    let refused = crate::support::requests::post(
        backend.router(),
        "application/json",
        &[],
        crate::support::event("report-full.json"),
    )
    .await;
    assert_eq!(refused.status, axum::http::StatusCode::SERVICE_UNAVAILABLE);
    let form = form_urlencoded::Serializer::new(String::new())
        .append_pair("form_key", "failure-filter-2")
        .extend_pairs(crate::support::minimum_form("Shouted at on the bus."))
        .finish();
    let form = axum::http::Request::post("/en/")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(axum::body::Body::from(form))
        .unwrap();
    let erase = axum::http::Request::post(format!("/v1/cases/{reference}/erase"))
        .header("authorization", "Bearer local-operator-token")
        .body(axum::body::Body::empty())
        .unwrap();
    for (router, request) in [(backend.router(), form), (backend.full_router(), erase)] {
        use tower::ServiceExt;
        let answer = router.oneshot(request).await.unwrap();
        assert_eq!(answer.status(), axum::http::StatusCode::SERVICE_UNAVAILABLE);
    }

    let written = String::from_utf8(lines.0.lock().unwrap().clone()).unwrap();
    let logged: Vec<serde_json::Value> =
        written.lines().map(|line| serde_json::from_str(line).expect("one JSON object a line")).collect();
    let errors: Vec<&serde_json::Value> = logged.iter().filter(|line| line["level"] == "ERROR").collect();
    let (_, messages, _) = &filters[0];
    let messages = messages.as_ref().unwrap();
    let uncounted: Vec<&&serde_json::Value> = errors.iter().filter(|line| !counted(messages, line)).collect();
    assert!(uncounted.is_empty(), "error lines no filter counts: {uncounted:?}");
    // The five formatted above and one for each failed request.
    assert_eq!(errors.len(), failures::ALL.len() + 3, "{written}");
}

/// Point-in-time recovery keeps erased data for its recovery period: the privacy notice says
/// so, with the template's number of days, in every language the form offers.
#[tokio::test]
async fn the_privacy_notice_says_how_long_backups_keep_erased_data() {
    use tower::ServiceExt;
    let template = template();
    let table = resources(&template).into_iter().find(|(_, b)| b["Type"] == "AWS::DynamoDB::Table").unwrap().1;
    let days = table["Properties"]["PointInTimeRecoverySpecification"]["RecoveryPeriodInDays"]
        .as_u64()
        .expect("the recovery period is set, not left to a default the notice might not match");
    let backend = crate::support::Backend::embedded().await;
    for language in oys_web::form_languages() {
        let path = format!("/{}/privacy", language.as_str());
        let request = axum::http::Request::get(&path).body(axum::body::Body::empty()).unwrap();
        let response = backend.router().oneshot(request).await.unwrap();
        assert_eq!(response.status(), axum::http::StatusCode::OK, "{path}");
        let page = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
        let page = String::from_utf8(page.to_vec()).unwrap();
        let retention = oys_shared::i18n::message(language, "privacy-keep", &[]);
        assert!(page.contains(&format!("{days}")) && retention.contains(&days.to_string()), "{path}: {retention}");
        assert!(oys_shared::i18n::has_own_message(language, "privacy-keep"), "{path}: in its own words");
    }
}

/// API Gateway's throttle, which answers 429 with `Retry-After`, must bind before Lambda's,
/// which API Gateway answers 500: the busiest the public routes may be, at their throttles, fits
/// in submit-report's reserved concurrency, and the operator API's bursts in operator-api's.
#[test]
fn the_api_throttles_fit_the_functions_reserved_concurrency() {
    // Seconds an execution is busy, warm and conservatively: a request that stores makes six AWS
    // calls in sequence; a page or an asset comes from memory (infra/README.md, "Throttling").
    const STORING: f64 = 0.3;
    const FROM_MEMORY: f64 = 0.01;
    let template = template();
    let functions = functions(&template);
    let function = |binary: &str| functions.iter().find(|(_, b, _)| b == binary).unwrap().2.clone();
    let reserved = |binary: &str| {
        function(binary)["ReservedConcurrentExecutions"].as_f64().unwrap_or_else(|| panic!("{binary} reserves"))
    };

    let settings = template["Resources"]["PublicApi"]["Properties"]["MethodSettings"].as_sequence().unwrap().clone();
    let rate = |path: &str| {
        // MethodSettings' form: every `/` of the path as `~1`, after a leading `/`.
        let encoded = if path == "/" { "/".to_string() } else { format!("/{}", path.replace('/', "~1")) };
        let named = settings.iter().find(|s| s["ResourcePath"] == encoded.as_str());
        let default = settings.iter().find(|s| s["ResourcePath"] == "/*").expect("a default for every method");
        named.unwrap_or(default)["ThrottlingRateLimit"].as_f64().unwrap()
    };
    let mut busiest = 0.0;
    for event in function("submit-report")["Events"].as_mapping().unwrap().values() {
        let path = text(&event["Properties"]["Path"]);
        let seconds = if path == "/v1/reports" || path == "/{proxy+}" { STORING } else { FROM_MEMORY };
        busiest += rate(path) * seconds;
        if path == "/health" {
            assert_eq!(rate(path), 5.0, "the health check's own, small allowance is found");
        }
    }
    assert!(busiest <= reserved("submit-report"), "{busiest} concurrent executions at the public throttles");

    let operator = &template["Resources"]["OperatorApi"]["Properties"]["DefaultRouteSettings"];
    let burst = operator["ThrottlingBurstLimit"].as_f64().unwrap();
    assert!(burst <= reserved("operator-api"), "the operator API's bursts fit operator-api's concurrency");
}

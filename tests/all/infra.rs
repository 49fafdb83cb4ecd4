//! `infra/template.yaml` against the code: every function has a resource and every resource a
//! crate, the environment each function requires is set, the table has exactly the keys and
//! indexes the code queries, the workers consume the queues the intake sends to; and cfn-lint
//! passes the template and fails deliberately broken copies.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use oys_service::aws::provision::{INDEXES, KEY_ATTRIBUTES, TABLE_KEY, TTL};
use oys_service::bootstrap::config::function_environment;
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

/// What is wrong with the functions' environment in `template`: a variable the code requires
/// and the template does not set, or one it sets and no code reads.
fn environment_problems(template: &Value) -> Vec<String> {
    let functions = functions(template);
    let mut problems = Vec::new();
    for (binary, required) in &function_environment() {
        let Some((name, _, properties)) = functions.iter().find(|(_, b, _)| b == binary) else {
            problems.push(format!("no function for {binary}"));
            continue;
        };
        let set: BTreeSet<String> = properties["Environment"]["Variables"]
            .as_mapping()
            .map(|m| m.keys().map(|k| k.as_str().unwrap().to_string()).collect())
            .unwrap_or_default();
        for var in required {
            if !set.contains(var) {
                problems.push(format!("{name} ({binary}) needs {var}"));
            }
        }
        let allowed: BTreeSet<&str> = required
            .iter()
            .map(String::as_str)
            .chain(["AWS_LC_SYS_NO_JITTER_ENTROPY", "AWS_LAMBDA_HTTP_IGNORE_STAGE_IN_PATH"])
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
    let submit = function("submit-report");
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

fn cfn_lint() -> PathBuf {
    let python = std::env::var_os("MOTO_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join(".venv/bin/python"));
    let lint = python.with_file_name("cfn-lint");
    assert!(lint.exists(), "cfn-lint is installed by scripts/test into .venv ({} missing)", lint.display());
    lint
}

fn lint(text: &str) -> (bool, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("template.yaml");
    std::fs::write(&path, text).unwrap();
    let output = Command::new(cfn_lint()).arg(&path).output().unwrap();
    (output.status.success(), String::from_utf8_lossy(&output.stdout).into_owned())
}

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
    ] {
        assert!(original.contains(from), "{what}: the template changed, update the test");
        let broken = original.replacen(from, to, 1);
        let (ok, _) = lint(&broken);
        assert!(!ok, "cfn-lint missed {what}");
    }
}

/// Every `!Ref`, `!GetAtt` and `${…}` in `template` that names nothing it defines.
fn dangling_references(template: &Value) -> Vec<String> {
    let mut defined: BTreeSet<String> = BTreeSet::new();
    for section in ["Resources", "Parameters"] {
        if let Some(map) = template[section].as_mapping() {
            defined.extend(map.keys().filter_map(|k| k.as_str().map(str::to_string)));
        }
    }
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
    // cfn-lint 1.58 does not check references inside SAM function properties; this does.
    assert_eq!(dangling_references(&template()), Vec::<String>::new());
    let original = std::fs::read_to_string(TEMPLATE).unwrap();
    for (from, to) in [
        ("!GetAtt PoliceReferralQueue.Arn", "!GetAtt PoliceReferalQueue.Arn"),
        ("!Ref AdvocateAssignmentQueue", "!Ref AdvocateAsignmentQueue"),
        ("${AlertSenderAddress}", "${AlertSender}"),
    ] {
        let broken: Value = serde_norway::from_str(&original.replacen(from, to, 1)).unwrap();
        assert_eq!(dangling_references(&broken).len(), 1, "{to} is caught");
    }
}

fn guard(text: &str) -> (bool, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("template.yaml");
    std::fs::write(&path, text).unwrap();
    let rules = Path::new(env!("CARGO_MANIFEST_DIR")).join("infra/rules");
    let output = Command::new("cfn-guard")
        .args(["validate", "--show-summary", "fail", "--rules"])
        .arg(&rules)
        .arg("--data")
        .arg(&path)
        .output()
        .expect("cfn-guard is installed by scripts/test (cargo install cfn-guard)");
    (output.status.success(), String::from_utf8_lossy(&output.stdout).into_owned())
}

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
    ] {
        assert!(original.contains(from), "{what}: the template changed, update the test");
        let (ok, _) = guard(&original.replacen(from, to, 1));
        assert!(!ok, "cfn-guard missed {what}");
    }
}

/// An alarm on a metric the job never writes would never fire: every alarm in the `OnYourSide`
/// namespace reads a metric the deadline-reminders function emits.
#[test]
fn the_alarms_read_metrics_the_job_writes() {
    let template = template();
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
        assert!(oys_service::reminders::METRICS.contains(&metric.as_str()), "{metric} is not emitted");
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
    for lease in [oys_service::send_once::EFFECT_LEASE, oys_service::intake::SWEEP_LEASE] {
        let lease = lease.as_secs();
        assert!(lease > longest && lease <= longest + 15, "lease {lease} s against the longest timeout {longest} s");
    }
}

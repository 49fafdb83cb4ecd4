//! Creates the table, queues and sender identity the functions expect, on an emulator (moto)
//! for tests and `cargo run -- --backend aws --create-aws-resources`. In AWS the SAM template
//! creates them; keep the two in step (keys, index, redrive).

use aws_sdk_dynamodb::types::{
    AttributeDefinition, BillingMode, GlobalSecondaryIndex, KeySchemaElement, KeyType, Projection, ProjectionType,
    ScalarAttributeType, StreamSpecification, StreamViewType, TimeToLiveSpecification,
};
use aws_sdk_sqs::types::QueueAttributeName;

use super::dynamodb::{
    DEADLINE_INDEX, DEADLINE_KEY, DEADLINE_SORT, EXPIRY_INDEX, EXPIRY_KEY, EXPIRY_SORT, PARTNER_INDEX, PARTNER_KEY,
    PENDING_INDEX, PENDING_KEY, PENDING_SORT, PK, RECEIVED_SORT, SK, STATUS_INDEX, STATUS_KEY, TTL_ATTRIBUTE,
};
use super::{AwsClients, AwsSettings};
use crate::settings::{AddressList, AlertConfig, QueueConfig, StoreConfig};
use oys_application::ports::PortError;

/// A global secondary index of the table, as the code queries it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndexDefinition {
    pub name: &'static str,
    pub hash: &'static str,
    pub range: &'static str,
    /// KEYS_ONLY where the code reads only keys; ALL where it reads the items from the index.
    pub keys_only: bool,
}

/// The table's key: partition and sort attributes.
pub const TABLE_KEY: (&str, &str) = (PK, SK);

/// Every index the code queries. The SAM template must define exactly these (tested).
pub const INDEXES: &[IndexDefinition] = &[
    IndexDefinition { name: PENDING_INDEX, hash: PENDING_KEY, range: PENDING_SORT, keys_only: true },
    IndexDefinition { name: DEADLINE_INDEX, hash: DEADLINE_KEY, range: DEADLINE_SORT, keys_only: false },
    IndexDefinition { name: STATUS_INDEX, hash: STATUS_KEY, range: RECEIVED_SORT, keys_only: false },
    IndexDefinition { name: PARTNER_INDEX, hash: PARTNER_KEY, range: RECEIVED_SORT, keys_only: false },
    IndexDefinition { name: EXPIRY_INDEX, hash: EXPIRY_KEY, range: EXPIRY_SORT, keys_only: true },
];

/// Key attributes and their types: `S` for strings, `N` for numbers (epoch seconds).
pub const KEY_ATTRIBUTES: &[(&str, &str)] = &[
    (PK, "S"),
    (SK, "S"),
    (PENDING_KEY, "S"),
    (PENDING_SORT, "N"),
    (DEADLINE_KEY, "S"),
    (DEADLINE_SORT, "N"),
    (STATUS_KEY, "S"),
    (PARTNER_KEY, "S"),
    (RECEIVED_SORT, "N"),
    (EXPIRY_KEY, "S"),
    (EXPIRY_SORT, "N"),
];

/// The TTL attribute (idempotency records).
pub const TTL: &str = TTL_ATTRIBUTE;

/// Names for one set of resources; tests give each test its own prefix.
#[derive(Debug, Clone)]
pub struct ResourceNames {
    pub prefix: String,
    pub alert_sender: String,
    pub operator_alert_addresses: Vec<String>,
    /// Receives before a message moves to the dead-letter queue.
    pub max_receive_count: u32,
}

fn fail(operation: &'static str) -> impl Fn(String) -> PortError {
    move |detail| PortError::new(operation, detail)
}

/// Creates everything and returns the settings the functions would read from their environment.
pub async fn create_resources(clients: &AwsClients, names: &ResourceNames) -> Result<AwsSettings, PortError> {
    let table_name = format!("{}-reports", names.prefix);
    let mut table = clients
        .dynamodb
        .create_table()
        .table_name(&table_name)
        .billing_mode(BillingMode::PayPerRequest)
        .key_schema(key(TABLE_KEY.0, KeyType::Hash))
        .key_schema(key(TABLE_KEY.1, KeyType::Range))
        // As the template's: keys only, so no report's words or contact details enter the
        // stream, which erasure cannot reach for its 24 hours.
        .stream_specification(
            StreamSpecification::builder()
                .stream_enabled(true)
                .stream_view_type(StreamViewType::KeysOnly)
                .build()
                .expect("required fields set"),
        );
    for (name, kind) in KEY_ATTRIBUTES {
        let kind = if *kind == "N" { ScalarAttributeType::N } else { ScalarAttributeType::S };
        table = table.attribute_definitions(attribute(name, kind));
    }
    for definition in INDEXES {
        let projection = if definition.keys_only { ProjectionType::KeysOnly } else { ProjectionType::All };
        table = table.global_secondary_indexes(index(definition.name, definition.hash, definition.range, projection));
    }
    table
        .send()
        .await
        .map_err(|e| fail("create table")(aws_sdk_dynamodb::error::DisplayErrorContext(e).to_string()))?;
    clients
        .dynamodb
        .update_time_to_live()
        .table_name(&table_name)
        .time_to_live_specification(
            TimeToLiveSpecification::builder()
                .enabled(true)
                .attribute_name(TTL_ATTRIBUTE)
                .build()
                .expect("required fields set"),
        )
        .send()
        .await
        .map_err(|e| fail("enable ttl")(aws_sdk_dynamodb::error::DisplayErrorContext(e).to_string()))?;

    let mut queue_urls = Vec::new();
    for route in ["police-referral", "advocate-assignment"] {
        let dlq_url = create_queue(clients, &format!("{}-{route}-dlq", names.prefix), None).await?;
        let dlq_arn = clients
            .sqs
            .get_queue_attributes()
            .queue_url(&dlq_url)
            .attribute_names(QueueAttributeName::QueueArn)
            .send()
            .await
            .map_err(|e| fail("dlq arn")(aws_sdk_sqs::error::DisplayErrorContext(e).to_string()))?
            .attributes
            .and_then(|a| a.get(&QueueAttributeName::QueueArn).cloned())
            .ok_or_else(|| PortError::new("dlq arn", "missing"))?;
        let redrive =
            format!(r#"{{"deadLetterTargetArn":"{dlq_arn}","maxReceiveCount":"{}"}}"#, names.max_receive_count);
        let url = create_queue(clients, &format!("{}-{route}", names.prefix), Some(redrive)).await?;
        queue_urls.push((url, dlq_url));
    }

    clients
        .ses
        .verify_email_identity()
        .email_address(&names.alert_sender)
        .send()
        .await
        .map_err(|e| fail("verify sender")(aws_sdk_ses::error::DisplayErrorContext(e).to_string()))?;

    let [(police, police_dlq), (advocate, advocate_dlq)]: [(String, String); 2] =
        queue_urls.try_into().expect("two routes");
    Ok(AwsSettings {
        store: StoreConfig { table_name },
        alerts: AlertConfig {
            alert_sender_address: names.alert_sender.clone(),
            operator_alert_addresses: AddressList(names.operator_alert_addresses.clone()),
        },
        queues: Some(QueueConfig {
            police_referral_queue_url: police,
            advocate_assignment_queue_url: advocate,
            police_referral_dlq_url: Some(police_dlq),
            advocate_assignment_dlq_url: Some(advocate_dlq),
        }),
    })
}

async fn create_queue(clients: &AwsClients, name: &str, redrive: Option<String>) -> Result<String, PortError> {
    let mut request = clients.sqs.create_queue().queue_name(name);
    if let Some(policy) = redrive {
        request = request.attributes(QueueAttributeName::RedrivePolicy, policy);
    }
    let output = request
        .send()
        .await
        .map_err(|e| fail("create queue")(aws_sdk_sqs::error::DisplayErrorContext(e).to_string()))?;
    output.queue_url.ok_or_else(|| PortError::new("create queue", "no url returned"))
}

// Builders of the table's schema: their required fields are all set here, so `expect` cannot fire.
fn key(name: &str, kind: KeyType) -> KeySchemaElement {
    KeySchemaElement::builder().attribute_name(name).key_type(kind).build().expect("required fields set")
}

fn attribute(name: &str, kind: ScalarAttributeType) -> AttributeDefinition {
    AttributeDefinition::builder().attribute_name(name).attribute_type(kind).build().expect("required fields set")
}

fn index(name: &str, hash: &str, range: &str, projection: ProjectionType) -> GlobalSecondaryIndex {
    GlobalSecondaryIndex::builder()
        .index_name(name)
        .key_schema(key(hash, KeyType::Hash))
        .key_schema(key(range, KeyType::Range))
        .projection(Projection::builder().projection_type(projection).build())
        .build()
        .expect("required fields set")
}

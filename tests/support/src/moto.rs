//! One moto server per test binary, started on first use on a free loopback port.
//!
//! The server is `moto[server]` (pinned in `scripts/test`) run by `moto_server.py`, which exits
//! when this process does. If Python or moto is missing the tests fail with instructions:
//! they never skip, in CI or anywhere else.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;

use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_sdk_dynamodb::config::Credentials;

pub struct MotoServer {
    pub endpoint: String,
    /// Held so the server's standard input stays open for as long as the tests run.
    _process: Child,
}

static SERVER: OnceLock<MotoServer> = OnceLock::new();
static MAIL_SERVER: OnceLock<MotoServer> = OnceLock::new();

/// DynamoDB and SQS.
pub fn server() -> &'static MotoServer {
    SERVER.get_or_init(start)
}

/// SES, on a server of its own: moto's only way to read sent mail back, `data.json`, dumps the
/// whole server's state, and with every test's tables in it that gets slow.
pub fn mail_server() -> &'static MotoServer {
    MAIL_SERVER.get_or_init(start)
}

/// The Python that has moto: `MOTO_PYTHON`, else the repo's `.venv` made by `scripts/test`.
fn python() -> PathBuf {
    if let Some(path) = std::env::var_os("MOTO_PYTHON") {
        return PathBuf::from(path);
    }
    let venv = PathBuf::from(crate::ROOT).join(".venv/bin/python");
    if venv.exists() {
        return venv;
    }
    panic!(
        "The AWS adapter tests need a moto server and found none.\n\
         Run the tests with `scripts/test` (it creates .venv with moto[server]==5.2.5), or set\n\
         MOTO_PYTHON to a Python that has `moto[server]` installed."
    );
}

fn start() -> MotoServer {
    let python = python();
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/moto_server.py");
    let mut process = Command::new(&python)
        .arg(script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap_or_else(|e| panic!("could not start {} {script}: {e}", python.display()));
    let stdout = process.stdout.take().expect("stdout is piped");
    let mut first_line = String::new();
    BufReader::new(stdout).read_line(&mut first_line).expect("read moto's port");
    let port: u16 = first_line
        .trim()
        .parse()
        .unwrap_or_else(|_| panic!("moto did not start (is moto[server]==5.2.5 installed for {}?)", python.display()));
    MotoServer { endpoint: format!("http://127.0.0.1:{port}"), _process: process }
}

/// SDK configuration for an emulator: explicit region and static credentials, so the SDK
/// never probes instance metadata.
pub async fn sdk_config_for(server: &MotoServer) -> SdkConfig {
    aws_config::defaults(BehaviorVersion::latest())
        .http_client(oys_aws::https_client())
        .region(Region::new("eu-west-2"))
        .credentials_provider(Credentials::new("testing", "testing", None, None, "tests"))
        .endpoint_url(&server.endpoint)
        .load()
        .await
}

pub async fn sdk_config() -> SdkConfig {
    sdk_config_for(server()).await
}

/// Clients for the tests: DynamoDB and SQS on the main server, SES on the mail server.
pub async fn clients() -> oys_aws::AwsClients {
    let main = sdk_config().await;
    let mail = sdk_config_for(mail_server()).await;
    oys_aws::AwsClients {
        dynamodb: aws_sdk_dynamodb::Client::new(&main),
        sqs: aws_sdk_sqs::Client::new(&main),
        ses: aws_sdk_ses::Client::new(&mail),
    }
}

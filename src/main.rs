//! The local runner: `cargo run` serves the whole service on http://127.0.0.1:3000 with the
//! embedded adapters (SQLite file, local queue, `.eml` outbox), no AWS account needed.
//! `--backend aws` points it at AWS APIs instead (for example a moto server through
//! `AWS_ENDPOINT_URL`). `cargo run -- --help` lists every option.

mod faults;
mod runner;
mod seed;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    runner::run().await
}

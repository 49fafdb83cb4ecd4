//! Black-box tests of the service: one test binary, a module per flow (zero2prod style).
//! Every flow that touches a port runs on both adapter sets: embedded and AWS-on-moto.
//!
//! Two tiers: `cargo test` needs only Rust (the embedded halves and everything pure);
//! `scripts/test` installs moto, cfn-lint and cfn-guard, builds the functions, and adds the
//! feature `installed-tools`: the moto halves, `iam`, `aws_calls`, the template's linters and
//! the unconfigured functions. There a missing tool fails its test; nothing is skipped.

use oys_test_support as support;

mod api;
mod architecture;
#[cfg(feature = "installed-tools")]
mod aws_calls;
mod casework;
mod conformance;
mod console;
mod follow_up;
mod form;
#[cfg(feature = "installed-tools")]
mod iam;
mod infra;
mod lambda_events;
mod openapi;
mod runner;
mod statistics;
mod stream;
mod workers;

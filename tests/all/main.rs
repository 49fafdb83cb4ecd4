//! Black-box tests of the service: one test binary, a module per flow (zero2prod style).
//! Every flow that touches a port runs on both adapter sets: embedded and AWS-on-moto.

mod support;

mod api;
mod architecture;
mod aws_calls;
mod casework;
mod conformance;
mod console;
mod follow_up;
mod form;
mod iam;
mod infra;
mod lambda_events;
mod openapi;
mod runner;
mod statistics;
mod workers;

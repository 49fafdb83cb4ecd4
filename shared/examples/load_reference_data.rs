//! Measures what loading the shipped reference data costs a cold function:
//! `cargo run --release -p oys-shared --example load_reference_data`.

use std::time::Instant;

fn main() {
    let started = Instant::now();
    oys_shared::geography::load_tables();
    let tables = started.elapsed();
    let started = Instant::now();
    oys_shared::i18n::load_bundles();
    let bundles = started.elapsed();
    println!("postcode tables: {tables:?}, message bundles: {bundles:?}");
}

//! Measures what the shipped reference data costs a cold function: the first postcode lookup
//! (the tables are static data, packed by `build.rs`) and parsing the English messages (the
//! other languages are parsed on first use):
//! `cargo run --release -p oys-shared --example load_reference_data`.

use std::time::Instant;

fn main() {
    let started = Instant::now();
    let postcode = oys_shared::fields::Postcode::parse("M1 1AE").expect("a valid postcode");
    let forces = oys_shared::geography::candidate_forces(&postcode).forces;
    let lookup = started.elapsed();
    let started = Instant::now();
    oys_shared::i18n::load_bundles();
    let bundles = started.elapsed();
    println!("first postcode lookup ({forces:?}): {lookup:?}, English messages: {bundles:?}");
}

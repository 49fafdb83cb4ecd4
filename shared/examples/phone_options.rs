//! The two ways measured to turn a typed phone number into E.164: libphonenumber (the
//! `phonenumber` crate) and the service's own rules (`oys_shared::phone`). Prints the first
//! call in a fresh process (what the first report after a cold start pays) and the median of
//! the next 1,000. Run: `cargo run --release -p oys-shared --example phone_options`.

use std::time::{Duration, Instant};

fn time<T>(f: impl Fn() -> T) -> (Duration, Duration) {
    let started = Instant::now();
    std::hint::black_box(f());
    let first = started.elapsed();
    let mut warm: Vec<Duration> = (0..1000)
        .map(|_| {
            let started = Instant::now();
            std::hint::black_box(f());
            started.elapsed()
        })
        .collect();
    warm.sort();
    (first, warm[500])
}

fn main() {
    let typed = "07700 900123";
    let (first, warm) = time(|| oys_shared::phone::to_e164(typed));
    println!("service rules:   first call {first:>10.2?}, then median {warm:>8.2?}");
    let (first, warm) = time(|| {
        let parsed = phonenumber::parse(Some(phonenumber::country::Id::GB), typed).unwrap();
        phonenumber::is_valid(&parsed);
        parsed.format().mode(phonenumber::Mode::E164).to_string()
    });
    println!("libphonenumber:  first call {first:>10.2?}, then median {warm:>8.2?}");
}

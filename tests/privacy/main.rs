//! The privacy tests, in a binary of their own: their log capture is the process's one global
//! subscriber (events from every thread and callsite, at every level this project logs at), and
//! they run one at a time so a capture holds only its own test's logs.

#[allow(dead_code, unused_imports)]
#[path = "../all/support/mod.rs"]
mod support;

mod logs;
mod privacy;

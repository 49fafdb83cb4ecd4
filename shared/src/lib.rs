//! Domain types and rules of On Your Side.
//!
//! Everything here is pure: no I/O, no AWS types, no clocks (callers pass `now`). The use cases
//! (`oys-application`) and the edges call these functions; the tests here pin the rules down.

#[macro_use]
mod choice;
pub mod advocate;
pub mod calendar;
pub mod case_history;
pub mod case_record;
pub mod casework;
pub mod claims;
mod crockford;
pub mod deadlines;
pub mod effects;
pub mod emails;
pub mod errors;
pub mod fields;
pub mod follow_up;
pub mod geography;
pub mod hex;
pub mod i18n;
pub mod oversight;
pub mod phone;
pub mod police;
pub mod reference;
pub mod report;
pub mod routing;
pub mod staff_session;
pub mod statistics;
pub mod work_queue;

pub use choice::Choice;
pub use errors::{ErrorCode, FieldError};
pub use reference::Reference;
pub use report::{parse_report, Report};

//! The privacy tests, in a binary of their own: their log capture is the process's one global
//! subscriber (events from every thread and callsite, at every level this project logs at), and
//! they run one at a time so a capture holds only its own test's logs.

use oys_test_support as support;

mod logs;
mod privacy;

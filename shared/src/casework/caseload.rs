//! Partners' caseloads: what a change of the case's sharing moves.

use super::*;

/// One partner's count of open cases, moved by one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseloadChange {
    pub partner_id: String,
    pub delta: i64,
}

/// A partner's caseload counts the cases shared with it: a case shared with a partner adds one
/// to its count, a case no longer shared with it takes one away.
pub fn caseload_changes(before: &CaseState, after: &CaseState) -> Vec<CaseloadChange> {
    match (before.shared_with(), after.shared_with()) {
        (old, new) if old == new => Vec::new(),
        (old, new) => {
            let left = old.map(|partner| CaseloadChange { partner_id: partner.to_string(), delta: -1 });
            let joined = new.map(|partner| CaseloadChange { partner_id: partner.to_string(), delta: 1 });
            left.into_iter().chain(joined).collect()
        }
    }
}

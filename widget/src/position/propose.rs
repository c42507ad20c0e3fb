//! DAO mode in the position: an exit is written as proposals ([`crate::dao`]) instead of being
//! sent, shown under the position's status line and handed to the host.

use crate::inner::Inner;
use crate::state::{State, Status};
use std::rc::Rc;

/// DAO mode: writes the exit as proposals (`write`) instead of sending it; whether it did.
pub(super) fn propose(inner: &Rc<Inner>, action: &str, write: impl FnOnce(&State) -> Vec<crate::dao::Written>) -> bool {
    let mut st = inner.state.borrow_mut();
    let written = write(&st);
    if written.is_empty() {
        return false;
    }
    let on_proposal = st.config.dao.as_ref().and_then(|d| d.on_proposal.clone());
    st.exit_confirm_all = None;
    st.exit_action = action.to_string();
    st.exit_status = Status::Proposed;
    st.exit_proposals = written.clone();
    drop(st);
    inner.render();
    for w in &written {
        crate::dao::hand_over(on_proposal.as_ref(), w);
    }
    true
}

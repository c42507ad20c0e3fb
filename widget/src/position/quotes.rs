//! A liquid token's exits as the position shows them: composed by router-core
//! (`LiquidExitQuote::new`) from the quotes `exit_load` read and the terms in force. Pure
//! functions of the state; nothing is read here.

use crate::data::Load;
use crate::state::State;
use router_core::exit_quote::{EpochClock, LiquidExitQuote};
use router_core::{AccountId, LstProtocol, TargetKind};

/// The protocol of liquid target `token`.
pub(crate) fn protocol_of(st: &State, token: &AccountId) -> Option<LstProtocol> {
    match st.data.ready()?.target(token)?.kind {
        TargetKind::Liquid { protocol, .. } => Some(protocol),
        TargetKind::Validator => None,
    }
}

/// `token`'s exits composed by router-core from what was read, with the terms in force.
pub(crate) fn quote_of(st: &State, token: &AccountId) -> Option<LiquidExitQuote> {
    let Load::Ready(r) = st.exit_quotes.get(token)? else { return None };
    let data = st.position.ready()?;
    let clock = data.clock.unwrap_or(EpochClock { epoch_height: data.position.current_epoch, ..EpochClock::default() });
    let instant = r.instant.clone();
    LiquidExitQuote::new(token.to_string(), r.protocol, r.amount, r.price, instant, r.market, st.exit_terms(), &clock)
}

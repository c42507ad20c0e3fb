//! Reading a liquid token's exit quotes over RPC, as `stake-router exit` reads them: each
//! venue's quote for the amount (Meta Pool's `get_near_amount_sell_stnear`, the exchange's
//! `get_return` to wNEAR) and what the exchange pays for one whole token (the depeg test).
//! [`super::quotes::quote_of`] composes them with
//! `router_core::exit_quote::LiquidExitQuote::new` under the slippage in force (the figures are
//! never computed here).

use super::quotes::protocol_of;
use crate::config::Exchange;
use crate::data::{ExitReads, Load};
use crate::inner::{live, Inner};
use crate::rpc::{with_retry, Rpc, RpcError};
use crate::state::State;
use crate::strings::S;
use router_core::exit_calls::{DEX_GET_RETURN, META_QUOTE_LIQUID_UNSTAKE};
use router_core::exit_quote::InstantVenue;
use router_core::guards::PRICE_UNIT;
use router_core::{AccountId, LstProtocol, Yocto};
use std::rc::Rc;

/// Starts reading the quotes of every liquid token held (after the position arrives).
pub(crate) fn load_all(inner: &Rc<Inner>) {
    let tokens: Vec<AccountId> = {
        let st = inner.state.borrow();
        let Some(data) = st.position.ready() else { return };
        data.position.liquid.iter().filter(|l| l.balance.0 > 0).map(|l| l.token_id.clone()).collect()
    };
    for token in tokens {
        load_quote(inner, token);
    }
}

/// The amount to quote for `token`: the typed amount, or the whole balance; `Err` in words.
fn amount_of(st: &State, token: &AccountId, balance: u128) -> Result<(u128, bool), String> {
    let s = &st.config.strings;
    let typed = st.exit_amounts.get(token).map(|t| t.trim()).unwrap_or_default();
    if typed.is_empty() {
        return Ok((balance, true));
    }
    let amount = router_core::parse_near(typed).map_err(|e| s.fill(S::PosBadAmount, &[("error", &e.to_string())]))?;
    if amount > balance {
        let symbol = protocol_of(st, token).map_or("", crate::preview::token_symbol);
        let held = format!("{} {symbol}", router_core::format_near_display(balance));
        return Err(s.fill(S::ExitAboveBalance, &[("amount", &held)]));
    }
    Ok((amount, amount == balance))
}

/// Reads `token`'s quotes for the amount typed (or all of it) into `State::exit_quotes`.
pub(crate) fn load_quote(inner: &Rc<Inner>, token: AccountId) {
    let (rpc, exchange, protocol, price, amount, all, epoch) = {
        let mut st = inner.state.borrow_mut();
        let Some(data) = st.position.ready() else { return };
        let Some(l) = data.position.liquid.iter().find(|l| l.token_id == token) else { return };
        let (balance, price) = (l.balance.0, l.price);
        let (Some(protocol), Some(price)) = (protocol_of(&st, &token), price) else {
            let why = st.config.strings.get(S::ExitNoPrice).to_string();
            st.exit_quotes.insert(token, Load::Failed(why));
            return;
        };
        let (amount, all) = match amount_of(&st, &token, balance) {
            Ok(a) => a,
            Err(why) => {
                st.exit_quotes.insert(token, Load::Failed(why));
                return;
            }
        };
        st.exit_quotes.insert(token.clone(), Load::Loading);
        let rpc = st.config.rpc();
        (rpc, st.config.exchange.clone(), protocol, price.0, amount, all, st.account_epoch)
    };
    let weak = Rc::downgrade(inner);
    wasm_bindgen_futures::spawn_local(async move {
        let (instant, market, notes) = read(&rpc, exchange.as_ref(), &token, protocol, amount).await;
        let Some(inner) = live(&weak) else { return };
        {
            let mut st = inner.state.borrow_mut();
            if st.account_epoch != epoch || !matches!(st.exit_quotes.get(&token), Some(Load::Loading)) {
                return;
            }
            // A later amount was typed meanwhile: this answer is for an older one.
            let balance = st.position.ready().and_then(|d| d.position.liquid.iter().find(|l| l.token_id == token));
            if balance.map(|l| amount_of(&st, &token, l.balance.0)) != Some(Ok((amount, all))) {
                return;
            }
            let reads = ExitReads { protocol, price, amount, all, instant, market, notes };
            st.exit_quotes.insert(token, Load::Ready(reads));
        }
        inner.render();
    });
}

/// What the exchange returns for `amount` of `token` in wNEAR (`get_return`).
async fn dex_return(rpc: &Rpc, x: &Exchange, pool: u64, token: &AccountId, amount: u128) -> Result<Yocto, RpcError> {
    let args = format!(
        r#"{{"pool_id":{pool},"token_in":"{token}","amount_in":"{amount}","token_out":"{}"}}"#,
        x.wnear_id.as_str()
    );
    with_retry(|| rpc.view(x.account_id.as_str(), DEX_GET_RETURN, &args), |_, _, _| {}).await
}

/// Each venue's quote, the market price and the venues that would not quote. The three reads
/// (the protocol's own quote, the exchange's quote and its price of one token) go out at once:
/// one round trip to the node, not three.
async fn read(
    rpc: &Rpc,
    exchange: Option<&Exchange>,
    token: &AccountId,
    protocol: LstProtocol,
    amount: u128,
) -> (Vec<(InstantVenue, u128)>, Option<u128>, Vec<String>) {
    let dex = exchange.and_then(|x| x.pools.get(token).map(|p| (x, *p)));
    let own = async {
        if protocol != LstProtocol::MetaPool {
            return None;
        }
        let args = format!(r#"{{"stnear_to_sell":"{amount}"}}"#);
        Some(with_retry(|| rpc.view::<Yocto>(token.as_str(), META_QUOTE_LIQUID_UNSTAKE, &args), |_, _, _| {}).await)
    };
    let swap = |amount: u128| async move {
        let (x, pool) = dex?;
        Some(dex_return(rpc, x, pool, token, amount).await)
    };
    let (own, quote, unit) = futures_util::future::join3(own, swap(amount), swap(PRICE_UNIT)).await;
    let (mut instant, mut notes) = (Vec::new(), Vec::new());
    match own {
        Some(Ok(near)) => instant.push((InstantVenue::Protocol, near.0)),
        Some(Err(_)) => notes.push(format!("{} (liquid_unstake)", protocol.display_name())),
        None => {}
    }
    if let (Some((x, pool)), Some(quote)) = (dex, quote) {
        match quote {
            Ok(near) => {
                let venue = InstantVenue::Exchange { exchange: x.account_id.to_string(), pool_id: pool };
                instant.push((venue, near.0));
            }
            Err(_) => notes.push(format!("{} (pool {pool})", x.account_id)),
        }
    }
    let market = unit.and_then(|y| y.ok()).map(|y| y.0);
    (instant, market, notes)
}

//! Reads the router's views, the LST prices and the connected account over RPC, into the
//! widget's state. Each load carries an epoch: an answer that arrives after a newer load
//! started (or after unmount) is dropped.

use crate::data::{AccountView, Load, ProxyInfo, RouterConfigView, RouterData};
use crate::inner::{live, Inner};
use crate::input::Choice;
use crate::rpc::{view_answer, with_retry, Rpc, RpcError};
use crate::state::Status;
use router_core::dao_proposal::proposal_bond;
use router_core::views::TargetView;
use router_core::{Profile, Target, TargetKind, TargetStatus};
use std::rc::Rc;
use wasm_bindgen_futures::spawn_local;

/// Reads `get_targets`, `get_profiles` and `get_config` (at once). `quiet` keeps the current data and
/// status on screen while refreshing (after a deposit).
pub(crate) fn load_source(inner: &Rc<Inner>, quiet: bool) {
    load_source_with(inner, quiet, None)
}

/// [`load_source`], taking the views from `early` answers when they arrived well (see
/// [`early_router`]) and reading them otherwise.
pub(crate) fn load_source_with(inner: &Rc<Inner>, quiet: bool, early: Option<js_sys::Promise>) {
    let rpc = inner.state.borrow().config.rpc();
    let (router, epoch) = {
        let mut st = inner.state.borrow_mut();
        st.source_epoch += 1;
        if !quiet || st.data.ready().is_none() {
            st.data = Load::Loading;
            st.status = Status::Loading;
        }
        (st.config.router_id.clone().expect("checked by Config::apply").to_string(), st.source_epoch)
    };
    inner.render();
    let weak = Rc::downgrade(inner);
    spawn_local(async move {
        let on_retry = |attempt: u32, delay_ms: i32, e: &RpcError| {
            let Some(inner) = live(&weak) else { return };
            if inner.state.borrow().source_epoch != epoch || quiet {
                return;
            }
            let seconds = crate::preview::decimal(u128::from(delay_ms.unsigned_abs()), 3);
            inner.state.borrow_mut().status = Status::Retrying { attempt, seconds, error: e.to_string() };
            inner.render();
        };
        let early = match early {
            Some(p) => early_router(p).await.ok(),
            None => None,
        };
        let result = match early {
            Some(views) => Ok(views),
            None => with_retry(|| fetch_router(&rpc, &router), on_retry).await,
        };
        let Some(inner) = live(&weak) else { return };
        if inner.state.borrow().source_epoch != epoch {
            return;
        }
        let liquid: Vec<Target> = {
            let mut st = inner.state.borrow_mut();
            match result {
                Ok((data, notes)) => {
                    st.target_notes = notes;
                    let keep = matches!(&st.choice, Choice::Profile(p) if data.profile(p).is_some())
                        || matches!(st.choice, Choice::Custom(_) | Choice::Stored);
                    if !keep {
                        st.choice = Choice::Profile(st.initial_profile(&data).unwrap_or_default());
                    }
                    let liquid = data
                        .targets
                        .iter()
                        .filter(|t| !t.kind.is_validator() && t.status == TargetStatus::Active)
                        .cloned()
                        .collect();
                    st.data = Load::Ready(data);
                    st.guards = crate::guards::GuardData::new(epoch);
                    if !quiet || matches!(st.status, Status::Loading | Status::Retrying { .. }) {
                        st.status = Status::Ready;
                    }
                    liquid
                }
                // A refresh that failed keeps the data on screen; the next action reads again.
                Err(_) if quiet && st.data.ready().is_some() => Vec::new(),
                Err(e) => {
                    st.data = Load::Failed(e.to_string());
                    st.status = Status::LoadFailed(e.to_string());
                    Vec::new()
                }
            }
        };
        inner.render();
        // After the first render: the profiles' guard options never hold it up. (A preview
        // waits for its profile's guards, so they are asked at once.)
        crate::guard_loader::load_all_options(&inner);
        crate::guard_loader::load_guards(&inner, false);
        drop(inner);
        // The reads below are for what the first render does not show: they start a task
        // later, so the browser paints the profiles first instead of after these requests are
        // built and sent (docs/widget.md, "First render").
        crate::rpc::sleep(0).await;
        let Some(inner) = live(&weak) else { return };
        if inner.state.borrow().source_epoch != epoch {
            return;
        }
        load_prices(&inner, liquid, epoch);
        if !quiet {
            // After the first render: the figures never hold it up.
            crate::figure_loader::load(&inner, false);
        }
        crate::position::load::maybe_load(&inner);
    });
}

/// The router's views the first render waits for, in the order `index.js` reads them while the
/// module downloads (`mount`'s `early` answers).
pub const FIRST_VIEWS: [&str; 3] = ["get_targets", "get_profiles", "get_config"];

async fn fetch_router(rpc: &Rpc, router: &str) -> Result<(RouterData, Notes), RpcError> {
    // The three views at once: one round trip to the first render, not three.
    let [targets, profiles, config] = FIRST_VIEWS;
    let (views, profiles, config) = futures_util::future::join3(
        rpc.view::<Vec<TargetView>>(router, targets, "{}"),
        rpc.view::<Vec<Profile>>(router, profiles, "{}"),
        rpc.view::<RouterConfigView>(router, config, "{}"),
    )
    .await;
    Ok(router_data(views?, profiles?, config?))
}

/// The first views from answers read before the module loaded: a promise of the three JSON-RPC
/// answers in [`FIRST_VIEWS`]' order (`null` when that read failed). Any failure here sends the
/// widget to read them itself, with its retries and messages.
async fn early_router(early: js_sys::Promise) -> Result<(RouterData, Notes), RpcError> {
    let answers = wasm_bindgen_futures::JsFuture::from(early)
        .await
        .map_err(|_| RpcError::Network("the early read failed".into()))?;
    if !js_sys::Array::is_array(&answers) {
        return Err(RpcError::Decode("no early answers".into()));
    }
    let answers = js_sys::Array::from(&answers);
    let [targets, profiles, config] = FIRST_VIEWS;
    Ok(router_data(
        view_answer(answers.get(0), targets)?,
        view_answer(answers.get(1), profiles)?,
        view_answer(answers.get(2), config)?,
    ))
}

fn router_data(views: Vec<TargetView>, profiles: Vec<Profile>, config: RouterConfigView) -> (RouterData, Notes) {
    // Retired targets (the `retired` flag) with their note ("" when none); any other note too.
    let mut notes = Notes::new();
    for v in views.iter().filter(|v| v.retired || v.note.is_some()) {
        notes.insert(v.account_id.clone(), v.note.clone().unwrap_or_default());
    }
    let targets: Vec<Target> = views.into_iter().map(|v| v.target).collect();
    (RouterData { targets, profiles, config }, notes)
}

type Notes = std::collections::BTreeMap<router_core::AccountId, String>;

/// Reads each liquid target's price view (`LstProtocol::price_method`) for the rate line.
fn load_prices(inner: &Rc<Inner>, liquid: Vec<Target>, epoch: u32) {
    let rpc = inner.state.borrow().config.rpc();
    for t in liquid {
        let TargetKind::Liquid { protocol, .. } = t.kind else { continue };
        inner.state.borrow_mut().prices.entry(t.account_id.clone()).or_insert(Load::Loading);
        let weak = Rc::downgrade(inner);
        let rpc = rpc.clone();
        spawn_local(async move {
            let id = t.account_id.to_string();
            let price =
                with_retry(|| rpc.view::<router_core::Yocto>(&id, protocol.price_method(), "{}"), |_, _, _| {}).await;
            let Some(inner) = live(&weak) else { return };
            if inner.state.borrow().source_epoch != epoch {
                return;
            }
            let value = match price {
                Ok(p) => Load::Ready(p.0),
                Err(e) => Load::Failed(e.to_string()),
            };
            inner.state.borrow_mut().prices.insert(t.account_id.clone(), value);
            inner.render();
        });
    }
    inner.render();
}

/// Reads the connected account (the wallet's `accountId`, `accounts` or `getAccounts()`; in DAO
/// mode the DAO), its proxy (`get_proxy`), its available balance (`view_account`), the chain's
/// gas prices (the gas a deposit leaves aside, `router_core::signer_cost`) and a DAO's
/// `proposal_bond` (`get_policy`).
pub(crate) fn load_account(inner: &Rc<Inner>) {
    let rpc = inner.state.borrow().config.rpc();
    let (router, wallet, dao, epoch) = {
        let mut st = inner.state.borrow_mut();
        st.account_epoch += 1;
        let dao = st.config.dao.as_ref().map(|d| d.account_id.clone());
        let connected = st.config.wallet.is_some() || dao.is_some();
        // The account the object names at once; a wallet that names it through `getAccounts()`
        // keeps the one shown until it answers (nothing can be staked meanwhile: the proxy
        // and the balance are loading).
        let declared = st.config.wallet.as_ref().and_then(|w| w.declared_account()).and_then(|a| a.parse().ok());
        let declared = dao.clone().or(declared);
        st.account = if connected { declared.or(st.account.take()) } else { None };
        st.dao_bond = None;
        st.proxy = if connected { Load::Loading } else { Load::Idle };
        st.balance = if connected { Load::Loading } else { Load::Idle };
        st.position = Load::Idle;
        st.exit_quotes.clear();
        st.exit_amounts.clear();
        (
            st.config.router_id.clone().expect("checked by Config::apply").to_string(),
            st.config.wallet.clone(),
            dao,
            st.account_epoch,
        )
    };
    inner.render();
    if wallet.is_none() && dao.is_none() {
        return;
    }
    let weak = Rc::downgrade(inner);
    spawn_local(async move {
        let is_dao = dao.is_some();
        let account = match (dao, wallet) {
            (Some(dao), _) => Some(dao),
            (None, Some(wallet)) => wallet.account_id().await.and_then(|a| a.parse().ok()),
            (None, None) => None,
        };
        let Some(account) = account else {
            // A wallet with no account signed in: as if none was given.
            if let Some(inner) = live(&weak) {
                let mut st = inner.state.borrow_mut();
                if st.account_epoch == epoch {
                    st.account = None;
                    st.proxy = Load::Idle;
                    st.balance = Load::Idle;
                }
                drop(st);
                inner.render();
            }
            return;
        };
        if let Some(inner) = live(&weak) {
            let mut st = inner.state.borrow_mut();
            if st.account_epoch != epoch {
                return;
            }
            st.account = Some(account.clone());
            drop(st);
            inner.render();
        }
        let args = format!("{{\"beneficiary_id\":\"{}\"}}", account.as_str());
        // A router without the view (or an account without a policy): none.
        let policy_args = format!("{{\"account_id\":\"{}\"}}", account.as_str());
        // Every read at once: the account is ready after one round trip to the node, not after
        // four (five for a DAO) one after the other.
        let (proxy, balance, stored, prices, bond) = futures_util::future::join5(
            with_retry(|| rpc.view::<ProxyInfo>(&router, "get_proxy", &args), |_, _, _| {}),
            with_retry(|| rpc.view_account::<AccountView>(account.as_str()), |_, _, _| {}),
            async {
                let read = || rpc.view::<Option<router_core::Policy>>(&router, "get_account_policy", &policy_args);
                with_retry(read, |_, _, _| {}).await.ok().flatten()
            },
            with_retry(|| rpc.gas_prices(), |_, _, _| {}),
            async {
                match is_dao {
                    true => {
                        with_retry(|| rpc.view_value(account.as_str(), "get_policy", "{}"), |_, _, _| {}).await.ok()
                    }
                    false => None,
                }
            },
        )
        .await;
        let Some(inner) = live(&weak) else { return };
        let mut st = inner.state.borrow_mut();
        if st.account_epoch != epoch {
            return;
        }
        st.dao_bond = bond.and_then(|p| serde_wasm_bindgen::from_value(p).ok()).as_ref().and_then(proposal_bond);
        st.proxy = proxy.map_or_else(|e| Load::Failed(e.to_string()), Load::Ready);
        st.balance = balance.map_or_else(|e| Load::Failed(e.to_string()), |a| Load::Ready(a.available()));
        st.gas_prices = prices.map_or_else(|e| Load::Failed(e.to_string()), Load::Ready);
        // A stored policy is what the account chose for itself: offered first, unless the person
        // already chose something; without one, a stored choice falls back to the profile.
        match (&stored, &st.choice) {
            (Some(_), Choice::Profile(_)) if !st.touched => st.choice = Choice::Stored,
            (None, Choice::Stored) => {
                st.choice = Choice::Profile(st.data.ready().and_then(|d| st.initial_profile(d)).unwrap_or_default())
            }
            _ => {}
        }
        st.stored_policy = stored;
        // The account's own stake in a pool measures its rate best: read the figures again.
        let own = st.proxy.ready().is_some_and(|p| p.exists)
            || st.figures.legs.iter().any(|f| f.source == router_core::figure_legs::RateSource::OwnGrowth);
        let figures_started = !matches!(st.figures.chain, Load::Idle);
        drop(st);
        inner.render();
        crate::position::load::maybe_load(&inner);
        if own && figures_started {
            crate::figure_loader::load(&inner, true);
        }
    });
}

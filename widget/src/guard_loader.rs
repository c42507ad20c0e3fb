//! Reads what the profiles' guards need ([`crate::guards`]) over JSON-RPC: every profile's
//! `get_profile_guards(name)` at once after the router's views are shown ([`load_all_options`]), then,
//! for the chosen profile, only the observations its options ask for (RPC `validators`, the
//! router's `get_depeg_bands`) and any options read that failed. Answers of an older router
//! load are dropped.

use crate::data::Load;
use crate::guards::GuardRead;
use crate::inner::Inner;
use crate::input::Choice;
use crate::rpc::{with_retry, Rpc, RpcError};
use crate::state::State;
use router_core::guards::DepegBands;
use router_core::market::MarketWatches;
use router_core::{AccountId, GuardOptions};
use std::rc::{Rc, Weak};
use wasm_bindgen_futures::spawn_local;

/// Starts the reads the chosen profile's guards still need (none for a custom split);
/// `retry_failed` asks again for reads that failed (the person chose the profile or pressed
/// "Try again").
pub(crate) fn load_guards(inner: &Rc<Inner>, retry_failed: bool) {
    let (rpc, router, epoch, profile, missing) = {
        let mut st = inner.state.borrow_mut();
        if st.data.ready().is_none() {
            return;
        }
        let profile = match &st.choice {
            Choice::Profile(name) => name.clone(),
            Choice::Custom(_) | Choice::Stored => return,
        };
        let missing = st.guards.missing(Some(&profile), retry_failed);
        for read in &missing {
            match read {
                GuardRead::Options => {
                    st.guards.options.insert(profile.clone(), Load::Loading);
                }
                GuardRead::Validators => st.guards.validators = Load::Loading,
                GuardRead::DepegBands => st.guards.bands = Load::Loading,
            }
        }
        let (rpc, router) = reader(&st);
        (rpc, router, st.guards.epoch, profile, missing)
    };
    for read in missing {
        let (weak, rpc, router, profile) = (Rc::downgrade(inner), rpc.clone(), router.clone(), profile.clone());
        spawn_local(async move {
            let answer = fetch(&rpc, &router, &profile, read).await;
            store(&weak, epoch, &profile, answer);
        });
    }
    inner.render();
}

/// Reads every profile's `get_profile_guards(name)` at once, in the background: the first
/// render does not wait for them. Each is marked loading first (so [`load_guards`] does not
/// read it twice) and stored as it arrives; then the chosen profile's observations follow.
pub(crate) fn load_all_options(inner: &Rc<Inner>) {
    let (rpc, router, epoch, names) = {
        let mut st = inner.state.borrow_mut();
        let Some(data) = st.data.ready() else { return };
        let names: Vec<String> = data.profiles.iter().map(|p| p.name.clone()).collect();
        for name in &names {
            st.guards.options.insert(name.clone(), Load::Loading);
        }
        let (rpc, router) = reader(&st);
        (rpc, router, st.guards.epoch, names)
    };
    for name in names {
        let (weak, rpc, router) = (Rc::downgrade(inner), rpc.clone(), router.clone());
        spawn_local(async move {
            let answer = fetch(&rpc, &router, &name, GuardRead::Options).await;
            store(&weak, epoch, &name, answer);
        });
    }
}

/// The RPC and the router the guards are read from.
fn reader(st: &State) -> (Rpc, String) {
    let rpc = st.config.rpc();
    (rpc, st.config.router_id.clone().expect("checked by Config::apply").to_string())
}

/// One read's answer.
enum Answer {
    Options(Result<GuardOptions, RpcError>),
    Validators(Result<Vec<(AccountId, u128)>, RpcError>),
    Bands(Result<(DepegBands, MarketWatches), RpcError>),
}

async fn fetch(rpc: &Rpc, router: &str, profile: &str, read: GuardRead) -> Answer {
    match read {
        GuardRead::Options => {
            let args = name_args(profile);
            let options =
                with_retry(|| rpc.view::<GuardOptions>(router, "get_profile_guards", &args), |_, _, _| {}).await;
            Answer::Options(
                options.or_else(|e| if method_not_found(&e) { Ok(GuardOptions::default()) } else { Err(e) }),
            )
        }
        GuardRead::Validators => Answer::Validators(with_retry(|| rpc.current_validators(), |_, _, _| {}).await),
        GuardRead::DepegBands => {
            let bands = with_retry(|| rpc.view(router, "get_depeg_bands", "{}"), |_, _, _| {}).await;
            let markets = with_retry(|| rpc.view(router, "get_market_watches", "{}"), |_, _, _| {}).await;
            // A router built before market watches has none.
            let markets = markets.or_else(|e| if method_not_found(&e) { Ok(Vec::new()) } else { Err(e) });
            Answer::Bands(bands.and_then(|b| markets.map(|m| (b, m))))
        }
    }
}

/// A router built before guards existed has no `get_profile_guards`: its profiles have none.
fn method_not_found(e: &RpcError) -> bool {
    matches!(e, RpcError::View(m) if m.contains("MethodNotFound"))
}

/// `{"name": <profile>}`, with the name escaped as JSON.
fn name_args(profile: &str) -> String {
    let name = js_sys::JSON::stringify(&profile.into()).ok().and_then(|s| s.as_string()).unwrap_or_default();
    format!("{{\"name\":{name}}}")
}

fn load<T>(r: Result<T, RpcError>) -> Load<T> {
    r.map_or_else(|e| Load::Failed(e.to_string()), Load::Ready)
}

fn store(weak: &Weak<Inner>, epoch: u32, profile: &str, answer: Answer) {
    let Some(inner) = weak.upgrade().filter(|i| i.alive()) else { return };
    {
        let mut st = inner.state.borrow_mut();
        if st.guards.epoch != epoch {
            return;
        }
        match answer {
            Answer::Options(r) => {
                st.guards.options.insert(profile.to_string(), load(r));
            }
            Answer::Validators(r) => st.guards.validators = load(r),
            Answer::Bands(r) => {
                let (bands, markets) = match r {
                    Ok((bands, markets)) => (Ok(bands), markets),
                    Err(e) => (Err(e), Vec::new()),
                };
                st.guards.bands = load(bands);
                st.guards.markets = markets;
            }
        }
    }
    // The options decide which observations to read next (a failure is not asked again here).
    load_guards(&inner, false);
}

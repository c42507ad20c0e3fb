//! Reads the figures ([`crate::figures`]) over JSON-RPC, after the router's views are shown (the
//! first render never waits for them): the chain-wide reads of `router_core::figure_reads`
//! (each with retries, all at once), the window's first block, then each active target's views
//! of `router_core::figure_legs` (its price or fee, the connected account's own stake in a pool
//! when its proxy exists, a liquid protocol's fee view), all at once. A read that fails for good
//! is kept with its reason, shown in place of the figure. Answers of an older load are dropped.

use crate::data::Load;
use crate::figures::Chain;
use crate::inner::{live, Inner};
use crate::rpc::{with_retry, Rpc, RpcError};
use futures_util::future::{join, join4, join_all};
use router_core::figure_legs::{
    leg_figures, own_growth, own_growth_reads, protocol_fee, protocol_fee_read, target_reads, Answer, LegFigures,
    ViewRead,
};
use router_core::figure_reads::{base_requests, block_request, Base, Request, SKIPPED_HEIGHTS_TRIED};
use router_core::figures::Fraction;
use router_core::{AccountId, Target, TargetKind, TargetStatus};
use std::rc::Rc;
use wasm_bindgen_futures::spawn_local;

/// One target's figures and, for a liquid one, its protocol's fee.
type LegRead = (AccountId, LegFigures, Option<Result<Fraction, String>>);

/// Starts a load of the figures for the router's active targets. `quiet` keeps the figures on
/// screen until the new ones have all arrived (a reload after the account changed).
pub(crate) fn load(inner: &Rc<Inner>, quiet: bool) {
    let (rpc, targets, proxy, epochs, epoch) = {
        let mut st = inner.state.borrow_mut();
        let Some(data) = st.data.ready() else { return };
        let targets: Vec<Target> = data.targets.iter().filter(|t| t.status == TargetStatus::Active).cloned().collect();
        let proxy: Option<AccountId> =
            st.proxy.ready().filter(|p| p.exists).and_then(|p| p.proxy_id.as_str().parse().ok());
        let rpc = st.config.rpc();
        let epochs = st.config.figure_epochs;
        let f = &mut st.figures;
        f.epoch += 1;
        let quiet = quiet && f.chain.ready().is_some();
        if !quiet {
            f.chain = Load::Loading;
            f.legs.clear();
            f.protocol_fees.clear();
        }
        (rpc, targets, proxy, epochs, f.epoch)
    };
    inner.render();
    let weak = Rc::downgrade(inner);
    spawn_local(async move {
        let chain = read_chain(&rpc, epochs).await;
        let still = |inner: &Inner| inner.state.borrow().figures.epoch == epoch;
        let Some(inner) = live(&weak).filter(|i| still(i)) else { return };
        let chain = match chain {
            Ok(c) => c,
            Err(e) => {
                inner.state.borrow_mut().figures.chain = Load::Failed(e);
                inner.render();
                return;
            }
        };
        if !quiet {
            inner.state.borrow_mut().figures.chain = Load::Ready(chain.clone());
            inner.render();
        }
        drop(inner);
        let reads = targets.iter().map(|t| {
            let (weak, rpc, chain, proxy) = (weak.clone(), rpc.clone(), chain.clone(), proxy.clone());
            async move {
                let read = read_leg(&rpc, t, &chain, proxy.as_ref()).await;
                if !quiet {
                    if let Some(inner) = live(&weak).filter(|i| still(i)) {
                        store(&inner, read.clone());
                        inner.render();
                    }
                }
                read
            }
        });
        let all = join_all(reads).await;
        let Some(inner) = live(&weak).filter(|i| still(i)) else { return };
        if quiet {
            {
                let mut st = inner.state.borrow_mut();
                st.figures.chain = Load::Ready(chain);
                st.figures.legs.clear();
                st.figures.protocol_fees.clear();
            }
            for read in all {
                store(&inner, read);
            }
            inner.render();
        }
    });
}

fn store(inner: &Inner, (target, figures, fee): LegRead) {
    let mut st = inner.state.borrow_mut();
    st.figures.legs.retain(|f| f.target != target);
    st.figures.legs.push(figures);
    if let Some(fee) = fee {
        st.figures.protocol_fees.retain(|(t, _)| t != &target);
        st.figures.protocol_fees.push((target, fee));
    }
}

/// The chain-wide reads and the window's first block (a few heights later when a height has
/// no block).
async fn read_chain(rpc: &Rpc, epochs: u64) -> Result<Chain, String> {
    let call = |r: Request| async move {
        with_retry(|| rpc.call_json(r.method, &r.params), |_, _, _| {}).await.map_err(|e| format!("{}: {e}", r.method))
    };
    let [a, b, c, d] = base_requests();
    let (config, head, validators, status) = join4(call(a), call(b), call(c), call(d)).await;
    let base = Base::parse(&config?, &head?, validators?, &status?)?;
    let (_, from) = base.window_start(epochs);
    // The window's two ends at once.
    let end = block_request(base.epoch_start);
    let to = async {
        with_retry(|| rpc.call_json(end.method, &end.params), |_, _, _| {})
            .await
            .map_err(|e| format!("block {}: {e}", base.epoch_start))
    };
    let start = async {
        let mut last = String::new();
        for height in from..=from.saturating_add(SKIPPED_HEIGHTS_TRIED) {
            let r = block_request(height);
            match with_retry(|| rpc.call_json(r.method, &r.params), |_, _, _| {}).await {
                Ok(block) => return Ok(block),
                Err(RpcError::Rpc { cause, message, .. }) if cause == "UNKNOWN_BLOCK" => last = message,
                Err(e) => return Err(format!("block {height}: {e}")),
            }
        }
        Err(format!("no block at heights {from} to {}: {last}", from.saturating_add(SKIPPED_HEIGHTS_TRIED)))
    };
    let (to, start) = join(to, start).await;
    let (to, start) = (to?, start?);
    let window = base.window(epochs, &start, &to)?;
    Ok(Chain { window, base })
}

/// A view read of the seam, with retries; a failure in words.
async fn view(rpc: &Rpc, r: &ViewRead) -> Answer {
    let answer = with_retry(|| rpc.view_json_at(r.account.as_str(), r.method, &r.args, r.at), |_, _, _| {}).await;
    answer.map_err(|e| match e {
        RpcError::View(m) if m.contains("MethodNotFound") => format!("{} has no {} view", r.account, r.method),
        e => format!("{}.{}: {e}", r.account, r.method),
    })
}

/// `t`'s reads, all at once: its own (`target_reads`), its own growth for the account's proxy,
/// its protocol's fee.
async fn read_leg(rpc: &Rpc, t: &Target, chain: &Chain, proxy: Option<&AccountId>) -> LegRead {
    let w = &chain.window;
    // One list, answered in its order: the target's own reads, then the account's own growth
    // through its proxy (a validator only), then the protocol's fee.
    let mut reads = target_reads(t, w);
    let target_count = reads.len();
    let own_proxy = proxy.filter(|_| matches!(t.kind, TargetKind::Validator));
    if let Some(p) = own_proxy {
        reads.extend(own_growth_reads(p, &t.account_id, w));
    }
    let fee_at = reads.len();
    reads.extend(protocol_fee_read(t));
    let mut answers = join_all(reads.iter().map(|r| view(rpc, r))).await;
    let fee = match t.kind {
        TargetKind::Liquid { protocol, .. } => {
            answers.get(fee_at).cloned().map(|v| v.and_then(|v| protocol_fee(protocol, &v)))
        }
        TargetKind::Validator => None,
    };
    let own = own_proxy
        .and_then(|_| <&[Answer; 4]>::try_from(answers.get(target_count..target_count + 4)?).ok())
        .and_then(|four| own_growth(&t.account_id, four, w));
    answers.truncate(target_count);
    (t.account_id.clone(), leg_figures(t, &chain.base, w, &answers, own), fee)
}

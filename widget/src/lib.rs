//! # Stake Router widget
//!
//! An embeddable browser widget (wasm-bindgen): the person types an amount, picks a risk
//! profile or a custom split, sees exactly what each leg gets, and the host page's wallet
//! signs one `deposit` transaction on the router.
//!
//! **It never computes a split itself.** The preview is `router_core::plan_deposit` over the
//! router's own views (`get_targets`, `get_profiles`, `get_config`, `get_proxy`), with
//! profiles resolved by `Allocation::resolve`: the code the contract runs in `deposit`.
//! Amounts are parsed with `router_core::parse_near` into exact yoctoNEAR and travel as
//! decimal strings; no JS number ever holds an amount.
//!
//! Ways in (see `widget/README.md`): the ES module's `mount(element, config)` returning a
//! [`WidgetHandle`] (`update(config)`, `unmount()`), and the `<stake-router-widget>` custom
//! element (`js/stake-router-widget.js`). [`api::preview`] plans without a page.
//!
//! | module | concern |
//! |---|---|
//! | [`input`] / [`snapshot`] | typed amount + choice -> exact plan, by the router's own checks around the planner over the loaded views |
//! | [`preview`](mod@preview) / [`preview_dom`] | the plan in words (legs, rates, unlock, risks, folded legs, costs, gas), and its DOM |
//! | [`figures`] / `figure_loader` | what a staker chooses by (rates with source and window, fees, validator health, unlock times, the blend), read after the first render through `router_core::figure_reads` / `figure_legs` |
//! | [`split_change`] | the sentence saying how folding or a guard changed the split |
//! | [`tx`] | the deposit transaction in wallet-selector's shape |
//! | [`rpc`] / [`view_batch`] / [`loader`] | JSON-RPC views with retries (independent ones at once), into the state |
//! | [`guards`] / [`guard_loader`] | the profile's guards (`get_profile_guards`, RPC `validators`, `get_depeg_bands`) and the `PlanGuards` the preview plans with |
//! | [`wallet`] / [`wallet_shape`] / [`failure`] | the host wallet as the libraries hand it out (account, the action shape wallet-selector 10.x and 8.x take) and what its answer means; a chain's refusal in words |
//! | [`outcome`] / [`status_dom`] | what a sent deposit did leg by leg (`router_core::events`), and the status line |
//! | [`state`] / [`view`] / [`choices_dom`] / `inner` / [`widget`] | state, DOM (the split's choices with each option's recent rate), the mounted widget's shared parts, events and the JS handle |
//! | [`config`] / [`strings`] / [`style`] | configuration, text overrides, theme |
//! | [`position`] | the connected account's position (`router_core::position` over RPC views) and the exit calls |
//! | [`dao`] | DAO mode: the Sputnik proposal (`router_core::dao_proposal`) written instead of a transaction, for the host to submit |

pub mod api;
pub mod choices_dom;
pub mod config;
pub mod dao;
pub mod data;
pub mod dom;
pub mod failure;
mod figure_loader;
pub mod figures;
pub mod guard_loader;
pub mod guards;
pub mod in_flight;
mod inner;
pub mod input;
pub mod loader;
pub mod outcome;
pub mod position;
pub mod preview;
pub mod preview_dom;
pub mod rpc;
pub mod rpc_error;
pub mod snapshot;
pub mod split_change;
pub mod state;
pub mod status_dom;
pub mod strings;
pub mod style;
pub mod tx;
pub mod view;
pub mod view_batch;
pub mod wallet;
pub mod wallet_shape;
pub mod widget;

pub use api::{mount, mount_with_views, preview};
pub use widget::WidgetHandle;

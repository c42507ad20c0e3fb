//! The widget's DOM: built once, then updated from the [`State`] after every change.
//!
//! Order on screen is the focus order: amount, presets, split, preview, Stake, status. Inputs
//! are never rebuilt while typing (so focus and caret stay); the profile list and the custom
//! split editor are rebuilt only when the router's profiles or targets change. Every element
//! a script or test looks for carries a `data-srw` name.

use crate::choices_dom::Choices;
use crate::dom::{append, attrs, clear, el, opt_attr, set_text, text_el};
use crate::guards::GuardError;
use crate::input::InputError;
use crate::position::render as position;
use crate::preview::describe_guarded;
use crate::preview_dom::render_preview;
use crate::state::State;
use crate::strings::{Strings, S};
use router_core::{format_near, format_near_at_least, format_near_display};
use web_sys::Element;

/// The elements the widget updates.
pub struct View {
    /// `div.srw`, the widget's root, inside the host element.
    pub root: Element,
    /// The form: every event listener sits here.
    pub form: Element,
    title: Element,
    account: Element,
    amount: Element,
    presets: Element,
    amount_error: Element,
    amount_hint: Element,
    choices: Choices,
    preview: Element,
    form_error: Element,
    form_hint: Element,
    stake: Element,
    status: Element,
    outcome: Element,
    retry: Element,
    proposal: Element,
    /// The position view and its exit buttons ([`crate::position`]).
    pub position: Element,
    position_view: position::PositionView,
    id: String,
    presets_key: String,
}

impl View {
    /// Builds the skeleton; `id` makes element ids unique on the page.
    pub fn build(id: &str) -> View {
        let root = attrs(el("div", "srw"), &[("role", "region"), ("aria-labelledby", &format!("{id}-title"))]);
        let form = attrs(el("form", "srw-form"), &[("novalidate", ""), ("data-srw", "form")]);
        let title = attrs(el("h2", ""), &[("id", &format!("{id}-title"))]);
        let account = attrs(el("p", "srw-account"), &[("data-srw", "account")]);
        let amount_label = attrs(el("label", ""), &[("for", &format!("{id}-amount"))]);
        let amount = attrs(
            el("input", ""),
            &[
                ("id", &format!("{id}-amount")),
                ("type", "text"),
                ("inputmode", "decimal"),
                ("autocomplete", "off"),
                ("spellcheck", "false"),
                ("data-srw", "amount"),
                ("aria-describedby", &format!("{id}-amount-error {id}-amount-hint")),
            ],
        );
        let presets = attrs(el("div", "srw-presets"), &[("role", "group"), ("data-srw", "presets")]);
        let amount_error =
            attrs(el("p", "srw-error"), &[("id", &format!("{id}-amount-error")), ("data-srw", "amount-error")]);
        let amount_hint =
            attrs(el("p", "srw-hint"), &[("id", &format!("{id}-amount-hint")), ("data-srw", "amount-hint")]);
        let choices = Choices::build(id);
        let preview = attrs(
            el("section", "srw-preview"),
            &[("data-srw", "preview"), ("aria-labelledby", &format!("{id}-preview-title"))],
        );
        let form_error =
            attrs(el("p", "srw-error"), &[("id", &format!("{id}-form-error")), ("data-srw", "form-error")]);
        let form_hint = attrs(el("p", "srw-hint"), &[("data-srw", "form-hint")]);
        let stake = attrs(
            el("button", "srw-stake"),
            &[("type", "submit"), ("data-srw", "stake"), ("aria-describedby", &format!("{id}-form-error"))],
        );
        let status =
            attrs(el("p", "srw-status"), &[("role", "status"), ("aria-live", "polite"), ("data-srw", "status")]);
        let outcome = attrs(el("ul", "srw-outcome srw-hidden"), &[("data-srw", "outcome")]);
        let retry = attrs(el("button", "srw-hidden"), &[("type", "button"), ("data-srw", "retry")]);
        let proposal = crate::dao::panel("proposal");
        let position = position::slot();
        for child in [
            &title,
            &account,
            &amount_label,
            &amount,
            &presets,
            &amount_error,
            &amount_hint,
            &choices.profiles,
            &choices.custom,
            &preview,
            &form_error,
            &form_hint,
            &stake,
            &status,
            &outcome,
            &retry,
            &proposal,
        ] {
            append(&form, child);
        }
        append(&root, &form);
        append(&root, &position);
        View {
            root,
            form,
            title,
            account,
            amount,
            presets,
            amount_error,
            amount_hint,
            choices,
            preview,
            form_error,
            form_hint,
            stake,
            status,
            outcome,
            retry,
            proposal,
            position,
            position_view: position::PositionView::default(),
            id: id.to_string(),
            presets_key: String::new(),
        }
    }

    /// Sets the amount field (a preset was chosen).
    pub fn set_amount(&self, text: &str) {
        crate::dom::input(&self.amount).set_value(text);
    }

    /// Updates everything from `state`.
    pub fn render(&mut self, state: &State) {
        let s = &state.config.strings;
        set_text(&self.title, s.get(S::Title));
        self.render_account(state, s);
        self.render_presets(state, s);
        self.choices.render(state, s);
        let planned = state.planned();
        let (amount_err, form_err) = match &planned {
            // The guards' state is said in the preview itself (below).
            Some(Err(InputError::Guards(_))) => ((String::new(), None), (String::new(), None)),
            Some(Err(e)) if state.touched || !matches!(e, InputError::Amount(router_core::AmountError::Empty)) => {
                let (msg, hint) = e.message(s);
                if e.is_about_amount() {
                    ((msg, hint), (String::new(), None))
                } else {
                    ((String::new(), None), (msg, hint))
                }
            }
            _ => ((String::new(), None), (String::new(), None)),
        };
        set_text(&self.amount_error, &amount_err.0);
        // Before anything is typed, the hint says what this split needs at least.
        let minimum = (state.amount_text.trim().is_empty()).then(|| state.minimum()).flatten();
        let before_typing = minimum.map(|m| s.fill(S::SplitMinimum, &[("amount", &format_near_at_least(m))]));
        set_text(&self.amount_hint, amount_err.1.as_deref().or(before_typing.as_deref()).unwrap_or(""));
        opt_attr(&self.amount, "aria-invalid", (!amount_err.0.is_empty()).then_some("true"));
        set_text(&self.form_error, &form_err.0);
        set_text(&self.form_hint, form_err.1.as_deref().unwrap_or(""));
        let open = crate::preview_dom::open_risks(&self.preview);
        clear(&self.preview);
        append(
            &self.preview,
            &attrs(text_el("h3", "", s.get(S::PreviewHeading)), &[("id", &format!("{}-preview-title", self.id))]),
        );
        match (&planned, state.data.ready()) {
            (Some(Ok(p)), Some(data)) => {
                let profile = match &state.choice {
                    crate::input::Choice::Profile(name) => Some(name.as_str()),
                    crate::input::Choice::Custom(_) | crate::input::Choice::Stored => None,
                };
                if let Some(said) = crate::split_change::describe(&p.plan, &p.policy, &data.targets, profile, s) {
                    let note = attrs(text_el("p", "srw-change", &said), &[("data-srw", "split-change")]);
                    append(&self.preview, &note);
                }
                let view = describe_guarded(&p.plan, &p.guards, &data.targets, &state.prices, state.proxy_id(), s);
                let figures: Vec<_> = p
                    .plan
                    .legs
                    .iter()
                    .map(|l| crate::figures::leg_view(&state.figures, &l.target, &l.kind, s))
                    .collect();
                let blended = crate::figures::blended(&state.figures, &p.plan, s);
                render_preview(&self.preview, &view, &figures, &blended, s);
                crate::preview_dom::reopen_risks(&self.preview, &open);
            }
            (Some(Err(e @ InputError::Guards(g))), _) => {
                let failed = !matches!(g, GuardError::Loading);
                let tone = if failed { "srw-error" } else { "srw-muted" };
                append(&self.preview, &attrs(text_el("p", tone, &e.message(s).0), &[("data-srw", "guards-status")]));
                if failed {
                    let retry = text_el("button", "", s.get(S::RetryButton));
                    append(&self.preview, &attrs(retry, &[("type", "button"), ("data-srw", "guards-retry")]));
                }
            }
            // An amount is typed but something refuses it: say what, not "enter an amount".
            (Some(Err(e)), _) if !state.amount_text.trim().is_empty() => {
                let why = s.fill(S::PreviewBlocked, &[("reason", &e.message(s).0)]);
                append(&self.preview, &attrs(text_el("p", "srw-muted", &why), &[("data-srw", "preview-blocked")]));
            }
            _ => append(&self.preview, &text_el("p", "srw-muted", s.get(S::PreviewEmpty))),
        }
        let ok = planned.as_ref().and_then(|p| p.as_ref().ok());
        let dao = state.config.dao.is_some();
        let label = match (ok, dao) {
            (Some(p), false) => s.fill(S::StakeButton, &[("amount", &format_near(p.amount))]),
            (None, false) => s.get(S::StakeButtonIdle).to_string(),
            (Some(p), true) => s.fill(S::ProposeButton, &[("amount", &format_near(p.amount))]),
            (None, true) => s.get(S::ProposeButtonIdle).to_string(),
        };
        set_text(&self.stake, &label);
        let can_stake = ok.is_some() && state.can_hand_on() && !state.sending && !state.proxy_loading();
        let _ = self.stake.set_attribute("aria-disabled", if can_stake { "false" } else { "true" });
        opt_attr(&self.stake, "aria-busy", state.sending.then_some("true"));
        crate::status_dom::render(&self.status, &self.outcome, &self.retry, state);
        let written = state.proposal.as_slice();
        let written = if state.status == crate::state::Status::Proposed { written } else { &[] };
        crate::dao::render_panel(&self.proposal, written, s);
        position::render(&self.position, &mut self.position_view, state, &self.id);
    }

    fn render_account(&self, state: &State, s: &Strings) {
        let text = match (&state.account, state.max_deposit()) {
            (Some(a), b) if state.config.dao.is_some() => crate::dao::account_line(a, b, s),
            (Some(a), Some(b)) => {
                s.fill(S::AccountBalance, &[("account", a.as_str()), ("balance", &format_near_display(b))])
            }
            (Some(a), None) => s.fill(S::Account, &[("account", a.as_str())]),
            (None, _) => s.get(S::NoWallet).to_string(),
        };
        set_text(&self.account, &text);
    }

    fn render_presets(&mut self, state: &State, s: &Strings) {
        let minimum = state.minimum();
        // Max fills exactly the available figure shown (rounded down like it).
        let max = state
            .max_deposit()
            .filter(|m| *m > 0)
            .map(|m| router_core::amount::format_near_down(m, router_core::amount::DISPLAY_DECIMALS));
        let key = format!("{:?}{}{minimum:?}{max:?}{}", state.config.presets, s.get(S::Preset), s.get(S::MaxButton));
        let _ = self.presets.set_attribute("aria-label", s.get(S::PresetsLabel));
        if let Some(label) = self.form.query_selector(&format!("label[for=\"{}-amount\"]", self.id)).ok().flatten() {
            set_text(&label, s.get(S::AmountLabel));
        }
        if key == self.presets_key {
            return;
        }
        self.presets_key = key;
        clear(&self.presets);
        for p in &state.config.presets {
            let b = attrs(
                text_el("button", "", &s.fill(S::Preset, &[("amount", p)])),
                &[("type", "button"), ("data-srw", "preset"), ("data-amount", p)],
            );
            // A preset below the split's minimum would only be refused: disabled, with why.
            if let (Ok(v), Some(m)) = (router_core::parse_near(p), minimum) {
                if v < m {
                    let why = s.fill(S::PresetBelowMinimum, &[("amount", &format_near_at_least(m))]);
                    attrs(b.clone(), &[("aria-disabled", "true"), ("title", &why)]);
                }
            }
            append(&self.presets, &b);
        }
        if let Some(max) = &max {
            let title = s.fill(S::MaxTitle, &[("amount", max)]);
            let b = text_el("button", "srw-max", s.get(S::MaxButton));
            append(
                &self.presets,
                &attrs(b, &[("type", "button"), ("data-srw", "max"), ("data-amount", max), ("title", &title)]),
            );
        }
        toggle_class(&self.presets, "srw-hidden", state.config.presets.is_empty() && max.is_none());
    }

    /// Writes the custom split's values into its inputs (after switching to it).
    pub fn fill_custom(&self, shares: &[(router_core::AccountId, String)]) {
        self.choices.fill_custom(shares);
    }
}

fn toggle_class(e: &Element, class: &str, on: bool) {
    let _ = e.class_list().toggle_with_force(class, on);
}

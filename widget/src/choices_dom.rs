//! The split's choices: the profile list (each option with its split's recent yearly rate,
//! [`crate::figures::option_rate`]), the account's stored policy, and the custom split editor.
//! Both are rebuilt only when the router's profiles or targets change, so focus stays.

use crate::data::RouterData;
use crate::dom::{append, attrs, clear, el, set_text, text_el};
use crate::input::Choice;
use crate::state::State;
use crate::strings::{Strings, S};
use router_core::figure_legs::{policy_blend, profile_blend};
use router_core::TargetStatus;
use web_sys::Element;

/// The profile list and the custom split editor.
pub struct Choices {
    /// The profile list (`fieldset[data-srw=profiles]`).
    pub profiles: Element,
    /// The custom split editor (`fieldset[data-srw=custom-editor]`).
    pub custom: Element,
    id: String,
    profiles_key: String,
    custom_key: String,
}

impl Choices {
    /// Builds both (empty); `id` makes element ids unique on the page.
    pub fn build(id: &str) -> Choices {
        Choices {
            profiles: attrs(el("fieldset", "srw-profiles"), &[("data-srw", "profiles")]),
            custom: attrs(el("fieldset", "srw-custom srw-hidden"), &[("data-srw", "custom-editor")]),
            id: id.to_string(),
            profiles_key: String::new(),
            custom_key: String::new(),
        }
    }

    /// Updates the list and the editor from `state`.
    pub fn render(&mut self, state: &State, s: &Strings) {
        let Some(data) = state.data.ready() else {
            clear(&self.profiles);
            self.profiles_key.clear();
            return;
        };
        let name = format!("{}-profile", self.id);
        let key = format!(
            "{:?}{:?}{}{}",
            data.profiles,
            state.stored_policy,
            s.get(S::ProfileLegend),
            s.get(S::CustomOption)
        );
        if key != self.profiles_key {
            self.profiles_key = key;
            clear(&self.profiles);
            append(&self.profiles, &text_el("legend", "", s.get(S::ProfileLegend)));
            if let Some(policy) = &state.stored_policy {
                let legs = policy_words(policy);
                let words = s.fill(S::StoredHint, &[("legs", &legs)]);
                append(&self.profiles, &option(&name, "", "stored", s.get(S::StoredOption), &words, "stored"));
            }
            for p in &data.profiles {
                let rate_key = format!("profile:{}", p.name);
                append(&self.profiles, &option(&name, &p.name, "profile", &p.name, &p.description, &rate_key));
            }
            append(&self.profiles, &option(&name, "", "custom", s.get(S::CustomOption), s.get(S::CustomHint), ""));
        }
        if let Ok(radios) = self.profiles.query_selector_all("input[type=radio]") {
            for i in 0..radios.length() {
                let Some(r) = radios.get(i) else { continue };
                let r: &web_sys::HtmlInputElement = wasm_bindgen::JsCast::unchecked_ref(&r);
                let checked = match &state.choice {
                    Choice::Profile(p) => r.value() == *p && r.get_attribute("data-srw").as_deref() == Some("profile"),
                    Choice::Custom(_) => r.get_attribute("data-srw").as_deref() == Some("custom"),
                    Choice::Stored => r.get_attribute("data-srw").as_deref() == Some("stored"),
                };
                if r.checked() != checked {
                    r.set_checked(checked);
                }
            }
        }
        self.render_rates(state, data, s);
        let custom = match &state.choice {
            Choice::Custom(shares) => shares,
            Choice::Profile(_) | Choice::Stored => {
                toggle_class(&self.custom, "srw-hidden", true);
                return;
            }
        };
        toggle_class(&self.custom, "srw-hidden", false);
        let active: Vec<_> = data.targets.iter().filter(|t| t.status == TargetStatus::Active).collect();
        let key =
            format!("{:?}{}", active.iter().map(|t| t.account_id.as_str()).collect::<Vec<_>>(), s.get(S::CustomHint));
        if key != self.custom_key {
            self.custom_key = key;
            clear(&self.custom);
            append(&self.custom, &text_el("legend", "", s.get(S::CustomOption)));
            append(&self.custom, &text_el("p", "srw-hint", s.get(S::CustomHint)));
            for (k, t) in active.iter().enumerate() {
                let id = format!("{}-bps-{k}", self.id);
                let row = el("div", "srw-bps");
                append(
                    &row,
                    &attrs(
                        text_el("label", "", &s.fill(S::CustomBps, &[("target", t.account_id.as_str())])),
                        &[("for", &id)],
                    ),
                );
                let value = custom.iter().find(|(a, _)| a == &t.account_id).map(|(_, v)| v.as_str()).unwrap_or("");
                let input = attrs(
                    el("input", ""),
                    &[
                        ("id", &id),
                        ("type", "text"),
                        ("inputmode", "numeric"),
                        ("autocomplete", "off"),
                        ("data-srw", "bps"),
                        ("data-target", t.account_id.as_str()),
                    ],
                );
                crate::dom::input(&input).set_value(value);
                append(&row, &input);
                append(&self.custom, &row);
            }
            append(&self.custom, &attrs(el("p", "srw-hint"), &[("data-srw", "custom-total"), ("aria-live", "polite")]));
        }
        if let Some(total) = self.custom.query_selector("[data-srw=custom-total]").ok().flatten() {
            let sum = crate::input::custom_total(custom).to_string();
            set_text(&total, &s.fill(S::CustomTotal, &[("total", &sum)]));
        }
    }

    /// Writes the custom split's values into its inputs (after switching to it).
    pub fn fill_custom(&self, shares: &[(router_core::AccountId, String)]) {
        for (target, value) in shares {
            let sel = format!("input[data-srw=bps][data-target=\"{}\"]", target.as_str());
            if let Some(i) = self.custom.query_selector(&sel).ok().flatten() {
                crate::dom::input(&i).set_value(value);
            }
        }
    }

    /// Each option's rate line, by its stated split over the figures read so far.
    fn render_rates(&self, state: &State, data: &RouterData, s: &Strings) {
        let figures = &state.figures;
        let mut lines: Vec<(String, String)> = data
            .profiles
            .iter()
            .map(|p| {
                let blend = profile_blend(p, &data.targets, &figures.legs);
                (format!("profile:{}", p.name), crate::figures::option_rate(figures, &data.targets, &blend, s))
            })
            .collect();
        if let Some(policy) = &state.stored_policy {
            let blend = policy_blend(&policy.legs, &figures.legs);
            lines.push(("stored".into(), crate::figures::option_rate(figures, &data.targets, &blend, s)));
        }
        for (key, line) in lines {
            let sel = format!("[data-srw=option-rate][data-option=\"{key}\"]");
            if let Some(e) = self.profiles.query_selector(&sel).ok().flatten() {
                set_text(&e, &line);
                toggle_class(&e, "srw-hidden", line.is_empty());
            }
        }
    }
}

/// A policy's legs in words: "40% pool-a.near, 60% linear.near".
fn policy_words(policy: &router_core::Policy) -> String {
    let legs: Vec<String> =
        policy.legs.iter().map(|l| format!("{}% {}", crate::preview::percent(l.bps), l.target)).collect();
    legs.join(", ")
}

fn toggle_class(e: &Element, class: &str, on: bool) {
    let _ = e.class_list().toggle_with_force(class, on);
}

/// One radio option; `rate_key` names its rate line (none when empty).
fn option(name: &str, value: &str, kind: &str, label: &str, description: &str, rate_key: &str) -> Element {
    let l = el("label", "srw-option");
    let radio = attrs(el("input", ""), &[("type", "radio"), ("name", name), ("value", value), ("data-srw", kind)]);
    append(&l, &radio);
    let text = el("span", "");
    append(&text, &text_el("span", "", label));
    append(&text, &text_el("small", "", description));
    if !rate_key.is_empty() {
        let rate =
            attrs(el("small", "srw-option-rate srw-hidden"), &[("data-srw", "option-rate"), ("data-option", rate_key)]);
        append(&text, &rate);
    }
    append(&l, &text);
    l
}

//! The preview's DOM: the blended yearly rate, one card per leg (amount, figures, unlock, a
//! details row with the exact amount and where each figure comes from, risks), then folded
//! legs, one-off costs, totals and gas.
//! Every number is a [`PreviewView`] field, itself read off the planner's `SplitPlan`.

use crate::dom::{append, attrs, el, text_el};
use crate::figures::{BlendedView, LegFigureView};
use crate::preview::PreviewView;
use crate::strings::{Strings, S};
use router_core::FoldReason;
use web_sys::Element;

/// Appends the preview of `v` to `section`, with each leg's figures (`figures`, in the legs'
/// order) and the blended rate.
pub fn render_preview(
    section: &Element,
    v: &PreviewView,
    figures: &[LegFigureView],
    blended: &BlendedView,
    s: &Strings,
) {
    let tone = if blended.failed { "srw-blended srw-error" } else { "srw-blended" };
    let line = attrs(text_el("p", tone, &blended.text), &[("data-srw", "blended")]);
    if let Some(ppm) = blended.rate_ppm {
        let _ = line.set_attribute("data-ppm", &ppm.to_string());
    }
    if let Some(w) = &blended.window {
        for (k, v) in [("data-window-from", w.from), ("data-window-to", w.to), ("data-window-seconds", w.seconds)] {
            let _ = line.set_attribute(k, &v.to_string());
        }
    }
    append(section, &line);
    if !blended.note.is_empty() {
        append(section, &attrs(text_el("p", "srw-hint", &blended.note), &[("data-srw", "blended-note")]));
    }
    if blended.failed {
        let retry = text_el("button", "", s.get(S::RetryButton));
        append(section, &attrs(retry, &[("type", "button"), ("data-srw", "figures-retry")]));
    }
    let list = attrs(el("ul", "srw-legs"), &[("data-srw", "legs")]);
    for (leg, fig) in v.legs.iter().zip(figures) {
        let amount = leg.amount.to_string();
        let li = attrs(
            el("li", "srw-leg"),
            &[
                ("data-srw", "leg"),
                ("data-target", &leg.target),
                ("data-amount", &amount),
                ("data-kind", if leg.validator { "validator" } else { "liquid" }),
            ],
        );
        if let Some(r) = fig.rate_ppm {
            let _ = li.set_attribute("data-apy-ppm", &r.to_string());
        }
        if !fig.source.is_empty() {
            let _ = li.set_attribute("data-apy-source", fig.source);
        }
        let head = el("div", "srw-leg-head");
        append(&head, &text_el("span", "srw-leg-target", &leg.target));
        append(
            &head,
            &attrs(text_el("span", "", &leg.amount_text), &[("data-srw", "leg-amount"), ("title", &leg.exact)]),
        );
        append(&li, &head);
        append(&li, &text_el("p", "", &format!("{} · {}", leg.kind, leg.share)));
        append(&li, &attrs(text_el("p", "srw-apy", &fig.line), &[("data-srw", "leg-apy")]));
        if !leg.rate.is_empty() {
            append(&li, &attrs(text_el("p", "", &leg.rate), &[("data-srw", "leg-rate")]));
        }
        append(&li, &attrs(text_el("p", "", &format!("{} {}", fig.unlock, leg.unlock)), &[("data-srw", "leg-unlock")]));
        let details = el("details", "");
        append(&details, &text_el("summary", "", s.get(S::RisksLabel)));
        append(&details, &attrs(text_el("p", "", &leg.exact), &[("data-srw", "leg-exact")]));
        let ul = attrs(el("ul", "srw-notes"), &[("data-srw", "leg-details")]);
        for d in &fig.details {
            append(&ul, &text_el("li", "", d));
        }
        append(&details, &ul);
        append(&details, &text_el("p", "", &leg.risks));
        append(&li, &details);
        append(&list, &li);
    }
    append(section, &list);
    if !v.folded.is_empty() {
        append(section, &text_el("h3", "", s.get(S::FoldedHeading)));
        let ul = attrs(el("ul", "srw-notes"), &[("data-srw", "folded")]);
        for f in &v.folded {
            append(
                &ul,
                &attrs(
                    text_el("li", "", &f.text),
                    &[
                        ("data-target", &f.target),
                        ("data-amount", &f.amount.to_string()),
                        ("data-reason", reason(f.reason)),
                    ],
                ),
            );
        }
        append(section, &ul);
    }
    append(section, &text_el("h3", "", s.get(S::CostsHeading)));
    let ul = attrs(el("ul", "srw-notes"), &[("data-srw", "costs")]);
    for c in &v.costs {
        append(&ul, &text_el("li", "", c));
    }
    append(section, &ul);
    append(section, &attrs(text_el("p", "srw-hint", &v.totals), &[("data-srw", "totals")]));
    append(section, &attrs(text_el("p", "srw-hint", &v.gas), &[("data-srw", "gas")]));
}

/// The planner's name of a fold reason (as in the router's `SplitPlan` JSON).
pub const fn reason(r: FoldReason) -> &'static str {
    match r {
        FoldReason::BelowMinimumLeg => "below_minimum_leg",
        FoldReason::CeilingReached => "ceiling_reached",
        FoldReason::ConcentrationGuard => "concentration_guard",
        FoldReason::DepegGuard => "depeg_guard",
    }
}

/// The targets whose "Risks" the person has opened (kept open across re-renders).
pub fn open_risks(section: &Element) -> Vec<String> {
    let Ok(list) = section.query_selector_all("[data-srw=leg] details[open]") else { return Vec::new() };
    (0..list.length())
        .filter_map(|i| list.get(i))
        .filter_map(|n| wasm_bindgen::JsCast::dyn_into::<Element>(n).ok())
        .filter_map(|d| d.closest("[data-srw=leg]").ok().flatten())
        .filter_map(|leg| leg.get_attribute("data-target"))
        .collect()
}

/// Opens "Risks" again for `targets`.
pub fn reopen_risks(section: &Element, targets: &[String]) {
    for t in targets {
        let sel = format!("[data-srw=leg][data-target=\"{t}\"] details");
        if let Ok(Some(d)) = section.query_selector(&sel) {
            let _ = d.set_attribute("open", "");
        }
    }
}

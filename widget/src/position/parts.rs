//! Small DOM pieces the position section and its pool items share.

use crate::dom::{append, attrs, text_el};
use router_core::{format_near_display, Yocto};
use web_sys::Element;

/// yoctoNEAR as NEAR for people (five decimals, rounded down; `format_near_display`).
pub(crate) fn near(y: Yocto) -> String {
    format_near_display(y.0)
}

/// A `<p>` line named `data-srw=name`, appended to `parent`.
pub(crate) fn line(parent: &Element, name: &str, text: &str) -> Element {
    let p = attrs(text_el("p", "srw-pos-line", text), &[("data-srw", name)]);
    append(parent, &p);
    p
}

/// An exit button named `data-srw=name`.
pub(crate) fn button(text: &str, name: &str, extra: &[(&str, &str)]) -> Element {
    let b = attrs(text_el("button", "srw-pos-button", text), &[("type", "button"), ("data-srw", name)]);
    attrs(b, extra)
}

/// Basis points as a percentage for people: 50 -> "0.5%", 41 -> "0.41%", 100 -> "1%".
pub(crate) fn percent(bps: u16) -> String {
    match (bps / 100, bps % 100) {
        (whole, 0) => format!("{whole}%"),
        (whole, part) if part % 10 == 0 => format!("{whole}.{}%", part / 10),
        (whole, part) => format!("{whole}.{part:02}%"),
    }
}

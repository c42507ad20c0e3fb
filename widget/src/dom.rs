//! Small DOM helpers. Text always goes in as text nodes, never as HTML: account ids and
//! descriptions come from the chain and must not become markup.

use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement, HtmlInputElement};

/// The page's document (the widget only runs in a page).
pub fn document() -> Document {
    web_sys::window().and_then(|w| w.document()).expect("the widget runs in a page with a document")
}

/// A new `<tag class="class">`.
pub fn el(tag: &str, class: &str) -> Element {
    let e = document().create_element(tag).expect("valid tag name");
    if !class.is_empty() {
        e.set_class_name(class);
    }
    e
}

/// A new element holding `text`.
pub fn text_el(tag: &str, class: &str, text: &str) -> Element {
    let e = el(tag, class);
    e.set_text_content(Some(text));
    e
}

/// Sets attributes, returning the element.
pub fn attrs(e: Element, pairs: &[(&str, &str)]) -> Element {
    for (k, v) in pairs {
        let _ = e.set_attribute(k, v);
    }
    e
}

/// Appends `child` to `parent`.
pub fn append(parent: &Element, child: &Element) {
    let _ = parent.append_child(child);
}

/// Removes every child.
pub fn clear(e: &Element) {
    e.set_text_content(None);
}

/// Sets or removes a boolean attribute.
pub fn toggle_attr(e: &Element, name: &str, on: bool) {
    if on {
        let _ = e.set_attribute(name, "");
    } else {
        let _ = e.remove_attribute(name);
    }
}

/// Sets `aria-*`-style string attributes that are either a value or absent.
pub fn opt_attr(e: &Element, name: &str, value: Option<&str>) {
    match value {
        Some(v) => {
            let _ = e.set_attribute(name, v);
        }
        None => {
            let _ = e.remove_attribute(name);
        }
    }
}

/// The element as an `<input>`.
pub fn input(e: &Element) -> &HtmlInputElement {
    e.unchecked_ref()
}

/// The element as an `HtmlElement`.
pub fn html(e: &Element) -> &HtmlElement {
    e.unchecked_ref()
}

/// Sets the text only when it differs (keeps screen readers from re-announcing).
pub fn set_text(e: &Element, text: &str) {
    if e.text_content().as_deref() != Some(text) {
        e.set_text_content(Some(text));
    }
}

//! A mounted widget's shared parts, below everything that acts on them: the loaders and the
//! exit actions hold a `Weak` to an [`Inner`] and re-render it; `widget.rs` builds it and
//! wires the events. It depends only on the state and the view.

use crate::dom;
use crate::state::State;
use crate::view::View;
use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};
use wasm_bindgen::closure::Closure;
use web_sys::{Element, Event};

/// An event type and the listener registered for it on the form.
pub(crate) type Listener = (&'static str, Closure<dyn FnMut(Event)>);

/// A mounted widget's shared parts (the async loaders hold a `Weak` to it).
pub(crate) struct Inner {
    pub(crate) state: RefCell<State>,
    pub(crate) view: RefCell<View>,
    pub(crate) host: Element,
    pub(crate) listeners: RefCell<Vec<Listener>>,
    pub(crate) theme: RefCell<Vec<String>>,
    pub(crate) alive: Cell<bool>,
}

impl Inner {
    /// Whether the widget is still mounted.
    pub(crate) fn alive(&self) -> bool {
        self.alive.get()
    }

    /// Re-renders from the state.
    pub(crate) fn render(&self) {
        if self.alive() {
            self.view.borrow_mut().render(&self.state.borrow());
        }
    }

    /// Sets the theme's `--srw-*` properties on the root, removing the previous ones.
    pub(crate) fn apply_theme(&self) {
        let root = self.view.borrow().root.clone();
        let style = dom::html(&root).style();
        for old in self.theme.borrow_mut().drain(..) {
            let _ = style.remove_property(&old);
        }
        for (k, v) in &self.state.borrow().config.theme {
            if k.starts_with("--") {
                let _ = style.set_property(k, v);
                self.theme.borrow_mut().push(k.clone());
            }
        }
    }
}

/// The widget behind `weak`, if it is still mounted.
pub(crate) fn live(weak: &Weak<Inner>) -> Option<Rc<Inner>> {
    weak.upgrade().filter(|i| i.alive())
}

//! The default look, themed by CSS custom properties (`--srw-*`), set by the host's CSS or the
//! config's `theme`. One `<style>` is added per document (or shadow root) the widget lives in.

use crate::dom;
use wasm_bindgen::JsCast;
use web_sys::{Element, Node, ShadowRoot};

/// Marks the style element so it is added once.
const MARK: &str = "data-stake-router-widget-style";

/// The stylesheet. Every rule is under `.srw`; works down to 320px wide.
pub const CSS: &str = r#"
.srw{--srw-accent:#2b59c3;--srw-accent-text:#fff;--srw-bg:#fff;--srw-fg:#1b1d21;--srw-muted:#5b6170;
--srw-border:#d5d8df;--srw-error:#b3261e;--srw-ok:#1b7f3b;--srw-radius:10px;--srw-font:system-ui,sans-serif;
font-family:var(--srw-font);color:var(--srw-fg);background:var(--srw-bg);border:1px solid var(--srw-border);
border-radius:var(--srw-radius);padding:16px;max-width:560px;min-width:0;box-sizing:border-box;line-height:1.4}
.srw *{box-sizing:border-box}
.srw h2{font-size:1.25rem;margin:0 0 8px}.srw h3{font-size:1rem;margin:16px 0 6px}
.srw-muted,.srw-account{color:var(--srw-muted);font-size:.9rem;margin:0 0 12px;overflow-wrap:anywhere}
.srw label{display:block;font-weight:600;margin:8px 0 4px}
.srw input[type=text]{width:100%;font:inherit;padding:8px 10px;border:1px solid var(--srw-border);border-radius:calc(var(--srw-radius)/2);
background:var(--srw-bg);color:var(--srw-fg)}
.srw input[aria-invalid=true]{border-color:var(--srw-error)}
.srw :focus-visible{outline:3px solid var(--srw-accent);outline-offset:2px}
.srw-presets{display:flex;flex-wrap:wrap;gap:6px;margin:8px 0}
.srw button{font:inherit;cursor:pointer;border-radius:calc(var(--srw-radius)/2);padding:6px 12px;border:1px solid var(--srw-accent);
background:var(--srw-bg);color:var(--srw-accent)}
.srw-stake{width:100%;margin-top:16px;padding:12px!important;font-weight:700;background:var(--srw-accent)!important;color:var(--srw-accent-text)!important}
.srw-stake[aria-disabled=true]{opacity:.55;cursor:not-allowed}
.srw fieldset{border:1px solid var(--srw-border);border-radius:calc(var(--srw-radius)/2);margin:12px 0;padding:8px 12px;min-width:0}
.srw legend{font-weight:600;padding:0 4px}
.srw label.srw-option{display:flex;gap:8px;align-items:flex-start;margin:6px 0;font-weight:400}
.srw-option input{margin-top:4px}.srw-option small{display:block;color:var(--srw-muted)}.srw-option small.srw-option-rate{color:inherit;font-weight:600}
.srw-bps{display:grid;grid-template-columns:1fr 7em;gap:6px;align-items:center}
.srw-bps label{font-weight:400;margin:0;overflow-wrap:anywhere}
.srw-error{color:var(--srw-error);margin:6px 0;font-size:.95rem}.srw-error:empty{display:none}
.srw-hint{color:var(--srw-muted);font-size:.9rem;margin:4px 0}
.srw-change{border-left:3px solid var(--srw-accent);padding:2px 0 2px 8px;margin:4px 0 10px;font-size:.95rem}
.srw-blended{font-weight:700;font-size:1.05rem;margin:4px 0 2px}.srw-apy{font-weight:600}
.srw-legs{list-style:none;margin:0;padding:0;display:grid;gap:8px}
.srw-leg{border:1px solid var(--srw-border);border-radius:calc(var(--srw-radius)/2);padding:8px 10px;overflow-wrap:anywhere}
.srw-leg-head{display:flex;flex-wrap:wrap;justify-content:space-between;gap:4px 12px;font-weight:600}
.srw-leg p{margin:4px 0;font-size:.9rem}.srw-leg details{font-size:.9rem}
.srw-preview ul.srw-notes{margin:4px 0;padding-left:18px;font-size:.9rem;overflow-wrap:anywhere}
.srw-status{min-height:1.4em;margin:10px 0 0;font-size:.95rem;overflow-wrap:anywhere}
.srw-status[data-tone=error]{color:var(--srw-error)}.srw-status[data-tone=ok]{color:var(--srw-ok)}
.srw-status[data-tone=warn]{color:var(--srw-warn,#8a4b00);font-weight:600}
.srw-outcome{list-style:none;margin:6px 0 0;padding:0;display:grid;gap:4px;font-size:.9rem}
.srw-outcome-leg{border-left:3px solid var(--srw-ok);padding:2px 8px;overflow-wrap:anywhere}
.srw-outcome-leg[data-result=refunded],.srw-outcome-leg[data-result=refund_owed]{border-left-color:var(--srw-error)}
.srw-outcome-leg[data-result=claimable],.srw-outcome-leg[data-result=unverified],.srw-outcome-leg[data-result=unknown]{border-left-color:var(--srw-warn,#8a4b00)}
.srw-max{margin-left:auto}
.srw-hidden{display:none!important}
.srw-position{border-top:1px solid var(--srw-border);margin-top:16px;padding-top:4px;overflow-wrap:anywhere;min-width:0}.srw-position[hidden]{display:none}
.srw h4{font-size:.95rem;margin:12px 0 6px}
.srw-pools{list-style:none;margin:0;padding:0;display:grid;gap:8px}
.srw-pool{border:1px solid var(--srw-border);border-radius:calc(var(--srw-radius)/2);padding:8px 10px;overflow-wrap:anywhere;min-width:0}
.srw-pool-id{display:block;font-weight:600}
.srw-pos-line{margin:3px 0;font-size:.9rem}.srw-pos-totals .srw-pos-line{font-size:.95rem}
.srw-notice{border-left:3px solid var(--srw-error);padding-left:8px}
.srw-pos-actions{display:flex;flex-wrap:wrap;gap:6px;align-items:center;margin-top:6px}
.srw-pos-actions label,.srw-pos-actions input[type=text],.srw-pos-actions select,.srw-pos-actions p{flex:1 1 100%;min-width:0}
.srw-pos-actions label.srw-option{margin:2px 0}
.srw select{font:inherit;padding:6px 8px;border:1px solid var(--srw-border);border-radius:calc(var(--srw-radius)/2);
background:var(--srw-bg);color:var(--srw-fg);max-width:100%}
.srw button[disabled]{opacity:.5;cursor:not-allowed}
.srw-exits{margin-top:8px;border-top:1px dashed var(--srw-border);padding-top:6px}
.srw-exit-options{display:grid;grid-template-columns:repeat(auto-fit,minmax(210px,1fr));gap:8px;margin-top:6px}
.srw-exit{border:1px solid var(--srw-border);border-radius:calc(var(--srw-radius)/2);padding:8px 10px;display:flex;flex-direction:column;gap:2px;min-width:0}
.srw-exit strong{font-size:.95rem}.srw-exit .srw-pos-button{margin-top:auto;align-self:flex-start}
.srw-slippage select{flex:0 1 8em}.srw-slippage label{flex:1 1 auto}
"#;

/// Adds the stylesheet to the document or shadow root `host` lives in, once.
pub fn install(host: &Element) {
    let root: Node = host.get_root_node();
    let selector = format!("style[{MARK}]");
    if let Some(shadow) = root.dyn_ref::<ShadowRoot>() {
        if shadow.query_selector(&selector).ok().flatten().is_none() {
            let _ = shadow.append_child(&style_element());
        }
        return;
    }
    let doc = dom::document();
    if doc.query_selector(&selector).ok().flatten().is_none() {
        if let Some(head) = doc.head() {
            let _ = head.append_child(&style_element());
        }
    }
}

fn style_element() -> Element {
    dom::attrs(dom::text_el("style", "", CSS), &[(MARK, "")])
}

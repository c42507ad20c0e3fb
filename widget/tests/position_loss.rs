//! Native tests of the position view's loss wording (its DOM is tested in
//! `tests/browser/position.rs`): each string names the figures the view fills in, reads as
//! intended in English, and a site can translate it by key.

use widget::strings::{Strings, S};

/// The loss strings and the placeholders `position/pool_item.rs` and `position/render.rs` fill.
const LOSS_STRINGS: [(S, &[&str]); 5] = [
    (S::PosLoss, &["amount", "value", "recorded"]),
    (S::PosLossRounding, &["amount"]),
    (S::PosTotalLoss, &["amount"]),
    (S::PosNetGain, &["amount", "principal"]),
    (S::PosNetLoss, &["amount", "principal"]),
];

#[test]
fn every_placeholder_of_the_loss_strings_is_filled() {
    let s = Strings::default();
    for (key, names) in LOSS_STRINGS {
        let values: Vec<(&str, &str)> = names.iter().map(|n| (*n, "7")).collect();
        let text = s.fill(key, &values);
        assert!(!text.contains('{') && !text.contains('}'), "{}: {text}", key.key());
        for name in names {
            assert!(s.get(key).contains(&format!("{{{name}}}")), "{} names {name}", key.key());
        }
    }
}

#[test]
fn the_loss_strings_read_as_intended_and_translate() {
    let s = Strings::default();
    assert_eq!(
        s.fill(S::PosLoss, &[("amount", "0.3"), ("value", "9.7"), ("recorded", "10")]),
        "Loss: 0.3 NEAR (the pool reports 9.7 NEAR of the 10 NEAR put in)"
    );
    assert_eq!(
        s.fill(S::PosLossRounding, &[("amount", "0.000000000000000000000003")]),
        "0.000000000000000000000003 NEAR below the records: share rounding, not a loss."
    );
    assert_eq!(
        s.fill(S::PosNetLoss, &[("amount", "0.2"), ("principal", "20")]),
        "Net: -0.2 NEAR against the principal of 20 NEAR"
    );
    assert_eq!(
        s.fill(S::PosNetGain, &[("amount", "1"), ("principal", "5")]),
        "Net: +1 NEAR against the principal of 5 NEAR"
    );
    let keys: Vec<&str> = LOSS_STRINGS.iter().map(|(k, _)| k.key()).collect();
    assert_eq!(keys, ["pos_loss", "pos_loss_rounding", "pos_total_loss", "pos_net_gain", "pos_net_loss"]);
    let de = Strings::new([("pos_loss".to_string(), "Verlust: {amount} NEAR".to_string())].into());
    assert_eq!(de.fill(S::PosLoss, &[("amount", "1")]), "Verlust: 1 NEAR");
    assert_eq!(de.get(S::PosTotalLoss), "Loss: {amount} NEAR", "keys not overridden stay English");
}

//! NEP-297 events: log lines `EVENT_JSON:{"standard","version","event","data"}`.

use near_primitives_core::types::AccountId;
use serde_json::Value;

/// The log prefix NEP-297 events carry.
pub const EVENT_PREFIX: &str = "EVENT_JSON:";

/// One NEP-297 event.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    /// Account whose contract logged it.
    pub account_id: AccountId,
    /// `standard` field.
    pub standard: String,
    /// `version` field.
    pub version: String,
    /// `event` field.
    pub event: String,
    /// `data` field (`Null` if absent).
    pub data: Value,
}

/// Parses one log line; `None` if it is not a well-formed NEP-297 event.
pub fn parse_event(account_id: &AccountId, log: &str) -> Option<Event> {
    let json = log.strip_prefix(EVENT_PREFIX)?;
    let value: Value = serde_json::from_str(json).ok()?;
    let text = |key: &str| value.get(key).and_then(Value::as_str).map(str::to_owned);
    Some(Event {
        account_id: account_id.clone(),
        standard: text("standard")?,
        version: text("version")?,
        event: text("event")?,
        data: value.get("data").cloned().unwrap_or(Value::Null),
    })
}

/// Every event among `logs`.
pub fn parse_events(account_id: &AccountId, logs: &[String]) -> Vec<Event> {
    logs.iter().filter_map(|log| parse_event(account_id, log)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_events_and_skips_other_lines() {
        let id: AccountId = "c.near".parse().unwrap();
        let logs = vec![
            "hello".to_string(),
            r#"EVENT_JSON:{"standard":"nep141","version":"1.0.0","event":"ft_mint","data":[{"amount":"5"}]}"#
                .to_string(),
            "EVENT_JSON:{not json".to_string(),
            r#"EVENT_JSON:{"standard":"x","event":"y"}"#.to_string(),
        ];
        let events = parse_events(&id, &logs);
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].standard, "nep141");
        assert_eq!(events[0].event, "ft_mint");
        assert_eq!(events[0].data[0]["amount"], "5");
    }
}

//! Readers of the internally tagged enums' JSON ([`Allocation`], [`TargetKind`]).
//!
//! Their JSON is `{"type": "...", ...the variant's fields}`. serde's derived reader for that form
//! buffers the whole object into its generic `Content` tree before choosing the variant, which
//! costs the contract about 13 KB of wasm (docs/size.md). These read the same JSON as one flat
//! record, with each variant's fields optional, then check that the variant's fields are
//! there. Fields of another variant are ignored, as the derived reader ignores unknown fields.
//! Writing is unchanged (the derived `Serialize` with `tag = "type"`).

use crate::amount::Yocto;
use crate::policy::Policy;
use crate::profile::Allocation;
use crate::target::{LstProtocol, TargetKind};
use serde::Deserialize;

/// The variant names of [`Allocation`].
#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum AllocationType {
    Explicit,
    ByKind,
}

/// [`Allocation`] as read: `type` and every variant's fields.
#[derive(Deserialize)]
pub(crate) struct AllocationJson {
    #[serde(rename = "type")]
    kind: AllocationType,
    policy: Option<Policy>,
    validator_bps: Option<u16>,
    max_validators: Option<u8>,
    max_liquid: Option<u8>,
}

fn missing(field: &str) -> String {
    format!("missing field `{field}`")
}

impl TryFrom<AllocationJson> for Allocation {
    type Error = String;

    fn try_from(j: AllocationJson) -> Result<Allocation, String> {
        Ok(match j.kind {
            AllocationType::Explicit => Allocation::Explicit { policy: j.policy.ok_or_else(|| missing("policy"))? },
            AllocationType::ByKind => Allocation::ByKind {
                validator_bps: j.validator_bps.ok_or_else(|| missing("validator_bps"))?,
                max_validators: j.max_validators.ok_or_else(|| missing("max_validators"))?,
                max_liquid: j.max_liquid.ok_or_else(|| missing("max_liquid"))?,
            },
        })
    }
}

/// The variant names of [`TargetKind`].
#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum TargetKindType {
    Validator,
    Liquid,
}

/// [`TargetKind`] as read: `type` and every variant's fields.
#[derive(Deserialize)]
pub(crate) struct TargetKindJson {
    #[serde(rename = "type")]
    kind: TargetKindType,
    protocol: Option<LstProtocol>,
    registration_deposit: Option<Yocto>,
}

impl TryFrom<TargetKindJson> for TargetKind {
    type Error = String;

    fn try_from(j: TargetKindJson) -> Result<TargetKind, String> {
        Ok(match j.kind {
            TargetKindType::Validator => TargetKind::Validator,
            TargetKindType::Liquid => TargetKind::Liquid {
                protocol: j.protocol.ok_or_else(|| missing("protocol"))?,
                registration_deposit: j.registration_deposit.ok_or_else(|| missing("registration_deposit"))?,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{from_value, json, to_value};

    #[test]
    fn the_tagged_enums_read_what_they_write_and_refuse_what_the_derived_reader_refused() {
        let by_kind = Allocation::ByKind { validator_bps: 5_000, max_validators: 2, max_liquid: 3 };
        let explicit = Allocation::Explicit {
            policy: from_value(json!({ "legs": [{ "target": "a.near", "bps": 10_000 }] })).unwrap(),
        };
        for a in [by_kind.clone(), explicit] {
            assert_eq!(from_value::<Allocation>(to_value(&a).unwrap()).unwrap(), a);
        }
        let liquid = TargetKind::Liquid { protocol: LstProtocol::MetaPool, registration_deposit: Yocto(7) };
        for k in [TargetKind::Validator, liquid] {
            assert_eq!(from_value::<TargetKind>(to_value(k).unwrap()).unwrap(), k);
        }
        // The written form is unchanged.
        assert_eq!(
            to_value(&by_kind).unwrap(),
            json!({ "type": "by_kind", "validator_bps": 5000, "max_validators": 2, "max_liquid": 3 })
        );
        assert_eq!(
            to_value(liquid).unwrap(),
            json!({ "type": "liquid", "protocol": "meta_pool", "registration_deposit": "7" })
        );
        // Field order does not matter; another variant's fields and unknown fields are ignored.
        let a: Allocation = from_value(
            json!({ "max_liquid": 3, "policy": { "legs": [] }, "x": 1, "validator_bps": 5000, "type": "by_kind", "max_validators": 2 }),
        )
        .unwrap();
        assert_eq!(a, by_kind);
        // Refused: a missing tag, an unknown tag, a missing field, a field of the wrong type.
        for bad in [
            json!({ "validator_bps": 5000, "max_validators": 2, "max_liquid": 3 }),
            json!({ "type": "by_weight" }),
            json!({ "type": "by_kind", "validator_bps": 5000, "max_validators": 2 }),
            json!({ "type": "by_kind", "validator_bps": "half", "max_validators": 2, "max_liquid": 3 }),
            json!({ "type": "explicit" }),
        ] {
            assert!(from_value::<Allocation>(bad.clone()).is_err(), "{bad}");
        }
        let e = from_value::<TargetKind>(json!({ "type": "liquid", "protocol": "linear" })).unwrap_err();
        assert!(e.to_string().contains("missing field `registration_deposit`"), "{e}");
        assert!(from_value::<TargetKind>(json!({ "type": "pool" })).is_err());
    }
}

#!/usr/bin/env bash
# Builds every contract of the workspace to wasm in res/:
#
#   res/router_contract.wasm    res/staking_proxy.wasm
#   res/mock_staking_pool.wasm  res/mock_lst.wasm
#   res/mock_dao.wasm           (a mock Sputnik DAO v2 for the DAO scenarios)
#   res/mock_dex.wasm           (a mock Ref Finance exchange: simple pools, instant swaps)
#   res/mock_wnear.wasm         (a mock wrap.near: near_deposit / near_withdraw)
#   res/mock_whitelist.wasm     (a mock staking-pool whitelist: is_whitelisted)
#   res/near_chain_test_contract.wasm  (a scenario helper: a contract caller that can delete
#                                       itself mid-transaction)
#   res/SHA256SUMS              (check with: cd res && sha256sum -c SHA256SUMS)
#
# This is the recipe cargo-near 0.22 runs, without installing cargo-near, except that wasm-opt
# optimises for size (`-Oz`, where cargo-near passes `-O`: 7.5 KB less router, docs/size.md):
#   1. RUSTFLAGS="-C link-arg=-s --cfg near --remap-path-prefix=<target dir>=/target
#      --remap-path-prefix=<cargo home>=/cargo" cargo build --target wasm32-unknown-unknown --release
#      (the remaps keep this machine's paths out of the wasm, so its hash does not depend on them;
#      (`--cfg near` is required: without it near-sdk 5.30 builds a flavour whose panics reach
#      callers as `WasmTrap(Unreachable)` with no message);
#   2. wasm-opt -Oz --enable-sign-ext --enable-mutable-globals --enable-nontrapping-float-to-int
#      --enable-bulk-memory, from npm binaryen@116.0.0 (pinned in package.json and
#      package-lock.json at the repository root; the script runs `npm ci` when it is missing).
#      Never `--all-features`: the VM rejects its output.
#
# The sha256 of res/staking_proxy.wasm is the proxy's global contract code hash, the one users
# verify (the script also prints it in base58, the form NEAR tools and `set_proxy_code_hash`
# use).
#
# Usage: scripts/build-contracts.sh [extra cargo build arguments, e.g. --locked]
# Respects CARGO_TARGET_DIR (default: target/ in the repository). Safe to run again: cargo does
# nothing when nothing changed, and wasm-opt is skipped for a wasm whose input, wasm-opt version
# and flags are those of the last run (stamps in res/.build/).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Resolve a relative CARGO_TARGET_DIR against the caller's directory before moving to ROOT.
TARGET_DIR="$(realpath -m "${CARGO_TARGET_DIR:-$ROOT/target}")"
export CARGO_TARGET_DIR="$TARGET_DIR"
cd "$ROOT"

# Package names; each produces <name with underscores>.wasm.
CRATES=(router-contract staking-proxy mock-staking-pool mock-lst mock-dao mock-dex mock-wnear mock-whitelist near-chain-test-contract)
WASM_TARGET=wasm32-unknown-unknown
WASM_OPT_VERSION=116
WASM_OPT_FLAGS=(-Oz --enable-sign-ext --enable-mutable-globals --enable-nontrapping-float-to-int --enable-bulk-memory)
RES="$ROOT/res"
STAMPS="$RES/.build"

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# --- toolchain -------------------------------------------------------------------------------
if command -v rustup >/dev/null 2>&1; then
    if ! rustup target list --installed | grep -qx "$WASM_TARGET"; then
        log "adding the $WASM_TARGET target"
        rustup target add "$WASM_TARGET"
    fi
fi

# wasm-opt: $WASM_OPT if set, else the pinned npm package in node_modules/.
WASM_OPT="${WASM_OPT:-$ROOT/node_modules/.bin/wasm-opt}"
wasm_opt_version() { "$WASM_OPT" --version 2>/dev/null | head -n1 || true; }
if [[ "$(wasm_opt_version)" != *"version $WASM_OPT_VERSION "* && "$WASM_OPT" == "$ROOT/node_modules/.bin/wasm-opt" ]]; then
    command -v npm >/dev/null 2>&1 || die "npm is needed to install wasm-opt (npm binaryen@$WASM_OPT_VERSION.0.0)"
    log "installing wasm-opt (npm ci: binaryen@$WASM_OPT_VERSION.0.0)"
    npm ci --no-audit --no-fund --loglevel=error >&2
fi
WASM_OPT_FOUND="$(wasm_opt_version)"
[[ "$WASM_OPT_FOUND" == *"version $WASM_OPT_VERSION "* ]] \
    || die "$WASM_OPT must be binaryen version $WASM_OPT_VERSION (found: '${WASM_OPT_FOUND:-nothing}'); another version changes the wasm bytes and the proxy's code hash"

# --- build -----------------------------------------------------------------------------------
pkg_args=()
for crate in "${CRATES[@]}"; do pkg_args+=(-p "$crate"); done
log "cargo build --target $WASM_TARGET --release ${pkg_args[*]} $* (target dir: $CARGO_TARGET_DIR)"
# CARGO_ENCODED_RUSTFLAGS would win over RUSTFLAGS: make sure ours are the ones used.
unset CARGO_ENCODED_RUSTFLAGS
# The target dir and cargo's home are written as /target and /cargo: code generated into OUT_DIR
# and the dependencies' sources would otherwise put this machine's paths into the wasm (panic
# locations), and the proxy's code hash would depend on where it was built.
CARGO_HOME_DIR="$(realpath -m "${CARGO_HOME:-$HOME/.cargo}")"
[[ "$TARGET_DIR$CARGO_HOME_DIR" != *" "* ]] || die "the target dir and cargo's home may not contain spaces (RUSTFLAGS)"
RUSTFLAGS="-C link-arg=-s --cfg near --remap-path-prefix=$TARGET_DIR=/target --remap-path-prefix=$CARGO_HOME_DIR=/cargo" \
    cargo build --target "$WASM_TARGET" --release "${pkg_args[@]}" "$@"

# --- optimise --------------------------------------------------------------------------------
mkdir -p "$RES" "$STAMPS"
sha256_of() { sha256sum "$1" | cut -d' ' -f1; }

printf '\n%-24s %12s %12s  %s\n' "wasm" "cargo bytes" "final bytes" "wasm-opt"
sums=()
for crate in "${CRATES[@]}"; do
    name="${crate//-/_}"
    raw="$CARGO_TARGET_DIR/$WASM_TARGET/release/$name.wasm"
    out="$RES/$name.wasm"
    stamp="$STAMPS/$name.stamp"
    [[ -f "$raw" ]] || die "cargo did not produce $raw"

    # The stamp names the input, the tool and its flags, and the output it produced.
    key="input=$(sha256_of "$raw") tool=$WASM_OPT_FOUND flags=${WASM_OPT_FLAGS[*]}"
    if [[ -f "$out" && -f "$stamp" ]] && [[ "$(cat "$stamp")" == "$key output=$(sha256_of "$out")" ]]; then
        action="up to date"
    else
        tmp="$out.tmp.$$"
        "$WASM_OPT" "${WASM_OPT_FLAGS[@]}" "$raw" -o "$tmp"
        mv -f "$tmp" "$out"
        printf '%s output=%s\n' "$key" "$(sha256_of "$out")" >"$stamp"
        action="optimised"
    fi

    # near-sdk built with `--cfg near` imports env.panic_utf8; its fallback flavour does not.
    grep -qa panic_utf8 "$out" || die "$out does not import env.panic_utf8: was it built without --cfg near?"

    printf '%-24s %12d %12d  %s\n' "$name.wasm" "$(stat -c %s "$raw")" "$(stat -c %s "$out")" "$action"
    sums+=("$(sha256_of "$out")  $name.wasm")
done

printf '%s\n' "${sums[@]}" >"$RES/SHA256SUMS.tmp.$$"
mv -f "$RES/SHA256SUMS.tmp.$$" "$RES/SHA256SUMS"

echo
echo "res/SHA256SUMS:"
sed 's/^/  /' "$RES/SHA256SUMS"

# The proxy's code hash as NEAR shows it (base58 of the sha256).
proxy_hex="$(sha256_of "$RES/staking_proxy.wasm")"
proxy_b58="$(node -e '
const hex = process.argv[1];
const A = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
let n = BigInt("0x" + hex), s = "";
while (n > 0n) { s = A[Number(n % 58n)] + s; n /= 58n; }
for (let i = 0; i < hex.length && hex.slice(i, i + 2) === "00"; i += 2) s = "1" + s;
console.log(s);' "$proxy_hex")"
echo
echo "staking proxy global contract code hash: $proxy_b58 (base58), $proxy_hex (hex)"

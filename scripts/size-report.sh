#!/usr/bin/env bash
# Where the wasm bytes go: writes docs/size.md with each wasm's size, what deploying it costs in
# storage, its largest items and its bytes per crate (twiggy), beside the figures measured
# before (the issue's "then" column).
#
#   1. installs twiggy (`cargo install --locked twiggy`, into cargo's bin dir) when missing;
#   2. sizes: res/router_contract.wasm and res/staking_proxy.wasm (scripts/build-contracts.sh)
#      and widget/pkg/widget_bg.wasm (scripts/build-widget.sh; raw and gzip -9) when present.
#      Nothing here changes them;
#   3. names: the deployed wasm is stripped (`-C link-arg=-s`), so twiggy would only see
#      `code[N]`. The profile is taken from a copy built with the same recipe but its names
#      kept: the contracts with `RUSTFLAGS="--cfg near"` in $CARGO_TARGET_DIR/size-report (a
#      target dir of its own, so the deployed build is not invalidated) and `wasm-opt -Oz -g`;
#      the widget without reference types and GC types (twiggy cannot read them) in
#      $CARGO_TARGET_DIR/size-report-widget, through wasm-bindgen and `wasm-opt -Oz -g`. The
#      report prints both code sections' sizes, so a reader sees the copy is the same code;
#   4. twiggy top -n 20 and a per-crate and per-module grouping of every item
#      (scripts/size-report.mjs, which also drops the data-count section twiggy 0.7 cannot read).
#
# Usage: scripts/size-report.sh [--smoke] [--out FILE]
#   --smoke  CI (scripts/test.sh): profiles res/staking_proxy.wasm as it is (no named build,
#            top 3), prints the report and checks its sections; docs/size.md is left alone.
#   --out    write the report there instead of docs/size.md.
# Respects CARGO_TARGET_DIR (default: target/ in the repository).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TARGET_DIR="$(realpath -m "${CARGO_TARGET_DIR:-$ROOT/target}")"
export CARGO_TARGET_DIR="$TARGET_DIR"
cd "$ROOT"

TWIGGY_VERSION=0.7.0
WASM_TARGET=wasm32-unknown-unknown
SMOKE=0
OUT="$ROOT/docs/size.md"
while [[ $# -gt 0 ]]; do
    case "$1" in
        --smoke) SMOKE=1 ;;
        --out) OUT="$(realpath -m "$2")"; shift ;;
        *) printf 'usage: scripts/size-report.sh [--smoke] [--out FILE]\n' >&2; exit 2 ;;
    esac
    shift
done

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# --- twiggy ------------------------------------------------------------------------------------
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
if [[ "$(twiggy --version 2>/dev/null || true)" != *" $TWIGGY_VERSION" ]]; then
    log "installing twiggy $TWIGGY_VERSION (cargo install --locked; a few minutes once)"
    cargo install --locked twiggy --version "$TWIGGY_VERSION" >&2
fi
[[ "$(twiggy --version)" == *" $TWIGGY_VERSION" ]] || die "twiggy $TWIGGY_VERSION is needed, found $(twiggy --version)"

# wasm-opt: the repository's pinned npm binaryen, as the build scripts use it.
WASM_OPT="${WASM_OPT:-$ROOT/node_modules/.bin/wasm-opt}"
if [[ $SMOKE == 0 && ! -x "$WASM_OPT" && "$WASM_OPT" == "$ROOT/node_modules/.bin/wasm-opt" ]]; then
    log "installing the repository's npm tools (npm ci: binaryen)"
    npm ci --no-audit --no-fund --loglevel=error >&2
fi
[[ -x "$WASM_OPT" ]] || [[ $SMOKE == 1 ]] || die "no wasm-opt at $WASM_OPT"
# The contracts' flags (scripts/build-contracts.sh) and the widget's (scripts/build-widget.sh).
CONTRACT_OPT=(-Oz --enable-sign-ext --enable-mutable-globals --enable-nontrapping-float-to-int --enable-bulk-memory)
WIDGET_OPT=(-Oz --all-features --strip-producers)

STAGE="$(mktemp -d)"
trap 'rm -rf "$STAGE"' EXIT

# --- named copies ------------------------------------------------------------------------------
# named_contracts: builds router-contract and staking-proxy with their names into $STAGE.
named_contracts() {
    local dir="$TARGET_DIR/size-report"
    log "named copies of the contracts (target dir $dir)"
    (
        unset CARGO_ENCODED_RUSTFLAGS
        RUSTFLAGS="--cfg near" CARGO_PROFILE_RELEASE_STRIP=false CARGO_TARGET_DIR="$dir" \
            cargo build --target "$WASM_TARGET" --release -p router-contract -p staking-proxy >&2
    )
    for name in router_contract staking_proxy; do
        "$WASM_OPT" "${CONTRACT_OPT[@]}" -g --strip-dwarf "$dir/$WASM_TARGET/release/$name.wasm" -o "$STAGE/$name.wasm"
    done
}

# named_widget: the widget through wasm-bindgen and wasm-opt, names kept. twiggy 0.7's parser
# predates reference types and GC types, which rustc, wasm-bindgen's glue and `wasm-opt
# --all-features` use. The profiled copy is built without reference types
# (`-C target-feature=-reference-types`, a target dir of its own), its `target_features` section
# dropped (std is prebuilt with them, and wasm-bindgen reads that section), so wasm-bindgen
# writes its older glue (a JS heap of objects); wasm-opt runs with GC types off. The Rust code
# is the same; the report prints both code sections' sizes.
named_widget() {
    command -v wasm-bindgen >/dev/null 2>&1 || return 1
    local dir="$TARGET_DIR/size-report-widget"
    log "a named copy of the widget without reference types (target dir $dir)"
    (
        unset CARGO_ENCODED_RUSTFLAGS
        RUSTFLAGS="-C target-feature=-reference-types" CARGO_PROFILE_RELEASE_STRIP=false CARGO_TARGET_DIR="$dir" \
            cargo build --target "$WASM_TARGET" --release -p widget >&2
    )
    node "$ROOT/scripts/size-report.mjs" no-features "$dir/$WASM_TARGET/release/widget.wasm" "$STAGE/widget.wasm"
    wasm-bindgen --target web --out-dir "$STAGE/widget" --out-name widget "$STAGE/widget.wasm" >&2
    "$WASM_OPT" "${WIDGET_OPT[@]}" --disable-gc -g --strip-dwarf "$STAGE/widget/widget_bg.wasm" -o "$STAGE/widget_bg.wasm"
}

# --- the report --------------------------------------------------------------------------------
size_of() { stat -c %s "$1"; }
# thousands N: N with a comma every three digits.
thousands() { sed ':a;s/\B[0-9]\{3\}\>/,&/;ta' <<<"$1"; }
gzip_of() { gzip -9 -c "$1" | wc -c; }
# kib BYTES: BYTES in KiB with one decimal.
kib() { node -e 'console.log((Number(process.argv[1]) / 1024).toFixed(1))' "$1"; }
# code_bytes FILE: the size of the code section (id 10), names or not.
code_bytes() { node "$ROOT/scripts/size-report.mjs" code-bytes "$1"; }
# near AMOUNT_YOCTO_PER_BYTE BYTES: the storage cost in NEAR, 2 decimals.
near() { node -e 'console.log((Number(BigInt(process.argv[1]) * BigInt(process.argv[2]) / 10n ** 20n) / 1e4).toFixed(2))' "$1" "$2"; }
PER_BYTE=10000000000000000000         # storage_amount_per_byte, 10^19 yocto
GLOBAL_PER_BYTE=100000000000000000000 # global_contract_storage_amount_per_byte, 10^20 yocto

TOP=20
[[ $SMOKE == 1 ]] && TOP=3

# profile TITLE NAMED_WASM: twiggy's top items and the per-crate grouping, as markdown.
profile() {
    local title="$1" wasm="$2"
    echo
    echo "### $title: top $TOP items (twiggy top)"
    echo
    node "$ROOT/scripts/size-report.mjs" twiggy-copy "$wasm" "$STAGE/profiled.wasm"
    # twiggy 0.7's wasm parser predates reference types (see named_widget): in case it fails.
    if ! twiggy top -f json "$STAGE/profiled.wasm" >"$STAGE/items.json" 2>"$STAGE/twiggy.err"; then
        log "twiggy cannot read $title: $(head -n1 "$STAGE/twiggy.err")"
        echo "twiggy $TWIGGY_VERSION cannot read this module (\`$(head -n1 "$STAGE/twiggy.err")\`): its"
        echo "glue uses reference types, which twiggy's parser predates. Not profiled here."
        return 0
    fi
    node "$ROOT/scripts/size-report.mjs" top "$STAGE/items.json" "$TOP"
    echo
    echo "### $title: bytes per crate and per module (every item, by its symbol's path)"
    echo
    node "$ROOT/scripts/size-report.mjs" crates "$STAGE/items.json" "$wasm"
}

report() {
    local proxy="$ROOT/res/staking_proxy.wasm" router="$ROOT/res/router_contract.wasm"
    local widget="$ROOT/widget/pkg/widget_bg.wasm"
    [[ -f "$proxy" && -f "$router" ]] || die "no res/*.wasm: run scripts/build-contracts.sh first"
    local r p
    r="$(size_of "$router")"
    p="$(size_of "$proxy")"
    cat <<EOF
# Wasm size report

Written by \`bash scripts/size-report.sh\` on $(date -u +%Y-%m-%d) from \`res/*.wasm\`
(\`scripts/build-contracts.sh\`) and \`widget/pkg/\` (\`scripts/build-widget.sh\`). The items
come from twiggy $TWIGGY_VERSION on copies built the same way with their names kept (the deployed
wasm is stripped); their code sections are listed so the two can be compared.

Storage staking (near-parameters 0.38, \`res/runtime_configs/parameters.yaml\` and \`77.yaml\`):
a contract deployed to its own account locks \`storage_amount_per_byte\` = 10^19 yocto per byte
(1 NEAR per 100 KB); a global contract (the proxy, \`deploy_proxy_code\`) burns
\`global_contract_storage_amount_per_byte\` = 10^20 yocto per byte (1 NEAR per 10 KB).

## Sizes

| wasm | then (issue) | now bytes | goal | deploy storage | code section (deployed / named copy) |
|---|---:|---:|---:|---:|---|
EOF
    local named_r="-" named_p="-"
    [[ -f "$STAGE/router_contract.wasm" ]] && named_r="$(code_bytes "$STAGE/router_contract.wasm")"
    [[ -f "$STAGE/staking_proxy.wasm" ]] && named_p="$(code_bytes "$STAGE/staking_proxy.wasm")"
    local named_w="-"
    [[ -f "$STAGE/widget_bg.wasm" ]] && named_w="$(code_bytes "$STAGE/widget_bg.wasm")"
    echo "| \`router_contract.wasm\` | 433,524 (482,691 before this report) | $(thousands "$r") | ≤ 200,000 | $(near $PER_BYTE "$r") NEAR | $(thousands "$(code_bytes "$router")") / $(thousands "$named_r") |"
    echo "| \`staking_proxy.wasm\` (global) | 218,109 (227,099 before this report) | $(thousands "$p") | | $(near $GLOBAL_PER_BYTE "$p") NEAR burnt once; $(near $PER_BYTE "$p") NEAR if deployed to an account | $(thousands "$(code_bytes "$proxy")") / $(thousands "$named_p") |"
    if [[ -f "$widget" ]]; then
        echo "| \`widget_bg.wasm\` | 185.5 KiB gzip of 195.8 KiB gzip in all | $(thousands "$(size_of "$widget")") ($(kib "$(gzip_of "$widget")") KiB gzip) | all files ≤ 150 KiB gzip | (served, not deployed) | $(thousands "$(code_bytes "$widget")") / $(thousands "$named_w") |"
        echo
        echo "Widget package, every file (raw / gzip -9 bytes):"
        echo
        local total=0 f
        for f in "$ROOT"/widget/pkg/*.js "$widget"; do
            echo "- \`widget/pkg/$(basename "$f")\`: $(thousands "$(size_of "$f")") / $(thousands "$(gzip_of "$f")")"
            total=$(( total + $(gzip_of "$f") ))
        done
        echo "- gzip in all: $(thousands "$total") bytes ($(kib "$total") KiB; then 195.8 KiB, goal ≤ 150 KiB)"
    else
        echo "| \`widget_bg.wasm\` | 185.5 KiB gzip of 195.8 KiB gzip in all | not built (\`scripts/build-widget.sh\`) | all files ≤ 150 KiB gzip | | |"
    fi
    if [[ $SMOKE == 1 ]]; then
        profile "staking_proxy.wasm (deployed, stripped)" "$proxy"
        return
    fi
    echo
    echo "## Profiles"
    [[ -f "$STAGE/router_contract.wasm" ]] && profile "router_contract.wasm" "$STAGE/router_contract.wasm"
    [[ -f "$STAGE/staking_proxy.wasm" ]] && profile "staking_proxy.wasm" "$STAGE/staking_proxy.wasm"
    [[ -f "$STAGE/widget_bg.wasm" ]] && profile "widget_bg.wasm" "$STAGE/widget_bg.wasm"
    # The leads are written by hand from the profile: kept from the previous report.
    if [[ -f "$ROOT/docs/size.md" ]] && grep -q '^## Leads' "$ROOT/docs/size.md"; then
        echo
        sed -n '/^## Leads/,$p' "$ROOT/docs/size.md"
    fi
    return 0
}

if [[ $SMOKE == 0 ]]; then
    named_contracts
    if [[ -f "$ROOT/widget/pkg/widget_bg.wasm" ]]; then
        named_widget || log "no wasm-bindgen on PATH (scripts/build-widget.sh installs it): the widget is sized, not profiled"
    fi
fi
report >"$STAGE/report.md"

if [[ $SMOKE == 1 ]]; then
    for section in "## Sizes" "router_contract.wasm" "top 3 items" "bytes per crate"; do
        grep -qF "$section" "$STAGE/report.md" || die "the smoke report lacks '$section'"
    done
    grep -qE '^\| [^|]+ \| [0-9,]+ \| [0-9.]+ % \|' "$STAGE/report.md" || die "the smoke report has no per-crate row"
fi
if [[ $SMOKE == 1 && "$OUT" == "$ROOT/docs/size.md" ]]; then
    cat "$STAGE/report.md"
else
    cp "$STAGE/report.md" "$OUT"
    log "wrote $OUT"
fi

// Helpers of scripts/size-report.sh (node, no dependency):
//
//   node scripts/size-report.mjs code-bytes FILE       the size of FILE's code section
//   node scripts/size-report.mjs twiggy-copy IN OUT    IN without its data-count section
//   node scripts/size-report.mjs no-features IN OUT    IN without its `target_features` section
//   node scripts/size-report.mjs top ITEMS.json N      markdown: the N largest items
//   node scripts/size-report.mjs crates ITEMS.json WASM  markdown: bytes per crate and per module
//
// twiggy 0.7 panics ("should not parse the same key into multiple items") on a module with a
// data-count section (id 12, which wasm-opt writes with bulk memory); the section is 1 to 5
// bytes and only counts data segments, so the profile copy drops it.
// ITEMS.json is `twiggy top -f json`: [{ name, shallow_size, shallow_size_percent }]. Custom
// sections (names, DWARF) are not deployed: they are left out, and shares are of the rest.
// A module without `target_features` is one wasm-bindgen writes its glue for without reference
// types (scripts/size-report.sh, named_widget).
// Symbols lose their hashes (`::h0123..`) and crate disambiguators (`core[0123..]`).
import { readFileSync, writeFileSync } from "node:fs";

/** The unsigned LEB128 number at `bytes[i]`: [value, index after it]. */
function leb(bytes, i) {
    let value = 0;
    let shift = 0;
    let byte;
    do {
        byte = bytes[i++];
        value += (byte & 0x7f) * 2 ** shift;
        shift += 7;
    } while (byte & 0x80);
    return [value, i];
}

/** The sections of a wasm module: [{ id, start, end, bodyStart }]. */
function sections(bytes) {
    const out = [];
    let i = 8;
    while (i < bytes.length) {
        const start = i;
        const id = bytes[i++];
        const [size, bodyStart] = leb(bytes, i);
        out.push({ id, start, bodyStart, end: bodyStart + size });
        i = bodyStart + size;
    }
    return out;
}

/** A custom section's name. */
function customName(bytes, s) {
    const [len, i] = leb(bytes, s.bodyStart);
    return bytes.subarray(i, i + len).toString("utf8");
}

/** Writes the module IN to OUT without the sections `drop(bytes, section)` picks. */
function writeWithout(input, output, drop) {
    const bytes = readFileSync(input);
    const keep = sections(bytes).filter((s) => !drop(bytes, s));
    writeFileSync(output, Buffer.concat([bytes.subarray(0, 8), ...keep.map((s) => bytes.subarray(s.start, s.end))]));
}

/** A symbol without its hash and crate disambiguators. */
export function clean(name) {
    return name.replace(/\[[0-9a-f]{16}\]/g, "").replace(/::h[0-9a-f]{16}$/, "");
}

/** The names a module exports (its entry points). */
function exportNames(bytes) {
    const sec = sections(bytes).find((s) => s.id === 7);
    const names = new Set();
    if (!sec) return names;
    let [n, i] = leb(bytes, sec.bodyStart);
    for (; n > 0; n--) {
        const [len, at] = leb(bytes, i);
        names.add(bytes.subarray(at, at + len).toString("utf8"));
        i = leb(bytes, at + len + 1)[1];
    }
    return names;
}

let exported = new Set();

/** The crate a (demangled) symbol belongs to: its first path segment, `<T as Trait>` by T. */
export function crateOf(name) {
    if (/^data\[/.test(name)) return "(data segments: strings, tables, constants)";
    if (/^code\[/.test(name)) return "(functions without a name)";
    if (/^(export|import|type|table|elem|global|memory)\b|section|subsection/.test(name)) {
        return "(module structure: types, imports, exports, tables)";
    }
    const path = name.replace(/^(?:[<&*(\[\s]|mut |dyn |const )+/, "");
    const m = /^([A-Za-z_][A-Za-z0-9_]*)::/.exec(path);
    if (m) return m[1];
    return exported.has(name)
        ? "(entry points: the exported wrappers and what they inline)"
        : "(no path: memcpy, allocator and other builtins)";
}

/** The crate and module a symbol belongs to (`core::fmt`, `serde_json::de`), or its crate. */
export function moduleOf(name) {
    const crate = crateOf(name);
    if (crate.startsWith("(")) return crate;
    const path = name.replace(/^(?:[<&*(\[\s]|mut |dyn |const )+/, "");
    const m = /^([A-Za-z_][A-Za-z0-9_]*)::([a-z_][a-z0-9_]*)::/.exec(path);
    return m ? `${m[1]}::${m[2]}` : crate;
}

function table(title, items, key, rows) {
    const total = items.reduce((s, it) => s + it.shallow_size, 0);
    const groups = new Map();
    for (const it of items) {
        const k = key(it.name);
        const g = groups.get(k) ?? { bytes: 0, items: 0 };
        g.bytes += it.shallow_size;
        g.items += 1;
        groups.set(k, g);
    }
    const sorted = [...groups].sort((a, b) => b[1].bytes - a[1].bytes);
    const lines = [`| ${title} | bytes | share | items |`, "|---|---:|---:|---:|"];
    for (const [k, g] of sorted.slice(0, rows)) {
        lines.push(`| ${k} | ${g.bytes.toLocaleString("en-US")} | ${((100 * g.bytes) / total).toFixed(1)} % | ${g.items} |`);
    }
    const rest = sorted.slice(rows);
    if (rest.length) {
        const bytes = rest.reduce((s, [, g]) => s + g.bytes, 0);
        const n = rest.reduce((s, [, g]) => s + g.items, 0);
        lines.push(`| ${rest.length} more | ${bytes.toLocaleString("en-US")} | ${((100 * bytes) / total).toFixed(1)} % | ${n} |`);
    }
    return lines.join("\n");
}

/** The items of ITEMS.json that are deployed (no custom section), names cleaned. */
function deployed(path) {
    return JSON.parse(readFileSync(path, "utf8"))
        .filter((it) => !/subsection|custom section/.test(it.name))
        .map((it) => ({ ...it, name: clean(it.name) }));
}

const [cmd, a, b] = process.argv.slice(2);
if (cmd === "code-bytes") {
    const code = sections(readFileSync(a)).find((s) => s.id === 10);
    console.log(code ? code.end - code.bodyStart : 0);
} else if (cmd === "twiggy-copy") {
    writeWithout(a, b, (_, s) => s.id === 12);
} else if (cmd === "no-features") {
    writeWithout(a, b, (bytes, s) => s.id === 0 && customName(bytes, s) === "target_features");
} else if (cmd === "top") {
    const items = deployed(a);
    const total = items.reduce((s, it) => s + it.shallow_size, 0);
    const lines = ["| bytes | share | item |", "|---:|---:|---|"];
    for (const it of [...items].sort((x, y) => y.shallow_size - x.shallow_size).slice(0, Number(b))) {
        const share = ((100 * it.shallow_size) / total).toFixed(1);
        lines.push(`| ${it.shallow_size.toLocaleString("en-US")} | ${share} % | \`${it.name.replaceAll("|", "\\|")}\` |`);
    }
    lines.push(`| ${total.toLocaleString("en-US")} | 100 % | all ${items.length} items but custom sections |`);
    console.log(lines.join("\n"));
} else if (cmd === "crates") {
    exported = exportNames(readFileSync(b));
    const items = deployed(a);
    console.log(table("crate", items, crateOf, 15));
    console.log();
    console.log(table("crate::module", items, moduleOf, 25));
} else {
    console.error("usage: node scripts/size-report.mjs code-bytes FILE | twiggy-copy IN OUT | top ITEMS.json N | crates ITEMS.json WASM");
    process.exit(2);
}

// Node's `util.format`, the one part of Node's `util` a browser bundle of @near-js/accounts
// reaches (through is-my-json-valid's generate-function); esbuild aliases `util` to this file.
export function format(template, ...args) {
  if (typeof template !== "string") return [template, ...args].map(String).join(" ");
  let i = 0;
  const out = template.replace(/%[sdifjo%]/g, (m) => {
    if (m === "%%") return "%";
    if (i >= args.length) return m;
    const v = args[i++];
    if (m === "%j" || m === "%o") return JSON.stringify(v);
    if (m === "%d" || m === "%i") return String(parseInt(v, 10));
    if (m === "%f") return String(parseFloat(v));
    return String(v);
  });
  return [out, ...args.slice(i).map(String)].join(" ");
}
export default { format };

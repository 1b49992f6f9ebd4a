// Reads {patterns: {kind: "/source/flags"}, samples: {kind: [value]}} as JSON on stdin and
// writes {kind: [true|false]}: whether the browser editor accepts each value. The pattern is
// read the way Sveltia CMS reads a `pattern` option written as a string.
import { readFileSync } from "node:fs";

const SVELTIA = /^\/?(?<pattern>.+?)(?:\/(?<flags>[dgimsuy]*))?$/;
const { patterns, samples } = JSON.parse(readFileSync(0, "utf8"));
const out = {};
for (const [kind, values] of Object.entries(samples)) {
  const { pattern, flags } = patterns[kind].match(SVELTIA).groups;
  const regexp = new RegExp(pattern, (flags || "").replace(/[gy]/g, ""));
  out[kind] = values.map((value) => regexp.test(value));
}
process.stdout.write(JSON.stringify(out));

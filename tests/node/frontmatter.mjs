// Runs the browser editor's front-matter format (admin/src/frontmatter.js) for the Python tests
// (tests/test_admin.py): reads {formats, files: {path: text}, create: [{folder, data}]} as JSON
// on stdin, writes {files: {path: {entries, body, data, saved}}, created: [text]} on stdout.
import { readFileSync } from "node:fs";
import { makeFormat, split } from "../../admin/src/frontmatter.js";

const input = JSON.parse(readFileSync(0, "utf8"));
const formats = Object.fromEntries(
  Object.entries(input.formats).map(([folder, schema]) => [folder, makeFormat(schema)]));
const files = {};
for (const [path, text] of Object.entries(input.files || {})) {
  const folder = path.split("/")[1];
  const format = formats[folder];
  const { entries, body } = split(text);
  const data = format.fromFile(text);
  files[path] = { entries: entries.map((e) => [e.key, e.values]), body, data, saved: format.toFile(data) };
}
const created = (input.create || []).map(({ folder, data }) => formats[folder].toFile(data));
process.stdout.write(JSON.stringify({ files, created }));

/*
 * The site's front matter <-> the object the browser editor edits.
 *
 * A content file, as Pelican's Markdown reader (Python-Markdown's `meta` extension) reads it
 * and as rart/frontmatter.py splits it:
 *
 *   Key: value            one line per field, from the first line
 *       more value        continuation lines, indented by 4 spaces or more
 *   <blank line>          ends the header
 *   Markdown body
 *
 * `makeFormat(schema)` returns `{fromFile(text) -> object, toFile(object) -> text}` for one
 * content type. The schema comes from the contract (rart_tools/admin/config.py, written into
 * /admin/index.html):
 *
 *   order      field names in the order `make new` writes them (the contract's order)
 *   always     fields written even when empty (`Key:`), as `make new` writes them
 *   lists      comma-separated fields, edited as arrays (Tags, Members)
 *   rows       {field: [column, …]}: one `a | b | c` row per line, edited as [{column: …}]
 *              (Materials: label, link; Body_images: file, people, consent); `materials`,
 *              the older name, lists fields with the columns label and link
 *   integers   whole numbers, edited as numbers (Order)
 *   files      paths of files under content/, written as `immagini/foto.jpg`
 *   groups     {object: {flat field: subfield}}: fields edited together as one optional object
 *              (the image with its alt text and consent, so the alt text can be required only
 *              when there is an image)
 *   dates      fields never written empty (Pelican parses Date and Modified itself, and an
 *              empty one stops the build)
 *   layout     the name of the hidden field that remembers how an existing file was laid out
 *
 * Saving a file the editor did not create keeps its fields in their order and as they were
 * named; a field filled in for the first time goes where the contract puts it. A new file is
 * laid out exactly as `make new` lays it out.
 */

const KEY_LINE = /^ {0,3}([A-Za-z0-9_-]+):\s*(.*)$/;
const MORE_LINE = /^ {4,}(.*)$/;
const FENCE_START = /^-{3}(\s.*)?$/;
const FENCE_END = /^(-{3}|\.{3})(\s.*)?$/;
const BODY = "body";

/** Python's str.capitalize(), which the contract uses for names: 'cta_url' -> 'Cta_url'. */
export function titleCase(name) {
  return name.charAt(0).toUpperCase() + name.slice(1).toLowerCase();
}

function isEmpty(value) {
  if (value === undefined || value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === "object") return Object.values(value).every(isEmpty);
  return String(value).trim() === "";
}

function splitList(text) {
  return String(text).split(",").map((s) => s.trim()).filter(Boolean);
}

/** What Python-Markdown does to the text before reading it (rart.frontmatter.normalise). */
export function normalise(text) {
  text = String(text ?? "");
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  text = text.replace(/\r\n?/g, "\n");
  text = text.split("\n").map(expandTabs).join("\n");
  return text.replace(/(?<=\n) +\n/g, "\n");
}

function expandTabs(line) {
  if (line.indexOf("\t") < 0) return line;
  let out = "";
  for (const ch of line) out += ch === "\t" ? " ".repeat(4 - (out.length % 4)) : ch;
  return out;
}

/** [{key, name, values}] and the body, as rart.frontmatter.split_document splits them. */
export function split(text) {
  const lines = normalise(text).split("\n");
  const entries = [];
  let i = lines.length && FENCE_START.test(lines[0]) ? 1 : 0;
  let current = null;
  for (; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === "" || FENCE_END.test(line)) { i++; break; }
    const field = KEY_LINE.exec(line);
    if (field) {
      current = { key: field[1].toLowerCase(), name: field[1], values: [field[2].trim()] };
      entries.push(current);
      continue;
    }
    const more = MORE_LINE.exec(line);
    if (more && current) { current.values.push(more[1].trim()); continue; }
    break; // not a field: Markdown reads it, and what follows, as body text
  }
  return { entries, body: lines.slice(i).join("\n") };
}

export function makeFormat(schema) {
  const order = schema.order || [];
  const always = new Set(schema.always || []);
  const lists = new Set(schema.lists || []);
  const rows = { ...(schema.rows || {}) };
  for (const name of schema.materials || []) rows[name] = rows[name] || ["label", "link"];
  const integers = new Set(schema.integers || []);
  const originalOnly = new Set(schema.originalOnly || []);
  const files = new Set(schema.files || []);
  const dates = new Set(schema.dates || []);
  const groups = schema.groups || {};
  const layout = schema.layout || "";
  const grouped = new Map(); // flat field -> [object, subfield]
  for (const [group, members] of Object.entries(groups)) {
    for (const [flat, sub] of Object.entries(members)) grouped.set(flat, [group, sub]);
  }

  function typed(key, values) {
    const lines = values.filter((v) => v !== "");
    const joined = lines.join("\n");
    if (lists.has(key)) return splitList(lines.join(", "));
    if (rows[key]) {
      const columns = rows[key];
      return lines.map((line) => {
        // the last column takes the rest of the line, bars included (a link may hold one)
        const parts = line.split("|");
        const row = {};
        columns.forEach((column, n) => {
          const part = n === columns.length - 1 ? parts.slice(n).join("|") : parts[n];
          row[column] = (part ?? "").trim();
        });
        return row;
      });
    }
    if (integers.has(key) && /^[0-9]{1,9}$/.test(joined)) return Number(joined);
    return joined;
  }

  function fromFile(text) {
    const { entries, body } = split(text);
    const data = {};
    for (const entry of entries) {
      const value = typed(entry.key, entry.values);
      const spot = grouped.get(entry.key);
      if (spot) {
        data[spot[0]] = data[spot[0]] || {};
        data[spot[0]][spot[1]] = value;
      } else {
        data[entry.key] = value;
      }
    }
    for (const group of Object.keys(groups)) {
      if (data[group] && isEmpty(data[group])) delete data[group];
    }
    if (layout) data[layout] = entries.map((e) => e.name).join(",");
    data[BODY] = body;
    return data;
  }

  function flatten(data) {
    const flat = {};
    for (const [key, value] of Object.entries(data || {})) {
      if (!groups[key]) { flat[key] = value; continue; }
      for (const [name, sub] of Object.entries(groups[key])) {
        const v = value ? value[sub] : undefined;
        flat[name] = v === undefined || v === null ? "" : v;
      }
    }
    return flat;
  }

  function valueLines(key, value) {
    if (isEmpty(value)) return [""];
    if (lists.has(key)) {
      const items = Array.isArray(value) ? value : splitList(value);
      return [items.map((s) => String(s).trim()).filter(Boolean).join(", ")];
    }
    if (rows[key]) {
      const columns = rows[key];
      const cell = (row, column) => {
        const text = String(row[column] ?? "").trim();
        return column === "file"
          ? text.replace(/^\{static\}/, "").replace(/^\/+/, "") : text;
      };
      const lines = (Array.isArray(value) ? value : [])
        .filter((row) => row && !columns.every((column) => isEmpty(row[column])))
        .map((row) => {
          const cells = columns.map((column) => cell(row, column));
          // an empty last column is not written: «immagini/mappa.png | no»
          while (cells.length > 2 && cells[cells.length - 1] === "") cells.pop();
          return cells.join(" | ");
        });
      return lines.length ? lines : [""];
    }
    if (Array.isArray(value)) value = value.join(", ");
    if (files.has(key)) value = String(value).replace(/^\{static\}/, "").replace(/^\/+/, "");
    // A blank line would end the header: keep the text's lines, drop the empty ones.
    const lines = String(value).split(/\r\n?|\n/).map((s) => s.trim()).filter((s) => s !== "");
    return lines.length ? lines : [""];
  }

  /** The fields to write, with the name each is written under. */
  function sequence(flat) {
    const written = layout && flat[layout] ? String(flat[layout]).split(",").filter(Boolean) : [];
    const filled = (key) => key in flat && !isEmpty(flat[key]);
    if (!written.length) {
      // A new file: the contract's order, as `make new` writes it.
      // A field of the original only is written where the data has it (the original), never
      // in a translation, whose data lacks it: as `make translate` writes it.
      const writes = (key) => always.has(key) && (!originalOnly.has(key) || key in flat);
      return order.filter((key) => writes(key) || filled(key)).map((key) => [key, titleCase(key)]);
    }
    // A file that exists: its own fields, in its own order, under its own names; a field
    // filled in for the first time goes after the nearest field before it in the contract.
    const out = written.map((name) => [name.toLowerCase(), name]);
    const seen = new Set(out.map(([key]) => key));
    for (const key of order) {
      if (seen.has(key) || !filled(key)) continue;
      const before = order.slice(0, order.indexOf(key)).filter((k) => seen.has(k));
      const anchor = before.length ? before[before.length - 1] : null;
      let at = 0;
      if (anchor) {
        // after the anchor, or after the last field written after it that is not in `order`
        at = out.findIndex(([k]) => k === anchor) + 1;
      }
      out.splice(at, 0, [key, titleCase(key)]);
      seen.add(key);
    }
    return out;
  }

  function toFile(data) {
    const flat = flatten(data);
    const out = [];
    for (const [key, name] of sequence(flat)) {
      if (key === BODY || key === layout) continue;
      if (dates.has(key) && isEmpty(flat[key])) continue;
      const values = valueLines(key, flat[key]);
      out.push(`${name}: ${values[0]}`.replace(/\s+$/, ""));
      for (const more of values.slice(1)) out.push(`    ${more}`);
    }
    let body = flat[BODY] === undefined || flat[BODY] === null ? "" : String(flat[BODY]);
    body = body.replace(/\r\n?/g, "\n");
    if (body !== "" && !body.endsWith("\n")) body += "\n";
    return `${out.join("\n")}\n${body === "" ? "" : `\n${body}`}`;
  }

  return { fromFile, toFile };
}

// Bundles the browser editor into admin/dist/ (run by `make admin`, after `npm ci`):
//   entry.js and chunks/   src/entry.js with Sveltia CMS's npm build, split into lazy chunks
//   assets/                the fonts and WebAssembly files the editor loads from its own folder
//                          (fonts under the SIL Open Font License, licences copied beside them)
// Nothing here is fetched from the network: every file comes from node_modules.
import { build } from "esbuild";
import { cpSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "dist");
const assets = join(here, "node_modules", "@sveltia", "cms", "npm", "assets");

rmSync(out, { recursive: true, force: true });
await build({
  entryPoints: [join(here, "src", "entry.js")],
  outdir: out,
  bundle: true,
  format: "esm",
  splitting: true,
  minify: true,
  target: "es2022",
  entryNames: "[name]",
  chunkNames: "chunks/[name]-[hash]",
  legalComments: "external",
  logLevel: "warning",
});
mkdirSync(join(out, "assets"));
// The fonts, the WebAssembly decoders and their worker; not the map marker (no map field here)
// and not the source maps.
const wanted = /\.(woff2|wasm|LICENSE\.txt)$|^heic-worker-[^.]+\.js$/;
for (const name of readdirSync(assets)) {
  if (wanted.test(name)) cpSync(join(assets, name), join(out, "assets", name));
}

// The browser editor at /admin/: Sveltia CMS from its npm package, with the site's own file
// format, previews and Italian interface. Bundled by admin/build.mjs (`make admin`); the
// configuration it loads (config.yml) and the settings it reads are generated from the
// contract when the site is built (rart_tools/admin.py).
import { settings } from "./settings.js";
import CMS from "@sveltia/cms";
import { makeFormat } from "./frontmatter.js";
import { registerPreviews } from "./preview.js";

for (const schema of Object.values(settings.formats)) {
  const format = makeFormat(schema);
  CMS.registerCustomFormat(schema.format, "md", {
    fromFile: (text) => format.fromFile(text),
    toFile: (data) => format.toFile(data),
  });
}
// The site's stylesheet in the preview, wherever the site is published (a relative address
// would not resolve inside the preview's frame).
CMS.registerPreviewStyle(new URL(settings.previewStyle, document.baseURI).href);
registerPreviews(CMS, settings);
CMS.init();

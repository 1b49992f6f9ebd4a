// Previews that look like the site's pages: the theme's stylesheet (registered in entry.js) and
// the theme's own classes, in the language and direction of the text being edited.
function text(entry, name) {
  const value = entry.getIn(["data", name]);
  return value === undefined || value === null ? "" : String(value);
}

/** The language of the version being previewed. The editor does not say it; the file's name
 * does (`x.ar.md`), and for a file not saved yet, it is the one language that is not among
 * the entry's other versions. */
export function previewLanguage(entry, languages, fallback) {
  const path = String(entry.get("path") || "");
  const named = /\.([a-z]+)\.[a-z]+$/.exec(path);
  if (named && languages.includes(named[1])) return named[1];
  if (path) return fallback;
  const others = Object.keys(entry.get("i18n")?.toJS?.() || {});
  const left = languages.filter((code) => !others.includes(code));
  return left.length === 1 ? left[0] : fallback;
}

export function registerPreviews(CMS, settings) {
  const h = window.h;
  const languages = Object.keys(settings.directions);
  for (const [folder, info] of Object.entries(settings.previews)) {
    CMS.registerPreviewTemplate(folder, ({ entry, widgetFor }) => {
      const lang = previewLanguage(entry, languages, settings.defaultLanguage);
      const meta = info.meta.map((name) => text(entry, name)).filter(Boolean);
      return h(
        "main", { className: "rart-main", lang, dir: settings.directions[lang] || "ltr" },
        h("article", { className: "rart-article" },
          h("header", { className: "rart-article__header" },
            h("h1", null, text(entry, "title")),
            meta.length ? h("p", { className: "rart-article__meta" }, meta.join(" · ")) : null,
            text(entry, "summary") ? h("p", { className: "rart-lead" }, text(entry, "summary")) : null),
          h("div", { className: "rart-prose" }, widgetFor("body"))),
      );
    });
  }
}

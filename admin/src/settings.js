// What the site's build wrote into /admin/index.html for the bundle (rart_tools/admin.py).
// Imported first by entry.js, so that the editor's interface language is in place before the
// editor's own code reads it.
export const settings = JSON.parse(document.getElementById("rart-editor").textContent);

// The interface in the editors' language whatever the browser's; each person can still
// change it in the editor's settings (Sveltia keeps the choice under this key).
const PREFS = "sveltia-cms.prefs";
try {
  const prefs = JSON.parse(localStorage.getItem(PREFS) || "{}") || {};
  if (!prefs.locale) localStorage.setItem(PREFS, JSON.stringify({ ...prefs, locale: settings.interface }));
} catch {
  // storage switched off: the browser's language decides
}

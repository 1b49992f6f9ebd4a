"""Tests that look: what a reader sees in Chromium and rule engines cannot see.

`look(page, cdp)` runs on a page the sweep (browser.py) has already loaded at 1280x900 in the
light scheme and returns a `Looks` record. Everything is measured in the page, in as few
round trips as Playwright allows:

- focus: the keyboard walks the page with real Tab presses; a `focusin` listener measures each
  focused element where it stands (text against its effective background, outline against the
  background around it). The dark scheme then focuses the same elements again from script,
  which Chromium draws as keyboard focus (`:focus-visible`) because the last focus came from
  the keyboard, so the second scheme costs one round trip instead of one per element;
- decoration: at each width the page lists its decorations (out-of-flow or moved pseudo
  elements, background images) and the text boxes (Range rects of text nodes) they could
  touch; only then two screenshots of that region, with and without decorations, are
  compared pixel by pixel inside each text box. Glyph decorations (arrows) are compared
  too: their ink must keep away from the text they follow;
- print: in print emulation at the A4 text width every text colour is measured against white
  (background graphics are off by default when printing) and decorations get the same pixel
  test;
- accessible names: Chromium's own accessibility tree (CDP), so names include CSS generated
  content exactly as screen readers get it.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

from PIL import Image, ImageChops

# 320 is the narrowest layout WCAG 1.4.10 asks for; 640 is 1280 at 200 % zoom; the others are
# common phone, tablet and laptop widths and the theme's own breakpoints (30em, 40em).
WIDTHS = [320, 360, 414, 480, 560, 640, 768, 900, 1024, 1280]
DARK_WIDTHS = {360, 1280}
# Where every element is scanned for decorations: the narrowest and widest layouts and the
# theme's breakpoints in between (30em, 48em, 64em). Other widths measure what these found.
SCAN_WIDTHS = {320, 480, 768, 1024, 1280}
# A4 (210 mm) less Chromium's default 10 mm margins, at 96 CSS px per inch.
PRINT_WIDTH = 718
# Arrows, pointing triangles, bullets and single guillemets: decoration, never words.
DECORATIVE_GLYPHS = re.compile("[\u2190-\u21ff\u2794\u27a1\u27f5-\u27ff\u2b05-\u2b07\u2022\u2023"
                               "\u25b6\u25b8\u25ba\u25c0\u25c2\u25c4\u203a\u2039]")
# A pixel differs when one channel moves by more than this (PNG is lossless: an untouched pixel
# does not move at all).
PIXEL_DELTA = 16
# Glyph decorations keep at least this far (CSS px) from the text they follow.
GLYPH_GAP = 3

# Colour and contrast helpers, installed once per page as window.__look.
UTILS_JS = r"""() => {
if (window.__look) return;
const canvas = document.createElement('canvas'); canvas.width = canvas.height = 1;
const ctx = canvas.getContext('2d', {willReadFrequently: true});
const cache = new Map();
// Any CSS colour -> [r, g, b, a] with r, g, b in 0..255 and a in 0..1.
function rgba(css) {
  if (cache.has(css)) return cache.get(css);
  const m = css.match(/^rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)$/);
  let v;
  if (m) v = [+m[1], +m[2], +m[3], m[4] === undefined ? 1 : +m[4]];
  else {
    ctx.clearRect(0, 0, 1, 1); ctx.fillStyle = css; ctx.fillRect(0, 0, 1, 1);
    const d = ctx.getImageData(0, 0, 1, 1).data; v = [d[0], d[1], d[2], d[3] / 255];
  }
  cache.set(css, v); return v;
}
const over = (top, bottom) => [0, 1, 2].map(i => top[i] * top[3] + bottom[i] * (1 - top[3])).concat(1);
function lum(c) {
  const f = v => { v /= 255; return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
  return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
}
const ratio = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
const hex = c => '#' + c.slice(0, 3).map(v => Math.round(v).toString(16).padStart(2, '0')).join('');
// The opaque colour behind el's content: its own background and its ancestors', composited.
function background(el) {
  const layers = []; let image = false;
  for (let e = el; e; e = e.parentElement) {
    const s = getComputedStyle(e);
    if (s.backgroundImage !== 'none') image = true;
    const c = rgba(s.backgroundColor);
    if (c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
  }
  let base = [255, 255, 255, 1];
  for (let i = layers.length - 1; i >= 0; i--) base = over(layers[i], base);
  return {color: base, image};
}
// Painted: not display:none, not in a closed <details> (content-visibility), not visibility:hidden.
const rendered = el => el.checkVisibility({visibilityProperty: true}) && el.getClientRects().length > 0;
function textNodes(root) {
  const out = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.data.trim() && n.parentElement && rendered(n.parentElement)) out.push(n);
  }
  return out;
}
function isLarge(s) {
  const size = parseFloat(s.fontSize), weight = parseInt(s.fontWeight, 10);
  return size >= 24 || (size >= 18.66 && weight >= 700);
}
const label = el => (el.getAttribute('aria-label') || el.innerText || el.value || el.tagName).trim().replace(/\s+/g, ' ').slice(0, 50);
window.__look = {rgba, over, ratio, hex, background, rendered, textNodes, isLarge, label};
}"""

# Records, for each element that receives focus, what a reader sees of it.
FOCUS_RECORDER_JS = r"""() => {
const L = window.__look;
window.__focusOrder = []; window.__focusLog = [];
function measure(el) {
  const problems = [];
  const s = getComputedStyle(el);
  const texts = L.textNodes(el).map(n => n.parentElement);
  if (el.matches('input, textarea, select')) texts.push(el);
  for (const holder of new Set(texts)) {
    const hs = getComputedStyle(holder);
    const bg = L.background(holder);
    const fg = L.over(L.rgba(hs.color), bg.color);
    const need = L.isLarge(hs) ? 3 : 4.5;
    const r = L.ratio(fg, bg.color);
    if (r < need) problems.push(`text ${L.hex(fg)} on ${L.hex(bg.color)}: ${r.toFixed(2)}:1 < ${need}:1`);
    if (bg.image) problems.push('text over a background image');
  }
  const width = parseFloat(s.outlineWidth);
  if (s.outlineStyle === 'none' || width < 2) problems.push(`no focus outline of at least 2px (${s.outlineStyle} ${s.outlineWidth})`);
  else {
    const outside = L.background(el.parentElement).color;
    const ring = L.over(L.rgba(s.outlineColor), outside);
    const r = L.ratio(ring, outside);
    if (r < 3) problems.push(`focus ring ${L.hex(ring)} on ${L.hex(outside)}: ${r.toFixed(2)}:1 < 3:1`);
    if (parseFloat(s.outlineOffset) <= 0) {
      const inside = L.background(el).color;
      const ri = L.ratio(ring, inside);
      if (ri < 3) problems.push(`focus ring ${L.hex(ring)} against the element ${L.hex(inside)}: ${ri.toFixed(2)}:1 < 3:1`);
    }
  }
  if (!el.matches(':focus-visible')) problems.push('focused but not :focus-visible');
  return {label: L.label(el), problems};
}
window.__focusRecording = true;
document.addEventListener('focusin', e => {
  if (!window.__focusRecording) return;
  window.__focusOrder.push(e.target);
  window.__focusLog.push(measure(e.target));
}, true);
window.__measureFocus = measure;
}"""

# The dark scheme: focus the elements the keyboard reached, in the same order.
FOCUS_AGAIN_JS = r"""() => {
const out = [];
const order = [...new Set(window.__focusOrder)];
window.__focusRecording = false;
for (const el of order) { el.focus(); out.push(window.__measureFocus(el)); }
document.activeElement.blur();
return out;
}"""

# Decorations and the text boxes they could touch, in document coordinates.
DECORATIONS_JS = r"""([glyphs, scan]) => {
const L = window.__look;
const sx = scrollX, sy = scrollY;
const doc = r => ({x: r.left + sx, y: r.top + sy, w: r.width, h: r.height});
const meets = (a, b) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
function clip(box, r) {
  const x = Math.max(box.x, r.x), y = Math.max(box.y, r.y);
  return {x, y, w: Math.max(0, Math.min(box.x + box.w, r.x + r.w) - x), h: Math.max(0, Math.min(box.y + box.h, r.y + r.h) - y)};
}
// The box of an absolutely positioned pseudo element: Chromium resolves its insets and size to
// used pixels; its containing block is the nearest positioned ancestor, which also clips it
// (with any clipping ancestor of that block).
function pseudoBox(el, ps) {
  let cb = el;
  if (ps.position === 'fixed') cb = null;
  else while (cb && cb !== document.documentElement && getComputedStyle(cb).position === 'static') cb = cb.parentElement;
  const cs = cb ? getComputedStyle(cb) : null;
  const r = cb ? cb.getBoundingClientRect() : {left: 0, top: 0};
  let w = parseFloat(ps.width), h = parseFloat(ps.height);
  if (ps.boxSizing === 'content-box') {
    w += ['paddingLeft', 'paddingRight', 'borderLeftWidth', 'borderRightWidth'].reduce((a, k) => a + parseFloat(ps[k]), 0);
    h += ['paddingTop', 'paddingBottom', 'borderTopWidth', 'borderBottomWidth'].reduce((a, k) => a + parseFloat(ps[k]), 0);
  }
  let box = {x: r.left + sx + (cs ? parseFloat(cs.borderLeftWidth) : 0) + parseFloat(ps.left),
             y: r.top + sy + (cs ? parseFloat(cs.borderTopWidth) : 0) + parseFloat(ps.top), w, h};
  for (let e = cb; e && e !== document.documentElement; e = e.parentElement) {
    const es = getComputedStyle(e);
    if (es.overflowX !== 'visible' || es.overflowY !== 'visible') box = clip(box, doc(e.getBoundingClientRect()));
  }
  return box;
}
const regions = [];   // where decoration paints: {box, el}
const glyphHosts = [];   // elements followed or preceded by an in-flow glyph
// Elements with generated content or a background image, found by scanning every element at
// the widths SCAN_WIDTHS name (window.__decorated); the other widths only measure them.
if (scan) {
  window.__decorated = window.__decorated || new Set();
  for (const el of document.body.querySelectorAll('*')) {
    if (getComputedStyle(el).backgroundImage !== 'none') { window.__decorated.add(el); continue; }
    for (const which of ['::before', '::after']) {
      const content = getComputedStyle(el, which).content;
      if (content !== 'none' && content !== 'normal') { window.__decorated.add(el); break; }
    }
  }
}
for (const el of window.__decorated) {
  if (!L.rendered(el)) continue;
  const s = getComputedStyle(el);
  if (s.backgroundImage !== 'none') regions.push({box: doc(el.getBoundingClientRect()), el});
  for (const which of ['::before', '::after']) {
    const ps = getComputedStyle(el, which);
    if (ps.content === 'none' || ps.content === 'normal' || ps.display === 'none') continue;
    if (ps.position === 'absolute' || ps.position === 'fixed') {
      regions.push({box: pseudoBox(el, ps), el});
    } else {
      // A glyph (an arrow) flipped in place stays in its own box: the glyph test measures it.
      const glyph = /^".*\S.*"/.test(ps.content);
      const moved = (ps.transform !== 'none' && !glyph) || ps.position === 'relative' ||
        ['marginLeft', 'marginRight', 'marginTop', 'marginBottom'].some(k => parseFloat(ps[k]) < 0);
      if (moved) regions.push({box: doc(el.getBoundingClientRect()), el});
      if (glyphs && glyph) glyphHosts.push(el);
    }
  }
}
const boxes = [];
for (const n of L.textNodes(document.body)) {
  const range = document.createRange(); range.selectNodeContents(n);
  for (const r of range.getClientRects()) {
    if (r.width < 1 || r.height < 1) continue;
    const box = doc(r);
    if (regions.some(g => g.box.w > 0 && g.box.h > 0 && meets(g.box, box)))
      boxes.push({...box, text: n.data.trim().slice(0, 40)});
  }
}
const hosts = glyphHosts.map(el => {
  const texts = [];
  for (const n of L.textNodes(el)) {
    const range = document.createRange(); range.selectNodeContents(n);
    for (const r of range.getClientRects()) if (r.width >= 1) texts.push(doc(r));
  }
  return {box: doc(el.getBoundingClientRect()), texts, label: L.label(el)};
}).filter(h => h.texts.length);
return {boxes, hosts};
}"""

HIDE_DECORATIONS_CSS = ("*::before, *::after { visibility: hidden !important; }\n"
                        "* { background-image: none !important; }")

# A constructed style sheet: the site's Content-Security-Policy (style-src 'self') refuses a
# <style> element, and rightly so; the CSS object model is not an inline style.
TOGGLE_JS = """(css) => {
  if (css) { window.__hide = new CSSStyleSheet(); window.__hide.replaceSync(css);
             document.adoptedStyleSheets = [...document.adoptedStyleSheets, window.__hide]; }
  else document.adoptedStyleSheets = document.adoptedStyleSheets.filter(s => s !== window.__hide);
}"""

# In print emulation: every text against white, as paper shows it with background graphics off.
PRINT_JS = r"""() => {
const L = window.__look;
const white = [255, 255, 255, 1];
const problems = [];
const seen = new Set();
for (const n of L.textNodes(document.body)) {
  const el = n.parentElement;
  if (seen.has(el)) continue;
  seen.add(el);
  const s = getComputedStyle(el);
  const fg = L.over(L.rgba(s.color), white);
  const r = L.ratio(fg, white);
  if (r < 4.5) problems.push(`${L.hex(fg)} on white: ${r.toFixed(2)}:1 in “${n.data.trim().slice(0, 40)}”`);
}
return problems;
}"""


@dataclass
class Looks:
    focus_light: list = field(default_factory=list)
    focus_dark: list = field(default_factory=list)
    focus_count: int = 0
    decoration: list = field(default_factory=list)
    glyph_gaps: list = field(default_factory=list)
    print_contrast: list = field(default_factory=list)
    glyph_names: list = field(default_factory=list)
    header_360: float = 0.0


def _tab(cdp) -> None:
    for kind in ("rawKeyDown", "keyUp"):
        cdp.send("Input.dispatchKeyEvent", {"type": kind, "key": "Tab", "code": "Tab",
                                            "windowsVirtualKeyCode": 9, "nativeVirtualKeyCode": 9})


def check_focus(page, cdp, looks: Looks) -> None:
    """Tab through the whole page (light), then refocus the same elements (dark)."""
    page.evaluate(FOCUS_RECORDER_JS)
    expected = page.evaluate("""() => [...document.querySelectorAll(
        'a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])')]
        .filter(el => el.getClientRects().length && !el.disabled).length""")
    for _ in range(expected + 1):
        _tab(cdp)
    # Keyboard-focusable elements the selector does not know (a scrollable region) make the
    # walk longer: go on until focus leaves the document after its last element.
    for _ in range(50):
        if page.evaluate("document.activeElement === document.body"):
            break
        _tab(cdp)
    log = page.evaluate("window.__focusLog")
    looks.focus_count = len(log)
    looks.focus_light = [f"{e['label']}: {p}" for e in log for p in e["problems"]]
    page.emulate_media(color_scheme="dark")
    again = page.evaluate(FOCUS_AGAIN_JS)
    looks.focus_dark = [f"{e['label']}: {p}" for e in again for p in e["problems"]]
    page.emulate_media(color_scheme="light")


def _region(items: list[dict]) -> dict:
    x0 = max(0, min(b["x"] for b in items) - 2)
    y0 = max(0, min(b["y"] for b in items) - 2)
    x1 = max(b["x"] + b["w"] for b in items) + 2
    y1 = max(b["y"] + b["h"] for b in items) + 2
    return {"x": int(x0), "y": int(y0), "width": int(x1 - x0) + 1, "height": int(y1 - y0) + 1}


def _shots(page, clip: dict) -> tuple[Image.Image, Image.Image]:
    """The region with its decorations and without them, same layout (visibility, not display)."""
    with_deco = Image.open(io.BytesIO(page.screenshot(clip=clip, full_page=True, animations="disabled")))
    page.evaluate(TOGGLE_JS, HIDE_DECORATIONS_CSS)
    without = Image.open(io.BytesIO(page.screenshot(clip=clip, full_page=True, animations="disabled")))
    page.evaluate(TOGGLE_JS, "")
    return with_deco.convert("RGB"), without.convert("RGB")


def _changed(diff: Image.Image, box: dict, clip: dict) -> int:
    """Pixels inside box (document coordinates) that decoration changed."""
    left = max(0, int(box["x"] - clip["x"] + 0.5))
    top = max(0, int(box["y"] - clip["y"] + 0.5))
    right = min(diff.width, int(box["x"] + box["w"] - clip["x"]))
    bottom = min(diff.height, int(box["y"] + box["h"] - clip["y"]))
    if right <= left or bottom <= top:
        return 0
    part = diff.crop((left, top, right, bottom))
    return sum(part.histogram()[PIXEL_DELTA + 1:256])


def _overlaps(page, where: str, schemes: tuple[str, ...], found: dict) -> list[str]:
    boxes = found["boxes"]
    if not boxes:
        return []
    clip = _region(boxes)
    problems = []
    for scheme in schemes:
        page.emulate_media(color_scheme=scheme)
        shown, hidden = _shots(page, clip)
        diff = ImageChops.difference(shown, hidden).convert("L")
        for box in boxes:
            changed = _changed(diff, box, clip)
            if changed:
                problems.append(f"{where} {scheme}: decoration paints {changed} px over “{box['text']}”")
    page.emulate_media(color_scheme="light")
    return problems


def _glyph_gaps(page, found: dict) -> list[str]:
    hosts = found["hosts"]
    if not hosts:
        return []
    clip = _region([h["box"] for h in hosts])
    shown, hidden = _shots(page, clip)
    diff = ImageChops.difference(shown, hidden).convert("L").point(lambda v: 255 if v > PIXEL_DELTA else 0)
    problems = []
    for host in hosts:
        box = host["box"]
        left, top = int(box["x"] - clip["x"]), int(box["y"] - clip["y"])
        ink = diff.crop((left, top, left + int(box["w"]) + 1, top + int(box["h"]) + 1)).getbbox()
        if ink is None:
            continue
        ink_x0, ink_x1 = ink[0] + box["x"], ink[2] + box["x"]
        ink_y0, ink_y1 = ink[1] + box["y"], ink[3] + box["y"]
        for text in host["texts"]:
            if text["y"] >= ink_y1 or ink_y0 >= text["y"] + text["h"]:
                continue  # another line
            gap = max(ink_x0 - (text["x"] + text["w"]), text["x"] - ink_x1)
            if gap < GLYPH_GAP:
                problems.append(f"the decorative glyph of “{host['label']}” is {gap:.0f} px from its text")
                break
    return problems


def check_decoration(page, looks: Looks) -> None:
    """At every width: text boxes painted over by decoration; at 1280: glyphs touching text."""
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        found = page.evaluate(DECORATIONS_JS, [width == WIDTHS[-1], width in SCAN_WIDTHS])
        # The dark scheme re-points colours only, so the geometry is the same: its pixels are
        # compared at the phone and desktop widths, the light scheme's at every width.
        schemes = ("light", "dark") if width in DARK_WIDTHS else ("light",)
        looks.decoration += _overlaps(page, f"{width}px", schemes, found)
        if width == WIDTHS[-1]:
            looks.glyph_gaps = _glyph_gaps(page, found)


def check_print(page, looks: Looks) -> None:
    page.emulate_media(media="print")
    page.set_viewport_size({"width": PRINT_WIDTH, "height": 1000})
    looks.print_contrast = page.evaluate(PRINT_JS)
    found = page.evaluate(DECORATIONS_JS, [False, True])
    looks.decoration += _overlaps(page, "print", ("light",), found)
    page.emulate_media(media="screen")


def check_names(cdp, looks: Looks) -> None:
    tree = cdp.send("Accessibility.getFullAXTree")
    for node in tree["nodes"]:
        role = node.get("role", {}).get("value")
        name = node.get("name", {}).get("value", "")
        if role in ("link", "button") and DECORATIVE_GLYPHS.search(name):
            looks.glyph_names.append(f"{role} “{name}”")


def look(page, cdp) -> Looks:
    """All the looking checks on a page loaded at 1280x900 in the light scheme."""
    looks = Looks()
    page.evaluate(UTILS_JS)
    check_names(cdp, looks)
    check_focus(page, cdp, looks)
    check_decoration(page, looks)
    check_print(page, looks)
    page.set_viewport_size({"width": 360, "height": 800})
    looks.header_360 = page.evaluate("document.querySelector('body > header').getBoundingClientRect().height")
    return looks

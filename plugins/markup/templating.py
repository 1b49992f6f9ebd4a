"""What templates use to write content into a page. Autoescape is on for every template
(pelicanconf.py), so every value is escaped exactly once unless it is HTML the build made;
these helpers are the one place where such HTML is marked safe (Markup):

- `body(item)`: the item's HTML, sanitised when it was read, with the images plugin's
  <picture> elements in place of the <img> tags they replace (rart.html.body_html);
- `isolate`: a plain-text value, escaped, with its Latin runs in <bdi> on right-to-left pages.

The others return plain text, which autoescape then escapes once:

- `text`: the text of an HTML fragment (a Summary), for <title>, descriptions and cards;
- `plain`: a plain-text field (a Title) as one line, without bidi controls;
- `safe_url`: a link from a front-matter field, or "" when it is not a link readers may follow.

`striptags` is not used by the templates: it decodes entities, so "&lt;script&gt;" in a
summary became "<script>" in the output while autoescape was off (tests/test_templates.py
keeps it out).
"""

from __future__ import annotations

from jinja2 import pass_context
from markupsafe import Markup, escape

from rart.bidi import isolate_ltr_runs
from rart.html import body_html
from rart.htmlpolicy import is_safe_link, strip_bidi_controls


def plain(value: object) -> str:
    """A plain-text value as one line: bidi controls removed, whitespace collapsed."""
    return " ".join(strip_bidi_controls(str(value or "")).split())


def text(value: object) -> str:
    """The text of an HTML fragment (tags removed, entities decoded), as one line."""
    return plain(Markup(str(value or "")).striptags())


def safe_url(value: object) -> str:
    """`value` if readers may follow it (http(s), mailto, tel, this site), else ""."""
    url = str(value or "").strip()
    return url if url and is_safe_link(url) else ""


@pass_context
def body(ctx, item) -> Markup:
    """The item's HTML for the page: its content with pictures in place."""
    return Markup(body_html(item.content, getattr(item, "pictures", ())))


@pass_context
def isolate(ctx, value) -> Markup:
    """A plain-text value (or HTML the build made), escaped, its Latin runs isolated on a
    right-to-left page."""
    html = str(escape(plain(value)) if not isinstance(value, Markup) else value)
    language = ctx.get("language")
    return Markup(isolate_ltr_runs(html) if language is not None and language.rtl else html)


def install(env) -> None:
    env.globals["body"] = body
    env.filters["isolate"] = isolate
    env.filters["text"] = text
    env.filters["plain"] = plain
    env.filters["safe_url"] = safe_url

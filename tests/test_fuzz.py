"""Property-based fuzzing (Hypothesis) of what editors write:

1. the front-matter parser reads exactly what Python-Markdown (Pelican's reader) reads;
2. the validator never raises, whatever the bytes, and every problem it reports renders as a
   message naming a file;
3. real builds of fuzzed front matter either succeed or stop with a clean message: whatever the
   validator accepts, Pelican builds.

Bounded so the module stays well under a minute: a few hundred in-process examples and a
dozen real builds (FUZZ_BUILDS=150 in the environment explores more; Hypothesis keeps any
failing example in .hypothesis/ and replays it first)."""

from __future__ import annotations

import os
import shutil
import string
import subprocess
import sys

import markdown
import pytest
from conftest import FIXTURE, ROOT
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from plugins.content_checks.config import load_config
from plugins.content_checks.validate import validate_site
from rart.contract import CONTRACT
from rart.frontmatter import split_document
from rart.messages import MESSAGES
from rart_tools.build import read_settings

# Property tests: many generated cases, some of them whole builds.
pytestmark = pytest.mark.slow

FOLDERS = {"news": "notizie", "page": "pagine", "campaign": "campagne", "member": "membri",
           "achievement": "risultati"}

# --- strategies ---------------------------------------------------------------------------
keys = st.one_of(
    st.sampled_from(sorted({f.name for fields in CONTRACT.values() for f in fields})).map(str.capitalize),
    st.sampled_from(["Titel", "Titolo", "Lang", "Template", "Author", "Data", "Campaign status", "x-y_z"]),
    st.text(alphabet=string.ascii_letters + "_- àè", min_size=1, max_size=12),
)
nasty_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\n\r"), max_size=40
)
values = st.one_of(
    nasty_text,
    st.sampled_from([
        "", " ", "2024-01-10", "2024-01-10 10:30", "2024-02-30", "2999-01-01", "01/03/2025", "10", "-3", "٣", "active",
        "past", "draft", "hidden", "sì", "no", "{filename}/pagine/home.md", "{filename}/pagine/x.md",
        "{static}/materiali/volantino.pdf", "{static}/nulla.pdf", "https://example.org", "www.x.it",
        "a | {static}/materiali/volantino.pdf", "a |", "| b", "alfa, beta", "alfa,,omega",
        "<b>x</b>", "<script>x</script>", "✎ da scrivere", "notizia-1", "Notizia 1", "a: b: c",
        "[x](/notizie/notizia-1/)", "![](foto.jpg)", "{tag}x", "javascript:alert(1)", "\t", "\x0b",
        "clandestini", "\ufeff", "\u200b", "\x85", "http://[::1", "[x](http://[::1)", "Draft",
        "{filename}/pagine/home.md#x", "{attach}volantino.pdf", "|filename|/pagine/home.md",
        "{filename}/materiali/volantino.pdf", "mailto:info@example.org", "/notizie/", "decorativa",
        # hostile (tests/hostile/cases.toml has one case per kind)
        "<img src=x onerror=alert(1)//", "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;",
        'https://www.example.org/" onmouseover="alert(1)', "x\u202egnp.exe", "\u2067x\u2069",
        "a | javascript:alert(1)", "<a href=javascript:alert(1)>x</a>", "java\tscript:alert(1)",
        "{{ 7*7 }}", "{% raw %}", "\"><svg onload=alert(1)>",
    ]),
)
line = st.one_of(
    st.tuples(keys, values).map(lambda kv: f"{kv[0]}: {kv[1]}"),
    st.tuples(keys, values).map(lambda kv: f"{kv[0]}:{kv[1]}"),
    values.map(lambda v: "    " + v),  # a continuation
    st.sampled_from(["", "---", "...", "   ", "Summary Senza due punti", "Title : spazio", "# Titolo"]),
    nasty_text,
)


@st.composite
def documents(draw) -> tuple[str, str]:
    """(content type, text): mostly a valid file of the type, then a few mutations."""
    content_type = draw(st.sampled_from(sorted(FOLDERS)))
    valid = {
        "title": "Un titolo", "summary": "Un riassunto.", "date": "2024-01-10", "category": "Prova",
        "campaign_status": "active", "cta_label": "Leggi", "cta_url": "{filename}/pagine/home.md",
        "order": "7",
    }
    header = [f"{f.title}: {valid[f.name]}" for f in CONTRACT[content_type] if f.required]
    for _ in range(draw(st.integers(0, 3))):
        position = draw(st.integers(0, len(header)))
        if draw(st.booleans()) and header:
            header[min(position, len(header) - 1)] = draw(line)
        else:
            header.insert(position, draw(line))
    body = draw(st.one_of(st.just("Il testo."), nasty_text, st.sampled_from(
        ["", "✎ da scrivere", "[x]({filename}/pagine/nessuna.md)", "![alt giusto]({static}/materiali/volantino.pdf)",
         "<iframe src=x></iframe>", "Gli extracomunitari.", "## Titoletto\n\n- uno\n- due",
         "![Una foto](https://example.org/foto.jpg)", "![Un logo]({static}/immagini/logo.svg)",
         "![Un volantino](/materiali/volantino.pdf)", "<img src=\"{static}/immagini/x.png\">",
         "[link](http://[::1)", "[x](notizia-2.md)", "[x]({index})"])))
    separator = draw(st.sampled_from(["\n\n", "\n", "\r\n\r\n", "\n\n\n"]))
    return content_type, "\n".join(header) + separator + body + draw(st.sampled_from(["\n", ""]))


# HTML fragments an editor (or a compromised account) may put in a body.
TAGS = ["a", "img", "p", "div", "details", "summary", "script", "svg", "math", "iframe", "style",
        "form", "input", "video", "image", "picture", "source", "object", "noscript", "template",
        "b", "span", "table", "td", "base", "meta", "link", "abbr", "mtext", "mglyph", "textarea"]
ATTRIBUTES = ["href", "src", "srcset", "onerror", "onload", "ontoggle", "onmouseover", "style",
              "id", "class", "title", "poster", "ping", "action", "formaction", "xlink:href",
              "srcdoc", "open", "alt", "data", "background", "http-equiv", "content"]
URLS = ["javascript:alert(1)", "JaVa\tScRiPt:alert(1)", "&#106;avascript:alert(1)",
        "java&#x09;script:alert(1)", "javascript&colon;alert(1)", " javascript:alert(1)",
        "vbscript:x", "data:text/html,<script>alert(1)</script>", "https://tracker.example/x.png",
        "//tracker.example/x", "/\\tracker.example/x", "/immagini/x.png", "#fn:1", "x 1x, https://t.example/y 2x",
        "alert(1)", "background:url(https://tracker.example/x)", "main", "rart-skip-link"]
attribute = st.tuples(st.sampled_from(ATTRIBUTES), st.sampled_from(URLS),
                      st.sampled_from(['"', "'", ""]), st.sampled_from([" ", "\n", "\t", "/"])).map(
    lambda a: f"{a[3]}{a[0]}={a[2]}{a[1]}{a[2]}")
tag = st.tuples(st.sampled_from(TAGS), st.lists(attribute, max_size=4),
                st.sampled_from([">", "", "/>", " >"])).map(lambda t: f"<{t[0]}{''.join(t[1])}{t[2]}")
fragment_piece = st.one_of(
    tag, tag, st.sampled_from(TAGS).map(lambda t: f"</{t}>"),
    st.sampled_from(["<!--", "-->", "```", "~~~", "\n\n", "\n", "    ", "[x](", ")", "[x]: ",
                     "![a](", "alert(1)", "Testo ", "&lt;", "&#", "\u202e", "]]>", "<![CDATA["]),
    st.sampled_from(URLS),
)
fragments = st.lists(fragment_piece, min_size=1, max_size=12).map("".join)


def _inert_problems(html: str) -> list[str]:
    from lxml import html as lxml_html
    from test_hostile import _problems

    if not html.strip():
        return []
    return _problems(lxml_html.fragment_fromstring(html, create_parent="div"), "fragment")


@settings(max_examples=400, deadline=None)
@given(fragments, st.booleans())
def test_any_html_fragment_in_a_body_comes_out_inert(fragment, rtl):
    """Python-Markdown as the site configures it, then the reader's transforms (sanitiser,
    embeds, bidi isolation): no script, handler, dangerous URL or remote load survives."""
    from plugins.markup.transforms import Context, transform
    from rart.htmlpolicy import BIDI_CONTROLS, theme_ids

    markdown_settings = read_settings(ROOT / "pelicanconf.py")["MARKDOWN"]
    reader = markdown.Markdown(extensions=list(markdown_settings["extension_configs"]),
                               output_format="html5")
    html = transform(reader.convert("Testo.\n\n" + fragment),
                     Context(rtl, str, {"youtube.com": ("YouTube", "video")}, theme_ids(ROOT / "theme")))
    note(html)
    assert _inert_problems(html) == []
    assert not any(c in BIDI_CONTROLS for c in html)


# --- 1. the parser agrees with Python-Markdown ---------------------------------------------
@settings(max_examples=300, deadline=None)
@given(st.lists(line, max_size=8), st.sampled_from(["\n", "\r\n"]))
def test_front_matter_is_read_as_pelican_reads_it(lines, newline):
    text = newline.join(lines) + newline + "Testo."
    reader = markdown.Markdown(extensions=["markdown.extensions.meta"])
    reader.convert(text)
    expected = getattr(reader, "Meta", {})
    parsed: dict[str, list[str]] = {}
    for entry in split_document(text).entries:
        parsed.setdefault(entry.key, []).extend(entry.values)
    assert parsed == expected


# --- 2. the validator never raises ---------------------------------------------------------
@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    """One fixture-content copy for the in-process examples: each overwrites the same file."""
    root = tmp_path_factory.mktemp("fuzz")
    shutil.copytree(FIXTURE / "content", root / "content")
    config = load_config(read_settings(FIXTURE / "fixtureconf.py", {"PATH": str(root / "content")}))
    return root / "content", config


def assert_clean(result, rel: str, messages):
    for problem in result.problems:
        assert problem.code in MESSAGES
        rendered = problem.format(messages)
        assert problem.path in rendered and "%(" not in rendered
        assert problem.line is None or problem.line >= 1


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=600), st.sampled_from(["notizie/x.md", "pagine/y.en.md", "campagne/z.ar.md"]))
def test_validator_never_raises_on_any_bytes(workspace, data, rel):
    content, config = workspace
    path = content / rel
    path.write_bytes(data)
    try:
        assert_clean(validate_site(config), rel, config.messages)
    finally:
        path.unlink()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(documents())
def test_validator_reports_cleanly_on_any_front_matter(workspace, document):
    content_type, text = document
    content, config = workspace
    path = content / FOLDERS[content_type] / "fuzz.md"
    path.write_text(text, encoding="utf-8", newline="")
    try:
        result = validate_site(config)
        assert_clean(result, path.name, config.messages)
        assert all(p.path == f"content/{FOLDERS[content_type]}/fuzz.md" for p in result.problems)
    finally:
        path.unlink()


# --- 3. real builds --------------------------------------------------------------------------
@pytest.fixture(scope="module")
def build_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("fuzzbuild")
    shutil.copytree(FIXTURE / "content", root / "content")
    return root


@settings(max_examples=int(os.environ.get("FUZZ_BUILDS", 12)), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(documents())
def test_fuzzed_front_matter_builds_or_fails_cleanly(build_site, document):
    content_type, text = document
    content = build_site / "content"
    config = load_config(read_settings(FIXTURE / "fixtureconf.py", {"PATH": str(content)}))
    path = content / FOLDERS[content_type] / "fuzz.md"
    path.write_text(text, encoding="utf-8", newline="")
    try:
        accepted = not validate_site(config).errors
        result = subprocess.run(
            [sys.executable, "-m", "rart_tools", "build", "-s", str(FIXTURE / "fixtureconf.py"),
             "--content", str(content), "-o", str(build_site / "output")],
            capture_output=True, text=True, cwd=ROOT,
        )
    finally:
        path.unlink()
    log = result.stdout + result.stderr
    note(log)
    assert "Traceback" not in log
    if accepted:
        # Whatever the validator lets through, Pelican builds without an error.
        assert result.returncode == 0
        assert "ERRORE (Pelican)" not in log
    else:
        assert result.returncode == 1
        assert f"content/{FOLDERS[content_type]}/fuzz.md" in log

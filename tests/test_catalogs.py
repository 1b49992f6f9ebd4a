"""Interface translations: complete, compilable, up to date, placeholders intact."""

from __future__ import annotations

import io
import re
import subprocess
import sys

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from conftest import ROOT
from test_i18n import TABLE

PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def catalog(code):
    with (ROOT / "translations" / code / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle, locale=TABLE[code]["locale"])


def messages(code):
    return [m for m in catalog(code) if m.id]


@pytest.mark.parametrize("code", list(TABLE))
def test_catalog_compiles(code):
    buffer = io.BytesIO()
    write_mo(buffer, catalog(code))
    assert buffer.getvalue()
    problems = [(m.id, errors) for m, errors in catalog(code).check() if errors]
    assert problems == []


@pytest.mark.parametrize("code", list(TABLE))
def test_catalog_is_complete_and_nothing_is_fuzzy(code):
    for message in messages(code):
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings), (code, message.id)
        assert not message.fuzzy, (code, message.id)


@pytest.mark.parametrize("code", list(TABLE))
def test_placeholders_survive_translation(code):
    for message in messages(code):
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        expected = set(PLACEHOLDER.findall(ids[-1]))
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for string in strings:
            assert set(PLACEHOLDER.findall(string)) == expected, (code, message.id, string)


@pytest.mark.parametrize("code", list(TABLE))
def test_plural_forms_match_the_language(code):
    cat = catalog(code)
    for message in messages(code):
        if message.pluralizable:
            assert len(message.string) == cat.num_plurals, (code, message.id)


def test_template_matches_the_strings_in_the_code(tmp_path):
    """messages.pot is what `make extract` would write now: no string is missing from it."""
    fresh = tmp_path / "messages.pot"
    keywords = re.search(r"^BABEL_KEYWORDS := (.*)$", (ROOT / "Makefile").read_text(), re.M).group(1)
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "translations/babel.cfg",
         *keywords.split(), "-o", str(fresh), "."],
        cwd=ROOT, check=True, capture_output=True,
    )
    with fresh.open("rb") as handle:
        current = {m.id for m in read_po(handle) if m.id}
    with (ROOT / "translations" / "messages.pot").open("rb") as handle:
        committed = {m.id for m in read_po(handle) if m.id}
    assert current == committed
    for code in TABLE:
        assert {m.id for m in messages(code)} == committed, code


def test_no_interface_text_left_in_english_on_italian_pages(site):
    english = ["Skip to main content", "Main menu", "Languages", "News", "Published on"]
    for rel in ["index.html", "notizie/index.html", "notizie/nasce-la-rart/index.html"]:
        text = site.tree(rel).xpath("string(//body)") + " ".join(site.tree(rel).xpath("//@aria-label"))
        for phrase in english:
            assert phrase not in text, (rel, phrase)


def test_i18n_status_reports_every_language_complete():
    result = subprocess.run([sys.executable, "-m", "rart_tools", "status"], cwd=ROOT,
                            capture_output=True, text=True, env={"PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stdout + result.stderr
    lines = [row for row in result.stdout.splitlines()[1:] if not row.startswith(" ")]
    assert [row.split()[0] for row in lines] == list(TABLE)
    assert all(row.endswith("complete") and "INCOMPLETE" not in row for row in lines)

"""Adding a language is one table entry, a catalog and content files (docs/translating.md)."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from conftest import FIXTURE, ROOT, build
from sitetools import BuiltSite

pytestmark = pytest.mark.slow


@pytest.mark.slow
def test_one_more_language_is_a_table_entry_a_catalog_and_content(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE / "content", content)
    (content / "pagine" / "home.de.md").write_text(
        "Title: Testseite\nSummary: Startseite.\n\nText der Startseite.\n", encoding="utf-8")
    translations = tmp_path / "translations"
    shutil.copytree(ROOT / "translations", translations)
    # What `make init-po LANG=de` runs, into the copy.
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "init", "-i",
         str(translations / "messages.pot"), "-d", str(translations), "-l", "de"],
        check=True, capture_output=True,
    )
    settings = tmp_path / "extraconf.py"
    settings.write_text(
        "import runpy\n"
        f"globals().update(runpy.run_path({str(FIXTURE / 'fixtureconf.py')!r}))\n"
        "LANGUAGES = {**LANGUAGES, 'de': {'name': 'Deutsch', 'dir': 'ltr', 'locale': 'de_DE'}}\n"
        f"PATH = {str(content)!r}\n"
        f"I18N_TRANSLATIONS_DIR = {str(translations)!r}\n",
        encoding="utf-8",
    )
    output = tmp_path / "output"
    result = build(content, settings, output)
    assert result.returncode == 0, result.stdout + result.stderr
    site = BuiltSite(output)
    home = site.tree("de/index.html")
    assert home.get("lang") == "de"
    assert home.xpath("//h1")[0].text_content() == "Testseite"
    assert (output / "de" / "notizie" / "index.html").is_file()
    assert (output / "de" / "feed.xml").is_file()
    for page in site.pages:
        names = site.tree(site.rel(page)).xpath("//nav[contains(@class,'rart-languages')]//a/@lang")
        assert names[-1] == "de", site.rel(page)
    assert "http://localhost:8000/de/" in (output / "sitemap.xml").read_text()

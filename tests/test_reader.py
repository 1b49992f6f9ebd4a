"""The site's Markdown reader (plugins/markup/reader.py) keeps one Markdown instance for all
the files it reads. Nothing of one file may reach the next: each file reads as it would with
a reader of its own, and the front matter of every file is still parsed (Pelican's metadata
step takes the "meta" preprocessor out of the instance it is given)."""

from __future__ import annotations

import pytest
from conftest import ROOT

from plugins.markup.reader import ContentReader

# The first file has no Summary: Pelican resets the instance before converting one, so a
# file with it would hide a reader that forgot to reset.
FIRST = """Title: Prima notizia
Date: 2025-03-01 10:00

La SAI accoglie[^nota] chi chiede asilo, come dice [il decreto][dl].

*[SAI]: Sistema di accoglienza e integrazione
[dl]: https://www.gazzettaufficiale.it/
[^nota]: Una nota della prima notizia.
"""

SECOND = """Title: Seconda notizia
Date: 2025-03-02 10:00
Summary: Il riassunto della **seconda**.

La SAI non ha qui una definizione, né [il decreto][dl] un indirizzo; la nota[^nota] non esiste.
"""


@pytest.fixture(scope="module")
def settings(tmp_path_factory):
    from pelican.plugins._utils import load_plugins
    from pelican.settings import read_settings

    content = tmp_path_factory.mktemp("content")
    (content / "notizie").mkdir()
    for name, text in (("prima.md", FIRST), ("seconda.md", SECOND)):
        (content / "notizie" / name).write_text(text, encoding="utf-8")
    settings = read_settings(str(ROOT / "pelicanconf.py"), override={"PATH": str(content)})
    for plugin in load_plugins(settings):
        plugin.register()
    return settings


def read_alone(settings, name):
    return ContentReader(settings).read(f"{settings['PATH']}/notizie/{name}")


def test_each_file_reads_as_with_a_reader_of_its_own(settings):
    shared = ContentReader(settings)
    in_turn = [shared.read(f"{settings['PATH']}/notizie/{name}")
               for name in ("prima.md", "seconda.md", "prima.md", "seconda.md")]
    alone = {name: read_alone(settings, name) for name in ("prima.md", "seconda.md")}
    assert in_turn == [alone["prima.md"], alone["seconda.md"]] * 2
    first, second = (content for content, _ in in_turn[:2])
    assert "<abbr" in first and "gazzettaufficiale" in first and "footnote" in first
    # The abbreviation, the link reference and the footnote of the first file are not the
    # second's.
    assert "<abbr" not in second and "gazzettaufficiale" not in second
    assert "footnote" not in second


def test_every_file_keeps_its_front_matter_and_formatted_summary(settings):
    shared = ContentReader(settings)
    for name, title, summary in (("seconda.md", "Seconda notizia", "<strong>seconda</strong>"),
                                 ("prima.md", "Prima notizia", None),
                                 ("seconda.md", "Seconda notizia", "<strong>seconda</strong>")):
        _, metadata = shared.read(f"{settings['PATH']}/notizie/{name}")
        assert metadata["title"] == title
        assert summary is None and "summary" not in metadata or summary in str(metadata["summary"])

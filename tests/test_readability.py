"""Readability for editors (plugins/content_checks/readability.py): sentences with their lines,
a warning in Italian for a sentence longer than the limit, the Gulpease index."""

from __future__ import annotations

import pytest
from test_validation import check, content  # noqa: F401 - the fixture content copy

from plugins.content_checks.readability import gulpease, long_sentences, prose_of, sentences


def lines(text: str, first: int = 1):
    return [(first + i, line) for i, line in enumerate(text.split("\n"))]


@pytest.mark.parametrize("text, expected", [
    # Abbreviations and the start of the next word decide whether a full stop ends a sentence.
    ("Altrimodi S.r.l. Impresa sociale ETS fa parte della rete. Babel s.c.s. anche.",
     ["Altrimodi S.r.l. Impresa sociale ETS fa parte della rete.", "Babel s.c.s. anche."]),
    ("Lo prevede l'art. 55 del D.Lgs. 117/2017. Poi il D.M. 72/2021.",
     ["Lo prevede l'art. 55 del D.Lgs. 117/2017.", "Poi il D.M. 72/2021."]),
    ("Cosa abbiamo fatto? Molto! Ecco…", ["Cosa abbiamo fatto?", "Molto!", "Ecco…"]),
    # A heading or a list item is a sentence of its own, full stop or not.
    ("## Il cammino\n\n- primo punto;\n- secondo punto", ["Il cammino", "primo punto;", "secondo punto"]),
    # A paragraph wrapped over two lines is one block; link brackets and emphasis are not words.
    ("Una frase **che continua**\nsulla riga dopo e [un link](   ).", ["Una frase che continua sulla riga dopo e un link."]),
    # Arabic question mark.
    ("هل هذا واضح؟ نعم.", ["هل هذا واضح؟", "نعم."]),
])
def test_sentences(text, expected):
    assert [s.text for s in sentences(lines(text))] == expected


def test_a_sentence_is_reported_at_the_line_where_it_starts():
    found = sentences(lines("Prima frase. Seconda\nfrase che continua.\n\nTerza.", first=7))
    assert [(s.line, s.words) for s in found] == [(7, 2), (7, 4), (10, 1)]


def test_gulpease_follows_the_formula():
    # 2 sentences; words (apostrophes split them): L, acqua, è, buona, Si, beve = 6;
    # letters: 1 + 5 + 1 + 5 + 2 + 4 = 18. 89 + (300*2 - 10*18) / 6 = 159.
    score = gulpease(sentences(lines("L'acqua è buona. Si beve.")))
    assert (score.sentences, score.words, score.letters, score.index) == (2, 6, 18, 159)
    assert score.band == "facile anche con la licenza elementare"
    assert gulpease([]) is None


def test_long_sentences_use_the_limit():
    text = " ".join(["parola"] * 31) + ". Breve."
    assert [s.words for s in long_sentences(lines(text), 30)] == [31]
    assert long_sentences(lines(text), 31) == []


def test_prose_of_a_file_reads_title_summary_and_text_not_code_or_addresses():
    text = ("Title: Un titolo\nSummary: Un riassunto.\nSource: nessuna\n\n"
            "Testo con [un collegamento](https://example.org/una-pagina-lunga).\n\n```\ncodice qui\n```\n")
    found = sentences(prose_of(text))
    assert [(s.line, s.text) for s in found] == [(1, "Un titolo"), (2, "Un riassunto."),
                                                 (5, "Testo con un collegamento.")]


def test_a_long_sentence_is_a_warning_with_file_and_line_in_italian(content):  # noqa: F811
    long = " ".join(["parola"] * 34)
    (content / "notizie" / "lunga.md").write_text(
        f"Title: Lunga\nSummary: Breve.\nDate: 2024-01-01\nCategory: Prova\n\nPrima frase breve.\n\n{long}.\n",
        encoding="utf-8",
    )
    status, output = check(content)
    assert status == 0, output  # advice, never a failure
    assert "AVVISO content/notizie/lunga.md, riga 8" in output
    assert "questa frase è lunga 34 parole (il limite è 30)" in output.casefold()
    status, output = check(content, "-e", "CONTENT_CHECKS_MAX_SENTENCE_WORDS=40")
    assert "lunga.md:8" not in output


def test_the_sentence_limit_setting_is_validated():
    from plugins.content_checks.config import SettingsError, load_config

    with pytest.raises(SettingsError, match="CONTENT_CHECKS_MAX_SENTENCE_WORDS"):
        load_config({"PATH": "content", "CONTENT_CHECKS_MAX_SENTENCE_WORDS": 0})

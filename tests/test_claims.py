"""The claims ledger: every Italian content file quotes, in `Source:`, the passages of
docs/source/ its facts come from, and every number, date, legal reference and name it states is
in those passages (plugins/content_checks/claims.py; rules in docs/EDITING.md, «Regole per scrivere»)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT

from plugins.content_checks.claims import (
    GENERAL_SOURCE,
    check_content,
    check_text,
    load_sources,
    member_key,
    member_names,
    normalise,
    strip_quote,
)
from rart.messages import Messages
from rart.problems import format_report
from rart.site import Site

SITE = Site.from_settings(__import__("runpy").run_path(str(ROOT / "pelicanconf.py")))
TYPES = {folder: t.name for folder, t in SITE.types.items()}
MESSAGES = Messages(ROOT / "translations", "it")

SOURCES = ROOT / "docs" / "source"
ANNOUNCEMENT = (SOURCES / "rart-announcement.it.txt").read_text(encoding="utf-8")


def claims(content: Path):
    problems, checked = check_content(content, SOURCES, TYPES)
    return problems, checked


def test_every_italian_content_file_is_backed_by_the_passages_it_quotes():
    problems, checked = claims(ROOT / "content")
    assert checked >= 30
    assert problems == [], format_report(problems, MESSAGES)


def test_the_announcement_lists_twelve_members_written_as_the_network_writes_them():
    names = member_names(ANNOUNCEMENT)
    assert len(names) == 12
    # The run-on "…SOCIALE ETS Liberitutti scs" is two members, kept as written.
    assert "IL PUNTO COOPERATIVA SOCIALE ETS" in names and "Liberitutti scs" in names
    assert names[-1] == "Zenith Società Cooperativa Sociale"
    assert member_key("IL PUNTO COOPERATIVA SOCIALE ETS") == ["IL", "PUNTO"]


def test_member_pages_are_titled_exactly_with_the_announcements_names():
    from rart.frontmatter import read_front_matter

    titles = {read_front_matter(p)["title"] for p in (ROOT / "content" / "membri").glob("*.md")}
    assert titles == set(member_names(ANNOUNCEMENT))


def test_general_knowledge_says_nothing_about_the_network():
    """docs/source/conoscenze-generali.it.txt is about public terms only: no network, no member,
    no person the announcement names."""
    text = (SOURCES / GENERAL_SOURCE).read_text(encoding="utf-8")
    assert "RART" not in text and "Rete Asilo" not in text
    for member in member_names(ANNOUNCEMENT):
        assert " ".join(member_key(member)).casefold() not in text.casefold(), member
    thanked = re.search(r"ringraziamento va (.*?)\. La RART", ANNOUNCEMENT).group(1)
    for surname in re.findall(r"[A-Z][a-z]+(?=,|$)", thanked):
        assert surname not in text, surname


# --- an invented fact makes the suite fail ----------------------------------------------
# Each case adds one invented statement to a temporary copy of the real content; the same
# function as the test above must then report it, with the file and the line.
INVENTED = [
    ("pagine/chi-siamo.md", "La rete riunisce 15 enti.", "claim-number", "15"),
    ("pagine/chi-siamo.md", "Gli enti hanno quattordici sedi.", "claim-number", "quattordici"),
    ("pagine/ringraziamenti.md", "Ringraziamo anche Mario Bianchi.", "claim-name", "Bianchi"),
    ("notizie/nasce-la-rart.md", "La rete lavora con Legambiente Piemonte.", "claim-name", "Legambiente"),
    ("risultati/delibera-giunta.md", "La deliberazione è di marzo.", "claim-date-word", "marzo"),
    ("risultati/delibera-giunta.md", "Cita anche il D.Lgs. 118/2017.", "claim-legal", "D.Lgs. 118/2017"),
    ("risultati/delibera-giunta.md", "Lo prevede la legge 117/2017.", "claim-legal-form", "legge 117/2017"),
    ("pagine/membri.md", "Ne fa parte Il Punto Cooperativa Sociale ETS.", "claim-member-name",
     "Il Punto Cooperativa Sociale ETS"),
    ("pagine/membri.md", "Ne fa parte Babel scs.", "claim-member-name", "Babel scs"),
    ("pagine/privacy.md", "Il sito è curato con la Prefettura.", "source-none-names", "Prefettura"),
]


@pytest.fixture
def content_copy(tmp_path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(ROOT / "content", target)
    return target


@pytest.mark.parametrize("rel, sentence, code, value", INVENTED, ids=[c[2] + "-" + c[3] for c in INVENTED])
def test_an_invented_fact_in_an_italian_page_makes_the_check_fail(content_copy, rel, sentence, code, value):
    path = content_copy / rel
    text = path.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + sentence + "\n"
    path.write_text(text, encoding="utf-8")
    line = text.count("\n")
    problems, _ = claims(content_copy)
    found = [(p.path, p.line, p.code, p.params.get("value") or p.params.get("found")) for p in problems]
    assert (f"content/{rel}", line, code, value) in found, format_report(problems, MESSAGES)
    assert all(p.path == f"content/{rel}" for p in problems), format_report(problems, MESSAGES)


def test_a_quote_that_is_not_word_for_word_fails(content_copy):
    path = content_copy / "risultati" / "tavolo-prefettura.md"
    text = path.read_text(encoding="utf-8").replace("presso la Prefettura di Torino con", "nella Prefettura di Torino con", 1)
    path.write_text(text, encoding="utf-8")
    problems, _ = claims(content_copy)
    codes = {(p.path, p.code) for p in problems}
    assert ("content/risultati/tavolo-prefettura.md", "source-not-verbatim") in codes
    # With its only passage gone, the page's names are no longer backed either.
    assert ("content/risultati/tavolo-prefettura.md", "claim-name") in codes
    report = format_report(problems, MESSAGES)
    assert "content/risultati/tavolo-prefettura.md, riga 4" in report
    assert "poi il testo è diverso da «nella Prefettura di»" in report


def test_a_file_without_source_fails_and_a_new_file_says_so(content_copy):
    path = content_copy / "pagine" / "obiettivi.md"
    path.write_text(re.sub(r"^Source:.*\n(?:    .*\n)*", "", path.read_text(encoding="utf-8"), flags=re.M),
                    encoding="utf-8")
    problems, _ = claims(content_copy)
    assert [(p.path, p.code) for p in problems] == [("content/pagine/obiettivi.md", "source-missing")]
    assert "Manca il campo Source" in format_report(problems, MESSAGES)


def test_translations_and_drafts_are_not_checked(content_copy):
    (content_copy / "pagine" / "chi-siamo.en.md").write_text(
        "Title: Who\nSummary: 99 organisations.\n\nMario Bianchi.\n", encoding="utf-8")
    (content_copy / "notizie" / "bozza.md").write_text(
        "Title: Bozza\nSummary: 99 enti.\nDate: 2026-01-01\nCategory: Rete\nStatus: draft\n\nTesto.\n",
        encoding="utf-8")
    problems, _ = claims(content_copy)
    assert problems == [], format_report(problems, MESSAGES)


# --- the rules, one by one ------------------------------------------------------------------
SOURCES_LIST = load_sources(SOURCES)


def problems_of(body: str, source: str, content_type: str = "page", header: str = ""):
    text = f"Title: Prova\nSummary: Prova.\n{header}Source: {source}\n\n{body}\n"
    return [(p.code, p.params.get("value") or p.params.get("found"))
            for p in check_text("content/pagine/prova.md", text, content_type, SOURCES_LIST)]


@pytest.mark.parametrize("body, expected", [
    # A capitalised word that starts a sentence, a list item, a link text or a «quote» is not
    # taken for a name; one that does not, is.
    ("Ottenuta la deliberazione. Scopri i [Risultati](https://example.org).", []),
    ("- Ottenuta la deliberazione;\n- Avviato un tavolo.", []),
    ("Il testo dice «Ottenuto una deliberazione».", []),
    ("La deliberazione di Moncalieri.", [("claim-name", "Moncalieri")]),
    # Words in capitals are names wherever they are.
    ("ASGI ha partecipato.", [("claim-name", "ASGI")]),
    # The network's own name needs no source.
    ("La RART e la Rete Asilo e Rifugio Torino.", []),
    # Numbers in digits or words, compared by value; articles are not numbers.
    ("Una deliberazione, un tavolo.", []),
    ("Sette deliberazioni.", [("claim-number", "Sette")]),
    ("La deliberazione del 2022.", [("claim-number", "2022")]),
])
def test_fact_extraction(body, expected):
    assert problems_of(body, "Ottenuto una deliberazione della Giunta Comunale") == expected


def test_numbers_count_in_digits_words_and_keycaps():
    assert problems_of("La rete ha quattro obiettivi.", "4️⃣ Costruire alleanze con altre reti") == []
    assert problems_of("Esiste da due anni.", "Poco meno di 2 anni fa") == []
    assert problems_of("Esiste da 2 anni.", "In meno di due anni") == []


def test_legal_references_are_compared_by_number_and_year():
    source = "Ottenuto una deliberazione della Giunta Comunale con oggetto l'approvazione del percorso di coprogrammazione con il Terzo Settore ex Art 55 D.LGS N. 117/2017"
    assert problems_of("Richiama l'articolo 55 del D.Lgs. 117/2017.", source) == []
    assert problems_of("Richiama l'articolo 56 del D.Lgs. 117/2017.", source) == [("claim-number", "56")]


def test_campaign_dates_are_facts_and_a_news_date_is_not():
    header = "Campaign_status: past\nStart: 2023-05-01\nCta_label: Leggi\nCta_url: {filename}/pagine/home.md\n"
    found = problems_of("Testo della rete.", "La Rete Asilo e Rifugio Torino (RART) è nata", "campaign", header)
    assert ("claim-number", "2023") in found
    news = "Date: 2026-11-24\nCategory: Rete\n"
    assert problems_of("Testo della rete.", "La Rete Asilo e Rifugio Torino (RART) è nata", "news", news) == []


def test_quotes_are_compared_as_editors_write_them():
    assert normalise("dell’accoglienza  e\n") == "dell'accoglienza e"
    assert strip_quote("«…Avviato un tavolo…»") == "Avviato un tavolo"
    assert strip_quote('"Avviato un tavolo..."') == "Avviato un tavolo"
    assert problems_of("Avviato.", "«Avviato un tavolo di confronto…»") == []
    assert problems_of("Avviato.", "Avviato") == [("source-too-short", None)]


def test_content_todo_lists_claims_and_readability(capsys):
    from rart_tools.__main__ import main

    assert main(["todo", "-s", str(ROOT / "pelicanconf.py")]) == 0
    out = capsys.readouterr().out
    assert "Fonti: ogni fatto dei" in out
    rows = re.findall(r"^\s+(\d+)\s+(\d+)\s+(\S+\.md) \(", out, re.M)
    files = {row[2] for row in rows}
    assert "pagine/chi-siamo.md" in files and "notizie/nasce-la-rart.md" in files
    assert all(int(longest) <= 30 for _, longest, _ in rows)
    assert [int(index) for index, _, _ in rows] == sorted(int(index) for index, _, _ in rows)


# --- time: the announcement's facts are never presented as current ---------------------------
ANNOUNCEMENT_WORD = {"it": "annuncio", "en": "announcement", "fr": "annonce", "ar": "إعلان"}
YEAR = re.compile(r"(?<![/\d])(?<!لسنة )\b20\d\d\b")


def content_files():
    for path in sorted((ROOT / "content").rglob("*.md")):
        parts = path.name.split(".")
        yield path, parts[1] if len(parts) == 3 else "it"


def test_a_dated_statement_says_it_comes_from_the_announcement():
    """The announcement was written no later than 2025 and the site is read later: a sentence
    with a year ("from the second half of 2025") attributes it ("in the announcement…")."""
    from plugins.content_checks.readability import prose_of, sentences

    found = 0
    for path, lang in content_files():
        for sentence in sentences(prose_of(path.read_text(encoding="utf-8"))):
            if YEAR.search(sentence.text):
                found += 1
                assert ANNOUNCEMENT_WORD[lang] in sentence.text.casefold(), (path.name, sentence.line, sentence.text)
    assert found >= 8  # the SAI monitoring target, in four languages, on two pages


def test_news_that_retell_the_announcement_say_so_up_front():
    """A news item's date is the day the site published it: when it retells the announcement,
    its title or summary says so, so the date never makes old facts look new."""
    from rart.frontmatter import read_front_matter

    news = [(p, lang) for p, lang in content_files() if p.parent.name == "notizie"]
    assert len(news) == 12
    announcement = normalise(ANNOUNCEMENT)
    checked = 0
    for path, lang in news:
        original = read_front_matter(path.with_name(path.name.split(".")[0] + ".md"))
        quotes = original.get("source", [])
        quotes = [quotes] if isinstance(quotes, str) else quotes
        if not any(normalise(strip_quote(q)) in announcement for q in quotes):
            continue
        checked += 1
        meta = read_front_matter(path)
        assert ANNOUNCEMENT_WORD[lang] in (meta["title"] + " " + meta["summary"]).casefold(), path.name
    assert checked == 12


def test_a_translation_stub_leaves_the_ledger_to_the_original(tmp_path):
    """make translate copies shared fields, not Source: the translation's facts are its
    original's, and the ledger is kept in one place."""
    from rart_tools.build import read_settings
    from rart_tools.scaffold import translation_stub

    content = tmp_path / "content"
    shutil.copytree(ROOT / "content" / "pagine", content / "pagine")
    (content / "pagine" / "obiettivi.en.md").unlink()
    _, text = translation_stub(content / "pagine" / "obiettivi.md", "en", content,
                               read_settings(ROOT / "pelicanconf.py"))
    assert "Source:" not in text and "Title: ✎ Obiettivi" in text

"""`make new` and `make translate`: correctly named files with every field, never overwriting,
that pass the content checks once the editor has written what is marked ✎."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess

import pytest
from conftest import FIXTURE, ROOT
from test_validation import check, tools

FIXTURE_CONF = FIXTURE / "fixtureconf.py"


@pytest.fixture
def content(tmp_path):
    target = tmp_path / "content"
    shutil.copytree(FIXTURE / "content", target)
    return target


def run(command: str, *args: str) -> subprocess.CompletedProcess:
    """`python -m rart_tools new|translate` with the fixture's settings, in this process."""
    status, output = tools(command, "-s", str(FIXTURE_CONF), *args)
    return subprocess.CompletedProcess(command, status, output, "")


def make(*args: str, **variables: str) -> subprocess.CompletedProcess:
    """`make` in the project, as editors type it; .venv counts as ready (no installs here)."""
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS")}
    return subprocess.run(["make", "--no-print-directory", "-o", ".venv/.runtime", *args,
                           *(f"{k}={v}" for k, v in variables.items())],
                          capture_output=True, text=True, cwd=ROOT, env=env)


def fields_of(text: str) -> list[str]:
    header = text.split("\n\n", 1)[0]
    return [line.split(":", 1)[0].lower() for line in header.splitlines() if not line.startswith(" ")]


def complete(path, summary="Una frase che riassume.", body="Il testo scritto da chi cura il sito."):
    """What an editor does after `make new`: write the summary and the text."""
    text = path.read_text(encoding="utf-8")
    text = text.replace("Summary:\n", f"Summary: {summary}\n")
    text = re.sub(r"^✎.*$", body, text, flags=re.M)
    path.write_text(text, encoding="utf-8")


# --- make new ------------------------------------------------------------------------------
def test_every_archetype_has_exactly_the_contract_fields():
    from rart.contract import CONTRACT
    from rart_tools.scaffold import ARCHETYPES

    for content_type, fields in CONTRACT.items():
        text = (ARCHETYPES / f"{content_type}.md").read_text(encoding="utf-8")
        assert sorted(fields_of(text)) == sorted(f.name for f in fields if f.scaffold), content_type


def test_make_new_writes_a_correctly_named_file_with_every_field(content):
    title = 'Perché l\'accoglienza "conta": un anno di rete'
    result = make("new", TYPE="news", TITLE=title, INPUTDIR=str(content))
    assert result.returncode == 0, result.stdout + result.stderr
    path = content / "notizie" / "perche-l-accoglienza-conta-un-anno-di-rete.md"
    assert path.is_file(), result.stdout
    text = path.read_text(encoding="utf-8")
    assert text.startswith(f"Title: {title}\n")
    assert f"Date: {dt.date.today().isoformat()}\n" in text
    assert "Category: Prova\n" in text  # the category the fixture's news use most
    assert "Creato" in result.stdout and "Summary" in result.stdout


@pytest.mark.parametrize("type_name, folder", [
    ("news", "notizie"), ("campaign", "campagne"), ("member", "membri"), ("page", "pagine"),
    ("achievement", "risultati"), ("notizia", "notizie"), ("ente", "membri"),
])
def test_new_file_passes_the_checks_once_summary_and_text_are_written(content, type_name, folder):
    result = run("new", "--content", str(content), type_name, "Un titolo di prova")
    assert result.returncode == 0, result.stdout + result.stderr
    path = content / folder / "un-titolo-di-prova.md"
    status, output = check(content)
    assert status == 1
    # Only what the editor must write is reported: the empty summary and the ✎ line.
    errors = [line for line in output.splitlines() if line.startswith("ERRORE")]
    assert len(errors) == 2, output
    assert "Il campo obbligatorio Summary (riassunto) è vuoto" in output
    assert "ancora segnata con ✎" in output
    complete(path)
    status, output = check(content)
    assert status == 0, output


@pytest.mark.parametrize("type_name", ["event", "evento", "eventi"])
def test_make_new_event_asks_for_when_and_where(content, type_name):
    """`make new TYPE=event`: the file names every field of an event; the check asks for the
    summary, the start, the place and the text, and passes once they are written."""
    result = run("new", "--content", str(content), type_name, "Assemblea aperta")
    assert result.returncode == 0, result.stdout + result.stderr
    path = content / "eventi" / "assemblea-aperta.md"
    status, output = check(content)
    assert status == 1
    errors = [line for line in output.splitlines() if line.startswith("ERRORE")]
    assert len(errors) == 4, output
    for field in ("Summary (riassunto)", "Start (inizio)", "Place (luogo)"):
        assert f"Il campo obbligatorio {field} è vuoto" in output, field
    assert "ancora segnata con ✎" in output
    complete(path)
    text = path.read_text(encoding="utf-8")
    text = text.replace("Start:\n", "Start: 2031-10-25 18:30\n").replace("Place:\n", "Place: Torino\n")
    path.write_text(text, encoding="utf-8")
    status, output = check(content)
    assert status == 0, output


def test_new_campaign_points_its_button_somewhere_real(content):
    (content / "pagine" / "contatti.md").write_text("Title: Contatti\nSummary: s.\n\nTesto.\n")
    run("new", "--content", str(content), "campaign", "Estate")
    text = (content / "campagne" / "estate.md").read_text(encoding="utf-8")
    assert "Cta_url: {filename}/pagine/contatti.md\n" in text
    assert "Campaign_status: active\n" in text


def test_new_achievement_takes_the_next_order(content):
    run("new", "--content", str(content), "achievement", "Terzo")
    assert "Order: 3\n" in (content / "risultati" / "terzo.md").read_text(encoding="utf-8")


def test_new_never_overwrites(content):
    path = content / "notizie" / "notizia-di-prova-1.md"
    before = path.read_bytes() if path.exists() else None
    first = run("new", "--content", str(content), "news", "Notizia di prova 1")
    assert first.returncode == 0
    written = path.read_bytes()
    again = run("new", "--content", str(content), "news", "Notizia di prova 1")
    assert again.returncode == 1
    assert "esiste già" in again.stdout
    assert path.read_bytes() == written and before is None


@pytest.mark.parametrize("args, message", [
    (["blog", "Titolo"], "il tipo «blog» non esiste"),
    (["news", ""], "manca il titolo"),
    (["news", "!!!"], "almeno una lettera"),
    (["news", "<b>Grassetto</b>"], "niente codice HTML"),
    ([], "il tipo «» non esiste"),
])
def test_new_refuses_clearly(content, args, message):
    result = run("new", "--content", str(content), *args)
    assert result.returncode == 1
    assert message in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_long_titles_give_short_addresses():
    from rart_tools.scaffold import make_slug

    slug = make_slug("La rete incontra la Prefettura di Torino per il monitoraggio del sistema di accoglienza")
    assert len(slug) <= 60 and not slug.endswith("-")
    assert make_slug("Ça va? Ñandú – 2025!") == "ca-va-nandu-2025"


# --- make translate ------------------------------------------------------------------------
def test_make_translate_writes_the_linked_stub(content):
    result = make("translate", FILE=str(content / "campagne" / "attiva.md"), LANG="fr", INPUTDIR=str(content))
    assert result.returncode == 0, result.stdout + result.stderr
    path = content / "campagne" / "attiva.fr.md"
    text = path.read_text(encoding="utf-8")
    source = (content / "campagne" / "attiva.md").read_text(encoding="utf-8")
    assert fields_of(text) == fields_of(source)
    assert "Title: ✎ Campagna attiva di prova\n" in text
    assert "Start: 2024-03-01\n" in text  # shared facts are copied as they are
    assert "    ✎ Manifesto | {static}/materiali/volantino.pdf\n" in text
    assert "✎ Testo campagna." in text
    assert "Français" in result.stdout


def test_translation_passes_once_every_marked_line_is_translated(content):
    result = run("translate", "--content", str(content), "--lang", "fr", str(content / "notizie" / "notizia-1.md"))
    assert result.returncode == 0, result.stdout + result.stderr
    path = content / "notizie" / "notizia-1.fr.md"
    status, output = check(content)
    assert status == 1
    marked = [n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "✎" in line]
    assert marked
    for number in marked:
        assert f"content/notizie/notizia-1.fr.md, riga {number}" in output
    path.write_text(path.read_text(encoding="utf-8").replace("✎ ", ""), encoding="utf-8")
    status, output = check(content)
    assert status == 0, output


def test_translation_links_point_at_the_translation_where_it_exists(content):
    (content / "pagine" / "obiettivi.md").write_text(
        "Title: Obiettivi\nSummary: Vedi [gli enti]({filename}/pagine/membri.md).\n\n"
        "Vedi [gli enti]({filename}/pagine/membri.md) e [la home]({filename}/pagine/risultati.md).\n",
        encoding="utf-8",
    )
    (content / "pagine" / "obiettivi.en.md").unlink()
    run("translate", "--content", str(content), "--lang", "en", str(content / "pagine" / "obiettivi.md"))
    text = (content / "pagine" / "obiettivi.en.md").read_text(encoding="utf-8")
    assert "({filename}/pagine/membri.en.md)" in text  # membri.en.md exists
    assert "({filename}/pagine/risultati.md)" in text  # risultati has no English version


@pytest.mark.parametrize("lang, file, message", [
    ("de", "pagine/obiettivi.md", "«de» non è una lingua del sito"),
    ("it", "pagine/obiettivi.md", "è la lingua originale"),
    ("en", "pagine/obiettivi.md", "esiste già"),
    ("fr", "pagine/obiettivi.en.md", "è già una traduzione"),
    ("fr", "pagine/nessuna.md", "non esiste"),
    ("", "pagine/obiettivi.md", "manca la lingua"),
])
def test_translate_refuses_clearly(content, lang, file, message):
    before = sorted(p.name for p in (content / "pagine").iterdir())
    result = run("translate", "--content", str(content), "--lang", lang, str(content / file))
    assert result.returncode == 1
    assert message in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    assert sorted(p.name for p in (content / "pagine").iterdir()) == before


def test_make_translate_ignores_the_locale_variable(content):
    """LANG is also the shell's locale (LANG=C.UTF-8): only LANG=… on the command line counts."""
    env = {**os.environ, "LANG": "C.UTF-8"}
    env.pop("MAKEFLAGS", None)
    result = subprocess.run(
        ["make", "--no-print-directory", "-o", ".venv/.runtime", "translate",
         f"FILE={content / 'pagine' / 'obiettivi.md'}", f"INPUTDIR={content}"],
        capture_output=True, text=True, cwd=ROOT, env=env,
    )
    assert result.returncode != 0
    assert "manca la lingua" in result.stdout

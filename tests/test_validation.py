"""Content validation for volunteers: every broken case kept in tests/broken/ stops the build with
an Italian message naming the file (and the line) and no traceback; the real and the fixture
content pass with no error and no wording warning.

The check runs in this process through the tools' own entry point (`python -m rart_tools
check`), which is exactly what `make html` runs before Pelican; the few real builds are in
test_atomic_build.py.
"""

from __future__ import annotations

import contextlib
import io
import shutil
import tomllib
from pathlib import Path

import pytest
from conftest import FIXTURE, ROOT, build

BROKEN = Path(__file__).resolve().parent / "broken"
CASES = tomllib.loads((BROKEN / "cases.toml").read_text(encoding="utf-8"))["case"]


def tools(*args: str) -> tuple[int, str]:
    """`python -m rart_tools ARGS…` in this process: (exit status, output)."""
    from rart_tools.__main__ import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        status = main(list(args))
    return status, out.getvalue()


def check(content: Path, *options: str) -> tuple[int, str]:
    """`python -m rart_tools check` on `content` with the fixture's settings."""
    return tools("check", "-s", str(FIXTURE / "fixtureconf.py"), "--content", str(content), *options)


@pytest.fixture
def content(tmp_path) -> Path:
    """A private copy of the fixture site's content."""
    target = tmp_path / "content"
    shutil.copytree(FIXTURE / "content", target)
    return target


def apply_case(case: dict, content: Path) -> None:
    for rel in case.get("remove", []):
        (content / rel).unlink()
    for spec in case.get("extra", []):
        dest, source = spec.split("=")
        (content / dest).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(BROKEN / "files" / source, content / dest)
    target = content / case["path"]
    if "text" in case:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(case["text"].encode("utf-8"))
    elif "file" in case:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(BROKEN / "files" / case["file"], target)
    elif case.get("generate") == "huge":
        paragraph = "Un paragrafo incollato molte volte, come da un documento intero. " * 20 + "\n\n"
        header = "Title: Enorme\nSummary: Troppo lungo.\nDate: 2024-01-01\nCategory: Prova\n\n"
        target.write_text(header + paragraph * 1000, encoding="utf-8")


def test_there_are_at_least_25_broken_cases():
    assert len(CASES) >= 25
    assert len({case["name"] for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_broken_case_stops_the_build_with_a_clear_message(case, content):
    apply_case(case, content)
    status, output = check(content)
    assert status == 1, output
    assert "Traceback" not in output
    shown = f"content/{case['path']}"
    if "line" in case:
        assert f"{shown}, riga {case['line']}\n" in output, output
    else:
        assert shown in output, output
    for fragment in case["expect"]:  # a message's first letter is capitalised in the report
        assert fragment.casefold() in output.casefold(), output
    # Every error is about this case's file: nothing else in the fixture is blamed.
    errors = [line for line in output.splitlines() if line.startswith("ERRORE ")]
    assert errors and all(line.startswith(f"ERRORE {shown}") for line in errors), output
    assert "Come correggere:" in output
    assert "output/ è rimasto com'era" in output


def test_every_problem_of_every_file_is_reported_in_one_run(content):
    (content / "notizie" / "uno.md").write_text("Title: Uno\n\nTesto.\n", encoding="utf-8")
    (content / "pagine" / "due.md").write_text("Titel: Due\nSummary: s\n\nTesto.\n", encoding="utf-8")
    (content / "campagne" / "tre.md").write_bytes(b"Title: Tr\xe8\n")
    status, output = check(content)
    assert status == 1
    assert "content/notizie/uno.md" in output  # Summary, Date and Category missing
    assert output.count("ERRORE content/notizie/uno.md") == 3
    assert "content/pagine/due.md, riga 1\n" in output
    assert "content/campagne/tre.md, riga 1\n" in output
    assert "5 errori in 3 file" in output


def test_real_content_has_no_error_and_no_wording_warning():
    from plugins.content_checks.config import load_config
    from plugins.content_checks.validate import validate_site
    from rart_tools.build import read_settings

    config = load_config(read_settings(ROOT / "pelicanconf.py"))
    result = validate_site(config)
    assert [p.format(config.messages) for p in result.problems] == []
    assert result.checked_files > 100


def test_fixture_content_passes(content):
    status, output = check(content)
    assert status == 0, output
    assert "nessun errore" in output and "AVVISO" not in output


def test_wording_is_a_warning_with_file_and_line_and_never_stops_the_build(content):
    (content / "notizie" / "parole.md").write_text(
        "Title: Parole\nSummary: Gli extracomunitari in città.\nDate: 2024-01-01\nCategory: Prova\n\n"
        "Un paragrafo.\n\nSbarcati i clandestini, [dice](https://example.org/clandestini) il giornale.\n",
        encoding="utf-8",
    )
    (content / "notizie" / "notizia-3.fr.md").write_text(
        "Title: Nouvelle\nSummary: Un résumé.\nDate: 2024-03-10\nCategory: Test\n\nDes migrants clandestins.\n",
        encoding="utf-8",
    )
    status, output = check(content)
    assert status == 0, output
    assert "AVVISO content/notizie/parole.md, riga 2" in output
    assert "«extracomunitari» è un termine sconsigliato" in output
    assert "AVVISO content/notizie/parole.md, riga 8" in output
    assert output.count("«clandestini»") == 1  # the address of the link is not prose
    assert "AVVISO content/notizie/notizia-3.fr.md, riga 6" in output
    assert "3 avvisi sulla scrittura" in output


def test_utf8_with_bom_and_windows_line_ends_is_fine(content):
    (content / "notizie" / "windows.md").write_bytes(
        "\ufeffTitle: Da Windows\r\nSummary: Con BOM e CRLF.\r\nDate: 2024-01-01\r\nCategory: Prova\r\n\r\nTesto.\r\n".encode()
    )
    status, output = check(content)
    assert status == 0, output


def test_scaffold_placeholder_and_translation_marks_are_reported_per_line(content):
    (content / "pagine" / "obiettivi.fr.md").write_text(
        "Title: ✎ Obiettivi di prova\nSummary: ✎ Obiettivi.\n\n✎ 1. Primo obiettivo.\n✎ 2. Secondo obiettivo.\n",
        encoding="utf-8",
    )
    status, output = check(content)
    assert status == 1
    for line in (1, 2, 4, 5):
        assert f"content/pagine/obiettivi.fr.md, riga {line}" in output


def test_messages_follow_the_language_setting(content):
    (content / "notizie" / "x.md").write_text("Title: X\n\nText.\n", encoding="utf-8")
    status, output = check(content, "-e", 'CONTENT_CHECKS_LANGUAGE="en"')
    assert status == 1
    assert "ERROR content/notizie/x.md" in output
    assert "the required field summary is missing" in output.casefold()
    assert "How to fix:" in output


def test_malformed_settings_are_named():
    from plugins.content_checks.config import SettingsError, compile_terms, load_config

    with pytest.raises(SettingsError, match="CONTENT_CHECKS_LANGUAGE"):
        load_config({"PATH": "content", "CONTENT_CHECKS_LANGUAGE": "de"})
    with pytest.raises(SettingsError, match="CONTENT_CHECKS_DISCOURAGED_TERMS"):
        compile_terms({"it": ["clandestino"]})
    terms = compile_terms({"it": [(("vu cumprà",), "venditore ambulante")]})
    assert terms["it"][0].pattern.search("i VU  CUMPRÀ in spiaggia")
    assert not terms["it"][0].pattern.search("i vucumpràtori")


def test_editing_guide_documents_the_contract():
    """docs/EDITING.md holds one table per content type, generated from contract.py."""
    from rart.contract import CONTRACT, editing_table

    guide = (ROOT / "docs" / "EDITING.md").read_text(encoding="utf-8")
    for content_type in CONTRACT:
        assert editing_table(content_type) in guide, content_type


def test_plain_pelican_runs_the_same_checks(content, tmp_path, monkeypatch):
    """`python -m pelican` (as the test builds run it) reports through the plugin: every
    problem in one Italian message, and the build fails."""
    (content / "notizie" / "uno.md").write_text("Title: Uno\nDate: 2024-01-01\nCategory: Prova\n\nTesto.\n")
    (content / "pagine" / "due.md").write_text("Title: Due\nSummary: s\nOrder: 3\n\nTesto.\n")
    settings = tmp_path / "conf.py"
    settings.write_text(
        "import runpy\n"
        f"globals().update(runpy.run_path({str(FIXTURE / 'fixtureconf.py')!r}))\n"
        f"PATH = {str(content)!r}\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("COLUMNS", "400")  # Pelican's log handler wraps at the terminal width
    result = build(content, settings, tmp_path / "output")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "manca il campo obbligatorio summary" in output.casefold()
    assert "il campo «order» non si usa nelle pagine" in output.casefold()


def test_a_pdf_that_names_its_author_is_a_warning_naming_the_file(content):
    """Published without them (plugins/materials), but the file in the repository keeps the
    author and the program: the editor is told, with the file and what it says."""
    import pikepdf

    pdf = pikepdf.new()
    pdf.add_blank_page()
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        meta["dc:title"] = "Relazione"
    pdf.docinfo["/Author"] = "Mario Rossi"
    pdf.docinfo["/Producer"] = "Microsoft Word"
    pdf.save(content / "materiali" / "relazione.pdf")
    status, output = check(content)
    assert status == 0, output
    assert "AVVISO content/materiali/relazione.pdf\n" in output, output
    assert "Author: Mario Rossi; Producer: Microsoft Word; XMP" in output
    assert "dove chiunque può leggerli" in output
    # The fixture's leaflet says nothing about who made it: nothing to say about it.
    assert "content/materiali/volantino.pdf" not in output

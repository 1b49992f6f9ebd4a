"""A property of the whole front-matter contract: whatever small site an editor can write,
either the validator refuses it with a clean message (file, line, in Italian) or the build
succeeds with no traceback and publishes every page the content promises.

Hypothesis draws whole sites from the contract itself (rart.contract): every content type,
every optional field with a value of its kind (mostly valid, sometimes not), Status
`published`, `hidden` or `draft` on any item, translations present or missing, dates set or
empty. Each example is a real build in this process (the safe build `make html` runs), so the
number of examples is bounded to keep the module near half a minute; set CONTRACT_EXAMPLES in
the environment to explore more. Regression examples for the bugs this found are pinned with
@example."""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURE
from hypothesis import HealthCheck, event, example, given, note, settings
from hypothesis import strategies as st
from PIL import Image

from plugins.content_checks.config import load_config
from plugins.content_checks.validate import validate_site
from rart.contract import CONTRACT, Field, status_of
from rart.site import Site
from rart_tools.build import build, read_settings

pytestmark = pytest.mark.slow

EXAMPLES = int(os.environ.get("CONTRACT_EXAMPLES", "15"))
WORDS = ["rete", "accoglienza", "Torino", "città", "incontro", "formazione", "شبكة", "Babel"]
SKELETON_HOME = "Title: Home {lang}\nSummary: La rete, in breve.\n\nTesto della home.\n"


# --- strategies drawn from the contract ---------------------------------------------------------
def words(min_size=1, max_size=4):
    return st.lists(st.sampled_from(WORDS), min_size=min_size, max_size=max_size).map(" ".join)


MISTAKES = ["", "<b>x</b>", "2024-13-45", "✎ da scrivere", "boh"]


def value_of(field: Field, members: list[str]):
    """A valid value for `field`, of its kind."""
    return {
        "text": words(),
        "markdown": words(2, 8),
        "date": st.dates(min_value=__import__("datetime").date(2020, 1, 1),
                         max_value=__import__("datetime").date(2025, 12, 31)).map(str),
        "day": st.dates(min_value=__import__("datetime").date(2024, 1, 1),
                        max_value=__import__("datetime").date(2027, 12, 31)).map(str),
        "choice": st.sampled_from([c for c, _ in field.choices] or ["x"]),
        "people": st.sampled_from(["no", "sì"]),
        "consent": st.sampled_from(["RART-2025-014", "LIB-2024-3"]),
        "images": st.just("immagini/foto.jpg | no"),
        "integer": st.integers(0, 99).map(str),
        "slug": st.sampled_from(["altro-indirizzo", "indirizzo-2"]),
        "url": st.just("https://www.example.org/ente"),
        "link": st.sampled_from(["{filename}/pagine/home.md", "https://www.example.org/azione"]),
        "file": st.just("immagini/foto.jpg"),
        "materials": st.just("Volantino (PDF) | {static}/materiali/volantino.pdf"),
        "list": st.lists(st.sampled_from(["rete", "accoglienza", "SAI"]), min_size=1, max_size=3,
                         unique=True).map(", ".join),
        "quotes": st.sampled_from(["nessuna", "Avviato un tavolo di confronto presso la Prefettura di Torino"]),
        "members": st.lists(st.sampled_from(members or ["nessuno"]), min_size=1, max_size=2,
                            unique=True).map(", ".join),
        # An event's start and end, in order, at an hour every day has in Turin.
        "datetime": st.just("2025-05-10 20:00" if field.name == "end" else "2025-05-10 18:00"),
        # An old address no page has; translations get their language's (below).
        "aliases": st.text("abcdef0123456789", min_size=6, max_size=6).map(lambda s: f"/vecchi/{s}/"),
        "campaign": st.just(""),  # optional: a key is tested in tests/broken/cases.toml
    }[field.kind]


@st.composite
def sites(draw):
    """{content-relative path: text} of a whole small site, and the items it declares."""
    files = {}
    members = draw(st.lists(st.sampled_from(["alfa", "beta"]), unique=True, max_size=2))
    plan = [("member", key) for key in members]
    for _ in range(draw(st.integers(1, 4))):
        content_type = draw(st.sampled_from(sorted(CONTRACT)))
        plan.append((content_type, draw(st.sampled_from(["uno", "due", "tre"]))))
    site_types = {t.name: t.folder for t in SITE.types.values()}
    for content_type, key in dict.fromkeys(plan):
        folder = site_types[content_type]
        fields = {}
        for field in CONTRACT[content_type]:
            if field.name in ("image_alt", "image_people", "image_consent", "logo_people",
                              "logo_consent", "body_images"):
                continue  # drawn with the image, below
            if field.required or draw(st.booleans()):
                fields[field.title] = draw(value_of(field, members))
        if "Image" in fields:
            fields["Image_alt"] = draw(st.sampled_from(["Persone a un incontro", "decorativa", ""]))
            fields["Image_people"] = draw(st.sampled_from(["no", "sì"]))
            if fields["Image_people"] == "sì":
                fields["Image_consent"] = "LIB-2025-001"
        if "Logo" in fields:
            fields["Logo_people"] = draw(st.sampled_from(["no", "sì"]))
            if fields["Logo_people"] == "sì":
                fields["Logo_consent"] = "RART-2024-7"
        if draw(st.integers(0, 3)) == 0:
            fields["Status"] = draw(st.sampled_from(["hidden", "draft"]))
        body = draw(words(3, 12))
        if draw(st.integers(0, 3)) == 0:  # an image in the text, with its row
            body += "\n\n![Un cortile con alberi]({static}/immagini/foto.jpg)"
            fields["Body_images"] = draw(st.sampled_from(["immagini/foto.jpg | no",
                                                          "immagini/foto.jpg | sì | RART-2025-2"]))
        files[f"{folder}/{key}.md"] = render(fields, body)
        for lang in draw(st.lists(st.sampled_from(["en", "fr", "ar"]), unique=True, max_size=3)):
            translated = {k: (v + f" ({lang})" if k in ("Title", "Summary") and v else
                              f"/{lang}{v}" if k == "Aliases" else v)
                          for k, v in fields.items() if k != "Status"}
            if draw(st.integers(0, 4)) == 0:
                translated["Status"] = draw(st.sampled_from(["draft", "hidden", "published"]))
            files[f"{folder}/{key}.{lang}.md"] = render(translated, body)
    if draw(st.booleans()):  # half the sites carry one editor's mistake somewhere
        rel = draw(st.sampled_from(sorted(files)))
        lines = files[rel].split("\n\n", 1)[0].split("\n")
        index = draw(st.integers(0, len(lines) - 1))
        name = lines[index].split(":", 1)[0]
        lines[index] = f"{name}: {draw(st.sampled_from(MISTAKES))}"
        files[rel] = "\n".join(lines) + "\n\n" + files[rel].split("\n\n", 1)[1]
    return files


def render(fields: dict[str, str], body: str) -> str:
    return "".join(f"{name}: {value}\n" for name, value in fields.items()) + "\n" + body + "\n"


SETTINGS = read_settings(FIXTURE / "fixtureconf.py")
SITE = Site.from_settings(SETTINGS)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    return tmp_path_factory.mktemp("contract")


def write_site(root: Path, files: dict[str, str]) -> Path:
    content = root / "content"
    shutil.rmtree(content, ignore_errors=True)
    for lang in SITE.languages:
        suffix = "" if lang == SITE.languages.default.code else f".{lang}"
        (content / "pagine").mkdir(parents=True, exist_ok=True)
        (content / "pagine" / f"home{suffix}.md").write_text(SKELETON_HOME.format(lang=lang), encoding="utf-8")
    (content / "immagini").mkdir()
    Image.new("RGB", (64, 48), "#b3261e").save(content / "immagini" / "foto.jpg")
    (content / "materiali").mkdir()
    shutil.copyfile(FIXTURE / "content" / "materiali" / "volantino.pdf", content / "materiali" / "volantino.pdf")
    for rel, text in files.items():
        (content / rel).parent.mkdir(parents=True, exist_ok=True)
        (content / rel).write_text(text, encoding="utf-8")
    return content


def promised_pages(files: dict[str, str]) -> list[str]:
    """The save_as of every item the content says is published (listed or hidden)."""
    from rart.frontmatter import parse_front_matter
    from rart.naming import parse_name

    pages = []
    for rel, text in files.items():
        name = parse_name(rel, SITE.languages)
        meta = parse_front_matter(text)
        status = status_of(meta.get("status"))
        if name.lang != SITE.languages.default.code and not meta.get("status"):
            original = parse_front_matter(files.get(f"{name.folder}/{name.key}.md", ""))
            status = status_of(original.get("status"))
        address = SITE.item_address(SITE.types[name.folder], name.key, name.lang,
                                    slug=str(meta.get("slug") or "") or None, draft=status == "draft")
        if address.save_as:
            pages.append(address.save_as)
    return pages


@settings(max_examples=EXAMPLES, deadline=None, derandomize=not os.environ.get("CONTRACT_EXAMPLES"),
          database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(sites())
@example({"campagne/uno.md": render({
    "Title": "Una", "Summary": "Una campagna.", "Campaign_status": "active", "Start": "2025-01-01",
    "End": "2025-02-01", "Cta_label": "Partecipa", "Cta_url": "{filename}/pagine/home.md",
    "Status": "hidden"}, "Testo."),
    "campagne/uno.en.md": render({
    "Title": "One", "Summary": "A campaign.", "Campaign_status": "active", "Start": "2025-01-01",
    "End": "2025-02-01", "Cta_label": "Join", "Cta_url": "{filename}/pagine/home.md"}, "Text.")})
def test_accepted_sites_build_and_refused_ones_say_why(workspace, files):
    """Regression example (issue 12): a hidden campaign with dates passed the validator, then
    crashed the build (its dates were still text); its translation became an 'original'."""
    content = write_site(workspace, files)
    settings = {**SETTINGS, "PATH": str(content), "PUBLISHING_SEARCH_INDEX": False,
                "IMAGES_WORKERS": 1, "IMAGES_CACHE_PATH": str(workspace / "cache")}
    accepted = not validate_site(load_config(settings)).errors
    event("accepted" if accepted else "refused")
    stream = io.StringIO()
    outcome = build(settings, workspace / "output", stream=stream)
    log = stream.getvalue()
    note(log)
    assert "Traceback" not in log
    if accepted:
        assert outcome.ok, log
        missing = [p for p in promised_pages(files) if not (workspace / "output" / p).is_file()]
        assert missing == [], log
    else:
        assert not outcome.ok and outcome.stage == "content"
        assert "ERRORE content/" in log and "Come correggere:" in log

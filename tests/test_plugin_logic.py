"""Table-driven tests of the core's and the plugins' pure functions."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from plugins.achievements import order_key
from plugins.campaigns.model import (
    CampaignFieldError,
    check_period,
    check_status,
    parse_day,
    parse_materials,
    resolve_link,
)
from plugins.i18n.metadata import MetadataProblem, complete_metadata
from plugins.i18n.navigation import build_nav
from plugins.i18n.taxonomy import term_correspondence
from plugins.members.registry import build_registry
from rart.addresses import at, save_as_for
from rart.contract import CONTRACT, todo_fields
from rart.frontmatter import parse_front_matter
from rart.languages import LanguageTableError, load_languages
from rart.naming import split_stem
from rart.site import Site

TABLE = {
    "it": {"name": "Italiano", "dir": "ltr", "locale": "it_IT"},
    "ar": {"name": "العربية", "dir": "rtl", "locale": "ar"},
}
SETTINGS = {
    "CONTENT_TYPES": {
        "pagine": {"type": "page", "url": "{slug}/", "template": "page"},
        "membri": {"type": "member", "url": "membri/{slug}/", "template": "member"},
        "risultati": {"type": "achievement", "url": "", "template": "page"},
    },
    "FIXED_PAGE_PATHS": {"home": "", "404": "404.html"},
    "PAGE_TEMPLATES": {"home": "home"},
}
SITE = Site.from_settings({**SETTINGS, "LANGUAGES": TABLE})


# --- i18n -------------------------------------------------------------------------------
def test_first_language_is_the_default_at_the_root():
    languages = load_languages(TABLE)
    assert [lang.prefix for lang in languages.values()] == ["", "ar/"]
    assert languages["ar"].dir == "rtl" and languages["it"].default


@pytest.mark.parametrize(
    "table, fragment",
    [
        ({}, "non-empty"),
        ({"IT": TABLE["it"]}, "lowercase"),
        ({"it": {"name": "Italiano", "dir": "ltr"}}, "'locale'"),
        ({"it": {**TABLE["it"], "dir": "up"}}, "'dir'"),
        ({"it": {**TABLE["it"], "locale": "xx_NOPE"}}, "Babel does not know"),
    ],
)
def test_malformed_language_tables_name_the_problem(table, fragment):
    with pytest.raises(LanguageTableError, match=fragment):
        load_languages(table)


@pytest.mark.parametrize(
    "pattern, slug, lang, expected",
    [
        ("{slug}/", "obiettivi", "it", ("obiettivi/", "obiettivi/index.html")),
        ("{slug}/", "obiettivi", "ar", ("ar/obiettivi/", "ar/obiettivi/index.html")),
        ("", "home", "it", ("", "index.html")),
        ("", "home", "ar", ("ar/", "ar/index.html")),
        ("404.html", "404", "ar", ("ar/404.html", "ar/404.html")),
    ],
)
def test_addresses(pattern, slug, lang, expected):
    assert at(pattern, load_languages(TABLE)[lang], slug=slug) == expected


def test_save_as_for_directory_and_file():
    assert save_as_for("a/b/") == "a/b/index.html"
    assert save_as_for("a/feed.xml") == "a/feed.xml"


@pytest.mark.parametrize(
    "metadata, expected",
    [
        ({"folder": "pagine", "key": "obiettivi"},
         {"lang": "it", "url": "obiettivi/", "template": "page", "content_type": "page"}),
        ({"folder": "pagine", "key": "obiettivi", "filename_lang": "ar", "slug": "ahdaf"},
         {"lang": "ar", "url": "ar/ahdaf/", "slug": "ahdaf"}),
        ({"folder": "pagine", "key": "home", "filename_lang": "ar"},
         {"url": "ar/", "save_as": "ar/index.html", "template": "home"}),
        ({"folder": "risultati", "key": "delibera"}, {"url": "", "save_as": ""}),
        ({"folder": "membri", "key": "babel", "status": "draft"}, {"url": "", "save_as": ""}),
    ],
)
def test_metadata_is_completed_from_the_file_name(metadata, expected):
    result = complete_metadata(dict(metadata), SITE)
    assert {k: result[k] for k in expected} == expected


@pytest.mark.parametrize(
    "metadata, fragment",
    [
        ({"folder": "altro", "key": "x"}, "not a content type"),
        ({"folder": "pagine", "key": "x", "filename_lang": "de"}, "not in LANGUAGES"),
        ({"folder": "pagine", "key": "x", "filename_lang": "ar", "lang": "it"}, "file name says"),
    ],
)
def test_metadata_problems_stop_the_item(metadata, fragment):
    # The validator reports these files first, in Italian (test_validation.py); this is the
    # plugin's own guard for runs that skip it.
    with pytest.raises(MetadataProblem, match=fragment):
        complete_metadata(dict(metadata), SITE)


def item(**fields):
    return SimpleNamespace(**fields)


def test_nav_falls_back_to_the_default_language_and_says_so():
    pages = {
        "chi-siamo": {"it": item(title="Chi siamo", url="chi-siamo/", lang="it"),
                      "ar": item(title="من نحن", url="ar/chi-siamo/", lang="ar")},
        "contatti": {"it": item(title="Contatti", url="contatti/", lang="it")},
    }
    nav = build_nav(["chi-siamo", "notizie", "contatti", "assente"], pages,
                    {"notizie": "ar/notizie/"}, {"notizie": "الأخبار"}, "ar", "it")
    assert [(n.title, n.url, n.lang) for n in nav] == [
        ("من نحن", "ar/chi-siamo/", "ar"),
        ("الأخبار", "ar/notizie/", "ar"),
        ("Contatti", "contatti/", "it"),
    ]


def test_terms_correspond_through_translations():
    rete = item(slug="rete")
    network = item(slug="network")
    it_article = item(lang="it", category=rete, tags=[item(slug="a"), item(slug="b")])
    en_article = item(lang="en", category=network, tags=[item(slug="x")])
    groups = [[it_article, en_article]]
    assert term_correspondence(groups, "category")[("it", "rete")] == {"en": "network"}
    # Different numbers of tags cannot be paired by position: no correspondence is guessed.
    assert term_correspondence(groups, "tags") == {}


# --- members ----------------------------------------------------------------------------
def test_registry_sorts_by_name_and_falls_back_to_the_default_language():
    members = [
        item(key="z", lang="it", title="Zenith"),
        item(key="a", lang="it", title="altrimodi"),
        item(key="a", lang="ar", title="Altrimodi"),
    ]
    registry = build_registry(members, load_languages(TABLE))
    assert [(m.title, m.lang) for m in registry["it"]] == [("altrimodi", "it"), ("Zenith", "it")]
    assert [(m.title, m.lang) for m in registry["ar"]] == [("Altrimodi", "ar"), ("Zenith", "it")]


# --- campaigns --------------------------------------------------------------------------
@pytest.mark.parametrize(
    "value, expected",
    [("2025-03-01", dt.date(2025, 3, 1)), ("", None), (None, None),
     (dt.datetime(2025, 3, 1, 10), dt.date(2025, 3, 1))],
)
def test_parse_day(value, expected):
    assert parse_day(value, "start") == expected


@pytest.mark.parametrize("value", ["01/03/2025", "2025-13-01", "domani"])
def test_parse_day_rejects_other_formats_with_an_example(value):
    with pytest.raises(CampaignFieldError) as problem:
        parse_day(value, "start")
    assert problem.value.code == "bad-date" and problem.value.params["example"] == "Start: 2025-03-01"


@pytest.mark.parametrize(
    "value, expected",
    [
        ("", []),
        ("Volantino | {static}/v.pdf", [("Volantino", "{static}/v.pdf")]),
        (["A | a.pdf", " ", "B|b.pdf"], [("A", "a.pdf"), ("B", "b.pdf")]),
    ],
)
def test_parse_materials(value, expected):
    assert [(m.label, m.url) for m in parse_materials(value)] == expected


@pytest.mark.parametrize("value", ["Volantino senza link", "| solo-link.pdf", "Titolo |"])
def test_parse_materials_rejects_lines_without_label_and_link(value):
    with pytest.raises(CampaignFieldError) as problem:
        parse_materials(value)
    assert problem.value.code == "bad-material" and problem.value.params["value"] == value.strip()


def test_status_and_period():
    assert check_status("active") == "active"
    with pytest.raises(CampaignFieldError) as problem:
        check_status("attiva")
    assert problem.value.code == "bad-choice" and "active" in problem.value.params["choices"]
    check_period(dt.date(2025, 1, 1), None)
    with pytest.raises(CampaignFieldError) as problem:
        check_period(dt.date(2025, 2, 1), dt.date(2025, 1, 1))
    assert problem.value.code == "date-order"


def test_resolve_link():
    context = {"SITEURL": "", "generated_content": {"pagine/membri.md": item(url="membri/")},
               "static_content": {}}
    assert resolve_link("{filename}/pagine/membri.md", context) == "/membri/"
    assert resolve_link("https://example.org/", context) == "https://example.org/"
    with pytest.raises(CampaignFieldError) as problem:
        resolve_link("{filename}/pagine/assente.md", context)
    assert problem.value.code == "broken-filename"


# --- achievements -----------------------------------------------------------------------
def test_achievements_dated_first_then_by_order():
    d = dt.datetime(2025, 1, 1)
    items = [item(order="2"), item(order="1"), item(order="9", date=d)]
    assert [i.order for i in sorted(items, key=order_key)] == ["9", "1", "2"]


# --- content checks ---------------------------------------------------------------------
def test_front_matter_parser_reads_lists_and_stops_at_the_body():
    meta = parse_front_matter("Title: A\nMaterials: x | y\n    z | w\nWebsite:\n\nBody: not meta\n")
    assert meta == {"title": "A", "materials": ["x | y", "z | w"], "website": ""}


def test_contract_required_and_todo():
    todo = todo_fields("member", {"title": "X", "summary": "s", "legal_form": "ETS",
                                  "todo": "logo in alta risoluzione; "})
    assert todo == ["città", "sito web", "logo", "logo in alta risoluzione"]
    assert set(CONTRACT) == {"news", "page", "campaign", "member", "achievement", "event"}


# --- i18n: bidi, sitemap, status ----------------------------------------------------------
from plugins.i18n.sitemap import SitemapEntry, render_sitemap  # noqa: E402
from rart.bidi import isolate_ltr_runs  # noqa: E402
from rart_tools.status import content_status  # noqa: E402


@pytest.mark.parametrize(
    "html, expected",
    [
        ("<p>تضم RART منظمات.</p>", "<p>تضم <bdi>RART</bdi> منظمات.</p>"),
        ("<p>عضو Babel s.c.s. هنا</p>", "<p>عضو <bdi>Babel s.c.s.</bdi> هنا</p>"),
        ("<p>و D.M. 72/2021.</p>", "<p>و <bdi>D.M. 72/2021</bdi>.</p>"),
        ("<p>نظام (SAI) و 12</p>", "<p>نظام (<bdi>SAI</bdi>) و 12</p>"),
        ('<a href="/x/">Orso</a>', '<a href="/x/"><bdi>Orso</bdi></a>'),
        ("<code>x = 1</code> <bdi>Zenith</bdi>", "<code>x = 1</code> <bdi>Zenith</bdi>"),
        ("<p>١٢ منظمة</p>", "<p>١٢ منظمة</p>"),
    ],
)
def test_isolate_ltr_runs(html, expected):
    assert isolate_ltr_runs(html) == expected


def test_sitemap_alternates_only_for_translated_pages():
    entries = [
        SitemapEntry("", "it", (("it", ""), ("ar", "ar/")), "2025-01-02"),
        SitemapEntry("solo/", "it", (("it", "solo/"),)),
    ]
    xml = render_sitemap(entries, "https://example.org/", "it")
    assert xml.count("<url>") == 2
    assert 'hreflang="x-default" href="https://example.org/"' in xml
    assert 'href="https://example.org/ar/"' in xml
    assert xml.count("xhtml:link") == 3
    assert "<lastmod>2025-01-02</lastmod>" in xml


def test_status_counts_missing_and_stale_translations(tmp_path):
    (tmp_path / "pagine").mkdir()
    for name in ["a.md", "a.en.md", "b.md", "c.md", "c.en.md"]:
        (tmp_path / "pagine" / name).write_text("Title: x\n")
    times = {"a.md": 1, "a.en.md": 2, "c.md": 5, "c.en.md": 3}
    table = load_languages({**TABLE, "en": {"name": "English", "dir": "ltr", "locale": "en"}})
    statuses = content_status(tmp_path, table, lambda p: times.get(p.name, 0))
    en = statuses["en"]
    assert (en.content_translated, en.content_total) == (2, 3)
    assert en.missing == ["pagine/b"]
    assert en.stale == ["pagine/c.en.md"]
    assert split_stem("a.en", table) == ("a", "en") and split_stem("a", table) == ("a", "it")


def test_a_change_to_the_claims_ledger_alone_leaves_translations_up_to_date(tmp_path):
    """The Source field is the Italian original's alone: quoting a passage better is no
    reason to re-translate. Any other change still makes the translation stale."""
    import subprocess

    from rart_tools.status import git_changed_at, git_text_unchanged, without_ledger

    assert without_ledger("Title: x\nSource: uno due\n    tre quattro\nTodo: y\n\nTesto.\n") == \
        "Title: x\nTodo: y\n\nTesto.\n"

    def git(*args, day=0):
        date = f"{2_000_000_000 + day * 86_400} +0000"  # one commit a day: times differ
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True,
                       env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                            "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
                            "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date, "PATH": "/usr/bin:/bin"})

    pages = tmp_path / "content" / "pagine"
    pages.mkdir(parents=True)
    git("init", "-q")
    (pages / "a.md").write_text("Title: A\n\nTesto.\n")
    (pages / "a.en.md").write_text("Title: A\n\nText.\n")
    git("add", ".")
    git("commit", "-q", "-m", "1", day=1)
    (pages / "a.md").write_text("Title: A\nSource: nessuna\n\nTesto.\n")
    git("commit", "-q", "-am", "2", day=2)
    table = load_languages({**TABLE, "en": {"name": "English", "dir": "ltr", "locale": "en"}})

    def stale():
        return content_status(tmp_path / "content", table, git_changed_at(tmp_path),
                              git_text_unchanged(tmp_path))["en"].stale

    assert stale() == []
    (pages / "a.md").write_text("Title: A\nSource: nessuna\n\nTesto nuovo.\n")
    assert stale() == ["pagine/a.en.md"]  # uncommitted, and the text changed
    git("commit", "-q", "-am", "3", day=3)
    assert stale() == ["pagine/a.en.md"]


# --- assets -------------------------------------------------------------------------------
from plugins.assets.bundle import AssetError, collect, fingerprint, inline_imports  # noqa: E402


def test_css_bundle_inlines_imports_in_order_and_fingerprints(tmp_path):
    (tmp_path / "css" / "components").mkdir(parents=True)
    (tmp_path / "css" / "main.css").write_text('@import url("a.css");\n@import url("components/b.css");\n.z{}\n')
    (tmp_path / "css" / "a.css").write_text(".a{}\n")
    (tmp_path / "css" / "components" / "b.css").write_text(".b{}\n")
    (tmp_path / "icon.svg").write_bytes(b"<svg/>")
    assets = collect(tmp_path, ["css/main.css"])
    assert set(assets) == {"css/main.css", "icon.svg"}
    assert assets["css/main.css"].content == b".a{}\n.b{}\n.z{}\n"
    assert assets["css/main.css"].output == fingerprint("css/main.css", b".a{}\n.b{}\n.z{}\n")
    assert fingerprint("css/main.css", b"x") != fingerprint("css/main.css", b"y")
    assert fingerprint("css/main.css", b"x").startswith("css/main.") and fingerprint("css/main.css", b"x").endswith(".css")


def test_css_bundle_reports_missing_imports_and_cycles(tmp_path):
    (tmp_path / "a.css").write_text('@import url("b.css");')
    (tmp_path / "b.css").write_text('@import url("a.css");')
    with pytest.raises(AssetError, match="cycle"):
        inline_imports(tmp_path / "a.css")
    (tmp_path / "c.css").write_text('@import url("missing.css");')
    with pytest.raises(AssetError, match="does not exist"):
        inline_imports(tmp_path / "c.css")


# --- embeds -------------------------------------------------------------------------------
from plugins.markup.embeds import find_provider, replace_embeds  # noqa: E402

PROVIDERS = {"youtube.com": ("YouTube", "video"), "google.com/maps": ("Google Maps", "map")}


@pytest.mark.parametrize(
    "url, expected",
    [
        ("https://www.youtube.com/watch?v=x", ("YouTube", "video")),
        ("https://m.youtube.com/watch?v=x", ("YouTube", "video")),
        ("https://www.google.com/maps/place/Torino", ("Google Maps", "map")),
        ("https://www.google.com/search?q=x", None),
        ("https://notyoutube.com/watch", None),
    ],
)
def test_find_provider(url, expected):
    provider = find_provider(url, PROVIDERS)
    assert ((provider.name, provider.kind) if provider else None) == expected


def test_only_lone_provider_links_become_embeds():
    html = ('<p><a href="https://youtu.be/x">https://youtu.be/x</a></p>'
            '<p><a href="https://www.youtube.com/watch?v=x">https://www.youtube.com/watch?v=x</a></p>'
            '<p>Vedi <a href="https://www.youtube.com/watch?v=y">qui</a>.</p>')
    out = replace_embeds(html, PROVIDERS, lambda url, p: f"[{p.name}:{url}]")
    assert out == ('<p><a href="https://youtu.be/x">https://youtu.be/x</a></p>'
                   "[YouTube:https://www.youtube.com/watch?v=x]"
                   '<p>Vedi <a href="https://www.youtube.com/watch?v=y">qui</a>.</p>')


def test_status_reads_change_times_from_git_once(tmp_path, monkeypatch):
    """git_changed_at: a file's last commit time, an edited or new file newest of all; git is
    asked a fixed number of times (it used to run twice per content file: make i18n-status
    and its test took seconds for ~130 files)."""
    import subprocess

    import rart_tools.status
    from rart_tools.status import git_changed_at

    def git(*args, when="2025-01-01T10:00:00"):
        env = {"PATH": "/usr/bin:/bin", "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when,
               "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
               "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org", "HOME": str(tmp_path)}
        subprocess.run(["git", *args], cwd=tmp_path, env=env, check=True, capture_output=True)

    git("init", "-q")
    (tmp_path / "pagine").mkdir()
    for name in ("a.md", "a.en.md", "città.md"):
        (tmp_path / "pagine" / name).write_text("Title: x\n", encoding="utf-8")
    git("add", ".")
    git("commit", "-q", "-m", "uno")
    (tmp_path / "pagine" / "a.md").write_text("Title: y\n", encoding="utf-8")
    git("commit", "-q", "-am", "due", when="2025-02-01T10:00:00")
    (tmp_path / "pagine" / "a.en.md").write_text("Title: z\n", encoding="utf-8")  # not committed
    (tmp_path / "pagine" / "nuova.md").write_text("Title: n\n", encoding="utf-8")  # untracked
    calls = []
    run = subprocess.run
    monkeypatch.setattr(rart_tools.status.subprocess, "run",
                        lambda *args, **kwargs: calls.append(args) or run(*args, **kwargs))
    changed_at = git_changed_at(tmp_path)
    page = tmp_path / "pagine"
    assert changed_at(page / "città.md") < changed_at(page / "a.md") < float("inf")
    assert changed_at(page / "a.en.md") == changed_at(page / "nuova.md") == float("inf")
    assert len(calls) <= 3

"""Links that never break (plugins/redirects, rart/aliases.py): every old address a page lists in
Aliases and every short link lead to the page in the built output, as a redirect page and as a
rule in `_redirects`; the sitemap lists canonical pages only; a file renamed with `git mv` and
no alias stops the check with an Italian message naming the old address."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import FIXTURE, ROOT
from lxml import etree
from sitetools import ORIGIN

from rart.aliases import AliasProblem, normalise
from rart.contract import prints
from rart.frontmatter import read_front_matter
from rart.naming import parse_name
from rart.site import Site

SETTINGS = __import__("runpy").run_path(str(FIXTURE / "fixtureconf.py"))
SITE = Site.from_settings(SETTINGS)


def fixture_items():
    for path in sorted((FIXTURE / "content").glob("*/*.md")):
        rel = path.relative_to(FIXTURE / "content").as_posix()
        name = parse_name(rel, SITE.languages)
        meta = read_front_matter(path)
        if meta.get("status") == "draft" or not SITE.types[name.folder].has_pages:
            continue
        yield name, meta, SITE.item_address(SITE.types[name.folder], name.key, name.lang,
                                            slug=meta.get("slug") or None)


def aliases(meta) -> list[str]:
    value = meta.get("aliases") or []
    return [value] if isinstance(value, str) else list(value)


def expected_redirects() -> dict[str, str]:
    """old address -> page, from the fixture's files: their Aliases, the short links of the
    printable ones and the short links of the file names their Aliases had."""
    found = {}
    for name, meta, address in fixture_items():
        printable = prints(SITE.types[name.folder].name, meta.get("print"))
        if printable:
            found[SITE.short_link(name.key, name.lang).url] = address.url
        for value in aliases(meta):
            old = normalise(value).url
            found[old] = address.url
            match = re.fullmatch(rf"{SITE.languages[name.lang].prefix}{name.folder}/([a-z0-9-]+)/", old)
            if printable and match:
                found[SITE.short_link(match.group(1), name.lang).url] = address.url
    return found


def test_the_fixture_has_aliases_in_two_languages_and_a_page_alias():
    redirects = expected_redirects()
    assert any(url.endswith(".html") for url in redirects)
    assert any(url.startswith("en/") and "/c/" not in url for url in redirects)
    assert sum("c/" in url for url in redirects) >= 5


def test_every_alias_and_short_link_leads_to_its_page(fixture_site):
    for old, page in expected_redirects().items():
        path = fixture_site.file_for("/" + old)
        assert path in fixture_site.redirects, old
        tree = fixture_site.tree(fixture_site.rel(path))
        assert fixture_site.redirect_target(path) == "/" + page
        assert tree.xpath("//meta[@http-equiv='refresh']/@content") == [f"0; url=/{page}"]
        assert tree.xpath("//link[@rel='canonical']/@href") == [f"{ORIGIN}/{page}"]
        assert tree.xpath("//main//a/@href") == ["/" + page]
        assert tree.xpath("//meta[@name='robots']/@content") == ["noindex"]
        assert fixture_site.file_for("/" + page).is_file() and fixture_site.file_for("/" + page) in fixture_site.pages
    # Nothing else is a redirect: no page was turned into one.
    assert len(fixture_site.redirects) == len(expected_redirects())


def test_a_redirect_page_has_the_site_s_content_security_policy(fixture_site):
    """For hosts without headers (GitHub Pages) the policy travels in a meta element, as on
    every page; a redirect page runs nothing, so it needs no exception to it."""
    csp = "//meta[@http-equiv='Content-Security-Policy']/@content"
    policy = fixture_site.tree("index.html").xpath(csp)
    assert policy and "script-src 'self'" in policy[0]
    for path in fixture_site.redirects:
        tree = fixture_site.tree(fixture_site.rel(path))
        assert tree.xpath(csp) == policy, path
        assert not tree.xpath("//script | //style | //@style"), path


def test_a_redirect_page_speaks_the_language_of_its_page(fixture_site):
    for old, page in expected_redirects().items():
        tree = fixture_site.tree(fixture_site.rel(fixture_site.file_for("/" + old)))
        lang = page.split("/", 1)[0] if page.split("/", 1)[0] in SITE.languages else SITE.languages.default.code
        assert tree.get("lang") == lang
        assert tree.get("dir") == SITE.languages[lang].dir


def test_redirects_file_has_a_rule_for_every_old_address(fixture_site):
    rules = {}
    for line in (fixture_site.root / "_redirects").read_text().splitlines():
        if line and not line.startswith("#"):
            source, target, status = line.split()
            rules[source] = (target, status)
    for old, page in expected_redirects().items():
        assert rules["/" + old] == ("/" + page, "301")
        if old.endswith("/"):
            assert rules["/" + old.rstrip("/")] == ("/" + page, "301")
    assert len(rules) == sum(2 if old.endswith("/") else 1 for old in expected_redirects())


def test_the_nginx_map_in_the_deploy_guide_turns_every_rule_into_a_redirect(fixture_site):
    """docs/deploy.md gives the command that makes nginx's map from `_redirects`."""
    guide = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
    command = re.search(r"```sh\n(awk .*?_redirects.*?)\n```", guide, re.S).group(1)
    command = command.replace("output/_redirects", str(fixture_site.root / "_redirects"))
    result = subprocess.run(["sh", "-c", command.split(" > ")[0]], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    mapped = dict(line.strip().rstrip(";").split() for line in result.stdout.splitlines() if line.strip())
    for old, page in expected_redirects().items():
        assert mapped["/" + old] == "/" + page
    assert "map $uri $rart_redirect" in guide and "return 301 $rart_redirect" in guide


def test_sitemap_lists_canonical_pages_only(fixture_site):
    tree = etree.parse(str(fixture_site.root / "sitemap.xml"))
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    urls = tree.xpath("//s:loc/text()", namespaces=ns) + tree.xpath("//x:link/@href", namespaces=ns)
    redirects = {"/" + old for old in expected_redirects()}
    for url in urls:
        path = fixture_site.file_for(url)
        assert path not in fixture_site.redirects, url
        assert url.removeprefix(ORIGIN) not in redirects
    # The events listing and the event pages are canonical pages: listed.
    assert f"{ORIGIN}/eventi/" in urls


@pytest.mark.parametrize("value, problem", [
    ("https://rart.example.org/x/", "alias-external"), ("x/", "alias-not-rooted"),
    ("/x/?a=1", "alias-query"), ("/", "alias-home"), ("/index.html", "alias-home"),
    ("/Città/", "alias-characters"), ("/a//b/", "alias-characters"), ("/a/../b/", "alias-characters"),
    ("/x.pdf", "alias-file"),
])
def test_an_alias_that_cannot_be_an_old_address_is_refused(value, problem):
    with pytest.raises(AliasProblem) as raised:
        normalise(value)
    assert raised.value.code == problem


@pytest.mark.parametrize("value, url", [
    ("/campagne/x", "campagne/x/"), ("/campagne/x/", "campagne/x/"),
    ("/campagne/x/index.html", "campagne/x/"), ("/vecchia.html", "vecchia.html"), (" /en/a/ ", "en/a/"),
])
def test_an_alias_is_the_address_as_the_browser_showed_it(value, url):
    assert normalise(value).url == url


# --- a renamed file -----------------------------------------------------------------------------
def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
                        "HOME": str(repo), "PATH": "/usr/bin:/bin"})


@pytest.fixture
def repository(tmp_path, monkeypatch):
    """A git repository holding a copy of the fixture's content, committed on main."""
    repo = tmp_path / "repo"
    shutil.copytree(FIXTURE / "content", repo / "content")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "content")
    monkeypatch.delenv("RART_RENAMES_BASE", raising=False)
    return repo


def check(content: Path) -> tuple[int, str]:
    from test_validation import check as run_check

    return run_check(content)


def test_a_renamed_file_without_its_old_address_stops_the_check(repository):
    content = repository / "content"
    git(repository, "mv", "content/campagne/conclusa.md", "content/campagne/finita.md")
    status, output = check(content)
    assert status == 1, output
    assert "ERRORE content/campagne/finita.md\n" in output
    assert "è stato rinominato da content/campagne/conclusa.md" in output
    assert "il suo vecchio indirizzo /campagne/conclusa/ smetterebbe di funzionare" in output
    assert "Aliases: /campagne/conclusa/" in output
    # With the old address in Aliases the check passes, and the build leads it to the page.
    path = content / "campagne" / "finita.md"
    path.write_text(path.read_text().replace("\n\n", "\nAliases: /campagne/conclusa/\n\n", 1))
    status, output = check(content)
    assert status == 0, output


def test_a_rename_committed_on_a_branch_is_still_caught(repository):
    content = repository / "content"
    git(repository, "switch", "-q", "-c", "rinomina")
    git(repository, "mv", "content/campagne/attiva.en.md", "content/campagne/nuova.en.md")
    git(repository, "mv", "content/campagne/attiva.md", "content/campagne/nuova.md")
    git(repository, "mv", "content/campagne/attiva.ar.md", "content/campagne/nuova.ar.md")
    git(repository, "commit", "-q", "-m", "rinomina")
    status, output = check(content)
    assert status == 1
    # Each language names its own old address; the Aliases it already has are kept in the
    # example.
    assert "vecchio indirizzo /en/campagne/attiva/" in output
    assert "vecchio indirizzo /ar/campagne/attiva/" in output
    assert "Aliases: /campagne/vecchia-attiva/\n          /vecchio-indirizzo.html\n          /campagne/attiva/" in output


def test_a_new_slug_keeps_the_address_and_needs_no_alias(repository):
    content = repository / "content"
    git(repository, "mv", "content/campagne/conclusa.md", "content/campagne/finita.md")
    path = content / "campagne" / "finita.md"
    path.write_text(path.read_text().replace("\n\n", "\nSlug: conclusa\n\n", 1))
    status, output = check(content)
    assert status == 0, output


def test_outside_a_repository_nothing_is_compared(tmp_path):
    from rart_tools.renames import renamed_files

    shutil.copytree(FIXTURE / "content", tmp_path / "content")
    assert renamed_files(tmp_path / "content") == ()

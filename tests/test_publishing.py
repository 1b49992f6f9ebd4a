"""Publishing and discovery: headers, search, structured data, calendars, reproducibility."""

from __future__ import annotations

import gzip
import json
import os
import re
import subprocess
import sys

import brotli
import pytest
from conftest import NODE_MODULES, ROOT
from icalendar import Calendar
from test_i18n import DEFAULT, ORIGIN, TABLE

from rart.headers import headers_for, nginx_config, parse_headers_file

REQUIRED_CSP = ["default-src 'self'", "frame-ancestors 'none'", "base-uri 'self'", "form-action 'self'"]


def csp_directives(value):
    return {part.split()[0]: part.split()[1:] for part in value.split(";") if part.strip()}


def test_headers_file_is_strict(site):
    rules = parse_headers_file((site.root / "_headers").read_text())
    headers = rules["/*"]
    csp = headers["Content-Security-Policy"]
    for directive in REQUIRED_CSP:
        assert directive in csp
    for name, values in csp_directives(csp).items():
        assert "'unsafe-inline'" not in values and "'unsafe-eval'" not in values, name
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] and headers["Permissions-Policy"]
    assert rules["/theme/*"]["Cache-Control"].endswith("immutable")


def test_nginx_snippet_in_the_docs_matches_the_headers_file(site):
    """docs/deploy.md's nginx blocks send exactly the headers `_headers` gives each path, the
    security headers repeated in every location (nginx drops the server's in a location that
    adds its own)."""
    rules = parse_headers_file((site.root / "_headers").read_text())
    first_block = (ROOT / "docs" / "deploy.md").read_text().split("```nginx\n", 1)[1].split("```", 1)[0]
    assert first_block == nginx_config(rules)
    blocks = re.findall(r"^location (\S+) \{\n(.*?)^\}", first_block, re.M | re.S)
    assert [b[0] for b in blocks] == ["/"] + [p.rstrip("*") for p in rules if p != "/*"]
    for location, body in blocks:
        documented = dict(re.findall(r'^    add_header (\S+) "([^"]*)" always;$', body, re.M))
        assert documented == headers_for(rules, location)
        assert rules["/*"].keys() <= documented.keys()  # a path's own value, never none


def test_every_page_carries_the_policy_for_hosts_without_headers(site):
    """GitHub Pages ignores _headers: every page has the same policy in a <meta> element, first
    in <head>, minus what a <meta> policy cannot carry."""
    policy = csp_directives(parse_headers_file((site.root / "_headers").read_text())["/*"]["Content-Security-Policy"])
    expected = {k: v for k, v in policy.items() if k not in ("frame-ancestors", "report-uri", "report-to", "sandbox")}
    for page in site.pages:
        head = site.tree(site.rel(page)).find("head")
        metas = head.xpath("meta[@http-equiv='Content-Security-Policy']")
        assert len(metas) == 1, site.rel(page)
        assert csp_directives(metas[0].get("content")) == expected, site.rel(page)
        assert head[0].get("charset") and head[1] is metas[0], site.rel(page)


def test_no_inline_script_or_style_anywhere(site):
    for page in site.pages:
        tree = site.tree(site.rel(page))
        executable = [s for s in tree.xpath("//script") if s.get("type") != "application/ld+json"]
        assert all(s.get("src") for s in executable), site.rel(page)
        assert not tree.xpath("//style | //*[@style] | //*[@*[starts-with(name(), 'on')]]"), site.rel(page)


def test_assets_are_fingerprinted(site):
    for page in site.pages[:5]:
        for href in site.tree(site.rel(page)).xpath("//link[@rel='stylesheet']/@href | //script/@src"):
            name = href.rsplit("/", 1)[-1]
            assert len(name.split(".")) == 3 and len(name.split(".")[1]) == 10, href


def test_robots_points_to_the_sitemap(site):
    text = (site.root / "robots.txt").read_text()
    assert f"Sitemap: {ORIGIN}/sitemap.xml" in text.splitlines()


@pytest.mark.parametrize("rel, kind", [
    ("index.html", "Organization"), ("ar/membri/index.html", "Organization"),
    ("notizie/nasce-la-rart/index.html", "NewsArticle"), ("en/notizie/nasce-la-rart/index.html", "NewsArticle"),
])
def test_structured_data(site, rel, kind):
    blocks = [json.loads(s) for s in site.tree(rel).xpath("//script[@type='application/ld+json']/text()")]
    assert [b["@type"] for b in blocks] == [kind]
    data = blocks[0]
    assert data["@context"] == "https://schema.org"
    if kind == "Organization":
        assert len(data["member"]) == 12
        assert all(site.file_for(m["@id"]).is_file() for m in data["member"])
    else:
        assert data["inLanguage"] == (rel.split("/")[0] if rel.startswith("en/") else "it")
        assert data["datePublished"].startswith("2026-")
        assert site.file_for(data["mainEntityOfPage"]).is_file()


def test_undated_campaign_is_not_an_event(fixture_site):
    tree = fixture_site.tree("campagne/senza-date/index.html")
    assert not tree.xpath("//script[@type='application/ld+json']")


def test_dated_campaign_is_an_event_with_a_calendar(fixture_site):
    tree = fixture_site.tree("campagne/attiva/index.html")
    data = json.loads(tree.xpath("//script[@type='application/ld+json']/text()")[0])
    assert (data["@type"], data["startDate"], data["endDate"]) == ("Event", "2024-03-01", "2024-12-31")
    link = tree.xpath("//a[@type='text/calendar']/@href")[0]
    calendar = Calendar.from_ical(fixture_site.file_for(link).read_bytes())
    events = calendar.walk("VEVENT")
    assert [str(e["summary"]) for e in events] == ["Campagna attiva di prova", "Campagna conclusa di prova"]
    assert "<" not in str(events[0]["description"])
    assert events[0].decoded("dtstart").isoformat() == "2024-03-01"
    assert events[0].decoded("dtend").isoformat() == "2025-01-01"  # exclusive end of an all-day event


def test_search_index_per_language_of_published_content_only(site, fixture_site):
    languages = {p.name.split(".")[1].split("_")[0] for p in (site.root / "pagefind").glob("pagefind.*.pf_meta")}
    assert {"it", "en", "fr", "ar"} <= languages
    assert not list((fixture_site.root / "pagefind").rglob("*bozza*"))


def indexed_urls(root):
    """The address of every page in the Pagefind bundle, read from its fragments."""
    urls = set()
    for fragment in (root / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes())
        urls.add(json.loads(data[data.index(b"{"):])["url"])
    return urls


def test_search_indexes_exactly_the_pages_with_a_searchable_body(site):
    """Pagefind indexes the pages whose main part is marked searchable (articles, pages,
    campaigns, events, members), every one of them under its own address, and no listing."""
    marked = {"/" + site.rel(p).removesuffix("index.html") for p in site.pages
              if site.tree(site.rel(p)).xpath("//*[@data-pagefind-body]")}
    assert len(marked) > 20
    assert indexed_urls(site.root) == marked


def in_language(href, lang):
    others = [code for code in TABLE if code != DEFAULT]
    prefix = href.strip("/").split("/", 1)[0]
    return prefix == lang if lang in others else prefix not in others


@pytest.mark.browser
@pytest.mark.parametrize("rel, query, lang", [
    ("cerca/", "accoglienza", "it"),
    ("ar/cerca/", "الاستقبال", "ar"),
    ("en/cerca/", "reception", "en"),
])
def test_search_finds_words_in_the_page_language(browser, real_server, rel, query, lang):
    context = browser.new_context()
    page = context.new_page()
    violations = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    try:
        page.goto(real_server.url(rel) + "?q=" + query)
        page.wait_for_selector("[data-search-results] li", timeout=15000)
        hrefs = page.eval_on_selector_all("[data-search-results] a", "els => els.map(e => e.getAttribute('href'))")
        assert hrefs and all(in_language(h, lang) for h in hrefs), hrefs
        assert page.locator(".rart-search__fallback").count() == 0  # noscript: not rendered
        assert violations == []
    finally:
        context.close()


def test_search_page_without_javascript_points_to_archives_and_sitemap(site):
    links = site.tree("ar/cerca/index.html").xpath("//div[@class='rart-search__fallback']//a/@href")
    assert links == ["/ar/notizie/archivio/", "/sitemap.xml"]


def publish_build(tmp_path, name, epoch="1764000000"):
    output = tmp_path / name
    env = {**os.environ, "SITEURL": "https://rart.example.org", "SOURCE_DATE_EPOCH": epoch}
    result = subprocess.run(
        [sys.executable, "-m", "pelican", "content", "-o", str(output), "-s", "publishconf.py",
         "--fatal", "warnings"], cwd=ROOT, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    return output


@pytest.fixture(scope="module")
def two_publish_builds(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("publish")
    return publish_build(tmp, "first"), publish_build(tmp, "second")


@pytest.mark.slow
def test_two_builds_are_byte_identical(two_publish_builds):
    first, second = two_publish_builds
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    different = [str(f) for f in files if (first / f).read_bytes() != (second / f).read_bytes()]
    assert different == []


@pytest.mark.slow
def test_production_build_uses_absolute_urls_and_precompresses(two_publish_builds):
    output = two_publish_builds[0]
    home = (output / "index.html").read_text()
    assert 'href="https://rart.example.org/theme/css/main.' in home
    compressed = 0
    for path in output.rglob("*.html"):
        assert gzip.decompress((output / (str(path.relative_to(output)) + ".gz")).read_bytes()) == path.read_bytes()
        assert brotli.decompress((output / (str(path.relative_to(output)) + ".br")).read_bytes()) == path.read_bytes()
        compressed += 1
    assert compressed > 100
    assert list(output.glob("theme/css/*.css.br"))


def test_publish_refuses_without_a_site_address(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "SITEURL"}
    result = subprocess.run([sys.executable, "-m", "pelican", "content", "-o", str(tmp_path / "o"),
                             "-s", "publishconf.py"], cwd=ROOT, capture_output=True, text=True, env=env)
    assert result.returncode != 0
    assert "SITEURL" in result.stdout + result.stderr


def test_workflow_is_valid(tmp_path):
    workflow = ROOT / ".github" / "workflows" / "site.yml"
    validator = NODE_MODULES / ".bin" / "action-validator"
    result = subprocess.run([str(validator), str(workflow)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    text = workflow.read_text()
    for needed in ["pull_request", "make test", "make publish", "actions/upload-pages-artifact",
                   "actions/deploy-pages", "refs/heads/main", "schedule:", "cron:",
                   "SOURCE_DATE_EPOCH", "rart_tools epoch", "make check", "fetch-depth: 0"]:
        assert needed in text


def test_every_page_has_a_meta_description(site):
    for page in site.pages:
        content = site.tree(site.rel(page)).xpath("//meta[@name='description']/@content")
        assert len(content) == 1 and len(content[0].strip()) > 20, site.rel(page)


# --- The preview sends the same headers and answers on localhost only ----------------------------

@pytest.fixture
def preview(tmp_path):
    """The preview server (rart_tools.serve) on a built-looking folder, with the site's rules."""
    import threading

    from rart.headers import header_rules
    from rart_tools.build import read_settings
    from rart_tools.serve import Status, make_server

    (tmp_path / "index.html").write_text("<!doctype html><html><head></head><body>Ciao</body></html>")
    (tmp_path / "admin").mkdir()
    (tmp_path / "admin" / "index.html").write_text("<!doctype html><title>editor</title>")
    rules = header_rules(read_settings(ROOT / "pelicanconf.py"))
    server = make_server(tmp_path, "127.0.0.1", 0, Status(), b"", ("/admin/",), rules)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1], rules
    server.shutdown()
    server.server_close()


def _get(port: int, path: str, host: str):
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path, headers={"Host": host})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, dict(response.getheaders()), body


def test_the_preview_sends_the_headers_of_the_host(preview):
    port, rules = preview
    status, headers, body = _get(port, "/", f"localhost:{port}")
    assert status == 200 and b"Ciao" in body
    for name, value in headers_for(rules, "/").items():
        if name != "Cache-Control":
            assert headers[name] == value, name
    assert headers["Cache-Control"] == "no-store"
    _, editor, _ = _get(port, "/admin/", f"127.0.0.1:{port}")
    assert editor["Content-Security-Policy"] == headers_for(rules, "/admin/")["Content-Security-Policy"]


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1", "[::1]"])
def test_the_preview_answers_its_own_names(preview, host):
    port, _ = preview
    assert _get(port, "/", f"{host}:{port}")[0] == 200
    assert _get(port, "/", host)[0] == 200


@pytest.mark.parametrize("host", ["attacker.example", "attacker.example:8000", "localhost.attacker.example",
                                  "127.0.0.1.nip.io", "", "[::1].attacker.example"])
def test_the_preview_refuses_any_other_host(preview, host):
    """DNS rebinding: a page on another site that points its own name at 127.0.0.1 gets no
    answer from the preview."""
    port, _ = preview
    status, _, body = _get(port, "/", host)
    assert status == 421 and b"Ciao" not in body


# --- Templates: autoescape everywhere, HTML the build made marked safe in one place --------------

TEMPLATES = ROOT / "theme" / "templates"


def test_autoescape_is_on_and_no_template_unescapes():
    """No template decodes entities right before output (striptags) or marks a value safe;
    HTML the build made is marked safe in plugins/markup/templating.py only."""
    from rart_tools.build import read_settings

    assert read_settings(ROOT / "pelicanconf.py")["JINJA_ENVIRONMENT"]["autoescape"] is True
    found = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if re.search(r"\|\s*(striptags|safe)\b|Markup\(|autoescape\s+false", line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()[:100]}")
    assert found == []


def test_nothing_is_escaped_twice(site):
    """Autoescape and the fields' own escaping do not add up: no '&amp;amp;', '&amp;lt;' or
    '&amp;#' in any page (the real content has no such text)."""
    doubled = []
    for page in site.pages:
        text = page.read_text(encoding="utf-8")
        for marker in ("&amp;amp;", "&amp;lt;", "&amp;gt;", "&amp;quot;", "&amp;#"):
            if marker in text:
                doubled.append(f"{site.rel(page)}: {marker}")
    assert doubled == []

"""Builds the real site and the fixture site once per test session, each in its own process
(as `make html` does) with warnings fatal, into temporary directories."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sitetools import BuiltSite

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "fixture_site"


def build(content: Path, settings: Path, output: Path, *extra: str,
          env: dict | None = None) -> subprocess.CompletedProcess:
    """Run Pelican as `make html` does, with every warning fatal."""
    return subprocess.run(
        [sys.executable, "-m", "pelican", str(content), "-o", str(output), "-s", str(settings),
         "--fatal", "warnings", *extra],
        cwd=ROOT, capture_output=True, text=True,
        env={**os.environ, "PYTHONHASHSEED": "0", **(env or {})},
    )


# The fixture site is built as the nightly build of 1 June 2025 would be: SOURCE_DATE_EPOCH at
# that day's midnight in Turin (rart.events.midnight), so its events fall on both sides.
FIXTURE_EPOCH = "1748728800"


def pytest_sessionfinish(session, exitstatus):
    """In CI a missing tool must fail the run, never skip a test quietly."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if os.environ.get("CI") == "true" and skipped and exitstatus == 0:
        reporter.write_line(f"CI=true: {len(skipped)} test(s) skipped; in CI that is a failure.", red=True)
        session.exitstatus = 1


@pytest.fixture(scope="session")
def real_build(tmp_path_factory):
    output = tmp_path_factory.mktemp("real") / "output"
    result = build(ROOT / "content", ROOT / "pelicanconf.py", output)
    return result, output


@pytest.fixture(scope="session")
def site(real_build) -> BuiltSite:
    result, output = real_build
    assert result.returncode == 0, result.stdout + result.stderr
    return BuiltSite(output)


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> BuiltSite:
    output = tmp_path_factory.mktemp("fixture") / "output"
    result = build(FIXTURE / "content", FIXTURE / "fixtureconf.py", output,
                   env={"SOURCE_DATE_EPOCH": FIXTURE_EPOCH})
    assert result.returncode == 0, result.stdout + result.stderr
    return BuiltSite(output)


SOURCE_TEXT = ROOT / "docs" / "source" / "rart-announcement.it.txt"


@pytest.fixture(scope="session")
def source_text() -> str:
    """The network's own announcement: the only source of facts for content/."""
    return SOURCE_TEXT.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def source_members(source_text) -> list[str]:
    """Member names from content/membri/*.md (Italian), each checked against the source."""
    from rart.frontmatter import read_front_matter

    return [read_front_matter(p)["title"] for p in sorted((ROOT / "content/membri").glob("*.md"))
            if p.name.count(".") == 1]


NODE_MODULES = Path(__file__).resolve().parent / "node_modules"

# The sitemaps.org schema lets other namespaces in strictly, so the hreflang extension needs a
# declaration of its one element; this is it (attributes as the extension defines them).
XHTML_LINK_XSD = b"""<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
           targetNamespace="http://www.w3.org/1999/xhtml" elementFormDefault="qualified">
  <xs:element name="link">
    <xs:complexType>
      <xs:attribute name="rel" type="xs:string" use="required"/>
      <xs:attribute name="hreflang" type="xs:string" use="required"/>
      <xs:attribute name="href" type="xs:anyURI" use="required"/>
    </xs:complexType>
  </xs:element>
</xs:schema>
"""


@pytest.fixture(scope="session")
def sitemap_schema(tmp_path_factory):
    """The sitemaps.org XSD (shipped by the npm package `sitemap`, installed by make test)
    combined with the declaration of xhtml:link."""
    from lxml import etree

    official = NODE_MODULES / "sitemap" / "schema" / "sitemap.xsd"
    assert official.is_file(), f"{official} is missing: run `make test` (it runs npm ci in tests/)"
    folder = tmp_path_factory.mktemp("xsd")
    (folder / "xhtml-link.xsd").write_bytes(XHTML_LINK_XSD)
    (folder / "combined.xsd").write_text(
        '<?xml version="1.0"?>\n'
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">\n'
        f'  <xs:import namespace="http://www.sitemaps.org/schemas/sitemap/0.9" schemaLocation="{official.as_uri()}"/>\n'
        '  <xs:import namespace="http://www.w3.org/1999/xhtml" schemaLocation="xhtml-link.xsd"/>\n'
        "</xs:schema>\n"
    )
    return etree.XMLSchema(etree.parse(str(folder / "combined.xsd")))


@pytest.fixture(scope="session")
def browser():
    from browser import CHROMIUM_ARGS, chromium_path
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def real_server(site):
    from browser import SiteServer

    server = SiteServer(site.root)
    yield server
    server.close()


@pytest.fixture(scope="session")
def fixture_server(fixture_site):
    from browser import SiteServer

    server = SiteServer(fixture_site.root)
    yield server
    server.close()


# The pages the real site does not have yet (it names no campaign and no event): a campaign
# with its print materials, the events listing and pages, the home page with its events
# block, the materials library, in Italian and Arabic. The browser checks run on them as on
# every real page.
TOOLKIT_PAGES = [
    "index.html", "ar/index.html",
    "campagne/attiva/index.html", "ar/campagne/attiva/index.html",
    "eventi/index.html", "ar/eventi/index.html",
    "eventi/incontro-futuro/index.html", "ar/eventi/incontro-futuro/index.html",
    "eventi/assemblea-2024/index.html",
    "materiali/index.html", "ar/materiali/index.html", "ar/materiali/lingua/it/index.html",
]


@pytest.fixture(scope="session")
def toolkit_sweep(browser, fixture_server, fixture_site):
    """TOOLKIT_PAGES of the fixture site, loaded once in Chromium like the real pages."""
    from browser import sweep

    for rel in TOOLKIT_PAGES:
        assert (fixture_site.root / rel).is_file(), rel
    return sweep(browser, fixture_server, TOOLKIT_PAGES)


@pytest.fixture(scope="session")
def swept(real_sweep, toolkit_sweep):
    """Every page the browser checks cover: the real site's and the toolkit's fixture pages
    (named fixture/…)."""
    return {**real_sweep, **{f"fixture/{rel}": report for rel, report in toolkit_sweep.items()}}


@pytest.fixture(scope="session")
def real_sweep(browser, real_server, site):
    """Every page of the real site, every language, loaded once in Chromium."""
    import json

    from browser import sweep

    reports = sweep(browser, real_server, [site.rel(p) for p in site.pages])
    # Where the sweep's time goes, for the suite's time budget (tests/artifacts/, git-ignored).
    stages = {stage: round(sum(r.seconds.get(stage, 0) for r in reports.values()), 1)
              for stage in ("load_axe", "ace", "looks")}
    artifacts = Path(__file__).resolve().parent / "artifacts"
    artifacts.mkdir(exist_ok=True)
    (artifacts / "sweep-seconds.json").write_text(json.dumps({"pages": len(reports), **stages}, indent=1))
    return reports

"""The browser editor at /admin/ without a browser: its configuration is the contract's
(rart_tools/admin.py), its file format reads files as Pelican does and writes them as
`make new` and `make translate` do (admin/src/frontmatter.js, run in node), its checks
agree with the validator, and /admin/ gets its own headers while readers' pages keep theirs.
The editor itself, in Chromium: tests/test_admin_browser.py."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import FIXTURE, ROOT
from test_validation import check, tools

from rart.contract import CONTRACT, RULES, Field, Requires
from rart.frontmatter import split_document
from rart.headers import headers_for, parse_headers_file, render_headers_file
from rart.site import Site
from rart_tools import admin
from rart_tools.build import read_settings
from rart_tools.scaffold import NOT_COPIED, new_item, translation_stub

SETTINGS = read_settings(ROOT / "pelicanconf.py")
NODE = shutil.which("node")
needs_node = pytest.mark.skipif(NODE is None, reason="node is missing: make test installs it")


def messages():
    from rart.messages import Messages

    return Messages.for_settings(SETTINGS)


def node(script: str, payload: dict) -> dict:
    result = subprocess.run([NODE, str(ROOT / "tests" / "node" / script)], input=json.dumps(payload),
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def editor_fields(collection: dict) -> dict[str, dict]:
    """The collection's fields by contract name: the image group's members under the names
    they have in front matter."""
    by_sub = {sub: flat for flat, sub in admin.IMAGE_GROUP.items()}
    out = {}
    for field in collection["fields"]:
        if field["name"] == "image" and field["widget"] == "object":
            for member in field["fields"]:
                out[by_sub[member["name"]]] = {**member, "group": field}
        else:
            out[field["name"]] = field
    return out


# --- The configuration is the contract -------------------------------------------------------

@pytest.mark.parametrize("content_type", list(CONTRACT))
def test_every_contract_field_is_an_editor_field(content_type):
    site = Site.from_settings(SETTINGS)
    folder = site.types.by_name(content_type).folder
    config = admin.editor_config(SETTINGS, messages())
    collection = next(c for c in config["collections"] if c["name"] == folder)
    assert collection["folder"] == f"content/{folder}"
    fields = editor_fields(collection)
    contract = CONTRACT[content_type]
    assert list(fields) == [f.name for f in contract] + ["body", admin.LAYOUT_FIELD]
    needed_with_image = {r.needs for r in RULES if isinstance(r, Requires) and r.field == "image" and not r.when}
    for f in contract:
        field = fields[f.name]
        label = field["group"]["label"] if f.name == "image" else field["label"]
        assert label == f.label[:1].upper() + f.label[1:], f.name
        assert f.meaning in field["hint"], f.name
        if "group" in field:  # optional as a whole; inside, the file and what it requires
            assert field["group"]["required"] is False
            assert field["required"] is (f.name == "image" or f.name in needed_with_image or f.required)
        else:
            assert field["required"] is f.required, f.name
        shared = not f.translatable and f.name not in NOT_COPIED
        # the ledger (Source) is the original's only: not a field of the translations
        expected = False if f.original_only else ("duplicate" if shared else True)
        assert field["i18n"] == expected, f.name
        if f.kind == "choice":
            assert [o["value"] for o in field["options"]] == [value for value, _ in f.choices]
        if f.kind == "members":
            assert field["widget"] == "relation" and field["multiple"] is True
            assert field["collection"] == site.types.by_name("member").folder
        if f.kind == "materials":
            assert [s["name"] for s in field["fields"]] == ["label", "link"]
        if f.kind in ("date", "day"):
            assert field["widget"] == "datetime" and field["format"] == "YYYY-MM-DD"
        if f.kind == "file":
            assert field["widget"] == "image" and field["choose_url"] is False
    assert fields["body"]["required"] is True and fields["body"]["i18n"] is True


def test_the_editor_reads_and_writes_the_sites_layout():
    config = admin.editor_config(SETTINGS, messages())
    i18n = config["i18n"]
    assert i18n["locales"] == list(SETTINGS["LANGUAGES"])
    assert i18n["default_locale"] == next(iter(SETTINGS["LANGUAGES"]))
    assert i18n["structure"] == "multiple_files" and i18n["omit_default_locale_from_file_path"] is True
    assert i18n["initial_locales"] == "default"  # no empty translation files
    assert config["publish_mode"] == "editorial_workflow"  # every change is a pull request
    assert config["media_libraries"] == {"stock_assets": False}
    assert config["slug"]["maxlength"] == 60


def test_a_new_field_in_the_contract_reaches_the_editor(monkeypatch):
    """No hand edit: a field added to the contract is in the generated configuration and in
    what the file format writes."""
    venue = Field("venue", "luogo dell'incontro", True, "Venue: Torino", translatable=True,
                  meaning="Dove si svolge l'incontro.")
    monkeypatch.setitem(CONTRACT, "news", CONTRACT["news"] + (venue,))
    collection = admin.editor_config(SETTINGS, messages())["collections"][0]
    field = editor_fields(collection)["venue"]
    assert (field["label"], field["required"], field["i18n"], field["widget"]) == (
        "Luogo dell'incontro", True, True, "string")
    news = admin.formats(SETTINGS)["notizie"]
    assert "venue" in news["order"] and "venue" in news["always"]


def test_defaults_are_what_make_new_writes():
    config = admin.editor_config(SETTINGS, messages())
    news = editor_fields(config["collections"][0])
    path, text = new_item("news", "Prova", ROOT / "content", SETTINGS)
    category = split_document(text).first("category").value
    assert news["category"]["default"] == category
    assert news["date"]["default"] == "{{now}}"  # today, in the editor's browser


# --- The editor checks what the validator checks --------------------------------------------

SAMPLES = {
    "date": ["2025-03-01", "2025-03-01 10:30", "2025-03-01T10:30:15", "01/03/2025", "2025-3-1",
             "1 marzo 2025", "2025-03-01 10"],
    "day": ["2025-03-01", "2025-03-01 10:30", "01/03/2025", "2025-03"],
    "slug": ["cultura-accoglienza", "prova2", "Cultura", "cultura_accoglienza", "perché", "-x",
             "a--b"],
    "url": ["https://www.esempio.it", "http://esempio.org/pagina?x=1", "HTTPS://ESEMPIO.ORG",
            "www.esempio.it", "https://esempio", "https://esempio .it", "ftp://esempio.it",
            "https:/esempio.it"],
    "link": ["{filename}/pagine/membri.md", "{filename}pagine/membri.md",
             "{static}/materiali/volantino.pdf", "https://www.esempio.it", "mailto:rete@esempio.org",
             "tel:+39011000000", "#contatti", "pagine/membri.md", "javascript:alert(1)",
             "{attach}/materiali/volantino.pdf", "www.esempio.it"],
    "consent": ["RART-2025-014", "LIB-2024-3", "-", "Maria Rossi", "rart-2025-014", "RART-25-014",
                "RART 2025 014", "ok"],
}
# Where each kind is tried: (folder, text with {value}); every other field is valid.
CARRIERS = {
    "date": ("notizie", "Title: Prova\nSummary: Prova.\nDate: {value}\nCategory: Prova\n\nTesto.\n"),
    "day": ("campagne", "Title: Prova\nSummary: Prova.\nCampaign_status: past\nStart: {value}\n"
            "Cta_label: Vai\nCta_url: {{filename}}/pagine/membri.md\n\nTesto.\n"),
    "slug": ("pagine", "Title: Prova\nSummary: Prova.\nSlug: {value}\n\nTesto.\n"),
    "url": ("membri", "Title: Prova\nSummary: Prova.\nWebsite: {value}\n\nTesto.\n"),
    "link": ("campagne", "Title: Prova\nSummary: Prova.\nCampaign_status: past\nCta_label: Vai\n"
             "Cta_url: {value}\n\nTesto.\n"),
    "consent": ("pagine", "Title: Prova\nSummary: Prova.\nImage_consent: {value}\n\nTesto.\n"),
}


@needs_node
@pytest.mark.slow
def test_the_editors_patterns_give_the_validators_verdicts(tmp_path):
    """Each value the editor refuses, the validator refuses, and the other way round (the
    validator alone also checks what needs other files: that a linked page exists)."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURE / "content", content)
    files = {}
    for kind, values in SAMPLES.items():
        folder, template = CARRIERS[kind]
        for n, value in enumerate(values):
            path = content / folder / f"prova-{kind}-{n}.md"
            path.write_text(template.format(value=value), encoding="utf-8")
            files[(kind, n)] = f"{folder}/{path.name}"
    status, output = check(content)
    validator = {kind: [f"{files[(kind, n)]}," not in output and f"{files[(kind, n)]}:" not in output
                        for n in range(len(values))] for kind, values in SAMPLES.items()}
    editor = node("patterns.mjs", {"patterns": admin.PATTERNS, "samples": SAMPLES})
    assert any(not ok for verdicts in validator.values() for ok in verdicts)  # the check can fail
    disagreements = {kind: [(value, editor[kind][n], validator[kind][n])
                            for n, value in enumerate(values) if editor[kind][n] != validator[kind][n]]
                     for kind, values in SAMPLES.items()}
    assert {k: v for k, v in disagreements.items() if v} == {}, output


# --- The file format -------------------------------------------------------------------------

def content_files(root: Path = ROOT / "content", label: str = "content") -> dict[str, str]:
    """{'content/notizie/x.md': text}: the second part of the key names the content folder."""
    return {f"{label}/{p.relative_to(root).as_posix()}": p.read_text(encoding="utf-8")
            for p in sorted(root.rglob("*.md"))}


@needs_node
def test_the_format_reads_every_file_as_pelican_and_saves_it_unchanged():
    files = {**content_files(), **content_files(FIXTURE / "content", "fixture")}  # with materials
    assert any(re.search(r"^Materials: .+\n {4}\S", t, re.M) for t in files.values())
    result = node("frontmatter.mjs", {"formats": admin.formats(SETTINGS), "files": files})["files"]
    changed = {}
    for path, text in files.items():
        doc = split_document(text)
        assert result[path]["entries"] == [[e.key, e.values] for e in doc.entries], path
        assert result[path]["body"] == "\n".join(doc.body), path
        if result[path]["saved"] != text:
            changed[path] = result[path]["saved"]
    # Saved as they are, but for blanks at the end of a line (which Markdown ignores).
    assert {p: t for p, t in changed.items()
            if [line.rstrip() for line in files[p].split("\n")] != t.split("\n")} == {}
    assert len(changed) < len(files) / 10


@needs_node
@pytest.mark.parametrize("content_type", list(CONTRACT))
def test_the_format_writes_new_files_and_translations_as_make_new_and_translate(content_type, tmp_path):
    """A new item the editor saves is laid out exactly as `make new` lays it out, and its
    translation as `make translate` does (tests/test_admin_browser.py does it in the editor)."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    path, text = new_item(content_type, "Una prova dall'editor", content, SETTINGS,
                          today=dt.date(2025, 3, 1))
    path.parent.mkdir(parents=True, exist_ok=True)  # the site may have no item of the type yet
    path.write_text(text, encoding="utf-8")
    target, stub = translation_stub(path, "en", content, SETTINGS)
    folder = path.parent.name
    formats = admin.formats(SETTINGS)
    # What the editor hands the format for an item it creates: the values, no layout yet.
    read = node("frontmatter.mjs", {"formats": formats, "files": {
        f"content/{folder}/{path.name}": text, f"content/{folder}/{target.name}": stub}})["files"]
    created = []
    for name in (path.name, target.name):
        data = read[f"content/{folder}/{name}"]["data"]
        data.pop(admin.LAYOUT_FIELD)
        created.append({"folder": folder, "data": data})
    written = node("frontmatter.mjs", {"formats": formats, "create": created})["created"]
    assert written == [text, stub]


@needs_node
def test_body_images_are_edited_as_rows_and_written_as_the_validator_reads_them():
    """Body_images: one «file | sì/no | reference» per line, edited as [{file, people,
    consent}]; an empty reference is not written, a {static}/ prefix is dropped."""
    formats = admin.formats(SETTINGS)
    assert formats["notizie"]["rows"]["body_images"] == ["file", "people", "consent"]
    assert formats["campagne"]["rows"]["materials"] == ["label", "link"]
    text = ("Title: Prova\nSummary: Prova.\nDate: 2025-03-01\nCategory: Rete\n"
            "Body_images: immagini/a.jpg | sì | RART-2025-014\n    immagini/b.png | no\n\n"
            "![Una]({static}/immagini/a.jpg)\n")
    read = node("frontmatter.mjs", {"formats": formats, "files": {"content/notizie/p.md": text}})
    result = read["files"]["content/notizie/p.md"]
    assert result["data"]["body_images"] == [
        {"file": "immagini/a.jpg", "people": "sì", "consent": "RART-2025-014"},
        {"file": "immagini/b.png", "people": "no", "consent": ""}]
    assert result["saved"] == text
    data = {k: v for k, v in result["data"].items() if k != admin.LAYOUT_FIELD}
    data["body_images"] = [{"file": "{static}/immagini/c.jpg", "people": "no", "consent": ""}]
    written = node("frontmatter.mjs", {"formats": formats,
                                       "create": [{"folder": "notizie", "data": data}]})["created"][0]
    assert "\nBody_images: immagini/c.jpg | no\n" in written
    fields = editor_fields(admin.editor_config(SETTINGS, messages())["collections"][0])
    rows = {f["name"]: f for f in fields["body_images"]["fields"]}
    assert list(rows) == ["file", "people", "consent"]
    assert rows["people"]["required"] is True
    assert [o["value"] for o in rows["people"]["options"]] == ["sì", "no"]
    assert rows["consent"]["pattern"][0] == admin.PATTERNS["consent"]


# --- Headers ----------------------------------------------------------------------------------

def test_admin_has_its_own_policy_and_readers_keep_theirs(site):
    rules = parse_headers_file((site.root / "_headers").read_text())
    page = headers_for(rules, "/notizie/nasce-la-rart/")
    editor = headers_for(rules, "/admin/index.html")
    assert page["Content-Security-Policy"] == rules["/*"]["Content-Security-Policy"]
    assert page["Cross-Origin-Opener-Policy"] == "same-origin"
    csp = {part.split()[0]: part.split()[1:] for part in editor["Content-Security-Policy"].split(";")}
    assert "," not in editor["Content-Security-Policy"]  # one policy, not the site's as well
    assert "'unsafe-eval'" not in sum(csp.values(), [])
    assert csp["script-src"] == ["'self'", "'wasm-unsafe-eval'"]
    assert csp["frame-ancestors"] == ["'none'"] and csp["object-src"] == ["'none'"]
    assert editor["Cross-Origin-Opener-Policy"] == "same-origin-allow-popups"  # GitHub's sign-in
    assert editor["X-Content-Type-Options"] == "nosniff"  # the site's other headers still apply
    assert editor["X-Robots-Tag"].startswith("noindex")


def test_netlify_gets_no_detach_lines():
    text = render_headers_file({"Content-Security-Policy": "a"}, [], {"/admin/*": {"Content-Security-Policy": "b"}},
                               dialect="netlify")
    assert "!" not in text and text.index("/admin/*") > text.index("/*")
    cloudflare = render_headers_file({"Content-Security-Policy": "a"}, [],
                                     {"/admin/*": {"Content-Security-Policy": "b"}})
    assert headers_for(parse_headers_file(cloudflare), "/admin/") == {"Content-Security-Policy": "b"}


def test_nginx_admin_block_in_the_docs_matches_the_headers_file(site):
    """docs/deploy.md's `location /admin/` sends what `_headers` gives /admin/ (nginx drops
    the server's add_header lines in a location that has its own: all are repeated)."""
    rules = parse_headers_file((site.root / "_headers").read_text())
    deploy = (ROOT / "docs" / "deploy.md").read_text()
    block = re.search(r"location /admin/ \{\n(.*?)\n\}", deploy, re.S)
    assert block, "docs/deploy.md has no `location /admin/ { … }` block"
    documented = dict(re.findall(r'^\s*add_header (\S+) "([^"]*)" always;$', block[1], re.M))
    assert documented == headers_for(rules, "/admin/index.html")


# --- /admin/ in the build ----------------------------------------------------------------------

def test_admin_is_written_from_the_bundle_only(tmp_path):
    output = tmp_path / "output"
    (output / "theme" / "css").mkdir(parents=True)
    (output / "theme" / "css" / "main.0123456789.css").write_text("")
    assert admin.write_admin({**SETTINGS, "EDITOR_BUNDLE": str(tmp_path / "none")}, output) is False
    assert not (output / "admin").exists()
    bundle = tmp_path / "bundle"
    bundle.mkdir()
    (bundle / "entry.js").write_text("// bundle\n")
    assert admin.write_admin({**SETTINGS, "EDITOR_BUNDLE": str(bundle)}, output) is True
    config = json.loads((output / "admin" / "config.yml").read_text())  # JSON is YAML
    assert [c["name"] for c in config["collections"]] == list(SETTINGS["CONTENT_TYPES"])
    from lxml import html

    page = html.fromstring((output / "admin" / "index.html").read_bytes())
    scripts = page.xpath("//script")
    assert [s.get("type") for s in scripts] == ["application/json", "module"]
    assert scripts[1].get("src") == "entry.js" and not (scripts[1].text or "").strip()
    assert not page.xpath("//style | //*[@style]")
    data = json.loads(scripts[0].text)
    assert data["previewStyle"] == "../theme/css/main.0123456789.css"
    assert data["directions"]["ar"] == "rtl" and data["interface"] == "it"


def test_make_edit_says_what_is_missing_without_the_bundle(tmp_path):
    status, output = tools("edit", "-s", str(ROOT / "pelicanconf.py"), "-e",
                           f'EDITOR_BUNDLE="{tmp_path / "none"}"', "-o", str(tmp_path / "out"))
    assert status == 1
    assert "L'editor nel browser non è ancora installato" in output


def test_make_edit_listens_on_this_computer_only(tmp_path, monkeypatch):
    import rart_tools.serve

    bundle = tmp_path / "bundle"
    bundle.mkdir()
    (bundle / "entry.js").write_text("// bundle\n")
    calls = []
    monkeypatch.setattr(rart_tools.serve, "serve", lambda *args, **kwargs: calls.append((args, kwargs)) or 0)
    status, _ = tools("edit", "-s", str(ROOT / "pelicanconf.py"), "-e", f'EDITOR_BUNDLE="{bundle}"',
                      "-o", str(tmp_path / "out"))
    assert status == 0
    (args, kwargs), = calls
    assert args[3] == "127.0.0.1" and kwargs["editing"] is True


def test_repository_comes_from_the_environment_or_the_github_remote(monkeypatch, tmp_path):
    monkeypatch.delenv("REPOSITORY_URL", raising=False)
    assert admin.repository({"EDITOR_BACKEND": {"repo": "rete/sito"}}) == "rete/sito"
    monkeypatch.setenv("REPOSITORY_URL", "https://github.com/rete/sito-web")
    assert admin.repository({"EDITOR_BACKEND": {}, "PATH": str(tmp_path / "content")}) == "rete/sito-web"
    monkeypatch.delenv("REPOSITORY_URL")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    subprocess.run(["git", "-C", str(tmp_path), "remote", "add", "origin", "git@github.com:rete/sito.git"],
                   check=True)
    assert admin.repository({"EDITOR_BACKEND": {}, "PATH": str(tmp_path / "content")}) == "rete/sito"
    config = admin.editor_config({**SETTINGS, "EDITOR_BACKEND": {"name": "github"},
                                  "PATH": str(tmp_path / "elsewhere" / "content")}, messages())
    assert config["backend"]["repo"] == "local/elsewhere"  # the folder to pick, locally


# --- Where volunteers read the checks' messages -----------------------------------------------

BROKEN_NEWS = "Title: Notizia rotta\nSummary: Prova.\nDate: 01/03/2025\nCategory: Prova\n\nTesto.\n"


def test_ci_puts_the_italian_messages_on_the_pull_request(tmp_path, monkeypatch):
    """In GitHub Actions each problem is also an annotation on its file and line, and the
    report goes to the check's summary (rart_tools/github.py)."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURE / "content", content)
    (content / "notizie" / "rotta.md").write_text(BROKEN_NEWS, encoding="utf-8")
    status, plain = check(content)
    assert status == 1 and "::error" not in plain
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    status, output = check(content)
    assert status == 1
    annotations = [line for line in output.splitlines() if line.startswith("::error ")]
    assert len(annotations) == 1
    where, _, message = annotations[0][len("::error "):].partition("::")
    fields = dict(part.split("=", 1) for part in where.split(","))
    assert fields["file"] == "content/notizie/rotta.md"
    assert fields["line"] == "3"
    assert "riga 3" in message and "2025-03-01" in message and "%0A" in message  # Italian, with the fix
    report = summary.read_text(encoding="utf-8")
    assert report.startswith("## Controllo dei contenuti") and "content/notizie/rotta.md" in report


def png_chunks(path: Path) -> list[str]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, at = [], 8
    while at < len(data):
        length = int.from_bytes(data[at:at + 4], "big")
        chunks.append(data[at + 4:at + 8].decode("ascii"))
        at += 12 + length
    return chunks


def test_the_guide_shows_what_the_browser_tests_photograph():
    """docs/EDITING.md, part 1, is illustrated with the screenshots tests/test_admin_browser.py
    takes (copied by `make guide-images`): each exists, is small and carries no metadata."""
    guide = (ROOT / "docs" / "EDITING.md").read_text(encoding="utf-8")
    images = re.findall(r"\]\((guida/[^)\s]+\.png)\)", guide)
    assert len(images) >= 5
    taken = set(re.findall(r'shot\(page, "([^"]+)"\)', (ROOT / "tests" / "test_admin_browser.py").read_text()))
    for image in images:
        path = ROOT / "docs" / image
        assert path.name in taken, image
        assert path.stat().st_size < 100_000, image
        assert set(png_chunks(path)) <= {"IHDR", "PLTE", "tRNS", "IDAT", "IEND"}, image

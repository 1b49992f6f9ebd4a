"""Driving the browser editor (/admin/, Sveltia CMS) in Chromium for the tests.

Its local mode ("Lavora con Repository Locale", what `make edit` offers) reads and writes a
folder the person picks in the browser's directory dialog (the File System Access API).
Playwright cannot answer that dialog (Chromium aborts it when file choosers are intercepted),
so the tests put a copy of the content in the page's origin private file system (a real
directory handle of the same API), make the dialog return that folder, and copy back what the
editor wrote. Everything else is the editor's own code, unchanged."""

from __future__ import annotations

import base64
from pathlib import Path
from urllib.parse import urlsplit

# Runs before the page's scripts: the directory dialog returns the private folder "repo".
PICKER_JS = """window.showDirectoryPicker = async () =>
  (await navigator.storage.getDirectory()).getDirectoryHandle('repo', { create: true });"""

FILL_JS = """async (files) => {
  const root = await navigator.storage.getDirectory();
  try { await root.removeEntry('repo', { recursive: true }); } catch (e) {}
  const repo = await root.getDirectoryHandle('repo', { create: true });
  await repo.getDirectoryHandle('.git', { create: true });
  for (const [path, b64] of Object.entries(files)) {
    const parts = path.split('/');
    let dir = repo;
    for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part, { create: true });
    const handle = await dir.getFileHandle(parts[parts.length - 1], { create: true });
    const writable = await handle.createWritable();
    await writable.write(Uint8Array.from(atob(b64), c => c.charCodeAt(0)));
    await writable.close();
  }
  return Object.keys(files).length;
}"""

DUMP_JS = """async () => {
  const out = {};
  async function walk(dir, prefix) {
    for await (const [name, handle] of dir.entries()) {
      const path = prefix ? prefix + '/' + name : name;
      if (handle.kind === 'directory') await walk(handle, path);
      else {
        const bytes = new Uint8Array(await (await handle.getFile()).arrayBuffer());
        let s = ''; for (const b of bytes) s += String.fromCharCode(b);
        out[path] = btoa(s);
      }
    }
  }
  const root = await navigator.storage.getDirectory();
  await walk(await root.getDirectoryHandle('repo'), '');
  return out;
}"""

# Requests the editor makes to other sites. The /admin/ policy blocks them in the browser
# (they never reach the network): fonts it also ships (and then uses), and GitHub's status
# page. Any other attempt is new, and a test fails on it.
KNOWN_BLOCKED = ("https://cdn.jsdelivr.net/fontsource/fonts/", "https://www.githubstatus.com/")


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("data", "blob", "about") or parts.hostname == "127.0.0.1"


def fill(page, project: Path) -> int:
    """Copy the project's content/ into the page's private folder."""
    files = {p.relative_to(project).as_posix(): base64.b64encode(p.read_bytes()).decode()
             for p in sorted((project / "content").rglob("*")) if p.is_file()}
    return page.evaluate(FILL_JS, files)


def dump(page) -> dict[str, bytes]:
    return {k: base64.b64decode(v) for k, v in page.evaluate(DUMP_JS).items()}


def write_back(project: Path, before: dict[str, bytes], after: dict[str, bytes]) -> list[str]:
    """What the editor wrote (or deleted) in the private folder, onto the disk."""
    changed = []
    for path, data in after.items():
        if before.get(path) != data:
            (project / path).parent.mkdir(parents=True, exist_ok=True)
            (project / path).write_bytes(data)
            changed.append(path)
    for path in before:
        if path not in after:
            (project / path).unlink()
            changed.append(path)
    return sorted(changed)


def reveal(page, scope, label: str):
    """The group of the field `label`. The editor draws a long form as it scrolls: scroll the
    form with the wheel until the field exists."""
    group = scope.get_by_role("group", name=f"Campo “⁨{label}⁩”")
    box = scope.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    for _ in range(60):
        if group.count():
            group.scroll_into_view_if_needed()
            return group
        page.mouse.wheel(0, 600)
        page.wait_for_timeout(100)
    raise AssertionError(f"the field «{label}» never appeared")


def form(page, language: str):
    """The editing form of one language ('Italiano', 'Inglese', …)."""
    return page.get_by_role("group", name=f"Modifica Contenuto in ⁨{language}⁩")


def type_body(page, scope, text: str) -> None:
    body = reveal(page, scope, "Testo").get_by_role("textbox", name="Testo", exact=True)
    body.click()
    page.keyboard.type(text)

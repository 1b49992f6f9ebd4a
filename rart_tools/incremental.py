"""The preview's fast path: after a save, the page of the saved file is written again in well
under a second however big the site is; the rest of the site follows with a full build.

A full build of thousands of files takes tens of seconds, since every page is rendered again.
But the usual edit, the text of a news item or a page (or a news item's title or summary),
changes only that item's own page until listings, feeds and the sitemap catch up. So after
each full build the preview keeps what Pelican read (`LiveSite`: its generators and their
shared context, with every item, registry, menu and compiled template) and, for such an edit:

1. checks the content as the build does, reading again only the files that changed and
   running every check between files (`IncrementalChecks`);
2. reads each changed file again with Pelican's own reader call and signals, so every plugin
   completes its metadata as in a build, and compares it with what the build read: any other
   difference (a date, a category, a status, a slug…) needs a full build;
3. gives the new item what plugins give items once everything is read (its pictures and
   share card: plugins/images), renders its page with the build's writer and templates into
   a private folder, and moves the page into output/ with one rename.

serve.py then runs the full build, which rewrites everything else. tests/test_atomic_build.py
checks that the files written here are byte for byte those of a full build.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import pickle
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

# Front matter that may differ from the build's reading, per content type: anything else
# shows on other pages (dates, categories and tags in listings, titles of pages in menus…).
TEXT_ONLY = {"news": {"title", "summary", "img_tags"}, "page": {"img_tags"}}
# img_tags: the item's <img> tags, which follow its text (plugins/markup); their pictures are
# made here.


@dataclass
class Update:
    urls: list[str] | None  # the pages written again; None: a full build is needed
    errors: list[str] = field(default_factory=list)  # what stopped it (nothing was written)


class _Errors(logging.Handler):
    def __init__(self):
        super().__init__(logging.ERROR)
        self.errors: list[str] = []

    def emit(self, record):
        self.errors.append(record.getMessage())


def _plain(value) -> object:
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    return str(value)


class LiveSite:
    """What the last full build read, kept to write one item's page again."""

    def __init__(self, generators: list, writer, output: Path):
        from pelican.generators import ArticlesGenerator, PagesGenerator

        self.generators = generators
        self.context = generators[0].context
        self.writer_class = type(writer)
        self.output = Path(output)
        self.items: dict[str, tuple[object, object]] = {}  # source path -> (item, generator)
        for generator in generators:
            if isinstance(generator, ArticlesGenerator):
                names = ("articles", "translations", "hidden_articles", "hidden_translations",
                         "drafts", "drafts_translations")
            elif isinstance(generator, PagesGenerator):
                names = ("pages", "translations", "hidden_pages", "hidden_translations",
                         "draft_pages", "draft_translations")
            else:
                continue
            for name in names:
                for item in getattr(generator, name, []):
                    self.items[os.path.abspath(item.source_path)] = (item, generator)

    # --- what can be done here ------------------------------------------------------------
    def _read(self, old, generator):
        """The item of ``old``'s file as Pelican's generator reads it (its reader call, with
        the same signals), or None when it cannot be read."""
        from pelican import signals
        from pelican.contents import Article

        kind = "article" if isinstance(old, Article) else "page"
        try:
            new = generator.readers.read_file(
                base_path=generator.path,
                path=os.path.relpath(old.source_path, generator.path),
                content_class=type(old),
                context=self.context,
                preread_signal=getattr(signals, f"{kind}_generator_preread"),
                preread_sender=generator,
                context_signal=getattr(signals, f"{kind}_generator_context"),
                context_sender=generator,
            )
        except Exception:  # noqa: BLE001 - the full build reports it, with its own messages
            return None
        return new if type(new) is type(old) and new.is_valid() else None

    @staticmethod
    def _only_text_changed(old, new) -> bool:
        allowed = TEXT_ONLY.get(getattr(old, "content_type", ""))
        if allowed is None or not old.save_as:
            return False
        keys = (set(old.metadata) | set(new.metadata)) - allowed
        return all(_plain(old.metadata.get(k)) == _plain(new.metadata.get(k)) for k in keys)

    # --- doing it -------------------------------------------------------------------------
    def update(self, paths: list[Path]) -> Update:
        plans = []
        for path in paths:
            found = self.items.get(os.path.abspath(path))
            if found is None:
                return Update(None)
            old, generator = found
            new = self._read(old, generator)
            if new is None or not self._only_text_changed(old, new):
                return Update(None)
            plans.append((old, new, generator))
        collector = _Errors()
        root = logging.getLogger()
        root.addHandler(collector)
        staging = Path(tempfile.mkdtemp(prefix=".build-page-", dir=self.output.parent))
        try:
            written = [self._write(old, new, generator, staging) for old, new, generator in plans]
            if collector.errors:
                return Update([], collector.errors)
            for save_as in written:
                target = self.output / save_as
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(staging / save_as, target)
        finally:
            root.removeHandler(collector)
            shutil.rmtree(staging, ignore_errors=True)
        return Update([new.url for _, new, _ in plans])

    def _write(self, old, new, generator, staging: Path) -> str:
        """Put ``new`` in ``old``'s place, give it its pictures and card, render its page into
        ``staging``; returns the page's path (save_as)."""
        from pelican import signals
        from pelican.contents import Article

        new.translations = [self.items.get(os.path.abspath(t.source_path), (t,))[0]
                            for t in old.translations]
        for other in new.translations:
            other.translations = [new if t is old else t for t in other.translations]
        for name in ("articles", "translations", "hidden_articles", "hidden_translations",
                     "pages", "hidden_pages"):
            items = getattr(generator, name, None) or []
            for index, item in enumerate(items):
                if item is old:
                    items[index] = new
        self.context.get("generated_content", {})[new.get_relative_source_path()] = new
        self.items[os.path.abspath(new.source_path)] = (new, generator)
        new.refresh_metadata_intersite_links()
        images = self.context.get("IMAGES")
        if images is not None:
            default = self.context["I18N"].default
            original = next((t for t in new.translations if t.lang == default), None)
            images.refresh(new, original if new.lang != default else None, str(self.output))
        writer = self.writer_class(str(staging), settings=generator.settings)
        template = generator.get_template(new.template)
        if isinstance(new, Article):  # as ArticlesGenerator.generate_articles writes it
            signals.article_generator_write_article.send(generator, content=new)
            writer.write_file(new.save_as, template, self.context, article=new,
                              category=getattr(new, "category", None),
                              override_output=hasattr(new, "override_save_as"), url=new.url,
                              blog=True)
        else:  # as PagesGenerator.generate_output writes it
            signals.page_generator_write_page.send(generator, content=new)
            writer.write_file(new.save_as, template, self.context, page=new,
                              relative_urls=generator.settings["RELATIVE_URLS"],
                              override_output=hasattr(new, "override_save_as"), url=new.url)
        return new.save_as


class IncrementalChecks:
    """validate_site, again and again: a file's own checks run again only when the file
    changed (or the list of files, or the day); the checks between files always run.

    It wraps the validator's per-file step (`_check_path`) and remembers what that step
    added to the validator's lists (problems, items, references to check between files).
    A step that changes anything else (a set, a dict, another attribute) is never
    remembered, so a new kind of state in the validator costs speed, never correctness.
    Whether a file changed is told by its size, inode and modification time; with
    ``watched`` (the preview, whose watcher reports every change through `forget`), a file
    already checked in this process is not even looked at. The list of files is made again
    only when a folder changed (its modification time)."""

    def __init__(self, path: Path | None = None, watched: bool = False):
        """``path``: a file that keeps the results from one process to the next (the safe
        build's, in the reader cache's folder, whose name changes with the code and the
        settings the results depend on)."""
        self.path = path
        self.watched = watched
        self.seen: set[str] = set()  # the files of the last run
        self.trusted: set[str] = set()  # checked in this process, and not changed since
        self.listing: tuple[tuple, list] | None = None  # (the folders' times, the files)
        self.memo: dict[str, tuple[tuple, dict[str, list], int]] = {}
        if path is not None:
            try:
                with open(path, "rb") as handle:
                    self.memo = pickle.load(handle)
            except (OSError, EOFError, pickle.PickleError, AttributeError, ImportError,
                    TypeError, ValueError):
                self.memo = {}

    def forget(self, root: Path, paths) -> None:
        """The watcher saw ``paths`` change: check them again."""
        for path in paths:
            with contextlib.suppress(ValueError):
                self.trusted.discard(Path(path).relative_to(root).as_posix())

    def save(self) -> None:
        """Keep the results of the files of the last run (atomically)."""
        if self.path is None:
            return
        memo = {rel: entry for rel, entry in self.memo.items() if rel in self.seen}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(f"{self.path.name}.{os.getpid()}")
        with open(temporary, "wb") as handle:
            pickle.dump(memo, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, self.path)

    def __call__(self, config):
        from plugins.content_checks.validate import _Validator

        checks = self
        memo = self.memo

        def shape(validator) -> dict:
            return {name: ("list", len(value)) if isinstance(value, list) else
                    (type(value).__name__, len(value)) if isinstance(value, (set, dict)) else
                    ("object", id(value))
                    for name, value in vars(validator).items()}

        class Remembering(_Validator):
            signature: str | None = None

            def _list_files(self):
                folders = []
                for folder, _, _ in os.walk(self.root):
                    with contextlib.suppress(OSError):
                        folders.append((folder, os.stat(folder).st_mtime_ns))
                if checks.listing is None or checks.listing[0] != tuple(folders):
                    checks.listing = (tuple(folders), super()._list_files())
                return list(checks.listing[1])

            def _check_path(self, rel: str, path: Path) -> int:
                if self.signature is None:
                    names = "\n".join(sorted(self.files)) + "\n" + config.today.isoformat()
                    self.signature = hashlib.sha256(names.encode()).hexdigest()
                known = memo.get(rel)
                if (checks.watched and rel in checks.trusted and known is not None
                        and known[0][-1] == self.signature):
                    key = known[0]
                else:
                    try:
                        stat = path.stat()
                    except OSError:
                        checks.trusted.discard(rel)
                        return super()._check_path(rel, path)
                    key = (stat.st_mtime_ns, stat.st_size, stat.st_ino, self.signature)
                checks.trusted.add(rel)
                if known is not None and known[0] == key:
                    for name, values in known[1].items():
                        getattr(self, name).extend(values)
                    return known[2]
                before = shape(self)
                result = super()._check_path(rel, path)
                after = shape(self)
                added: dict[str, list] = {}
                for name, (kind, size) in after.items():
                    if kind == "list" and before.get(name, ("list", 0))[0] == "list":
                        start = before.get(name, ("list", 0))[1]
                        if size > start:
                            added[name] = getattr(self, name)[start:]
                    elif before.get(name) != (kind, size):
                        memo.pop(rel, None)
                        return result
                memo[rel] = (key, added, result)
                return result

        validator = Remembering(config)
        result = validator.run()
        self.seen = set(validator.files)
        return result

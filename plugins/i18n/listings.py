"""The listings of each language, written in the same single pass as the content.

Pelican writes one index, one set of category and tag pages and one feed for the whole site.
This generator writes them once per language instead, each with only that language's news,
so no item leaks into another language and nothing is built twice.
"""

from __future__ import annotations

import os
from collections import defaultdict
from itertools import groupby
from operator import attrgetter

from feedgenerator import Atom1Feed, get_tag_uri
from markupsafe import Markup
from pelican.generators import Generator
from pelican.utils import slugify

from .paths import listing_paths
from .sitemap import render_sitemap
from .state import get_state
from .taxonomy import Term, term_correspondence


def news_by_language(articles) -> dict[str, list]:
    """lang -> that language's published news, newest first. ``articles`` are Pelican's
    originals; their translations are reached through each original."""
    by_lang = defaultdict(list)
    for article in articles:
        for item in [article, *article.translations]:
            by_lang[item.lang].append(item)
    for items in by_lang.values():
        items.sort(key=attrgetter("date"), reverse=True)
    return by_lang


def translation_groups(articles):
    return [[article, *article.translations] for article in articles]


class ListingsGenerator(Generator):
    """Writes, per language: the paginated news index, archives, category and tag pages and
    an Atom feed."""

    def generate_context(self):
        state = get_state(self.context, self.settings)
        articles = self.context.get("articles", [])
        self.by_lang = news_by_language(articles)
        groups = translation_groups(articles)
        self.category_map = term_correspondence(groups, "category")
        self.tag_map = term_correspondence(groups, "tags")
        self.terms = {}
        for code, language in state.languages.items():
            categories, tags = {}, {}
            for item in self.by_lang.get(code, []):
                if getattr(item, "category", None) is not None:
                    item.category = self._term("category", item.category, language, categories)
                    item.category.items.append(item)
                if getattr(item, "tags", None):
                    item.tags = [self._term("tag", t, language, tags) for t in item.tags]
                    for tag in item.tags:
                        tag.items.append(item)
            self.terms[code] = (categories, tags)
        self.context["NEWS"] = self.by_lang
        self.context["NEWS_INDEX_URL"] = {
            code: listing_paths(self.settings["NEWS_INDEX_PATH"], language)[0]
            for code, language in state.languages.items()
        }

    def _term(self, kind, value, language, registry):
        name = str(value)
        key = slugify(name, regex_subs=self.settings.get("SLUG_REGEX_SUBSTITUTIONS", []))
        if key not in registry:
            # A translated term takes the slug of the default language's term it corresponds
            # to (house style: Italian slugs), so /ar/…/categoria/rete/ and not a
            # transliteration of Arabic; its own slug only when that one is taken.
            mapping = self.category_map if kind == "category" else self.tag_map
            default = next(lang for lang in self.settings["LANGUAGES"])
            slug = mapping.get((language.code, key), {}).get(default, key)
            if any(term.slug == slug for term in registry.values()):
                slug = key
            pattern = self.settings["CATEGORY_PATH" if kind == "category" else "TAG_PATH"]
            url, save_as = listing_paths(pattern, language, slug=slug)
            registry[key] = Term(kind, name, slug, language.code, url, save_as, key=key)
        return registry[key]

    def generate_output(self, writer):
        state = get_state(self.context, self.settings)
        index_urls = {
            code: listing_paths(self.settings["NEWS_INDEX_PATH"], lang)[0]
            for code, lang in state.languages.items()
        }
        archive_urls = {
            code: listing_paths(self.settings["ARCHIVES_PATH"], lang)[0]
            for code, lang in state.languages.items()
        }
        for code, language in state.languages.items():
            items = self.by_lang.get(code, [])
            url, save_as = listing_paths(self.settings["NEWS_INDEX_PATH"], language)
            writer.write_file(
                save_as,
                self.get_template("index"),
                self.context,
                relative_urls=False,
                paginated={"articles": items},
                template_name="index",
                url=url,
                articles=items,
                lang=code,
                alternates=index_urls,
            )
            url, save_as = listing_paths(self.settings["ARCHIVES_PATH"], language)
            years = [
                (year, list(group))
                for year, group in groupby(items, key=attrgetter("date.year"))
            ]
            writer.write_file(
                save_as,
                self.get_template("archives"),
                self.context,
                url=url,
                articles=items,
                years=years,
                lang=code,
                alternates=archive_urls,
            )
            categories, tags = self.terms[code]
            for kind, registry, mapping in (
                ("category", categories, self.category_map),
                ("tag", tags, self.tag_map),
            ):
                for term in registry.values():
                    writer.write_file(
                        term.save_as,
                        self.get_template(kind),
                        self.context,
                        paginated={"articles": term.items},
                        template_name=kind,
                        url=term.url,
                        articles=term.items,
                        lang=code,
                        alternates=self._term_alternates(term, kind, mapping),
                        **{kind: term},
                    )
            self._write_feed(code, language, items)
        self._write_sitemap(state)

    def _write_sitemap(self, state):
        # Articles and pages are written before this generator runs (Pelican keeps the order
        # of generators), so the sitemap sees every page of the site.
        document = render_sitemap(state.sitemap, self.settings["SITE_ORIGIN"], state.default)
        path = os.path.join(self.output_path, self.settings["SITEMAP_PATH"])
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(document)

    def _term_alternates(self, term, kind, mapping):
        alternates = {term.lang: term.url}
        for other_lang, other_key in mapping.get((term.lang, term.key), {}).items():
            registry = self.terms[other_lang][0 if kind == "category" else 1]
            if other_key in registry:
                alternates[other_lang] = registry[other_key].url
        return alternates

    def _write_feed(self, code, language, items):
        state = get_state(self.context, self.settings)
        origin = self.settings["SITE_ORIGIN"].rstrip("/")
        home = f"{origin}/{language.prefix}"
        feed_url, feed_save_as = listing_paths(self.settings["FEED_PATH"], language)
        feed = Atom1Feed(
            title=f"{self.settings['SITENAME']} – {state.translate(code, 'News')}",
            link=home,
            feed_url=f"{origin}/{feed_url}",
            feed_guid=f"{origin}/{feed_url}",
            description=state.translate(
                code, "News from the Turin network for asylum and refugee reception."
            ),
            language=code,
        )
        for item in items[: self.settings.get("FEED_MAX_ITEMS") or None]:
            link = f"{origin}/{item.url}"
            feed.add_item(
                title=Markup(item.title).striptags(),
                link=link,
                unique_id=get_tag_uri(link, item.date),
                description=Markup(item.summary).striptags(),
                content=item.get_content(origin),
                pubdate=item.date,
                updateddate=getattr(item, "modified", None),
                categories=[str(item.category)] if getattr(item, "category", None) else [],
            )
        path = os.path.join(self.output_path, feed_save_as)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as handle:
            feed.write(handle, "utf-8")

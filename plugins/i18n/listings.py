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
from markupsafe import Markup, escape
from pelican.generators import Generator
from pelican.utils import slugify

from rart.clock import build_time

from .sitemap import SitemapEntry, render_sitemap, sitemap_entries
from .state import get_state
from .taxonomy import Term, term_correspondence


class Feed(Atom1Feed):
    """An Atom feed whose `updated` never comes from the clock: the newest item's date, or the
    build's time (rart.clock) when the language has no news yet."""

    def latest_post_date(self):
        return super().latest_post_date() if self.items else build_time()


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


def article_terms(terms, item) -> dict:
    """{'category': Term | None, 'tags': [Term]} of an article, from TERMS
    (lang -> kind -> name as written -> Term)."""
    by_name = terms.get(item.lang, {})
    category = getattr(item, "category", None)
    tags = by_name.get("tag", {})
    return {
        "category": by_name.get("category", {}).get(str(category)) if category is not None else None,
        "tags": [tags[str(t)] for t in getattr(item, "tags", None) or () if str(t) in tags],
    }


def translation_groups(articles):
    return [[article, *article.translations] for article in articles]


class ListingsGenerator(Generator):
    """Writes, per language: the paginated news index, archives, category and tag pages and
    an Atom feed; and the sitemap of the whole site.

    Pelican's Category and Tag objects stay as they are on the articles: this generator keeps
    its own per-language terms (`TERMS` in the context, `article_terms()` in templates)."""

    def generate_context(self):
        state = get_state(self.context, self.settings)
        self.site = state.site
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
                    self._term("category", item.category, language, categories).items.append(item)
                for tag in getattr(item, "tags", None) or ():
                    self._term("tag", tag, language, tags).items.append(item)
            self.terms[code] = (categories, tags)
        self.context["NEWS"] = self.by_lang
        self.context["TERMS"] = {
            code: {kind: {name: term for term in registry.values() for name in term.names}
                   for kind, registry in (("category", cats), ("tag", tags))}
            for code, (cats, tags) in self.terms.items()
        }
        self.context["NEWS_INDEX_URL"] = self.site.listing_urls("news")
        self._register_pages(state)

    def _register_pages(self, state):
        """Tell the sitemap about every listing page this generator will write."""
        for name in ("news", "archives"):
            urls = self.site.listing_urls(name)
            alternates = tuple((code, urls[code]) for code in state.languages)
            state.listed += [SitemapEntry(urls[code], code, alternates) for code in state.languages]
        for code in state.languages:
            for kind, registry, mapping in self._taxonomies(code):
                for term in registry.values():
                    alternates = self._term_alternates(term, kind, mapping)
                    ordered = tuple((c, alternates[c]) for c in state.languages.ordered(alternates))
                    state.listed.append(SitemapEntry(term.url, code, ordered))

    def _taxonomies(self, code):
        categories, tags = self.terms[code]
        return (("category", categories, self.category_map), ("tag", tags, self.tag_map))

    def _term(self, kind, value, language, registry):
        name = str(value)
        key = slugify(name, regex_subs=self.settings.get("SLUG_REGEX_SUBSTITUTIONS", []))
        if key not in registry:
            # A translated term takes the slug of the default language's term it corresponds
            # to (house style: Italian slugs), so /ar/…/categoria/rete/ and not a
            # transliteration of Arabic; its own slug only when that one is taken.
            mapping = self.category_map if kind == "category" else self.tag_map
            default = self.site.languages.default.code
            slug = mapping.get((language.code, key), {}).get(default, key)
            if any(term.slug == slug for term in registry.values()):
                slug = key
            address = self.site.listing(kind, language.code, slug=slug)
            registry[key] = Term(kind, name, slug, language.code, address.url, address.save_as,
                                 key=key)
        registry[key].names.add(name)
        return registry[key]

    def generate_output(self, writer):
        state = get_state(self.context, self.settings)
        index_urls = self.site.listing_urls("news")
        archive_urls = self.site.listing_urls("archives")
        for code, language in state.languages.items():
            items = self.by_lang.get(code, [])
            url, save_as = self.site.listing("news", code)
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
            url, save_as = self.site.listing("archives", code)
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
            for kind, registry, mapping in self._taxonomies(code):
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
        # Built from what every generator read (content items) and registered (listings),
        # not from what has been written so far: the order generators write in does not matter.
        entries = sitemap_entries(self.context, state, self.settings.get("SITEMAP_EXCLUDE_KEYS", ()))
        document = render_sitemap(entries, self.settings["SITE_ORIGIN"], state.default)
        path = os.path.join(self.output_path, self.site.sitemap_path)
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
        feed_url, feed_save_as = self.site.listing("feed", code)
        feed = Feed(
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
                # Atom's summary is HTML: the summary's text, escaped once more (striptags
                # decodes "&lt;img …&gt;" into markup a feed reader would run).
                description=str(escape(Markup(item.summary).striptags())),
                content=item.get_content(origin),
                pubdate=item.date,
                updateddate=getattr(item, "modified", None),
                categories=[str(item.category)] if getattr(item, "category", None) else [],
            )
        path = os.path.join(self.output_path, feed_save_as)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as handle:
            feed.write(handle, "utf-8")

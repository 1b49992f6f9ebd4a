"""Development settings for the RART site. `publishconf.py` imports these and changes only
what production needs. Every language list, URL pattern and content type comes from here."""

import os
import sys

# Plugins live in this repository; make them importable without installing anything.
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

# --- Site ---------------------------------------------------------------------------------
AUTHOR = "RART"
SITENAME = "RART – Rete Asilo e Rifugio Torino"
SITE_SHORTNAME = "RART"
SITEURL = ""
# Absolute origin for what must be absolute (feeds, sitemaps, hreflang, share cards);
# `make devserver` serves here. publishconf.py sets the production origin.
SITE_ORIGIN = "http://localhost:8000"
TIMEZONE = "Europe/Rome"
# Absolute at run time, so settings files elsewhere (tests, bench) can import these.
PATH = os.path.join(HERE, "content")
OUTPUT_PATH = "output"
THEME = os.path.join(HERE, "theme")

# --- Languages ----------------------------------------------------------------------------
# The one language table. The first entry is the default language, served at the site root;
# every other language lives under /<code>/. `locale` is a CLDR locale for Babel (dates,
# numbers, plurals); the build never reads the operating system's locales.
LANGUAGES = {
    "it": {"name": "Italiano", "dir": "ltr", "locale": "it_IT"},
    "en": {"name": "English", "dir": "ltr", "locale": "en_GB"},
    "fr": {"name": "Français", "dir": "ltr", "locale": "fr_FR"},
    "ar": {"name": "العربية", "dir": "rtl", "locale": "ar"},
}
DEFAULT_LANG = next(iter(LANGUAGES))
I18N_TRANSLATIONS_DIR = os.path.join(HERE, "translations")

# --- Content types ------------------------------------------------------------------------
# One folder per type under content/. `url` is relative to the language's root and takes the
# item's {slug}; an empty `url` means the item is data for other pages and gets no page of its
# own. Pelican reads news as articles and everything else as pages.
CONTENT_TYPES = {
    "notizie": {"type": "news", "url": "notizie/{slug}/", "template": "article"},
    "pagine": {"type": "page", "url": "{slug}/", "template": "page"},
    "campagne": {"type": "campaign", "url": "campagne/{slug}/", "template": "campaign"},
    "membri": {"type": "member", "url": "membri/{slug}/", "template": "member"},
    "risultati": {"type": "achievement", "url": "", "template": "page"},
}
# Pages whose address is fixed rather than derived from their slug (key -> path), and pages
# drawn by their own template (key -> template): editors never write either in front matter.
FIXED_PAGE_PATHS = {"home": "", "404": "404.html"}
PAGE_TEMPLATES = {
    "home": "home",
    "404": "404",
    "risultati": "achievements",
    "membri": "members",
    "campagne": "campaigns",
}

ARTICLE_PATHS = ["notizie"]
PAGE_PATHS = ["pagine", "campagne", "membri", "risultati"]
STATIC_PATHS = ["immagini", "materiali"]
ARTICLE_TRANSLATION_ID = "key"
PAGE_TRANSLATION_ID = "key"
# The folder names the type; the file name carries the translation key and, before the
# extension, the language of a translation: obiettivi.md (Italian), obiettivi.ar.md (Arabic).
PATH_METADATA = r"(?P<folder>[^/]+)/(?P<key>[^/.]+)(?:\.(?P<filename_lang>[^/.]+))?\.[^/.]+$"
USE_FOLDER_AS_CATEGORY = False
I18N_DATE_FORMAT = "long"  # a CLDR format name for Babel's format_date

# Main navigation: page keys, in order. Each resolves to the page in the reader's language.
NAV_PAGES = ["chi-siamo", "obiettivi", "risultati", "campagne", "membri", "notizie", "contatti"]
FOOTER_PAGES = ["ringraziamenti", "privacy", "accessibilita"]

# --- Listings written per language by plugins/i18n ----------------------------------------
NEWS_INDEX_PATH = "notizie/"
CATEGORY_PATH = "notizie/categoria/{slug}/"
TAG_PATH = "notizie/tag/{slug}/"
ARCHIVES_PATH = "notizie/archivio/"
FEED_PATH = "feed.xml"  # per language: feed.xml, en/feed.xml, …
SITEMAP_PATH = "sitemap.xml"  # one for the whole site, with hreflang alternates
SITEMAP_EXCLUDE_KEYS = ["404"]
DEFAULT_PAGINATION = 10
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/pagina/{number}/", "{base_name}/pagina/{number}/index.html"),
)

# Pelican's own listings and feeds are replaced by the per-language ones above.
DIRECT_TEMPLATES = []
ARCHIVES_SAVE_AS = CATEGORY_SAVE_AS = TAG_SAVE_AS = AUTHOR_SAVE_AS = ""
CATEGORIES_SAVE_AS = TAGS_SAVE_AS = AUTHORS_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = MONTH_ARCHIVE_SAVE_AS = DAY_ARCHIVE_SAVE_AS = ""
DRAFT_SAVE_AS = DRAFT_LANG_SAVE_AS = DRAFT_PAGE_SAVE_AS = DRAFT_PAGE_LANG_SAVE_AS = ""
FEED_ALL_ATOM = FEED_ALL_RSS = CATEGORY_FEED_ATOM = TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None
DISPLAY_PAGES_ON_MENU = DISPLAY_CATEGORIES_ON_MENU = False

# --- Plugins ------------------------------------------------------------------------------
# Explicit: with PLUGINS unset Pelican would load every installed namespace plugin.
PLUGIN_PATHS = [os.path.join(HERE, "plugins")]
PLUGINS = ["i18n", "members", "campaigns", "achievements", "content_checks", "assets", "embeds"]

# Video and map hosts whose links, alone in a paragraph, become click-to-load notices
# (plugins/embeds): domain or domain/path prefix -> (name shown to readers, kind).
EMBED_PROVIDERS = {
    "youtube.com": ("YouTube", "video"),
    "youtu.be": ("YouTube", "video"),
    "vimeo.com": ("Vimeo", "video"),
    "openstreetmap.org": ("OpenStreetMap", "map"),
    "google.com/maps": ("Google Maps", "map"),
}

# --- Theme assets (plugins/assets) ------------------------------------------------------
# Stylesheets bundled with their @imports into one file each; every asset is published under
# a content-hashed name. Pelican's own copy of theme/static is switched off.
ASSETS_CSS_ENTRY_POINTS = ["css/main.css"]
THEME_STATIC_PATHS = []

# --- Markdown and Jinja -------------------------------------------------------------------
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.smarty": {},
    },
    "output_format": "html5",
}
# babel.cfg extracts with these same options, so msgids match what the build looks up.
JINJA_ENVIRONMENT = {
    "trim_blocks": True,
    "lstrip_blocks": True,
    "extensions": ["jinja2.ext.i18n"],
}

# --- Development conveniences -------------------------------------------------------------
RELATIVE_URLS = False
LOAD_CONTENT_CACHE = False
DELETE_OUTPUT_DIRECTORY = True

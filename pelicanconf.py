"""Development settings for the RART site. `publishconf.py` imports these and changes only
what production needs. Every language list, URL pattern and content type comes from here."""

import os

from rart.languages import default_code
from rart.naming import PATH_METADATA  # noqa: F401 (a Pelican setting)
from rart.types import load_types

HERE = os.path.dirname(os.path.abspath(__file__))

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
DEFAULT_LANG = default_code(LANGUAGES)
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
    "eventi": {"type": "event", "url": "eventi/{slug}/", "template": "event"},
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
    "cerca": "search",
}

ARTICLE_PATHS = load_types(CONTENT_TYPES).article_folders()
PAGE_PATHS = load_types(CONTENT_TYPES).page_folders()
STATIC_PATHS = ["immagini", "materiali"]
ARTICLE_TRANSLATION_ID = "key"
PAGE_TRANSLATION_ID = "key"
# PATH_METADATA (imported above) is the core's file-naming rule: the folder names the type,
# the file name carries the translation key and, before the extension, the language of a
# translation: obiettivi.md (Italian), obiettivi.ar.md (Arabic).
USE_FOLDER_AS_CATEGORY = False
I18N_DATE_FORMAT = "long"  # a CLDR format name for Babel's format_date

# Main navigation: page keys, in order. Each resolves to the page in the reader's language.
# "eventi" is the events listing, in the menu of a language only while it has events.
NAV_PAGES = ["chi-siamo", "obiettivi", "risultati", "campagne", "eventi", "membri", "notizie",
             "contatti"]
FOOTER_PAGES = ["cerca", "glossario", "ringraziamenti", "privacy", "accessibilita"]

# --- Listings written per language by plugins/i18n ----------------------------------------
NEWS_INDEX_PATH = "notizie/"
CATEGORY_PATH = "notizie/categoria/{slug}/"
TAG_PATH = "notizie/tag/{slug}/"
ARCHIVES_PATH = "notizie/archivio/"
FEED_PATH = "feed.xml"  # per language: feed.xml, en/feed.xml, …
SITEMAP_PATH = "sitemap.xml"  # one for the whole site, with hreflang alternates
SITEMAP_EXCLUDE_KEYS = ["404"]
# Written only for a language that has something to list (plugins/events, plugins/library):
EVENTS_INDEX_PATH = "eventi/"  # upcoming and past events
EVENTS_CALENDAR_PATH = "eventi/calendario.ics"  # every event, to subscribe to (webcal:)
LIBRARY_PATH = "materiali/"  # every downloadable file of the site
LIBRARY_LANGUAGE_PATH = "materiali/lingua/{code}/"  # the same, only the files in one language
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
# Explicit: with PLUGINS unset Pelican would load every installed namespace plugin. The
# packages are installed into .venv (pyproject.toml), so Pelican imports them by name. Their
# results do not depend on this order.
PLUGINS = [
    "plugins.i18n", "plugins.markup", "plugins.members", "plugins.campaigns",
    "plugins.achievements", "plugins.content_checks", "plugins.assets", "plugins.publishing",
    "plugins.images", "plugins.pagetext", "plugins.materials", "plugins.events", "plugins.redirects",
    "plugins.printing", "plugins.library",
]

# --- Links that never break (plugins/redirects, rart/aliases.py) ----------------------------
# Every printable item (campaigns, and pages with Print: sì) gets a short link from its file
# name, per language: c/attiva/, ar/c/attiva/. Its QR codes point there. Old addresses listed
# in a page's Aliases, and the short links of its former file names, become redirect pages
# (meta refresh and rel=canonical) and rules in _redirects (Netlify, Cloudflare Pages).
SHORT_LINK_PATH = "c/{key}/"
REDIRECTS_FILE = "_redirects"

# --- Print materials (plugins/printing, docs/printing.md) ----------------------------------
# An A4 poster and an A5 flyer per printable item and language, drawn with fpdf2 and HarfBuzz
# shaping, in the site's colours and fonts (IMAGES_CARD below), with a QR code to the short
# link. Cached like images: a PDF is drawn again only when what it shows changes.
PRINT_PATH = "stampa/{key}-{format}.pdf"  # per language: stampa/…, ar/stampa/…
PRINT_CACHE_PATH = os.path.join(HERE, "cache", "print")
PRINT_WORKERS = None  # processes that draw PDFs; None: one per core

# Video and map hosts whose links, alone in a paragraph, become click-to-load notices
# (plugins/markup/embeds.py): domain or domain/path prefix -> (name shown to readers, kind).
EMBED_PROVIDERS = {
    "youtube.com": ("YouTube", "video"),
    "youtu.be": ("YouTube", "video"),
    "vimeo.com": ("Vimeo", "video"),
    "openstreetmap.org": ("OpenStreetMap", "map"),
    "google.com/maps": ("Google Maps", "map"),
}

# --- Page text (plugins/pagetext) ------------------------------------------------------
# The glossary ("Parole della rete", content/pagine/glossario.md and its translations): the
# first use of each term on a page links to its entry. anchor -> {language: [forms]}: each
# anchor is the id of the term's heading on the glossary page ({#anchor} in Markdown), each
# form a way pages write the term. Whole words, longest form first; a form in lowercase also
# matches with a capital first letter.
PAGETEXT_GLOSSARY_PAGE = "glossario"
PAGETEXT_GLOSSARY_TERMS = {
    "sai": {"it": ["SAI"], "en": ["SAI"], "fr": ["SAI"], "ar": ["SAI"]},
    "cas": {"it": ["CAS"], "en": ["CAS"], "fr": ["CAS"], "ar": ["CAS"]},
    "prefettura": {"it": ["Prefettura"], "en": ["Prefecture"], "fr": ["Préfecture"],
                   "ar": ["المحافظة", "Prefettura"]},
    "giunta-comunale": {"it": ["Giunta Comunale"], "en": ["City Executive"],
                        "fr": ["exécutif municipal"], "ar": ["المجلس التنفيذي للبلدية"]},
    "co-programmazione": {"it": ["co-programmazione"], "en": ["co-programming"],
                          "fr": ["co-programmation"], "ar": ["التخطيط المشترك"]},
    "co-progettazione": {"it": ["co-progettazione"], "en": ["co-design"],
                         "fr": ["co-conception"], "ar": ["التصميم المشترك للمشاريع"]},
    "terzo-settore": {"it": ["Terzo Settore", "Terzo settore"], "en": ["third sector"],
                      "fr": ["tiers secteur"], "ar": ["القطاع الثالث"]},
    "dlgs-117-2017": {"it": ["D.Lgs. 117/2017", "Codice del Terzo settore"],
                      "en": ["D.Lgs. 117/2017", "Third Sector Code"],
                      "fr": ["D.Lgs. 117/2017", "Code du tiers secteur"],
                      "ar": ["المرسوم التشريعي رقم 117 لسنة 2017", "قانون القطاع الثالث"]},
}
# Languages whose pages get French spacing (no-break spaces before ; : ! ? and inside « »).
PAGETEXT_FRENCH_SPACING = ["fr"]

# --- Theme assets (plugins/assets) ------------------------------------------------------
# Stylesheets bundled with their @imports into one file each; every asset is published under
# a content-hashed name. Pelican's own copy of theme/static is switched off.
ASSETS_CSS_ENTRY_POINTS = ["css/main.css"]
THEME_STATIC_PATHS = []

# --- Publishing (plugins/publishing) -----------------------------------------------------
# Headers for the static host, written to output/_headers, documented for nginx in
# docs/deploy.md and sent by the preview (rart/headers.py). Every page also carries the policy
# in a <meta> element, for hosts that send no headers (GitHub Pages). Scripts and styles come
# only from the site itself; Pagefind's search needs WebAssembly ('wasm-unsafe-eval', which is
# not 'unsafe-eval'). The site is served over https only (HSTS, upgrade-insecure-requests).
PUBLISHING_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'wasm-unsafe-eval'"],
    "style-src": ["'self'"],
    "img-src": ["'self'"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "frame-src": ["'none'"],
    "frame-ancestors": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "upgrade-insecure-requests": [],
}
PUBLISHING_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Strict-Transport-Security": "max-age=63072000; includeSubDomains",
}
PUBLISHING_LONG_CACHE_PATHS = ["/theme/*"]  # every file there is named by its content hash
# More headers for some paths ({"/pattern/*": {header: value}}), added to the ones above
# (rart/headers.py; docs/deploy.md shows them for nginx too).
PUBLISHING_PATH_HEADERS = {}
PUBLISHING_CALENDAR_PATH = "campagne/calendario.ics"  # per language
PUBLISHING_SEARCH_INDEX = True  # Pagefind, one index per language (html lang)
PUBLISHING_PRECOMPRESS = False  # .gz and .br siblings; on in publishconf.py

# The browser editor's folder (/admin/, rart_tools/admin.py) has its own policy: the editor
# (Sveltia CMS, docs/architecture.md) runs no eval but needs inline styles, blob: and data:
# images and frames for its previews, WebAssembly for its image tools, GitHub's API to read
# and write the repository; it opens GitHub's sign-in in a popup and must hear back from it
# (same-origin-allow-popups). It is never indexed nor cached stale. Readers' pages keep the
# policy above. `_headers` detaches the site-wide values on /admin/* (Cloudflare Pages joins
# the values of every matching rule); on Netlify, where `!` lines are not part of the syntax
# and the later rule's value wins, PUBLISHING_HEADERS_DIALECT leaves them out.
EDITOR_PATH = "admin"
PUBLISHING_PATH_HEADERS = {
    f"/{EDITOR_PATH}/*": {
        "Content-Security-Policy": {
            "default-src": ["'self'"],
            "script-src": ["'self'", "'wasm-unsafe-eval'"],
            "style-src": ["'self'", "'unsafe-inline'"],
            "img-src": ["'self'", "data:", "blob:"],
            "font-src": ["'self'"],
            "connect-src": ["'self'", "data:", "blob:", "https://api.github.com"],
            "frame-src": ["blob:"],
            "object-src": ["'none'"],
            "frame-ancestors": ["'none'"],
            "base-uri": ["'self'"],
            "form-action": ["'self'"],
        },
        "Cross-Origin-Opener-Policy": "same-origin-allow-popups",
        "Cache-Control": "no-cache",
        "X-Robots-Tag": "noindex, nofollow",
    },
}
PUBLISHING_HEADERS_DIALECT = "netlify" if os.environ.get("NETLIFY") == "true" else "cloudflare"

# --- Markdown and Jinja -------------------------------------------------------------------
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.smarty": {},
    },
    "output_format": "html5",
}
# babel.cfg extracts with these same options, so msgids match what the build looks up.
# Autoescape everywhere: every value is escaped once, unless it is HTML the build made
# (plugins/markup/templating.py marks that safe, in one place).
JINJA_ENVIRONMENT = {
    "trim_blocks": True,
    "lstrip_blocks": True,
    "autoescape": True,
    "extensions": ["jinja2.ext.i18n"],
    # Every build makes new environments, so templates never change under one: no need to
    # check each template file's modification time at every include and import.
    "auto_reload": False,
}
# Only Markdown is read: Pelican would publish .html files in content/ as they are, and .rst
# with reStructuredText's raw directive.
READERS = {"html": None, "htm": None, "rst": None}

# --- Content checks -----------------------------------------------------------------------
# plugins/content_checks: every content file is checked before Pelican runs (make html runs
# rart_tools build); defaults in plugins/content_checks/config.py. Messages for editors
# (rart/messages.py, translations/<lang>/LC_MESSAGES/editors.po) are in this language (it, en).
CONTENT_CHECKS_LANGUAGE = "it"
# Wording the Carta di Roma guidelines (https://www.cartadiroma.org) advise against, per content
# language: ((forms…), suggested alternative). Whole words, any case. A match is a warning with
# file and line; it never stops the build.
CONTENT_CHECKS_DISCOURAGED_TERMS = {
    "it": [
        (("clandestino", "clandestina", "clandestini", "clandestine"),
         "persona migrante; se serve precisarlo, senza permesso di soggiorno"),
        (("extracomunitario", "extracomunitaria", "extracomunitari", "extracomunitarie"),
         "persona straniera, cittadina o cittadino di un paese non UE"),
        (("vu cumprà", "vu' cumprà", "vucumprà"), "venditore ambulante"),
        (("zingaro", "zingara", "zingari", "zingare", "nomade", "nomadi"),
         "rom, sinti, caminanti (il nome del gruppo)"),
        (("ondata di migranti", "ondate di migranti", "ondata migratoria"),
         "arrivi, persone arrivate (con i numeri)"),
    ],
    "en": [
        (("illegal immigrant", "illegal immigrants", "illegal migrant", "illegal migrants", "illegals"),
         "undocumented or irregular migrant"),
    ],
    "fr": [
        (("clandestin", "clandestine", "clandestins", "clandestines"),
         "personne migrante, sans papiers"),
    ],
}

# --- Browser editor (/admin/, rart_tools/admin.py, docs/EDITING.md part 1) ----------------
# `make admin` bundles the editor from npm into EDITOR_BUNDLE; every build then writes
# /admin/ from it, with a configuration generated from the contract. Without a bundle the site
# is built without /admin/ (make html needs no Node.js). The backend is the GitHub repository
# the editor reads and writes through pull requests; the sign-in service (EDITOR_AUTH_URL) is
# described in docs/deploy.md. CI sets GITHUB_REPOSITORY; elsewhere set EDITOR_REPO=owner/name.
EDITOR_BUNDLE = os.path.join(HERE, "admin", "dist")
EDITOR_BACKEND = {
    "name": "github",
    "repo": os.environ.get("EDITOR_REPO") or os.environ.get("GITHUB_REPOSITORY", ""),
    "branch": os.environ.get("EDITOR_BRANCH", "main"),
    "base_url": os.environ.get("EDITOR_AUTH_URL", ""),
}

# --- Development conveniences -------------------------------------------------------------
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True

# --- Caches -------------------------------------------------------------------------------
# cache/ (git-ignored, safe to delete) keeps what the next build can reuse: encoded images
# (IMAGES_CACHE_PATH, below) and Pelican's reader cache, the HTML and metadata of each
# Markdown file, read again only when the file's bytes change. The safe build (make html,
# make publish, make devserver: rart_tools/contentcache.py) turns the reader cache on, in a
# folder of CACHE_PATH named by a hash of everything reading depends on (these settings, the
# translation catalogs, the code of rart/ and plugins/, Pelican's and Markdown's versions), so
# no stale HTML outlives a change to any of them. Plain `pelican` runs (the tests) read every
# file, as these two lines say.
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
CACHE_PATH = os.path.join(HERE, "cache", "content")
CONTENT_CACHING_LAYER = "reader"  # what a reader returned, not whole content objects
CHECK_MODIFIED_METHOD = "sha256"  # a file's bytes, not its modification time
GZIP_CACHE = False  # a plain pickle loads and saves several times faster
# The search index (Pagefind) of the last few versions of the pages: the safe build makes it
# again only when the HTML pages change (rart_tools/searchindex.py).
SEARCH_INDEX_CACHE_PATH = os.path.join(HERE, "cache", "pagefind")


# --- Images (plugins/images, docs/images.md) ----------------------------------------------
# Every image the content refers to (Markdown images, Image: and Logo: in front matter, image
# files linked with {static}) goes through one Pillow pipeline: turned upright, converted to
# sRGB, stripped of all metadata (EXIF and GPS, XMP, IPTC, ICC, comments, thumbnails), resized
# per role and encoded as AVIF and WebP with a JPEG fallback (PNG when transparent). Originals
# are never published. Every page also gets a 1200×630 share card in its own language.
# content/immagini/ stays in STATIC_PATHS (so links and the content checks know it), but the
# plugin takes every image file out of Pelican's copy list: only derivatives are published,
# under output/immagini/.
IMAGES_SOURCE_DIR = "immagini"
# Encoded files, keyed by the source's content hash and these settings; outside output/ and
# safe to delete (the next build encodes again).
IMAGES_CACHE_PATH = os.path.join(HERE, "cache", "images")
IMAGES_WORKERS = None  # processes that encode; None: one per core (os.cpu_count())
IMAGES_MAX_BYTES = 200_000  # the most any published image may weigh, in bytes
IMAGES_WARN_MEGAPIXELS = 20  # a bigger source gets a warning (it is still processed)
IMAGES_WARN_SOURCE_BYTES = 15_000_000  # so does a heavier file, in bytes
# Alt text that marks an image as decorative (alt="" in the page): ![decorativa](…) or
# Image_alt: decorativa. An empty or missing alt text stops the build.
IMAGES_DECORATIVE = ["decorativa", "decorative", "décorative", "زخرفية"]
# Encoders: the starting quality, and the lowest the size budget may take it to.
IMAGES_FORMATS = {
    "avif": {"quality": 55, "min_quality": 30, "speed": 6},
    "webp": {"quality": 75, "min_quality": 40, "method": 5},
    "jpeg": {"quality": 80, "min_quality": 45},
    "png": {},
}
# Derivatives by role. widths: CSS pixels of each version (never upscaled); aspect: [w, h] to
# crop to, centred, or None to keep the photo's shape; sizes: the <img sizes> attribute.
#   hero: a page's Image:, at the top of the page    card: the same image in listings
#   inline: an image in the text                      logo, thumbnail: a member's Logo:
IMAGES_ROLES = {
    "hero": {"widths": [480, 800, 1200, 1600], "aspect": None,
             "sizes": "(min-width: 48rem) 44rem, 100vw"},
    "card": {"widths": [320, 640], "aspect": [3, 2], "sizes": "(min-width: 40em) 20rem, 100vw"},
    "inline": {"widths": [480, 800, 1200], "aspect": None,
               "sizes": "(min-width: 48rem) 44rem, 100vw"},
    "thumbnail": {"widths": [96, 192], "aspect": [1, 1], "sizes": "6rem"},
    "logo": {"widths": [160, 320], "aspect": None, "sizes": "10rem"},
}
# Share cards (Open Graph), one per page and language: output/anteprime/<lang>/…
IMAGES_CARD = {
    "size": [1200, 630],
    "output_dir": "anteprime",
    # theme/static/css/tokens.css: --color-bg, --color-text, --color-brand, --color-accent
    "colors": {"background": "#fffaf3", "text": "#1f1a17", "brand": "#b3261e",
               "accent": "#f2b134"},
    "title_size": [68, 40],  # px: the title starts at the first and shrinks down to the second
    "max_lines": 4,  # then it is cut with an ellipsis
    "photo_share": 0.4,  # part of the width the page's Image: takes beside the title (0: none)
    # Fonts are the system's, never committed: found by file name under these folders
    # (Debian: fonts-noto-core, see scripts/system-fonts.sh). Each character is drawn in the
    # first font of the list that has it; the list must cover Latin and Arabic, and Arabic is
    # laid out by raqm, or the build stops and says what to install.
    "font_dirs": ["/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts",
                  "~/.fonts", "/Library/Fonts", "/System/Library/Fonts/Supplemental"],
    "fonts": {
        "bold": ["NotoSans-Bold.ttf", "NotoSansArabic-Bold.ttf", "NotoNaskhArabic-Bold.ttf",
                 "DejaVuSans-Bold.ttf"],
        "regular": ["NotoSans-Regular.ttf", "NotoSansArabic-Regular.ttf",
                    "NotoNaskhArabic-Regular.ttf", "DejaVuSans.ttf"],
    },
}

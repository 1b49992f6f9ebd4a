"""The front-matter contract of every content type: the one place that says which fields
exist, which are required and what they look like. The validator (plugins/content_checks)
checks content against it, `make content-todo` reports what is still empty, `make new` writes
a file with its fields (rart_tools/archetypes/), and docs/EDITING.md documents it as one table
per type (a test keeps the tables equal to `editing_table()`).

Labels, meanings and examples are Italian: they are the editors' documentation."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

# What a value looks like. The validator has one check per kind (validate.py, _check_value).
#   text       one line of plain text, no HTML
#   markdown   Markdown, may continue on indented lines (Pelican formats it)
#   date       AAAA-MM-GG, optionally followed by HH:MM
#   day        AAAA-MM-GG only (the campaigns plugin reads a day, not a time)
#   choice     one of `choices`
#   integer    a whole number, 0 or more
#   slug       lowercase letters without accents, digits and hyphens
#   url        an address on another site: https://…
#   link       {filename}/…, {static}/…, https://…, mailto:…
#   file       a file under content/, e.g. immagini/foto.jpg or {static}/immagini/foto.jpg
#   materials  one 'Label | link' per line
#   list       comma-separated words
#   members    comma-separated member keys (file names in content/membri/ without .md)
#   quotes     one passage of docs/source/ per line, word for word (claims.py checks them)
#   datetime   AAAA-MM-GG HH:MM, a local time in the site's time zone (rart.events)
#   aliases    one old address of the page per line, from the site root: /campagne/vecchio/
#   campaign   the key of a campaign (its file name in content/campagne/ without .md)
#   people     whether identifiable people are in a picture: sì or no (PEOPLE)
#   consent    the archive reference of a signed consent form (CONSENT_RE), never a name
#   images     the images of the text, one 'file | people | consent' per line (IMAGE_ROW)


@dataclass(frozen=True)
class Field:
    name: str  # as written in front matter, case-insensitive
    label: str  # Italian, for editors' messages
    required: bool
    example: str
    todo: bool = False  # an empty value is reported by `make content-todo`
    kind: str = "text"
    choices: tuple[tuple[str, str], ...] = ()  # (value, Italian meaning)
    meaning: str = ""  # one sentence for the table in docs/EDITING.md
    scaffold: bool = True  # written (empty when unknown) by `make new`
    translatable: bool = False  # its text differs per language (`make translate` marks it ✎)
    original_only: bool = False  # written in the default language's file only (not copied)

    @property
    def title(self) -> str:
        """The name as editors write it: 'Campaign_status'."""
        return self.name.capitalize()

    @property
    def multiline(self) -> bool:
        return self.kind in ("markdown", "materials", "quotes", "images", "aliases")


YES = ("sì", "si")
NO = ("no",)

# --- Consent: every picture the site shows says whether identifiable people are in it -------
# A picture (the item's Image, a member's Logo, every image of the text) says, with its own
# field or row, whether identifiable people are in it: `sì`, or `no` (also for decorative
# images, drawings, maps and logos: "no people" is said, never assumed). With `sì` it names
# the signed consent form by its archive reference: the archive's code in capitals, the year,
# the form's number (RART-2025-014). A reference is never a person's name, and `-`, `ok` or
# `sì` is no reference.
PEOPLE = (("sì", "si riconoscono delle persone: serve la liberatoria"),
          ("no", "nessuna persona riconoscibile (anche immagini decorative, disegni, loghi)"))
CONSENT_RE = re.compile(r"[A-Z]{2,12}-(?:19|20)[0-9]{2}-[0-9]{1,5}")
CONSENT_EXAMPLE = "RART-2025-014"


def has_people(value: str) -> bool | None:
    """True for sì/si, False for no (any case), None for anything else."""
    text = value.strip().casefold()
    return True if text in YES else False if text in NO else None


@dataclass(frozen=True)
class ImageRow:
    """One row of Body_images: `immagini/foto.jpg | sì | RART-2025-014`."""

    file: str
    people: str
    consent: str


def image_row(value: str) -> ImageRow | None:
    """A row as written, or None when it is not «file | sì/no» with an optional reference."""
    parts = [p.strip() for p in value.split("|")]
    if len(parts) not in (2, 3) or not parts[0] or not parts[1]:
        return None
    return ImageRow(parts[0], parts[1], parts[2] if len(parts) == 3 else "")
# Marks text still to write or to translate: `make new` and `make translate` put it in front of
# every such line, and the validator refuses a file while one is left.
PLACEHOLDER = "✎"

HEAD = (
    Field("title", "titolo", True, "Title: Chi siamo",
          meaning="Il titolo, come appare in cima alla pagina e negli elenchi.",
          translatable=True),
    Field("summary", "riassunto", True, "Summary: Una frase che riassume la pagina.",
          kind="markdown",
          meaning="Una o due frasi: appaiono negli elenchi, nei motori di ricerca e nelle condivisioni.",
          translatable=True),
)
TAIL = (
    Field("source", "fonti", False,
          "Source: Avviato un tavolo di confronto presso la Prefettura di Torino", kind="quotes",
          meaning="I passi di docs/source/ da cui vengono i fatti del testo, copiati parola per "
          "parola, uno per riga (dalla seconda riga rientrano di 4 spazi); nessuna se la pagina "
          "non parla della rete. Solo nei file in italiano: vedi «Regole per scrivere» nella guida.",
          original_only=True),
    Field("image", "immagine", False, "Image: immagini/assemblea-2025.jpg", kind="file",
          meaning="Una foto o un'immagine: il file va messo in content/immagini/."),
    Field("image_alt", "testo alternativo dell'immagine", False,
          "Image_alt: Le operatrici degli enti in assemblea, sedute in cerchio",
          meaning="Cosa mostra l'immagine, per chi non la vede.",
          translatable=True),
    Field("image_people", "persone riconoscibili nella foto", False, "Image_people: sì",
          kind="people", choices=PEOPLE,
          meaning="sì se nell'immagine si riconoscono delle persone, no se non ce ne sono "
          "(anche per immagini decorative e disegni): obbligatorio con Image."),
    Field("image_consent", "riferimento al consenso", False, f"Image_consent: {CONSENT_EXAMPLE}",
          kind="consent",
          meaning="Il riferimento d'archivio della liberatoria firmata dalle persone "
          "riconoscibili: sigla, anno, numero (mai un nome)."),
    Field("body_images", "immagini nel testo", False,
          f"Body_images: immagini/assemblea-2025.jpg | sì | {CONSENT_EXAMPLE}", kind="images",
          scaffold=False,
          meaning="Per ogni immagine messa nel testo, una riga «file | sì o no | liberatoria»: "
          "sì se si riconoscono delle persone (allora serve il riferimento della liberatoria), "
          "no se non ce ne sono; le righe dopo la prima rientrano di 4 spazi."),
    Field("todo", "cose da completare", False, "Todo: indirizzo email della rete; telefono",
          meaning="Cosa manca ancora, separato da punto e virgola: lo elenca `make content-todo`."),
    Field("slug", "indirizzo", False, "Slug: objectifs", kind="slug", scaffold=False,
          meaning="Solo per dare a una traduzione un indirizzo diverso dal nome del file."),
    Field("status", "stato", False, "Status: draft", kind="choice", scaffold=False,
          choices=(("published", "pubblicata (è il valore normale)"),
                   ("draft", "bozza: non viene pubblicata"),
                   ("hidden", "nascosta: pubblicata ma fuori dagli elenchi")),
          meaning="Con draft il file resta fuori dal sito finché non è pronto."),
)
ALIASES_FIELD = Field(
    "aliases", "indirizzi precedenti", False, "Aliases: /campagne/vecchio-nome/", kind="aliases",
    scaffold=False,
    meaning="Gli indirizzi che la pagina aveva prima, uno per riga (dalla seconda riga rientrano "
    "di 4 spazi): chi li apre, anche da un codice QR stampato, arriva qui. Vanno aggiunti quando "
    "si rinomina il file; il controllo lo chiede.",
)
# Types whose items have a page of their own get Aliases; data-only types (risultati) do not.
PAGE_TAIL = (ALIASES_FIELD,) + TAIL
COMMON = HEAD + PAGE_TAIL

PRINT_FIELD = Field(
    "print", "materiali da stampare", False, "Print: sì", kind="choice",
    choices=(("sì", "un manifesto A4 e un volantino A5 con il codice QR"), ("no", "nessuno")),
    scaffold=False,
    meaning="sì per avere un manifesto A4 e un volantino A5 in PDF, con il codice QR della "
    "pagina; le campagne li hanno sempre, salvo Print: no.",
)

MEMBERS_FIELD = Field(
    "members", "enti coinvolti", False, "Members: babel, cisv", kind="members",
    meaning="Gli enti della rete coinvolti: il nome del loro file in content/membri/, senza .md.",
)

CONTRACT: dict[str, tuple[Field, ...]] = {
    "news": HEAD
    + (
        Field("date", "data di pubblicazione", True, "Date: 2025-03-01", kind="date",
              meaning="Il giorno in cui la notizia è pubblicata (AAAA-MM-GG)."),
        Field("category", "categoria", True, "Category: Rete",
              meaning="Una sola categoria, per esempio Rete o Eventi.",
          translatable=True),
        Field("tags", "argomenti", False, "Tags: accoglienza, SAI", kind="list",
              meaning="Parole chiave separate da virgole.",
          translatable=True),
        Field("modified", "data di aggiornamento", False, "Modified: 2025-03-02", kind="date",
              scaffold=False,
              meaning="Il giorno dell'ultima modifica importante; aggiungilo solo quando aggiorni."),
        MEMBERS_FIELD,
        PRINT_FIELD,
    )
    + PAGE_TAIL,
    "page": HEAD + (PRINT_FIELD,) + PAGE_TAIL,
    "campaign": HEAD
    + (
        Field("campaign_status", "stato della campagna", True, "Campaign_status: active",
              kind="choice", choices=(("active", "in corso"), ("past", "conclusa")),
              meaning="active se la campagna è in corso, past se è conclusa."),
        Field("start", "data di inizio", False, "Start: 2025-03-01", todo=True, kind="day",
              meaning="Il primo giorno della campagna (AAAA-MM-GG)."),
        Field("end", "data di fine", False, "End: 2025-06-30", todo=True, kind="day",
              meaning="L'ultimo giorno della campagna; non prima di Start."),
        Field("cta_label", "testo del pulsante", True, "Cta_label: Partecipa",
              meaning="Il testo del pulsante che invita ad agire.",
          translatable=True),
        Field("cta_url", "collegamento del pulsante", True, "Cta_url: {filename}/pagine/contatti.md",
              kind="link", meaning="Dove porta il pulsante: una pagina del sito o un indirizzo https://."),
        Field("materials", "materiali da scaricare", False,
              "Materials: Volantino (PDF) | {static}/materiali/volantino.pdf", todo=True,
              kind="materials",
              meaning="Un materiale per riga, «Titolo | collegamento»; le righe dopo la prima rientrano di 4 spazi.",
          translatable=True),
        MEMBERS_FIELD,
        PRINT_FIELD,
    )
    + PAGE_TAIL,
    "member": HEAD
    + (
        Field("legal_form", "forma giuridica", False, "Legal_form: Cooperativa Sociale", todo=True,
              meaning="La forma giuridica dell'ente, solo se l'ente la conferma: non si ricava dal nome.",
          translatable=True),
        Field("city", "città", False, "City: Torino", todo=True,
              meaning="La città della sede, solo se l'ente la conferma: l'annuncio dice dove gli enti lavorano, non dove hanno sede.",
          translatable=True),
        Field("website", "sito web", False, "Website: https://www.esempio.it", todo=True,
              kind="url", meaning="Il sito dell'ente, con https://."),
        Field("logo", "logo", False, "Logo: immagini/loghi/esempio.png", todo=True, kind="file",
              meaning="Il logo: il file va messo in content/immagini/loghi/."),
        Field("logo_people", "persone riconoscibili nel logo", False, "Logo_people: no",
              kind="people", choices=PEOPLE,
              meaning="no se nel logo non si riconoscono persone (quasi sempre), sì se "
              "mostra persone riconoscibili: obbligatorio con Logo."),
        Field("logo_consent", "riferimento al consenso per il logo", False,
              f"Logo_consent: {CONSENT_EXAMPLE}", kind="consent",
              meaning="Con Logo_people: sì, il riferimento d'archivio della liberatoria."),
    )
    + PAGE_TAIL,
    "achievement": HEAD
    + (
        Field("order", "posizione nell'elenco", True, "Order: 3", kind="integer",
              meaning="La posizione nell'elenco dei risultati senza data (1, 2, 3…)."),
        Field("date", "data", False, "Date: 2025-03-01", todo=True, kind="date",
              meaning="Il giorno del risultato, se si conosce (AAAA-MM-GG)."),
    )
    + TAIL,
    "event": HEAD
    + (
        Field("start", "inizio", True, "Start: 2025-05-10 18:00", kind="datetime",
              meaning="Giorno e ora di inizio (AAAA-MM-GG HH:MM), ora di Torino: il sito sa da "
              "sé se è ora legale."),
        Field("end", "fine", False, "End: 2025-05-10 20:00", kind="datetime",
              meaning="Giorno e ora di fine, non prima dell'inizio. Senza fine l'evento passa "
              "tra quelli passati il giorno dopo."),
        Field("place", "luogo", True, "Place: Sala del quartiere, via Esempio 1, Torino",
              meaning="Dove si svolge: il nome del luogo e l'indirizzo, come si scrive su un "
              "invito.", translatable=True),
        Field("accessibility", "accessibilità del luogo", False,
              "Accessibility: Sala al piano terra, senza gradini; bagno accessibile.", todo=True,
              meaning="Come si arriva e si entra: gradini, ascensore, bagno accessibile, "
              "interpretariato. Solo quello che si sa di certo.", translatable=True),
        Field("organizers", "enti che organizzano", False, "Organizers: babel, cisv",
              kind="members",
              meaning="Gli enti della rete che organizzano: il nome del loro file in "
              "content/membri/, senza .md."),
        Field("campaign", "campagna", False, "Campaign: un-estate-di-accoglienza",
              kind="campaign",
              meaning="La campagna di cui fa parte: il nome del suo file in content/campagne/, "
              "senza .md."),
        Field("registration", "iscrizione", False,
              "Registration: https://www.esempio.org/iscrizione", kind="link",
              meaning="Dove ci si iscrive: una pagina del sito o un indirizzo https://. Se non "
              "serve iscriversi, lascialo vuoto."),
        PRINT_FIELD,
    )
    + PAGE_TAIL,
}



@dataclass(frozen=True)
class Requires:
    """When `field` has a value (one of `when`, if given), `needs` must have one too.
    `code`: the editors' message that explains it (messages.py), if not `needs-<needs>`."""

    field: str
    needs: str
    when: tuple[str, ...] = ()
    code: str = ""


@dataclass(frozen=True)
class NotBefore:
    """The date in `later` must not come before the date in `earlier`."""

    later: str
    earlier: str


RULES = (
    Requires("image", "image_alt"),
    Requires("image", "image_people", code="needs-people"),
    Requires("image_people", "image_consent", when=YES, code="needs-consent"),
    Requires("logo", "logo_people", code="needs-people"),
    Requires("logo_people", "logo_consent", when=YES, code="needs-consent"),
    NotBefore("end", "start"),
    NotBefore("modified", "date"),
)

# Fields Pelican understands but editors never write: the file name and settings decide them.
# name -> message code with the explanation (messages.py).
RESERVED = {
    "lang": "reserved-lang",
    "template": "reserved-template",
    "url": "reserved-address",
    "save_as": "reserved-address",
    "author": "reserved-author",
    "authors": "reserved-author",
    "key": "reserved-key",
}

# Pelican parses these itself, as dates, before any plugin sees them: an empty value would stop
# the build, so the validator never lets one through (even where the field is optional).
PELICAN_DATES = ("date", "modified")

# The most a content file may weigh; longer text is almost always a pasted document or a
# binary file saved as .md (the longest real page is under 10 kB).
MAX_FILE_BYTES = 1_000_000


def prints(content_type: str, value: object) -> bool:
    """Whether an item gets print materials: campaigns always (unless `Print: no`), every
    other type with pages only with `Print: sì`."""
    written = str(value or "").strip().casefold()
    if content_type == "campaign":
        return written != "no"
    return written in YES


def status_of(value: object, inherited: str = "published") -> str:
    """An item's effective Status: as written (Pelican lowercases it), else what it inherits.
    A translation inherits its original's: it is published, hidden or drafted with it."""
    written = str(value or "").strip().lower()
    return written or inherited


def fields_by_name(content_type: str) -> dict[str, Field]:
    return {f.name: f for f in CONTRACT[content_type]}


def all_field_names() -> set[str]:
    return {f.name for fields in CONTRACT.values() for f in fields}



def todo_fields(content_type: str, metadata: Mapping[str, Any]) -> list[str]:
    """What editors still have to fill in: empty fields marked todo, plus a Todo list."""
    items = [f.label for f in CONTRACT[content_type] if f.todo and not metadata.get(f.name)]
    extra = metadata.get("todo") or ""
    items += [part.strip() for part in str(extra).split(";") if part.strip()]
    return items


def editing_table(content_type: str) -> str:
    """The Markdown table of a type's fields, as docs/EDITING.md shows it."""
    rows = ["| campo | significato | obbligatorio | esempio |", "| --- | --- | --- | --- |"]
    for f in CONTRACT[content_type]:
        required = "sì" if f.required else _conditional(f.name) or "no"
        cells = (f"`{f.title}`", f.meaning, required, f"`{f.example}`")
        # A | inside a cell ends it, even in code: GitHub's tables want it escaped.
        rows.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(rows)


def _conditional(name: str) -> str:
    for rule in RULES:
        if isinstance(rule, Requires) and rule.needs == name:
            if rule.when:
                return f"se `{rule.field.capitalize()}` è {rule.when[0]}"
            return f"se c'è `{rule.field.capitalize()}`"
    return ""

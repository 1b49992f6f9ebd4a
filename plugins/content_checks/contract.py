"""The front-matter contract of every content type: the one place that says which fields
exist, which are required and what they look like. The build checks content against it,
`make content-todo` reports what is still empty, and docs/EDITING.md documents it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Field:
    name: str  # as written in front matter, case-insensitive
    label: str  # Italian, for editors' messages
    required: bool
    example: str
    todo: bool = False  # an empty value is reported by `make content-todo`


COMMON = (
    Field("title", "titolo", True, "Title: Chi siamo"),
    Field("summary", "riassunto", True, "Summary: Una frase che riassume la pagina."),
    Field("todo", "cose da completare", False, "Todo: indirizzo email della rete; telefono"),
)

CONTRACT: dict[str, tuple[Field, ...]] = {
    "news": COMMON
    + (
        Field("date", "data di pubblicazione", True, "Date: 2025-03-01"),
        Field("category", "categoria", True, "Category: Rete"),
        Field("tags", "argomenti", False, "Tags: accoglienza, SAI"),
        Field("modified", "data di aggiornamento", False, "Modified: 2025-03-02"),
    ),
    "page": COMMON,
    "campaign": COMMON
    + (
        Field("campaign_status", "stato della campagna", True, "Campaign_status: active"),
        Field("start", "data di inizio", False, "Start: 2025-03-01", todo=True),
        Field("end", "data di fine", False, "End: 2025-06-30", todo=True),
        Field("cta_label", "testo del pulsante", True, "Cta_label: Partecipa"),
        Field("cta_url", "collegamento del pulsante", True, "Cta_url: {filename}/pagine/contatti.md"),
        Field("materials", "materiali da scaricare", False,
              "Materials: Volantino (PDF) | {static}/materiali/volantino.pdf", todo=True),
    ),
    "member": COMMON
    + (
        Field("legal_form", "forma giuridica", False, "Legal_form: Cooperativa Sociale", todo=True),
        Field("city", "città", False, "City: Torino", todo=True),
        Field("website", "sito web", False, "Website: https://www.esempio.it", todo=True),
        Field("logo", "logo", False, "Logo: immagini/loghi/esempio.png", todo=True),
    ),
    "achievement": COMMON
    + (
        Field("order", "posizione nell'elenco", True, "Order: 3"),
        Field("date", "data", False, "Date: 2025-03-01", todo=True),
    ),
}


def missing_required(content_type: str, metadata: dict) -> list[Field]:
    """Required fields that are absent or empty."""
    return [f for f in CONTRACT[content_type] if f.required and not metadata.get(f.name)]


def todo_fields(content_type: str, metadata: dict) -> list[str]:
    """What editors still have to fill in: empty fields marked todo, plus a Todo list."""
    items = [f.label for f in CONTRACT[content_type] if f.todo and not metadata.get(f.name)]
    extra = metadata.get("todo") or ""
    items += [part.strip() for part in str(extra).split(";") if part.strip()]
    return items

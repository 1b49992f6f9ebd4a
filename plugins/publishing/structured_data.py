"""Schema.org JSON-LD for search engines and link previews: the network as an Organization with
its members, news as NewsArticle, dated campaigns as Event. Only facts the content holds."""

from __future__ import annotations

from markupsafe import Markup


def _text(value) -> str:
    return Markup(str(value or "")).striptags()


def organization(origin: str, name: str, alternate_name: str, home_url: str, members) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": name,
        "alternateName": alternate_name,
        "url": f"{origin}/{home_url}",
        "member": [
            {"@type": "Organization", "name": _text(m.title), "@id": f"{origin}/{m.url}"}
            for m in members
        ],
    }


def news_article(origin: str, publisher: dict, article) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": _text(article.title),
        "description": _text(article.summary),
        "inLanguage": article.lang,
        "datePublished": article.date.isoformat(),
        "mainEntityOfPage": f"{origin}/{article.url}",
        "publisher": publisher,
    }
    modified = getattr(article, "modified", None)
    if modified:
        data["dateModified"] = modified.isoformat()
    return data


def event(origin: str, organizer: dict, campaign) -> dict | None:
    """A campaign with a start date is an event; without one it is not (nothing is invented)."""
    if not getattr(campaign, "start", None):
        return None
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": _text(campaign.title),
        "description": _text(campaign.summary),
        "inLanguage": campaign.lang,
        "startDate": campaign.start.isoformat(),
        "url": f"{origin}/{campaign.url}",
        "organizer": organizer,
    }
    if getattr(campaign, "end", None):
        data["endDate"] = campaign.end.isoformat()
    return data


def scheduled_event(origin: str, network: dict, item) -> dict:
    """An event of content/eventi/ (plugins/events gives it `when`): an in-person Event with
    its place as written, organised by its members (else by the network)."""
    organizers = [
        {"@type": "Organization", "name": _text(m.title), "url": f"{origin}/{m.url}"}
        for m in getattr(item, "organizers_found", None) or ()
    ]
    place = _text(getattr(item, "place", ""))
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": _text(item.title),
        "description": _text(item.summary),
        "inLanguage": item.lang,
        "startDate": item.when.start.isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": {"@type": "Place", "name": place, "address": place},
        "url": f"{origin}/{item.url}",
        "organizer": organizers or network,
    }
    if item.when.end is not None:
        data["endDate"] = item.when.end.isoformat()
    # No "offers": whether an event is free is a fact only its page may state.
    return data

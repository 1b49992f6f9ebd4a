"""HTTP headers the host must send, written with the site: `_headers` (Netlify, Cloudflare
Pages) here; docs/deploy.md gives the same values for nginx (a test keeps them equal)."""

from __future__ import annotations

import fnmatch
from collections.abc import Mapping

DIALECTS = ("cloudflare", "netlify")


def csp_value(directives: dict[str, list[str]]) -> str:
    """{'default-src': ["'self'"], …} -> "default-src 'self'; …" in the given order."""
    return "; ".join(f"{name} {' '.join(values)}".strip() for name, values in directives.items())


def render_headers_file(headers: dict[str, str], long_cache_paths: list[str],
                        path_headers: Mapping[str, Mapping[str, str]] | None = None,
                        dialect: str = "cloudflare") -> str:
    """Netlify/Cloudflare `_headers`: the security headers on every path, a year of caching
    for paths whose files are named by their content hash, then paths with headers of their
    own. Cloudflare Pages sends every matching rule's headers and joins two values of one
    header with a comma (two Content-Security-Policy values would both be enforced), so a
    path's own value first detaches the site-wide one (`! Name`, Cloudflare's syntax). Netlify
    uses the later rule's value and does not document `!`: its dialect leaves those lines out."""
    if dialect not in DIALECTS:
        raise ValueError(f"PUBLISHING_HEADERS_DIALECT must be one of {DIALECTS}, not {dialect!r}.")
    lines = ["/*"]
    lines += [f"  {name}: {value}" for name, value in headers.items()]
    for path in long_cache_paths:
        lines += [path, "  Cache-Control: public, max-age=31536000, immutable"]
    for path, own in (path_headers or {}).items():
        lines.append(path)
        if dialect == "cloudflare":
            lines += [f"  ! {name}" for name in own if name in headers]
        lines += [f"  {name}: {value}" for name, value in own.items()]
    return "\n".join(lines) + "\n"


def parse_headers_file(text: str) -> dict[str, dict[str, str]]:
    """The inverse, for tests and tools: {path pattern: {header: value}}; a detached header
    is recorded as {'! Name': ''}."""
    rules: dict[str, dict[str, str]] = {}
    current: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            current = rules.setdefault(line.strip(), {})
        elif line.strip().startswith("!"):
            current["! " + line.strip()[1:].strip()] = ""
        else:
            name, _, value = line.strip().partition(":")
            current[name.strip()] = value.strip()
    return rules


def headers_for(rules: Mapping[str, Mapping[str, str]], path: str) -> dict[str, str]:
    """The headers Cloudflare Pages sends for `path`: every matching rule in order, a detached
    header removed, two values of one header joined with a comma."""
    sent: dict[str, str] = {}
    for pattern, headers in rules.items():
        if not fnmatch.fnmatchcase(path, pattern):
            continue
        for name, value in headers.items():
            if name.startswith("! "):
                sent = {k: v for k, v in sent.items() if k.lower() != name[2:].lower()}
                continue
            key = next((k for k in sent if k.lower() == name.lower()), name)
            sent[key] = f"{sent[key]}, {value}" if key in sent else value
    return sent

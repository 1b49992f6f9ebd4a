"""The HTTP headers the site asks of its host, computed once from the settings, and written in
every form a host reads: Netlify's and Cloudflare's `_headers` (plugins/publishing), an nginx
configuration (docs/deploy.md, kept equal by tests/test_publishing.py), the preview server's
responses (rart_tools/serve.py), and, for hosts that send no headers at all (GitHub Pages), a
<meta http-equiv="Content-Security-Policy"> in every page with what a meta element can carry.

Rules are {path pattern: {header: value}} in `_headers` syntax ("/*", "/theme/*"); every path
gets the "/*" headers, and a path's own rule adds to them (PUBLISHING_PATH_HEADERS in
pelicanconf.py, e.g. the browser editor's own policy on /admin/*).
"""

from __future__ import annotations

import fnmatch
from collections.abc import Mapping

ALL = "/*"
LONG_CACHE = "public, max-age=31536000, immutable"
DIALECTS = ("cloudflare", "netlify")
# Directives a <meta> policy cannot carry: the browser ignores them there (CSP Level 3, §3.3).
META_IGNORED = ("frame-ancestors", "report-uri", "report-to", "sandbox")


def csp_value(directives: Mapping[str, list[str]]) -> str:
    """{'default-src': ["'self'"], 'upgrade-insecure-requests': []} ->
    "default-src 'self'; upgrade-insecure-requests", in the given order."""
    return "; ".join(f"{name} {' '.join(values)}".strip() for name, values in directives.items())


def meta_csp(directives: Mapping[str, list[str]]) -> str:
    """The policy for <meta http-equiv="Content-Security-Policy">."""
    return csp_value({k: v for k, v in directives.items() if k not in META_IGNORED})


def render_headers_file(headers: Mapping[str, str], long_cache_paths: list[str],
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
    lines = [ALL]
    lines += [f"  {name}: {value}" for name, value in headers.items()]
    for path in long_cache_paths:
        lines += [path, f"  Cache-Control: {LONG_CACHE}"]
    for path, own in (path_headers or {}).items():
        lines.append(path)
        if dialect == "cloudflare":
            lines += [f"  ! {name}" for name in own if name in headers]
        lines += [f"  {name}: {value}" for name, value in own.items()]
    return "\n".join(lines) + "\n"


def headers_file(settings: Mapping[str, object]) -> str:
    """`_headers` from PUBLISHING_CSP, PUBLISHING_HEADERS, PUBLISHING_LONG_CACHE_PATHS,
    PUBLISHING_PATH_HEADERS (a policy given as a dict of directives becomes its value) and
    PUBLISHING_HEADERS_DIALECT."""
    csp = settings["PUBLISHING_CSP"]
    extra = settings["PUBLISHING_HEADERS"]
    assert isinstance(csp, Mapping) and isinstance(extra, Mapping)
    headers = {"Content-Security-Policy": csp_value(csp), **extra}
    own = settings.get("PUBLISHING_PATH_HEADERS") or {}
    assert isinstance(own, Mapping)
    path_headers = {
        str(path): {name: csp_value(value) if isinstance(value, Mapping) else str(value)
                    for name, value in values.items()}
        for path, values in own.items()
    }
    long_cache = [str(p) for p in settings.get("PUBLISHING_LONG_CACHE_PATHS") or ()]  # type: ignore[attr-defined]
    dialect = str(settings.get("PUBLISHING_HEADERS_DIALECT", "cloudflare"))
    return render_headers_file(headers, long_cache, path_headers, dialect)


def header_rules(settings: Mapping[str, object]) -> dict[str, dict[str, str]]:
    """{path pattern: headers}, exactly what `_headers` says."""
    return parse_headers_file(headers_file(settings))


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


def nginx_config(rules: Mapping[str, Mapping[str, str]]) -> str:
    """The same headers as nginx `location` blocks. nginx drops a server's add_header lines in
    any location that has its own, so every block repeats the security headers."""
    blocks = []
    for path in [ALL] + [p for p in rules if p != ALL]:
        location = "/" if path == ALL else path.rstrip("*")
        values = headers_for(rules, location)
        lines = [f'    add_header {name} "{value}" always;' for name, value in values.items()]
        blocks.append(f"location {location} {{\n" + "\n".join(lines) + "\n}")
    return "\n".join(blocks) + "\n"

"""The HTTP headers the site asks of its host, computed once from the settings, and written in
every form a host reads: Netlify's and Cloudflare's `_headers` (plugins/publishing), an nginx
configuration (docs/deploy.md, kept equal by tests/test_publishing.py), the preview server's
responses (rart_tools/serve.py), and, for hosts that send no headers at all (GitHub Pages), a
<meta http-equiv="Content-Security-Policy"> in every page with what a meta element can carry.

Rules are {path pattern: {header: value}} in `_headers` syntax ("/*", "/theme/*"); every path
gets the "/*" headers, and a path's own rule adds to them (PUBLISHING_PATH_HEADERS in
pelicanconf.py adds rules, e.g. a stricter policy for a folder).
"""

from __future__ import annotations

import fnmatch
from collections.abc import Mapping

ALL = "/*"
LONG_CACHE = "public, max-age=31536000, immutable"
# Directives a <meta> policy cannot carry: the browser ignores them there (CSP Level 3, §3.3).
META_IGNORED = ("frame-ancestors", "report-uri", "report-to", "sandbox")


def csp_value(directives: Mapping[str, list[str]]) -> str:
    """{'default-src': ["'self'"], 'upgrade-insecure-requests': []} ->
    "default-src 'self'; upgrade-insecure-requests", in the given order."""
    return "; ".join(f"{name} {' '.join(values)}".strip() for name, values in directives.items())


def meta_csp(directives: Mapping[str, list[str]]) -> str:
    """The policy for <meta http-equiv="Content-Security-Policy">."""
    return csp_value({k: v for k, v in directives.items() if k not in META_IGNORED})


def header_rules(settings: Mapping[str, object]) -> dict[str, dict[str, str]]:
    """{path pattern: headers} from PUBLISHING_CSP, PUBLISHING_HEADERS,
    PUBLISHING_LONG_CACHE_PATHS and PUBLISHING_PATH_HEADERS."""
    csp = settings["PUBLISHING_CSP"]
    headers = settings["PUBLISHING_HEADERS"]
    assert isinstance(csp, Mapping) and isinstance(headers, Mapping)
    rules: dict[str, dict[str, str]] = {ALL: {"Content-Security-Policy": csp_value(csp), **headers}}
    for path in settings.get("PUBLISHING_LONG_CACHE_PATHS") or ():  # type: ignore[attr-defined]
        rules.setdefault(str(path), {})["Cache-Control"] = LONG_CACHE
    extra = settings.get("PUBLISHING_PATH_HEADERS") or {}
    assert isinstance(extra, Mapping)
    for path, values in extra.items():
        rules.setdefault(str(path), {}).update(values)
    return rules


def headers_for(rules: Mapping[str, Mapping[str, str]], path: str) -> dict[str, str]:
    """Every header a request for `path` gets: "/*" first, then each matching rule's."""
    result: dict[str, str] = {}
    for pattern, values in rules.items():
        if pattern == ALL or fnmatch.fnmatchcase(path, pattern):
            result.update(values)
    return result


def render_headers_file(rules: Mapping[str, Mapping[str, str]]) -> str:
    """Netlify/Cloudflare `_headers`."""
    lines = []
    for path, values in rules.items():
        lines.append(path)
        lines += [f"  {name}: {value}" for name, value in values.items()]
    return "\n".join(lines) + "\n"


def parse_headers_file(text: str) -> dict[str, dict[str, str]]:
    """The inverse, for tests and tools: {path pattern: {header: value}}."""
    rules: dict[str, dict[str, str]] = {}
    current: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            current = rules.setdefault(line.strip(), {})
        else:
            name, _, value = line.strip().partition(":")
            current[name.strip()] = value.strip()
    return rules


def nginx_config(rules: Mapping[str, Mapping[str, str]]) -> str:
    """The same headers as nginx `location` blocks. nginx drops a server's add_header lines in
    any location that has its own, so every block repeats the security headers."""
    blocks = []
    for path in [ALL] + [p for p in rules if p != ALL]:
        location = "/" if path == ALL else path.rstrip("*")
        values = headers_for(rules, path if path != ALL else "/")
        lines = [f'    add_header {name} "{value}" always;' for name, value in values.items()]
        blocks.append(f"location {location} {{\n" + "\n".join(lines) + "\n}")
    return "\n".join(blocks) + "\n"

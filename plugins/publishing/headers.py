"""HTTP headers the host must send, written with the site: `_headers` (Netlify, Cloudflare
Pages) here; docs/deploy.md gives the same values for nginx (a test keeps them equal)."""

from __future__ import annotations


def csp_value(directives: dict[str, list[str]]) -> str:
    """{'default-src': ["'self'"], …} -> "default-src 'self'; …" in the given order."""
    return "; ".join(f"{name} {' '.join(values)}".strip() for name, values in directives.items())


def render_headers_file(headers: dict[str, str], long_cache_paths: list[str]) -> str:
    """Netlify/Cloudflare `_headers`: the security headers on every path, a year of caching
    for paths whose files are named by their content hash."""
    lines = ["/*"]
    lines += [f"  {name}: {value}" for name, value in headers.items()]
    for path in long_cache_paths:
        lines += [path, "  Cache-Control: public, max-age=31536000, immutable"]
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

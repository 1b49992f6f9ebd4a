"""The site's Pelican plugins: one package per build concern, each a thin adapter between
Pelican's public API (signals, generators, the items' public attributes) and the core (rart).
pelicanconf.py loads them by name (PLUGINS)."""

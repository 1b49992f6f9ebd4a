"""Production settings: the development settings, then only what differs when publishing."""

import os
import runpy

# The development settings, as if `from pelicanconf import *` (Pelican reads settings files by
# path, so the project folder need not be importable).
globals().update(
    {name: value for name, value in runpy.run_path(
        os.path.join(os.path.dirname(os.path.abspath(__file__)), "pelicanconf.py")).items()
     if name.isupper()}
)

# The public address is not a fact of this repository: CI passes it in the environment,
# e.g. SITEURL=https://rart.example.org make publish
SITEURL = os.environ.get("SITEURL", "").rstrip("/")
if not SITEURL.startswith(("https://", "http://")):
    raise SystemExit(
        "publishconf.py: set SITEURL to the site's public address, "
        "for example: SITEURL=https://www.example.org make publish"
    )
SITE_ORIGIN = SITEURL
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True
PUBLISHING_PRECOMPRESS = True

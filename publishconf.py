"""Production settings: the development settings, then only what differs when publishing."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *  # noqa: E402,F403

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

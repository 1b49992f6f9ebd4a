"""Fixture site: the project's settings, a small invented corpus, small pages for pagination."""

import os
import sys

FIXTURE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(os.path.dirname(FIXTURE)))

from pelicanconf import *  # noqa: E402,F403

PATH = os.path.join(FIXTURE, "content")
DEFAULT_PAGINATION = 2

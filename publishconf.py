"""Deployment settings: everything from pelicanconf.py, plus what only the public site needs.

The address comes from the environment so that CI and ``make publish`` need
no Python edits:

- ``WARTA_SITEURL``: the full public address, e.g. ``https://diskominfo-contoh.github.io/warta-kim``;
- ``WARTA_DOMAIN``: a custom domain, e.g. ``warta.example.go.id``; it is written to ``CNAME`` on the
  published branch and, when ``WARTA_SITEURL`` is not set, gives ``https://<domain>`` as the address.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))  # the pelicanconf.py beside this file
from pelicanconf import *

WARTA_PUBLISH_DOMAIN = os.environ.get("WARTA_DOMAIN", "").strip().lower()
SITEURL = (
    os.environ.get("WARTA_SITEURL", "").strip().rstrip("/")
    or (f"https://{WARTA_PUBLISH_DOMAIN}" if WARTA_PUBLISH_DOMAIN else "")
    or "https://warta-kim.example.org"
)
RELATIVE_URLS = False  # absolute links: pages, feeds and the 404 page work wherever they are served or copied
FEED_DOMAIN = SITEURL  # feed readers need absolute links
DELETE_OUTPUT_DIRECTORY = True  # never publish leftovers of an earlier build
WARTA_MITRA_LOCAL_ALLOWLIST = []  # publishing fetches nothing local: the demo's fixture server is for `make fetch-demo`

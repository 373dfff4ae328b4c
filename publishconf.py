"""Deployment settings: everything from pelicanconf.py, plus the public address."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *

# The public address of the portal; set WARTA_SITEURL in the environment or CI.
SITEURL = os.environ.get("WARTA_SITEURL", "https://warta-kim.example.org")
RELATIVE_URLS = False
FEED_DOMAIN = SITEURL
DELETE_OUTPUT_DIRECTORY = True

"""Pelican settings for Warta KIM (development and local preview).

The network's own identity (name, description, licence) lives in
``content/_data/jaringan.yml`` so that a Diskominfo administrator never has to
edit Python. This file holds what Pelican needs: paths, the public URL
scheme, plugins and theme. ``publishconf.py`` overrides it for deployment.
"""

SITEURL = ""
SITENAME = "Warta KIM"  # replaced by `nama` from content/_data/jaringan.yml
PATH = "content"
OUTPUT_PATH = "output"
THEME = "theme"
TIMEZONE = "Asia/Jakarta"
DEFAULT_LANG = "id"
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = False

# Plugins: explicit list, in signal order.
PLUGIN_PATHS = ["plugins"]
PLUGINS = [
    "warta_network",
    # after warta_network's fingerprints: corrections and replies extend them; before warta_images, so a
    # withdrawn story has left the article lists before any image, card, list or feed is made
    "warta_ralat",
    "warta_images",  # right after the check: derived images exist before any page or feed uses them
    "warta_cekfakta",  # after the check (and images): clarifications get their cards before pages and feeds
    "warta_theme",
    "warta_listings",
    "warta_stats",  # after the listings: gives /kim/ and each KIM page their figures
    "warta_partners",
    "warta_syndication",
    "warta_publish",
    "warta_admin",
    "warta_output",  # last: its writer renders what every plugin above queued
    "warta_search",  # after warta_output: on `finalized` it indexes the pages that writer has just rendered
]

# Content layout: every article lives in its KIM's folder.
ARTICLE_PATHS = ["kim"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["kim"]
READERS = {"rst": None, "html": None, "htm": None}  # articles are Markdown only
IGNORE_FILES = [".*", "__pycache__", "kim.yml"]
PATH_METADATA = ""
FILENAME_METADATA = ""  # the reader derives slug and date; Pelican would parse every file name with dateutil
USE_FOLDER_AS_CATEGORY = False

# Public URL scheme (stable: other sites link here).
ARTICLE_URL = "kim/{kim}/{slug}/"
ARTICLE_SAVE_AS = "kim/{kim}/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
DRAFT_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
INDEX_SAVE_AS = ""
DIRECT_TEMPLATES = []
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{url}page/{number}/", "{url}page/{number}/index.html"),
)
DEFAULT_PAGINATION = 10


def ARTICLE_ORDER_BY(article):
    """Newest first; ties broken by source path, since Pelican reads files in hash (random) order."""
    return (-article.date.timestamp(), article.relative_source_path)


PAGINATED_TEMPLATES = {"index": 12, "kim": None, "wilayah": None, "topik": None}

# Pelican's own taxonomies are replaced by KIM, wilayah and topik listings.
CATEGORY_SAVE_AS = CATEGORIES_SAVE_AS = ""
TAG_SAVE_AS = TAGS_SAVE_AS = ""
AUTHOR_SAVE_AS = AUTHORS_SAVE_AS = ""
ARCHIVES_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = MONTH_ARCHIVE_SAVE_AS = DAY_ARCHIVE_SAVE_AS = ""

# Feeds: Atom, RSS and JSON Feed per listing, written by warta_syndication.
# The public address of feeds, canonical links and share previews. A local build has none: its links are
# root-relative ("/kim/..."), so the folder works on any host and port (`kim sajikan`); publishconf.py and
# `kim terbitkan` set the real address, `kim pratinjau` its own (docs/user-guide/publishing.md, "Addresses").
FEED_DOMAIN = ""
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
CATEGORY_FEED_RSS = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TAG_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
FEED_MAX_ITEMS = 30

# Templates escape everything unless marked safe (article bodies are sanitised).
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True, "extensions": []}

# Warta KIM plugin settings: each plugin declares its own with types and defaults (plugins/*/settings.py,
# listed in docs/reference/settings.md); set one here only to change its default.

# The one local address `kim ambil` may use: the demo's fixture feeds (`make fetch-demo`). Every other
# loopback, private or link-local address is refused (plugins/warta_partners/addresses.py).
WARTA_MITRA_LOCAL_ALLOWLIST = ["127.0.0.1:8765"]

# Pelican's own content cache stays off: warta_network caches rendered bodies
# and warta_output fingerprints written pages, both under CACHE_PATH.
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
CACHE_PATH = ".cache"
ARTICLE_TRANSLATION_ID = None  # one language; equal slugs in two KIMs are not translations
PAGE_TRANSLATION_ID = None

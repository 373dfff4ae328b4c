"""``kim import``: WordPress (WXR), Blogger and saved HTML pages into a KIM's folder.

One module per source format (:mod:`wxr`, :mod:`blogger`, :mod:`html_page`)
produces :class:`~.model.SourcePost` objects; :mod:`cleaning` removes site
chrome with BeautifulSoup, :mod:`images` keeps images as local files or
credited links, :mod:`to_markdown` converts, :mod:`convert` writes the
article files and :mod:`command` is the command line.
"""

from .command import add_parser, run

__all__ = ["add_parser", "run"]

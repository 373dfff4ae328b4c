"""``kim impor``: WordPress (WXR), Blogger and saved HTML pages into a KIM's folder.

One module per source format (:mod:`wxr`, :mod:`blogger`, :mod:`html_page`)
produces :class:`~.model.SourcePost` objects (exports read through
:mod:`xmlrepair`, which repairs and reports common producer mistakes);
:mod:`cleaning` removes site chrome with BeautifulSoup and counts it,
:mod:`bylines` finds a page's author and date only where they are stated,
:mod:`fields` keeps titles, names and summaries as text, :mod:`images`
keeps images as local files or credited links, :mod:`to_markdown`
converts, :mod:`convert` writes the article files, :mod:`report` says what
happened and what needs a person, and :mod:`command` is the command line.
"""

from .command import add_parser, run

__all__ = ["add_parser", "run"]

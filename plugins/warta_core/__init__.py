"""Warta KIM's core library: the network model and the content check, without Pelican, Markdown or Jinja.

What ``kim periksa`` needs lives here (regions, topics, KIM profiles, article
and page validation, fact checks, images and SVG, YAML, limits, names and
dates, typed settings options, the problem report). ``warta_network`` adapts
it to Pelican; the Markdown renderer the check borrows from the build comes
through one extension point, :mod:`.renderer`. Importing a module here loads
nothing but the module and what it imports, never a plugin.
"""

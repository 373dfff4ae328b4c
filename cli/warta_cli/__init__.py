"""The ``kim`` command: checking, building and importing for the KIM network.

Not a Pelican plugin, so not under ``plugins/``: it checks through the core
library (``warta_core``) and builds by running Pelican with the plugins.
"""

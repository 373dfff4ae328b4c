"""The ``kim`` command: checking, building and importing for the KIM network."""

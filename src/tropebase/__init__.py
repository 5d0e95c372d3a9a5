"""tropebase: a trope wiki whose pages compile into facts."""

__version__ = "0.1.0"

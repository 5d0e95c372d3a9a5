"""The production settings with the counting auth backend (see counting_backend.py)."""

from tropebase.settings import *  # noqa: F403

AUTHENTICATION_BACKENDS = ["tests.web.counting_backend.CountingBackend"]

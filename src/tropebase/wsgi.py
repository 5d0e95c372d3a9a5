"""The WSGI application gunicorn serves."""

import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tropebase.settings")
application = get_wsgi_application()
get_resolver().url_patterns  # noqa: B018 - the views, the API and their modules: loaded now, not on a first request
# What is loaded by now lives as long as the worker: out of the garbage collector's sight, its full
# passes (every so many allocations while pages are served) no longer walk the whole application —
# they added ~50 ms to one uncached page in a hundred (`bench/read_bench.py`, docs/benchmarks.md).
gc.freeze()

"""An auth backend that notes every password check in a file, for test_limits_live.py: the server it
runs in is another process, so the count is kept where the test can read it."""

from __future__ import annotations

import os

from django.contrib.auth.backends import ModelBackend


class CountingBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        path = request.path if request is not None else "-"
        fd = os.open(os.environ["TROPEBASE_TEST_AUTH_LOG"], os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(fd, f"{path}\n".encode())  # one small O_APPEND write: lines from threads do not mix
        finally:
            os.close(fd)
        return super().authenticate(request, username=username, password=password, **kwargs)

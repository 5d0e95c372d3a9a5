#!/usr/bin/env python3
"""Screenshots of the main pages as a reader sees them, at 1280 and 390 px wide, into docs/screens/.

Loads the demo catalog into a throwaway wiki, serves it on 127.0.0.1 (port 8190 unless --port), and
drives Debian's Chromium with Playwright. Run from a checkout: `python3 scripts/screens.py`.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import threading
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, make_server

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screens"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
WIDTHS = ((1280, 900), (390, 844))
#: file name → (address, what to do first: None, "open" the folders, "night" mode, "login")
PAGES = {
    "home": ("/", None),
    "trope": ("/Main/ChekhovsGun", "open"),
    "work": ("/Film/TheLastTrain", "open"),
    "work-night": ("/Film/TheLastTrain", "night"),
    "history": ("/Main/ChekhovsGun/history", "login"),
    "edit": ("/Main/ChekhovsGun/edit", "login"),
    "search": ("/_/search?q=gun&full=1", None),
    "media": ("/_/media", None),
    "not-found": ("/ChekhovGun", None),
}


class _Quiet(WSGIRequestHandler):
    def log_message(self, *args) -> None:
        """No request log on the terminal."""


def serve(port: int) -> None:
    """Start the wiki with the demo catalog in a thread; a throwaway data folder."""
    os.environ["TROPEBASE_DATA"] = tempfile.mkdtemp(prefix="tropebase-screens-")
    os.environ.pop("DATABASE_URL", None)
    sys.path.insert(0, str(ROOT / "src"))
    from tropebase.cli import load_demo
    from tropebase.wiki.setup import prepare_database, setup_django

    setup_django()
    prepare_database()
    load_demo()
    from django.contrib.auth.models import User

    User.objects.create_user("reader", password="screens only, thrown away")
    from django.core.wsgi import get_wsgi_application

    server = make_server("127.0.0.1", port, get_wsgi_application(), handler_class=_Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()


def shoot(port: int) -> list[Path]:
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    written = []
    base = f"http://127.0.0.1:{port}"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        for width, height in WIDTHS:
            context = browser.new_context(base_url=base, viewport={"width": width, "height": height})
            tab = context.new_page()
            tab.goto("/_/login")
            tab.fill("input[name=username]", "reader")
            tab.fill("input[name=password]", "screens only, thrown away")
            tab.click("button[type=submit].primary")
            anonymous = browser.new_context(base_url=base, viewport={"width": width, "height": height})
            for name, (address, first) in PAGES.items():
                page = tab if first == "login" else anonymous.new_page()
                if first == "night":
                    page.goto("/")
                    page.evaluate("() => localStorage.setItem('tropebase.night', 'on')")
                page.goto(address)
                if first in ("open", "night") and page.locator(".folder-toggle-all").count():
                    page.locator(".folder-toggle-all").first.click()
                path = OUT / f"{name}-{width}.png"
                page.screenshot(path=str(path), full_page=False)
                written.append(path)
                if page is not tab:
                    page.close()
            anonymous.close()
            context.close()
        browser.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8190)
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        sys.exit(f"screens need Chromium at {CHROMIUM} (apt-get install chromium)")
    serve(args.port)
    for path in shoot(args.port):
        print(path.relative_to(ROOT))
    shutil.rmtree(os.environ["TROPEBASE_DATA"], ignore_errors=True)


if __name__ == "__main__":
    main()

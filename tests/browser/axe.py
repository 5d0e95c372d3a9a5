"""axe-core for the accessibility checks: found where TROPEBASE_AXE points, or installed once with npm
into tests/browser/.axe (ignored by git). Without npm the checks skip and say how to get it."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

FOLDER = Path(__file__).parent / ".axe"
AXE_VERSION = "4"


def axe_source() -> str:
    """The text of axe.min.js, installing it first when needed; skips the test when it cannot be had."""
    given = os.environ.get("TROPEBASE_AXE")
    path = Path(given) if given else FOLDER / "node_modules" / "axe-core" / "axe.min.js"
    if not path.exists() and not given:
        npm = shutil.which("npm")
        if npm is None:
            pytest.skip("accessibility checks need axe-core: install npm, or set TROPEBASE_AXE to axe.min.js")
        FOLDER.mkdir(exist_ok=True)
        done = subprocess.run([npm, "install", "--prefix", str(FOLDER), "--no-audit", "--no-fund", "--silent",
                               f"axe-core@{AXE_VERSION}"], capture_output=True, text=True, timeout=300)  # fmt: skip
        if done.returncode != 0 or not path.exists():
            pytest.skip(f"npm could not install axe-core: {done.stderr.strip()[:300]}")
    if not path.exists():
        pytest.skip(f"TROPEBASE_AXE points to {path}, which does not exist")
    return path.read_text(encoding="utf-8")


def serious_violations(tab, source: str) -> list[str]:
    """What axe finds on the tab's page at the serious or critical level, one line each. axe is run
    through the DevTools protocol (`evaluate`), which the page's Content-Security-Policy does not govern."""
    if not tab.evaluate("() => Boolean(window.axe)"):
        tab.evaluate(f"() => {{ {source}\n;window.axe = axe; }}")
    found = tab.evaluate("async () => (await axe.run(document)).violations")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in found
        if v["impact"] in ("serious", "critical")
    ]

"""The site works under its Content-Security-Policy — the reader's script, page images sized by the
markup, the admin — and the policy is really enforced: an inline script does not run."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from tropebase.wiki.store import save_page

from .people import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGE = """[[quoteright:240:/static/tropebase/nothing.png]]
[[caption-width-right:240:An umbrella, forgotten]]
Someone leaves an umbrella behind. [[spoiler:It was the butler's.]]
"""


def test_inline_script_is_refused_and_the_site_script_runs(new_tab, csp_violations):
    save_page("Main/ForgottenUmbrella", PAGE)
    tab = new_tab()
    tab.goto("/Main/ForgottenUmbrella")
    tab.evaluate(
        """() => { const s = document.createElement("script");
                   s.textContent = "document.body.dataset.injected = 'ran'";
                   document.body.append(s); }"""
    )
    assert tab.evaluate("() => document.body.dataset.injected") is None
    assert any("inline script" in v for v in csp_violations)
    csp_violations.clear()
    tab.click(".spoiler")  # site.js, from this site, runs
    assert "revealed" in tab.locator(".spoiler").get_attribute("class")
    assert tab.locator(".acaptionright").evaluate("e => getComputedStyle(e).width") == "240px"


def test_admin_pages_work_under_the_policy(new_tab):
    User.objects.create_superuser("boss", password=PASSWORD)
    tab = new_tab()
    tab.goto("/admin/login/?next=/admin/")
    tab.fill("input[name=username]", "boss")
    tab.fill("input[name=password]", PASSWORD)
    tab.click("input[type=submit]")
    tab.wait_for_url("**/admin/")
    tab.goto("/admin/auth/user/")
    tab.click("#result_list tbody th a")
    tab.wait_for_url("**/change/")
    assert tab.locator("input[name=username]").input_value() == "boss"


def test_the_api_docs_page_works_under_the_policy(new_tab, csp_violations):
    """Swagger UI's scripts and styles come from this site (Ninja's static files): nothing refused."""
    tab = new_tab()
    tab.goto("/api/v1/docs")
    tab.wait_for_selector(".opblock-summary-path", timeout=15000)
    assert tab.locator(".opblock-summary-path").count() >= 10
    assert csp_violations == []

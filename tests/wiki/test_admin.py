"""The admin shows pages, revisions and facts but changes nothing: writes go through the wiki's store."""

from __future__ import annotations

import pytest

from tropebase.wiki.models import Page
from tropebase.wiki.store import save_page

pytestmark = pytest.mark.django_db


def test_admin_lists_but_cannot_change(admin_client):
    page = save_page(
        "Main/ForgottenUmbrella", "An umbrella left behind.\n----\n* ''Film/Puddles'': on a bus."
    ).page
    for model in ("page", "revision", "example", "relation", "alias"):
        assert admin_client.get(f"/admin/wiki/{model}/").status_code == 200, model
    assert admin_client.get(f"/admin/wiki/page/{page.id}/change/").status_code == 200  # a read-only view
    response = admin_client.post(
        f"/admin/wiki/page/{page.id}/change/", {"kind": "work", "redirect_to": "Main/X"}
    )
    assert response.status_code == 403
    assert admin_client.get("/admin/wiki/page/add/").status_code == 403
    assert Page.objects.get(id=page.id).kind == "trope"

"""Page tools for readers and editors: page source, undo and revert with a reason, user pages with
their contributions, the watchlist, and names typed without a namespace (`/ChekhovsGun`).

Views as everywhere: resolve, check access, call the read or write layer, render.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.views.decorators.http import require_POST

from ..markup.names import title_from_name, to_wikiword
from ..wiki import read, watch
from ..wiki import search as wiki_search
from ..wiki.models import Page
from ..wiki.store import ProtectedPage, UndoConflict, undo
from ..wiki.store import revert as revert_page
from .access import is_moderator, reader
from .views import PER_PAGE, _adult_gate, _posted_revision, show

#: suggestions a styled 404 offers for a name typed without a namespace
SUGGESTIONS = 8


def _readable(request, namespace: str, name: str) -> tuple[Page | None, HttpResponse | None]:
    """The page a URL names and the response to give instead when it is missing or gated."""
    _, page = read.lookup(namespace, name)
    if page is None or page.current is None:
        raise Http404("No such page")
    if not read.may_read(reader(request), page):
        return page, _adult_gate(request, page)
    return page, None


def source(request, namespace: str, name: str):
    """The markup of a page's current revision, as plain text: how a reader sees how it is written."""
    page, gate = _readable(request, namespace, name)
    if gate is not None:
        return gate
    return HttpResponse(page.current.text, content_type="text/plain; charset=utf-8")


def _editable(request, namespace: str, name: str) -> Page:
    """The page a signed-in editor acts on; 403 for anonymous readers and, on a protected page, for
    editors who are not moderators."""
    page, gate = _readable(request, namespace, name)
    if not request.user.is_authenticated or gate is not None:
        raise PermissionDenied("Log in to undo or revert changes.")
    if page.protected and not is_moderator(request.user):
        raise PermissionDenied("This page is protected: only moderators may change it.")
    return page


def _change_back(request, namespace: str, name: str, action, done: str, advice: str = "") -> HttpResponse:
    """Undo or revert (`action`) the posted revision of a page, with the editor's reason; back to the
    page when done, to its history with a message when the change could not be made."""
    page = _editable(request, namespace, name)
    old = _posted_revision(request, page)
    try:
        action(page, old.number, author=request.user, reason=request.POST.get("reason", ""),
               moderator=is_moderator(request.user))  # fmt: skip
    except UndoConflict as conflict:
        messages.error(request, f"{conflict} {advice}")
        return HttpResponseRedirect(f"{page.url}/history")
    except ProtectedPage:
        messages.error(request, "This page was protected meanwhile: only moderators may change it.")
        return HttpResponseRedirect(f"{page.url}/history")
    messages.success(request, f"{done} {old.number}.")
    return HttpResponseRedirect(page.url)


@require_POST
def revert(request, namespace: str, name: str):
    """Any editor (moderators on protected pages): make an earlier revision current again, saying why."""
    return _change_back(request, namespace, name, revert_page, "Reverted to revision")


@require_POST
def undo_view(request, namespace: str, name: str):
    """Any editor: take back one revision's change, keeping every later one."""
    return _change_back(request, namespace, name, undo, "Undid revision",
                        "Revert to an earlier revision, or edit the page by hand.")  # fmt: skip


def user_page(request, username: str):
    """A user's page: who they are and what they changed, newest first."""
    user = read.user_named(username)
    if user is None:
        raise Http404(f"There is no user {username[:60]}.")
    revisions = read.paginate(read.contributions(reader(request), user), request.GET.get("page"), PER_PAGE)
    rows = read.with_size_change(revisions)
    return show(request, "user.html", title=f"User {user.username}", person=user, revisions=revisions,
                rows=rows)  # fmt: skip


def watchlist(request):
    """The pages the signed-in user watches and the changes made to them."""
    if not request.user.is_authenticated:
        return HttpResponseRedirect(f"/_/login?{urlencode({'next': request.path})}")
    who = reader(request)
    changes = read.paginate(watch.watched_changes(who, request.user), request.GET.get("page"), PER_PAGE)
    return show(request, "watchlist.html", title="Watchlist", changes=changes,
                rows=read.with_size_change(changes), pages=watch.watched_pages(who, request.user))  # fmt: skip


@require_POST
def watch_view(request, namespace: str, name: str):
    """Watch a page, or stop watching it (`watch=0`)."""
    if not request.user.is_authenticated:
        return HttpResponseRedirect(f"/_/login?{urlencode({'next': f'/{namespace}/{name}'})}")
    page, gate = _readable(request, namespace, name)
    if gate is not None:
        return gate
    if request.POST.get("watch") == "0":
        watch.unwatch(request.user, page)
        messages.info(request, f"You no longer watch {page.title}.")
    else:
        watch.watch(request.user, page)
        messages.success(request, f"You watch {page.title}: its changes show on your watchlist.")
    return HttpResponseRedirect(page.url)


def bare_name(request, name: str):
    """A name typed without a namespace (`/ChekhovsGun`, `/Chekhov's Gun`): to the page it names when
    there is one, else a styled 404 that suggests the pages it may mean."""
    if name == "admin":  # the admin site's address without its slash
        return HttpResponseRedirect("/admin/")
    who = reader(request)
    exact = wiki_search.exact_pages(who, title_from_name(to_wikiword(name) or name))
    if len(exact) == 1:
        return HttpResponseRedirect(exact[0].url)
    results = wiki_search.search(who, title_from_name(to_wikiword(name) or name), 1, SUGGESTIONS)
    target = f"Main/{to_wikiword(name) or name}"
    return show(request, "not_here.html", status=404, title="Not found", name=name, target=target,
                hits=results.hits)  # fmt: skip

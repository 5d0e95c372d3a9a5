"""Reader and editor pages. Each view fetches what it shows and hands it to a template; the work is
done in tropebase.wiki (saving, facts) and tropebase.textmerge (edit conflicts)."""

from __future__ import annotations

import re
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.messages import get_messages
from django.core.exceptions import BadRequest, PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from ..markup.names import split_target, title_from_name, to_wikiword
from ..textmerge import has_conflict_markers
from ..wiki import avoid, pagecache, read, watch
from ..wiki import search as wiki_search
from ..wiki.edits import save_edit
from ..wiki.limits import PageRefused
from ..wiki.models import Page, Revision
from ..wiki.resolve import url_target
from ..wiki.store import (
    ProtectedPage,
    move_page,
    set_hidden,
    set_protected,
    set_rating,
)
from ..wiki.store import (
    preview as preview_html,
)
from . import find, templates
from .access import (
    is_moderator,
    login_attempt,
    login_succeeded,
    opt_in_adult,
    reader,
    signup_attempt,
)
from .forms import EditForm, SignupForm
from .present import example_html, without_lead
from .render import show


def _adult_gate(request, page: Page) -> HttpResponse:
    """The interstitial instead of an adult page: named only as its address spells it."""
    name = title_from_name(page.name)
    return show(request, "adult.html", status=200, title=name, name=name, page_url=page.url)


def _safe_next(request, default: str = "/") -> str:
    target = request.POST.get("next") or request.GET.get("next") or default
    return target if url_has_allowed_host_and_scheme(target, {request.get_host()}) else default


def _shared(request) -> bool:
    """May this request use the page cache shared by all anonymous readers? Not when it is signed in,
    and not when a message waits for it (left by an edit before logging out, say): its page shows that
    message, which must neither be stored for everyone nor be skipped by serving a stored page. Nor when
    the reader has an avoid list: their pages carry warnings and marks."""
    return not (request.user.is_authenticated or get_messages(request) or reader(request).avoid)


def home(request):
    """The front page: what the wiki holds and what changed lately (kept HOME_TIMEOUT seconds)."""
    if not _shared(request):
        return _home(request)
    variant = reader(request).cache_variant
    cached = pagecache.get(pagecache.HOME, variant)
    if cached is not None:
        return HttpResponse(cached)
    response = _home(request)
    pagecache.put(pagecache.HOME, variant, response.content.decode(), pagecache.HOME_TIMEOUT)
    return response


def _home(request):
    who = reader(request)
    tropes = read.front_tropes(who, 40)
    return show(request, "home.html", title="A trope wiki", counts=read.home_counts(who),
                recent=read.recent_changes(who, 12), tropes=tropes)  # fmt: skip


#: rows per page of the long lists
PER_PAGE = 100
INDEX_PER_PAGE = 200


def recent(request):
    """Recent changes across the wiki, a hundred at a time (paged without counting every revision)."""
    revisions = read.window(read.recent_changes(reader(request)), request.GET.get("page"), PER_PAGE)
    return show(request, "recent.html", title="Recent changes", revisions=revisions)


def random_page(request):
    """A random page, adult pages only for readers who opted in."""
    page = read.random_page(reader(request))
    return HttpResponseRedirect(page.url if page else "/")


def namespace_index(request, namespace: str):
    """Every page of a namespace, by title, a page at a time, with A–Z jumps."""
    letter, kind = request.GET.get("letter", "")[:1], request.GET.get("kind", "")[:20]
    ns, pages = read.namespace_pages(reader(request), namespace, letter, kind)
    pages = read.paginate(pages, request.GET.get("page"), INDEX_PER_PAGE)
    shown, marks, hidden = avoid.apply(reader(request), list(pages), key=lambda p: p.key)
    title = f"{ns} {kind} pages" if kind else f"{ns} pages"
    return show(request, "namespace.html", title=title, namespace=ns, kind=kind, pages=pages, shown=shown,
                marks=marks, hidden=hidden, letters=read.LETTERS, letter=letter.upper())  # fmt: skip


def media(request):
    """Every namespace with how many pages it holds."""
    return show(request, "media.html", title="Media", namespaces=read.namespaces(reader(request)))


def search(request):
    """The search box: an exact name goes straight to its page (unless `full=1`); anything else lists
    ranked matches. A query in the query language goes to its own page, when that language exists."""
    query = " ".join(request.GET.get("q", "").split())[:200]
    if _looks_like_query(query):
        return HttpResponseRedirect(f"/_/query?{urlencode({'q': query})}")
    who, number = reader(request), _page_number(request)
    if query and number == 1 and request.GET.get("full") != "1":
        exact = wiki_search.exact_pages(who, query)
        if len(exact) == 1:
            return HttpResponseRedirect(exact[0].url)
    results = wiki_search.search(who, query, number)
    return show(request, "search.html", title=f"Search: {query}" if query else "Search", results=results,
                **find.avoid_in_search(who, results))  # fmt: skip


def _looks_like_query(text: str) -> bool:
    """Does the text use the query language (`+Trope -Trope medium:…`)? Asked of tropebase.wiki.query
    when it is installed; plain search otherwise."""
    try:
        from ..wiki.query import looks_like_query
    except ImportError:
        return False
    return bool(text) and looks_like_query(text)


def _page_number(request) -> int:
    value = request.GET.get("page", "")[:6]
    return max(1, min(int(value), 10_000)) if value.isdigit() else 1


def _respelled(namespace: str, name: str, target: str) -> bool:
    """The URL spells its target another way than case (`Chekhovs%20Gun`, `Chekhovs-Gun`)."""
    return f"{namespace}/{name}".lower() != target.lower()


def page_view(request, namespace: str, name: str):
    """A page as readers see it: its text, then what other pages say about it. Anonymous readers get
    it from the shared page cache when it is there."""
    if request.GET or not _shared(request):
        return _page_view(request, namespace, name)
    key, variant = url_target(namespace, name).lower(), reader(request).cache_variant
    cached = pagecache.get(key, variant)
    if cached is not None:
        return HttpResponse(cached)
    response = _page_view(request, namespace, name)
    if getattr(response, "cacheable", False):
        pagecache.put(key, variant, response.content.decode())
    return response


def _page_view(request, namespace: str, name: str):
    target, page = read.lookup(namespace, name)
    if page is None or page.current is None:
        found = read.resolve(target)
        if found is not None and found.current is not None:
            return HttpResponseRedirect(f"{found.url}?{urlencode({'from': target})}")
        listers = read.listed_elsewhere(reader(request), target)
        return show(request, "missing.html", status=404, title=title_from_name(name), target=target,
                    listers=listers)  # fmt: skip
    if _respelled(namespace, name, page.target):
        query = f"?{request.GET.urlencode()}" if request.GET else ""
        return HttpResponseRedirect(page.url + query)
    if page.redirect_to:
        return HttpResponseRedirect(f"/{page.redirect_to}?{urlencode({'from': page.target})}")
    who = reader(request)
    if not read.may_read(who, page):
        return _adult_gate(request, page)
    revision = page.current
    if "rev" in request.GET:
        revision = _revision(page, request.GET["rev"], "rev")
        if revision.hidden and not who.moderator:
            raise Http404("This revision is hidden")
    came_from = request.GET.get("from", "")
    aliases = read.described_aliases(page)
    elsewhere = _shown(page, read.cross_listing(who, page))
    response = show(
        request,
        "page.html",
        title=page.title,
        page=page,
        revision=revision,
        aliases=aliases,
        aka=_aka(came_from, aliases),
        elsewhere=elsewhere,
        relations=read.relations(who, page),
        wicks=read.wicks(page),
        subpages=read.subpages(who, page),
        watching=watch.is_watching(request.user, page),
        **find.page_extras(who, page, elsewhere, revision),
    )
    response.cacheable = True
    return response


def _aka(came_from: str, aliases: list[str]) -> str:
    """The name the reader came by ("aka: NTR"), unless the page's other names already show it."""
    name = split_target(came_from)[1] if came_from else ""
    if not name or to_wikiword(name).lower() in {to_wikiword(a).lower() for a in aliases}:
        return ""
    return name


def _shown(page: Page, listing: dict[str, tuple[list, int]]) -> dict[str, tuple[list, int]]:
    """Cross-listed examples ready for the template: the lead the listing already shows is cut, and a
    bare trope list (the name says it all) shows no text."""
    for rows, _ in listing.values():
        for listed in rows:
            row = listed.example
            name = split_target(row.trope)[1] if row.trope else ""
            row.trope_title = listed.trope_title
            lead = row.work_title if page.kind == "work" else listed.trope_title
            text = without_lead(without_lead(row.text, lead), name)
            if text in (name, title_from_name(name)):
                text = ""
            row.html = example_html(text, row.spoilers)
    return {medium: ([listed.example for listed in rows], count) for medium, (rows, count) in listing.items()}


def related(request, namespace: str, name: str):
    """The pages that link here ("wicks")."""
    target, page = read.lookup(namespace, name)
    who = reader(request)
    if page is not None and not read.may_read(who, page):
        return _adult_gate(request, page)
    pages = read.paginate(read.backlinks(who, target, page), request.GET.get("page"), INDEX_PER_PAGE)
    return show(request, "related.html", title=f"Pages linking to {page.title if page else target}", target=target,
                page=page, pages=pages)  # fmt: skip


def listing(request, namespace: str, name: str):
    """The whole cross-listing of one medium on a page ("… and 617 more"), or the works listing a trope
    page that does not exist yet."""
    target, page = read.lookup(namespace, name)
    who, medium = reader(request), request.GET.get("medium", "")[:40]
    if page is not None and not read.may_read(who, page):
        return _adult_gate(request, page)
    rows = read.listing(who, page, medium) if page is not None else read.missing_listing(who, target, medium)
    rows = read.paginate(rows, request.GET.get("page"), INDEX_PER_PAGE)
    shown = read.with_trope_titles(page, rows) if page is not None else [read.Listed(r, "") for r in rows]
    listed = _shown(page, {medium: (shown, 0)})[medium][0] if page is not None else [r.example for r in shown]
    title = page.title if page else title_from_name(split_target(target)[1])
    return show(request, "listing.html", title=f"{title}: {medium or 'other'}", target=target, page=page,
                medium=medium, rows=rows, listed=listed)  # fmt: skip


def history(request, namespace: str, name: str):
    """Every revision of a page, newest first, with their authors and summaries."""
    _, page = read.lookup(namespace, name)
    if page is None:
        raise Http404("No such page")
    who = reader(request)
    if not read.may_read(who, page):
        return _adult_gate(request, page)
    revisions = read.paginate(read.history(who, page), request.GET.get("page"), PER_PAGE)
    return show(request, "history.html", title=f"History of {page.title}", page=page, revisions=revisions,
                rows=read.with_size_change(revisions))  # fmt: skip


def diff(request, namespace: str, name: str):
    """The lines that differ between two revisions."""
    _, page = read.lookup(namespace, name)
    if page is None:
        raise Http404("No such page")
    if not read.may_read(reader(request), page):
        return _adult_gate(request, page)
    a, b = _revision_number(request.GET.get("from"), "from"), _revision_number(request.GET.get("to"), "to")
    revisions = read.revisions_numbered(page, [a, b])
    if a not in revisions or b not in revisions:
        raise Http404(f"{page.title} has no revision {b if a in revisions else a}.")
    if (revisions[a].hidden or revisions[b].hidden) and not is_moderator(request.user):
        raise Http404("This revision is hidden")
    old, new = revisions[a], revisions[b]
    rows = read.diff_rows(old.text, new.text)
    return show(
        request, "diff.html", title=f"{page.title}: r{a} → r{b}", page=page, old=old, new=new, rows=rows
    )


def edit(request, namespace: str, name: str):
    """The edit form, its preview, and saving — merging with edits saved meanwhile."""
    if not request.user.is_authenticated:
        return HttpResponseRedirect(f"/_/login?{urlencode({'next': request.get_full_path()})}")
    target, page = read.edit_target(namespace, name)
    if request.method != "POST" and page is not None and _respelled(namespace, name, page.target):
        return HttpResponseRedirect(f"{page.url}/edit")
    if page is not None and not read.may_read(reader(request), page):
        return _adult_gate(request, page)
    moderator = is_moderator(request.user)
    if page is not None and page.protected and not moderator:
        return show(request, "protected.html", status=403, title=page.title, page=page)
    current = page.current if page else None
    if request.method != "POST":
        start = current.text if current else templates.starting_text(request.GET.get("template", ""), target)
        form = EditForm(initial={"text": start, "base": current.number if current else 0})
        return _edit_form(request, target, page, form)
    form = EditForm(request.POST)
    if not form.is_valid():
        return _edit_form(request, target, page, form, status=413 if _too_large(form) else 400)
    text, summary, base = (
        form.cleaned_data["text"],
        form.cleaned_data["summary"],
        form.cleaned_data["base"] or 0,
    )
    if base > (current.number if current else 0):  # a form from nowhere: merging it would invent a base
        form.add_error("base", f"This edit began from revision {base}, which {target} does not have.")
        return _edit_form(request, target, page, form, status=400)
    if "preview" in request.POST:
        return _edit_form(request, target, page, form, preview=preview_html(target, text))
    if has_conflict_markers(text):
        return _edit_form(request, target, page, form, status=409, markers=True)
    try:
        outcome = save_edit(
            target, text, base=base, author=request.user, summary=summary, moderator=moderator
        )
    except ProtectedPage:
        return show(request, "protected.html", status=403, title=page.title, page=page)
    except PageRefused as refused:  # a name or text the wiki cannot store: say why, keep the text
        form.add_error(None, str(refused))
        return _edit_form(request, target, page, form, status=400)
    if outcome.status == "conflict":
        return _conflict(request, target, page, outcome, text, summary)
    if outcome.status == "unchanged":
        messages.info(request, "No change: the text is the same as the current revision.")
    elif outcome.status == "merged":
        messages.success(
            request, f"Merged with the changes saved since you began (revision {outcome.merged_with})."
        )
    return HttpResponseRedirect(outcome.result.page.url)


def _too_large(form: EditForm) -> bool:
    return any("a page may hold at most" in e for e in form.errors.get("text", []))


def _conflict(request, target, page, outcome, text, summary):
    """Someone saved the same lines meanwhile: the merge with both sides marked goes in the edit box,
    the other editor's change is shown as a diff, and the editor's own text is given back whole."""
    theirs = outcome.theirs
    form = EditForm(initial={"text": outcome.conflict_text, "summary": summary, "base": theirs.number})
    conflict = {"yours": text, "number": theirs.number, "count": outcome.conflicts,
                "their_change": read.diff_rows(outcome.base_text, theirs.text)}  # fmt: skip
    return _edit_form(request, target, page or theirs.page, form, status=409, conflict=conflict)


def _edit_form(request, target, page, form, status=200, preview=None, conflict=None, markers=False):
    title = page.title if page else title_from_name(split_target(target)[1])
    return show(request, "edit.html", status=status, title=f"Editing {title}", target=target, page=page,
                templates=templates.TEMPLATES if page is None or page.current is None else {},
                form=form, preview=preview, conflict=conflict, markers=markers,
                limit=settings.PAGE_MAX_BYTES)  # fmt: skip


def _moderated(request, namespace: str, name: str, what: str) -> Page:
    """The page a moderator's action is about; PermissionDenied (403) for anyone else."""
    _, page = read.lookup(namespace, name)
    if page is None or not is_moderator(request.user):
        raise PermissionDenied(f"Only moderators may {what}.")
    return page


def _posted_revision(request, page: Page) -> Revision:
    return _revision(page, request.POST.get("number"), "number")


def _revision_number(value: str | None, what: str) -> int:
    """A revision number from the request parameter `what`: BadRequest (400) unless it is written as a
    whole number, Http404 when it is too big for any revision to have."""
    if not value or not re.fullmatch(r"[0-9]+", value):
        shown = repr(value[:40]) if value else "nothing"
        raise BadRequest(f"'{what}' must be a revision number (a whole number); it was {shown}.")
    digits = value.lstrip("0") or "0"
    if len(digits) > len(str(read.MAX_REVISION)) or int(digits) > read.MAX_REVISION:
        raise Http404(f"There is no revision {digits[:40]}.")
    return int(digits)


def _revision(page: Page, value: str | None, what: str) -> Revision:
    """The page's revision named by a request parameter; 400 or 404 with a message otherwise."""
    number = _revision_number(value, what)
    revision = read.revisions_numbered(page, [number]).get(number)
    if revision is None:
        raise Http404(f"{page.title} has no revision {number}.")
    return revision


@require_POST
def hide(request, namespace: str, name: str):
    """Moderators: hide a revision from readers (or show it again). The current one cannot be hidden."""
    page = _moderated(request, namespace, name, "hide revisions")
    revision = _posted_revision(request, page)
    try:
        set_hidden(revision, not revision.hidden)
    except ValueError as exc:
        messages.error(request, str(exc))
    return HttpResponseRedirect(f"{page.url}/history")


@require_POST
def protect(request, namespace: str, name: str):
    """Moderators: only moderators may edit a protected page."""
    page = _moderated(request, namespace, name, "protect pages")
    set_protected(page, request.POST.get("protected") == "1")
    return HttpResponseRedirect(page.url)


@require_POST
def rate(request, namespace: str, name: str):
    """Moderators: set a page's content rating."""
    page = _moderated(request, namespace, name, "rate pages")
    rating = request.POST.get("rating")
    if rating not in (Page.GENERAL, Page.ADULT):
        return HttpResponseBadRequest("The rating is general or adult.")
    set_rating(page, rating)
    return HttpResponseRedirect(page.url)


@require_POST
def adult_opt_in(request):
    """The reader confirms they are an adult and want adult pages shown."""
    opt_in_adult(request)
    return HttpResponseRedirect(_safe_next(request))


def login_view(request):
    """Log in; failed attempts are limited per address and per user name."""
    form = AuthenticationForm(request, data=request.POST or None)
    status = 200
    if request.method == "POST":
        username = request.POST.get("username", "")
        if not login_attempt(request, username):
            return login_blocked(request, _safe_next(request))
        if form.is_valid():  # the form checks the password, once
            login(request, form.get_user())
            login_succeeded(request, username)
            return HttpResponseRedirect(_safe_next(request))
        status = 400
    return show(
        request,
        "login.html",
        status=status,
        title="Log in",
        form=form,
        blocked=False,
        next=_safe_next(request),
    )


def login_blocked(request, next_url: str) -> HttpResponse:
    """The answer to a login attempt over the limit (also the admin's: see tropebase.web.adminsite)."""
    return show(request, "login.html", status=429, title="Log in", form=AuthenticationForm(request),
                blocked=True, next=next_url)  # fmt: skip


@require_POST
def logout_view(request):
    logout(request)
    return HttpResponseRedirect("/")


def signup(request):
    """Create an account; signed-in users can edit. Posts are limited per address."""
    if request.method == "POST" and not signup_attempt(request):
        return show(request, "signup.html", status=429, title="Sign up", form=SignupForm(), blocked=True,
                    next=_safe_next(request))  # fmt: skip
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return HttpResponseRedirect(_safe_next(request))
    return show(request, "signup.html", status=400 if request.method == "POST" else 200, title="Sign up", form=form,
                next=_safe_next(request))  # fmt: skip


def bad_request(request, exception):
    """400 for BadRequest and SuspiciousOperation raised anywhere: the reason, in the site's page."""
    return _error(request, 400, "Bad request", exception)


def not_found(request, exception):
    """404 with the reason a view gave (no such page, revision, …)."""
    return _error(request, 404, "Not found", exception)


def _error(request, status: int, title: str, exception) -> HttpResponse:
    message = exception.args[0] if exception.args and isinstance(exception.args[0], str) else ""
    if not hasattr(request, "user"):  # raised before the session was read: no site page to show
        return HttpResponse(f"{title}. {message}\n", status=status, content_type="text/plain; charset=utf-8")
    return show(request, "error.html", status=status, title=title, message=message)


def api_not_found(request, *args):
    """Any address under /api/ that no API operation answers (made JSON by ApiErrorsMiddleware)."""
    return HttpResponse(status=404)


def bench_static(request):
    """A constant 20 KB response: the serving benchmark's ceiling (enabled by TROPEBASE_BENCH=1)."""
    return HttpResponse(_BENCH_BODY, content_type="text/html; charset=utf-8")


_BENCH_BODY = ("<!doctype html><p>" + "tropebase " * 2048)[:20480]


def move(request, namespace: str, name: str):
    """Moderators: rename a page, leaving a redirect at the old name."""
    page = _moderated(request, namespace, name, "move pages")
    error, to = "", request.POST.get("to", "").strip()
    if request.method == "POST":
        try:
            moved = move_page(
                page, to, author=request.user, leave_redirect=request.POST.get("redirect") != "0"
            )
        except PageRefused as refused:
            error = str(refused)
        else:
            messages.success(request, f"Moved {page.target} to {moved.target}.")
            return HttpResponseRedirect(moved.url)
    return show(request, "move.html", status=400 if error else 200, title=f"Move {page.title}", page=page,
                to=to or page.target, error=error)  # fmt: skip

"""Reader and editor pages. Each view fetches what it shows and hands it to a template; the work is
done in tropebase.wiki (saving, facts) and tropebase.textmerge (edit conflicts)."""

from __future__ import annotations

import difflib
from collections import defaultdict
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from ..markup import parse, to_html
from ..markup.names import canonical_namespace, split_target, title_from_name
from ..textmerge import merge3
from ..wiki import pagecache
from ..wiki.models import Example, Link, Page, Revision
from ..wiki.store import ProtectedPage, StaleBase, rendered_html, save_page
from ..wiki.titles import resolve, titles_for
from .access import (
    is_moderator,
    login_attempt,
    login_succeeded,
    opt_in_adult,
    shows_adult,
    signup_attempt,
)
from .forms import EditForm, SignupForm
from .present import example_html, without_lead


def show(request, template: str, status: int = 200, **context) -> HttpResponse:
    context.setdefault("title", "tropebase")
    context["moderator"] = is_moderator(request.user)
    return render(request, f"tropebase/{template}", context, status=status)


def _safe_next(request, default: str = "/") -> str:
    target = request.POST.get("next") or request.GET.get("next") or default
    return target if url_has_allowed_host_and_scheme(target, {request.get_host()}) else default


def _visible(request):
    """Pages a reader may see listed: adult pages only after opting in."""
    pages = Page.objects.exclude(current=None)
    return pages if shows_adult(request) else pages.exclude(content_rating=Page.ADULT)


def _shared(request) -> bool:
    """May this request use the page cache shared by all anonymous readers? Not when it is signed in,
    and not when a message waits for it (left by an edit before logging out, say): its page shows that
    message, which must neither be stored for everyone nor be skipped by serving a stored page."""
    return not (request.user.is_authenticated or get_messages(request))


def home(request):
    """The front page: what the wiki holds and what changed lately (kept HOME_TIMEOUT seconds)."""
    if not _shared(request):
        return _home(request)
    adult = shows_adult(request)
    cached = pagecache.get(pagecache.HOME, adult)
    if cached is not None:
        return HttpResponse(cached)
    response = _home(request)
    pagecache.put(pagecache.HOME, adult, response.content.decode(), pagecache.HOME_TIMEOUT)
    return response


def _home(request):
    visible = _visible(request)
    counts = dict(
        visible.filter(redirect_to="").values_list("kind").annotate(n=Count("id")).values_list("kind", "n")
    )
    recent = _recent(request, 12)
    tropes = visible.filter(kind="trope", redirect_to="").order_by("title")[:40]
    return show(request, "home.html", title="A trope wiki", counts=counts, recent=recent, tropes=tropes)


def _recent(request, limit: int):
    revisions = (
        Revision.objects.select_related("page", "author").filter(hidden=False).order_by("-created", "-id")
    )
    if not shows_adult(request):
        revisions = revisions.exclude(page__content_rating=Page.ADULT)
    return revisions[:limit]


def recent(request):
    """Recent changes across the wiki."""
    return show(request, "recent.html", title="Recent changes", revisions=_recent(request, 100))


def random_page(request):
    """A random page, adult pages only for readers who opted in."""
    page = _visible(request).filter(redirect_to="").order_by("?").first()
    return HttpResponseRedirect(page.url if page else "/")


def namespace_index(request, namespace: str):
    """Every page of a namespace, by title."""
    ns = canonical_namespace(namespace) or namespace
    pages = _visible(request).filter(namespace__iexact=ns, redirect_to="").order_by("title")
    return show(request, "namespace.html", title=f"{ns} pages", namespace=ns, pages=pages[:2000])


def _lookup(namespace: str, name: str) -> tuple[str, Page | None]:
    target = f"{canonical_namespace(namespace) or namespace}/{name}"
    return target, Page.objects.select_related("current").filter(key=target.lower()).first()


def page_view(request, namespace: str, name: str):
    """A page as readers see it: its text, then what other pages say about it. Anonymous readers get
    it from the shared page cache when it is there."""
    if request.GET or not _shared(request):
        return _page_view(request, namespace, name)
    key, adult = f"{canonical_namespace(namespace) or namespace}/{name}".lower(), shows_adult(request)
    cached = pagecache.get(key, adult)
    if cached is not None:
        return HttpResponse(cached)
    response = _page_view(request, namespace, name)
    if getattr(response, "cacheable", False):
        pagecache.put(key, adult, response.content.decode())
    return response


def _page_view(request, namespace: str, name: str):
    target, page = _lookup(namespace, name)
    if page is None or page.current is None:
        via_alias = resolve(target)
        if via_alias is not None:
            return HttpResponseRedirect(f"{via_alias.url}?{urlencode({'from': target})}")
        return show(request, "missing.html", status=404, title=title_from_name(name), target=target)
    if page.redirect_to:
        return HttpResponseRedirect(f"/{page.redirect_to}?{urlencode({'from': page.target})}")
    if page.is_adult and not shows_adult(request):
        return show(request, "adult.html", title=page.title, page=page)
    revision = page.current
    if "rev" in request.GET:
        revision = get_object_or_404(Revision, page=page, number=int(request.GET["rev"] or 0))
        if revision.hidden and not is_moderator(request.user):
            raise Http404("This revision is hidden")
    aliases = list(page.aliases.all())
    keys = [page.key] + [f"main/{a.key}" for a in aliases]
    elsewhere = _elsewhere(request, page, keys)
    wicks = (
        Link.objects.filter(target_key__in=keys, page__redirect_to="")
        .exclude(page=page)
        .values("page")
        .distinct()
        .count()
    )
    came_from = request.GET.get("from", "")
    relations = _relations(page)
    response = show(
        request,
        "page.html",
        title=page.title,
        page=page,
        revision=revision,
        html=rendered_html(revision),
        aliases=[a.name for a in aliases if a.source == "description"],
        aka=split_target(came_from)[1] if came_from else "",
        elsewhere=elsewhere,
        relations=relations,
        wicks=wicks,
    )
    response.cacheable = True
    return response


RELATION_LABELS = {
    "see_also": "See also",
    "compare": "Compare",
    "contrast": "Contrast",
    "inverse": "Inverse",
    "supertrope": "Supertrope",
    "subtrope": "Subtropes",
}
LISTED_PER_MEDIUM = 100


def _relations(page: Page) -> list[tuple[str, list[tuple[str, str]]]]:
    """The page's typed relations as (label, [(href, title)]), in a fixed order of kinds."""
    rows = list(page.relations.all())
    titles = titles_for(r.target for r in rows)
    by_kind: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for r in rows:
        by_kind[r.kind].append(
            (f"/{r.target}", titles.get(r.target) or title_from_name(split_target(r.target)[1]))
        )
    return [(label, by_kind[kind]) for kind, label in RELATION_LABELS.items() if by_kind.get(kind)]


def _elsewhere(request, page: Page, keys: list[str]) -> dict[str, tuple[list, int]]:
    """Examples about this page stated on other pages, by medium: a work's tropes from trope pages,
    a trope's works from work pages. One example row shows on both sides. Each medium lists its first
    LISTED_PER_MEDIUM rows and counts them all (a popular trope is named on thousands of work pages)."""
    if page.kind == "work":
        rows = Example.objects.filter(work_key__in=keys)
    elif page.kind == "trope":
        rows = Example.objects.filter(trope_key__in=keys)
    else:
        return {}
    rows = rows.exclude(page=page)
    if not shows_adult(request):
        rows = rows.exclude(page__content_rating=Page.ADULT)
    counts = dict(rows.order_by().values_list("medium").annotate(n=Count("id")).values_list("medium", "n"))
    ordered = rows.select_related("page").order_by("trope", "work_title", "page_id", "position")
    listed = [row for medium in sorted(counts) for row in ordered.filter(medium=medium)[:LISTED_PER_MEDIUM]]
    titles = titles_for({row.trope for row in listed if row.trope}) if page.kind == "work" else {}
    groups: dict[str, list] = defaultdict(list)
    for row in listed:
        name = split_target(row.trope)[1] if row.trope else ""
        row.trope_title = (titles.get(row.trope) or title_from_name(name)) if row.trope else ""
        lead = row.work_title if page.kind == "work" else row.trope_title
        text = without_lead(without_lead(row.text, lead), name)
        if text in (name, title_from_name(name)):  # a bare trope list: the name says it all
            text = ""
        row.html = example_html(text, row.spoilers)
        groups[row.medium].append(row)
    return {medium: (groups[medium], counts[medium]) for medium in groups}


def related(request, namespace: str, name: str):
    """The pages that link here ("wicks")."""
    target, page = _lookup(namespace, name)
    keys = [target.lower()]
    if page is not None:
        keys += [f"main/{k}" for k in page.aliases.values_list("key", flat=True)]
    linking = (
        _visible(request).filter(links__target_key__in=keys, redirect_to="").distinct().order_by("title")
    )
    return show(request, "related.html", title=f"Pages linking to {page.title if page else target}", target=target,
                page=page, pages=linking)  # fmt: skip


def history(request, namespace: str, name: str):
    """Every revision of a page, newest first, with their authors and summaries."""
    _, page = _lookup(namespace, name)
    if page is None:
        raise Http404("No such page")
    if page.is_adult and not shows_adult(request):
        return show(request, "adult.html", title=page.title, page=page)
    revisions = page.revisions.select_related("author").all()
    if not is_moderator(request.user):
        revisions = revisions.filter(hidden=False)
    return show(request, "history.html", title=f"History of {page.title}", page=page, revisions=revisions)


def diff(request, namespace: str, name: str):
    """The lines that differ between two revisions."""
    _, page = _lookup(namespace, name)
    if page is None:
        raise Http404("No such page")
    try:
        a, b = int(request.GET.get("from", 0)), int(request.GET.get("to", 0))
    except ValueError:
        raise Http404("Revision numbers are whole numbers") from None
    revisions = {r.number: r for r in page.revisions.filter(number__in=[a, b])}
    if a not in revisions or b not in revisions:
        raise Http404("No such revision")
    if (revisions[a].hidden or revisions[b].hidden) and not is_moderator(request.user):
        raise Http404("This revision is hidden")
    old, new = revisions[a], revisions[b]
    rows = _diff_rows(old.text, new.text)
    return show(
        request, "diff.html", title=f"{page.title}: r{a} → r{b}", page=page, old=old, new=new, rows=rows
    )


def _diff_rows(old: str, new: str) -> list[tuple[str, str]]:
    """(kind, line) with kind " " unchanged, "-" removed, "+" added, "@" a gap."""
    rows = []
    for line in difflib.unified_diff(old.split("\n"), new.split("\n"), lineterm="", n=2):
        if line.startswith(("---", "+++")):
            continue
        rows.append((line[0], line[1:]) if line[:1] in "+- " else ("@", line))
    return rows


def edit(request, namespace: str, name: str):
    """The edit form, its preview, and saving — merging with edits saved meanwhile."""
    target, page = _lookup(namespace, name)
    if not request.user.is_authenticated:
        return HttpResponseRedirect(f"/_/login?{urlencode({'next': request.get_full_path()})}")
    moderator = is_moderator(request.user)
    if page is not None and page.protected and not moderator:
        return show(request, "protected.html", status=403, title=page.title, page=page)
    current = page.current if page else None
    if request.method != "POST":
        form = EditForm(
            initial={"text": current.text if current else "", "base": current.number if current else 0}
        )
        return _edit_form(request, target, page, form)
    form = EditForm(request.POST)
    if not form.is_valid():
        return _edit_form(request, target, page, form, status=400)
    text, summary, base = (
        form.cleaned_data["text"],
        form.cleaned_data["summary"],
        form.cleaned_data["base"] or 0,
    )
    if "preview" in request.POST:
        return _edit_form(request, target, page, form, preview=to_html(parse(text)))
    try:
        result = save_page(target, text, author=request.user, summary=summary, base=base, moderator=moderator)
    except ProtectedPage:
        return show(request, "protected.html", status=403, title=page.title, page=page)
    except StaleBase as stale:
        return _merge(request, target, page, form, stale.current, base, text, summary, moderator)
    if not result.changed:
        messages.info(request, "No change: the text is the same as the current revision.")
    return HttpResponseRedirect(result.page.url)


def _merge(request, target, page, form, current, base, text, summary, moderator):
    """Someone saved since this edit began: merge three ways; save when clean, else show the conflict."""
    base_rev = Revision.objects.filter(page=current.page, number=base).first()
    merged = merge3(base_rev.text if base_rev else "", text, current.text)
    if merged.clean:
        result = save_page(target, merged.text(), author=request.user, moderator=moderator,
                           summary=summary or "merged edit", base=current.number)  # fmt: skip
        messages.success(
            request, f"Merged with the changes saved since you began (revision {current.number})."
        )
        return HttpResponseRedirect(result.page.url)
    conflict_form = EditForm(initial={"text": merged.text(), "summary": summary, "base": current.number})
    return _edit_form(
        request, target, page, conflict_form, status=409,
        conflict={"yours": text, "theirs": current.text, "number": current.number, "count": len(merged.conflicts)},
    )  # fmt: skip


def _edit_form(request, target, page, form, status=200, preview=None, conflict=None):
    title = page.title if page else title_from_name(split_target(target)[1])
    return show(request, "edit.html", status=status, title=f"Editing {title}", target=target, page=page,
                form=form, preview=preview, conflict=conflict)  # fmt: skip


def _moderated(request, namespace: str, name: str, what: str) -> Page:
    """The page a moderator's action is about; PermissionDenied (403) for anyone else."""
    _, page = _lookup(namespace, name)
    if page is None or not is_moderator(request.user):
        raise PermissionDenied(f"Only moderators may {what}.")
    return page


def _posted_revision(request, page: Page) -> Revision:
    try:
        number = int(request.POST.get("number", ""))
    except ValueError:
        raise Http404("A revision number is a whole number") from None
    return get_object_or_404(Revision, page=page, number=number)


@require_POST
def revert(request, namespace: str, name: str):
    """Moderators: make an earlier revision's text current again (as a new revision)."""
    page = _moderated(request, namespace, name, "revert pages")
    old = _posted_revision(request, page)
    save_page(
        page.target,
        old.text,
        author=request.user,
        summary=f"Reverted to revision {old.number}",
        moderator=True,
    )
    messages.success(request, f"Reverted to revision {old.number}.")
    return HttpResponseRedirect(page.url)


@require_POST
def hide(request, namespace: str, name: str):
    """Moderators: hide a revision from readers (or show it again). The current one cannot be hidden."""
    page = _moderated(request, namespace, name, "hide revisions")
    revision = _posted_revision(request, page)
    if revision.id == page.current_id:
        messages.error(request, "The current revision cannot be hidden: revert first.")
    else:
        Revision.objects.filter(id=revision.id).update(hidden=not revision.hidden)
    return HttpResponseRedirect(f"{page.url}/history")


@require_POST
def protect(request, namespace: str, name: str):
    """Moderators: only moderators may edit a protected page."""
    page = _moderated(request, namespace, name, "protect pages")
    Page.objects.filter(id=page.id).update(protected=request.POST.get("protected") == "1")
    pagecache.drop([page.key])
    return HttpResponseRedirect(page.url)


@require_POST
def rate(request, namespace: str, name: str):
    """Moderators: set a page's content rating."""
    page = _moderated(request, namespace, name, "rate pages")
    rating = request.POST.get("rating")
    if rating not in (Page.GENERAL, Page.ADULT):
        return HttpResponseBadRequest("The rating is general or adult.")
    Page.objects.filter(id=page.id).update(content_rating=rating)
    pagecache.drop([page.key])
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


def bench_static(request):
    """A constant 20 KB response: the serving benchmark's ceiling (enabled by TROPEBASE_BENCH=1)."""
    return HttpResponse(_BENCH_BODY, content_type="text/html; charset=utf-8")


_BENCH_BODY = ("<!doctype html><p>" + "tropebase " * 2048)[:20480]

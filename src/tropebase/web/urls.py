import os

from django.contrib import admin
from django.urls import path, re_path

from ..api.app import api
from . import account, find, tools, views

urlpatterns = [
    path("", views.home, name="home"),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    re_path(r"^api(/|$)", views.api_not_found),
    path("_/account", account.account, name="account"),
    path("_/account/tokens/<int:token_id>/revoke", account.revoke, name="revoke-token"),
    path("_/recent", views.recent, name="recent"),
    path("_/random", views.random_page, name="random"),
    path("_/search", views.search, name="search"),
    path("_/media", views.media, name="media"),
    path("_/ns/<str:namespace>", views.namespace_index, name="namespace"),
    path("_/query", find.query_view, name="query"),
    path("_/avoid", find.avoid_view, name="avoid"),
    path("_/login", views.login_view, name="login"),
    path("_/logout", views.logout_view, name="logout"),
    path("_/signup", views.signup, name="signup"),
    path("_/adult", views.adult_opt_in, name="adult"),
    path("_/watchlist", tools.watchlist, name="watchlist"),
    path("_/user/<str:username>", tools.user_page, name="user"),
    path("<str:name>", tools.bare_name, name="bare-name"),
    path("<str:namespace>/<str:name>", views.page_view, name="page"),
    path("<str:namespace>/<str:name>/edit", views.edit, name="edit"),
    path("<str:namespace>/<str:name>/history", views.history, name="history"),
    path("<str:namespace>/<str:name>/diff", views.diff, name="diff"),
    path("<str:namespace>/<str:name>/related", views.related, name="related"),
    path("<str:namespace>/<str:name>/listing", views.listing, name="listing"),
    path("<str:namespace>/<str:name>/source", tools.source, name="source"),
    path("<str:namespace>/<str:name>/revert", tools.revert, name="revert"),
    path("<str:namespace>/<str:name>/undo", tools.undo_view, name="undo"),
    path("<str:namespace>/<str:name>/watch", tools.watch_view, name="watch"),
    path("<str:namespace>/<str:name>/hide", views.hide, name="hide"),
    path("<str:namespace>/<str:name>/protect", views.protect, name="protect"),
    path("<str:namespace>/<str:name>/rate", views.rate, name="rate"),
    path("<str:namespace>/<str:name>/move", views.move, name="move"),
]

handler400 = views.bad_request
handler404 = views.not_found

if os.environ.get("TROPEBASE_BENCH") == "1":
    urlpatterns.insert(0, path("_/bench/static20k", views.bench_static))

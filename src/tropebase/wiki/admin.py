"""The admin shows pages, revisions and facts read-only: every change goes through the wiki's write layer
(`wiki.store`), which keeps facts, aliases and cached pages in step. Editing `kind`, `redirect_to` or
`current` by hand here would not."""

from django.contrib import admin

from .models import Alias, Example, Page, Relation, Revision


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Page)
class PageAdmin(ReadOnlyAdmin):
    list_display = ("key", "title", "kind", "content_rating", "protected", "updated")
    list_filter = ("kind", "content_rating", "protected")
    search_fields = ("key", "title")


@admin.register(Revision)
class RevisionAdmin(ReadOnlyAdmin):
    list_display = ("page", "number", "author", "created", "summary", "hidden")
    list_filter = ("hidden",)
    list_select_related = ("page", "author")


@admin.register(Example)
class ExampleAdmin(ReadOnlyAdmin):
    list_display = ("page", "position", "trope_key", "work_key", "medium", "play")
    list_filter = ("play", "medium")
    search_fields = ("trope_key", "work_key")
    list_select_related = ("page",)


@admin.register(Relation)
class RelationAdmin(ReadOnlyAdmin):
    list_display = ("page", "kind", "target")
    list_filter = ("kind",)


@admin.register(Alias)
class AliasAdmin(ReadOnlyAdmin):
    list_display = ("name", "key", "page", "source")
    search_fields = ("key", "name")

from django.contrib import admin

from .models import Page, Revision


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ("key", "title", "kind", "content_rating", "protected", "updated")
    list_filter = ("kind", "content_rating", "protected")
    search_fields = ("key", "title")
    raw_id_fields = ("current",)


@admin.register(Revision)
class RevisionAdmin(admin.ModelAdmin):
    list_display = ("page", "number", "author", "created", "summary", "hidden")
    list_filter = ("hidden",)
    raw_id_fields = ("page", "parent", "author")
    readonly_fields = ("text", "html")

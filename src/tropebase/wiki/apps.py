from django.apps import AppConfig


class WikiConfig(AppConfig):
    name = "tropebase.wiki"
    label = "wiki"
    verbose_name = "Wiki"

from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "tropebase.web"
    label = "web"
    verbose_name = "Web"

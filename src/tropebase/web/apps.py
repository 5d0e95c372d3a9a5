from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class WebConfig(AppConfig):
    name = "tropebase.web"
    label = "web"
    verbose_name = "Web"
    default = True


class AdminConfig(admin_apps.AdminConfig):
    """Installed in place of django.contrib.admin so that `admin.site` is the one whose login door is
    limited (tropebase.web.adminsite)."""

    default = False
    default_site = "tropebase.web.adminsite.AdminSite"

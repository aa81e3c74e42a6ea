from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConfigHistoryConfig(AppConfig):
    name = "confighistory"
    verbose_name = _("Configuration history")

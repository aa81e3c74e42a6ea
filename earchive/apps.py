from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EarchiveConfig(AppConfig):
    name = "earchive"
    verbose_name = _("E-archive")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cases import hooks

        from .admin import export_for_archive

        hooks.register_case_admin_action(export_for_archive)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DevelopmentConfig(AppConfig):
    name = "development"
    verbose_name = _("Business development")

    def ready(self) -> None:
        from . import hooks, selfcheck

        hooks.register()
        # Its indicators in the SS 884000 self-check (stats knows no development).
        selfcheck.register()

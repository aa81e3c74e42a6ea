from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "stats"
    verbose_name = _("Statistics")

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from .aggregates import register_sqlite_functions

        connection_created.connect(register_sqlite_functions, dispatch_uid="stats-sqlite-functions")

        from cases import hooks

        from .services.figures import case_changed

        hooks.register_change_listener(case_changed)

        from .selfcheck import builtin, leadership

        builtin.register()
        leadership.register()

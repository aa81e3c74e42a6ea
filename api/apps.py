from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = _("Integrations (API and webhooks)")

    def ready(self) -> None:
        from cases import hooks

        from .services.webhooks import queue_deliveries_for

        # Every event a service records on a case's timeline may become a webhook delivery,
        # written in the same transaction (cases knows nothing of this app).
        hooks.register_event_listener(queue_deliveries_for)

from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo municipality and the volume generator: tooling on top of every app."""

    name = "demo"
    verbose_name = "Demo data"

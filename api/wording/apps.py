from django.apps import AppConfig


class WordingConfig(AppConfig):
    name = "api.wording"
    label = "api_wording"
    verbose_name = "Django's wording over DRF's"

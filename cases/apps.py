from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Business cases")

    def ready(self) -> None:
        from lotsportal.search import register_search_provider
        from lotsportal.tiles import register_tile_provider

        from .choices import connect_receivers
        from .portal import CASE_SEARCH, start_page_tiles

        connect_receivers()
        register_search_provider(CASE_SEARCH)
        register_tile_provider("cases", start_page_tiles)

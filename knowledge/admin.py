"""The knowledge bank in the admin: read-only (articles change through the portal's pages and
services), with an action that downloads the chosen articles in the exchange format."""

from __future__ import annotations

import json

from django.contrib import admin
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotsportal.admin import ServiceOnlyAdmin

from . import permissions
from .models import Article, SearchGap, SearchPlace
from .services.interchange import export_articles


class PlaceFilter(admin.SimpleListFilter):
    """Where the search was made; a value that is no place shows every row."""

    title = _("where")
    parameter_name = "place"

    def lookups(self, request, model_admin):
        return SearchPlace.choices

    def queryset(self, request, queryset):
        value = self.value()
        return queryset.filter(place=value) if value in SearchPlace.values else queryset


@admin.register(Article)
class ArticleAdmin(ServiceOnlyAdmin, admin.ModelAdmin):
    list_display = ["question", "status", "audience", "owner_department", "review_due_on"]
    list_filter = ["status", "audience", "owner_department"]
    search_fields = ["question"]
    actions = ["export_as_json"]

    def may_view(self, user) -> bool:
        return bool(user.is_superuser)

    def visible_queryset(self, request, queryset):
        return permissions.visible_articles(request.user, queryset)

    @admin.action(description=_("Download the chosen articles (exchange format, JSON)"))
    def export_as_json(self, request, queryset):
        document = export_articles(queryset)
        response = HttpResponse(
            json.dumps(document, ensure_ascii=False, indent=2), content_type="application/json"
        )
        name = f"kunskapsbank-{timezone.localdate().isoformat()}.json"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


@admin.register(SearchGap)
class SearchGapAdmin(ServiceOnlyAdmin, admin.ModelAdmin):
    list_display = ["query", "place", "count", "last_at"]
    list_filter = [PlaceFilter]

    def may_view(self, user) -> bool:
        return bool(user.is_superuser)

    def visible_queryset(self, request, queryset):
        return queryset if request.user.is_superuser else queryset.none()

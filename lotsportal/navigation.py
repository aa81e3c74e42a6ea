"""The main navigation, as data.

Each entry names a URL and who sees it. An entry whose URL is not installed yet is left out,
so an app adds itself to the menu by providing the URL name listed here.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from accounts import permissions


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    visible: Callable[[object], bool]
    section: str


def _signed_in(user) -> bool:
    return user.is_authenticated


NAV_ITEMS: tuple[NavItem, ...] = (
    NavItem(_("My work"), "cases:my_work", _signed_in, "cases-my"),
    NavItem(_("Cases"), "cases:list", _signed_in, "cases"),
    NavItem(_("Companies"), "cases:company_list", _signed_in, "companies"),
    NavItem(_("Training"), "training:home", _signed_in, "training"),
    NavItem(_("Knowledge bank"), "knowledge:list", permissions.is_official, "knowledge"),
    NavItem(_("Business development"), "development:visit_list", _signed_in, "development"),
    NavItem(_("Statistics"), "stats:index", permissions.can_view_statistics, "stats"),
    NavItem(
        _("Satisfaction"),
        "public:satisfaction",
        lambda user: (
            user.is_authenticated
            and (
                permissions.is_samordnare(user)
                or permissions.is_department_lead(user)
                or user.is_superuser
            )
        ),
        "satisfaction",
    ),
    NavItem(
        _("Held mail"),
        "mailin:held",
        lambda user: (
            user.is_authenticated and (permissions.is_samordnare(user) or user.is_superuser)
        ),
        "mailin",
    ),
    NavItem(
        _("Admin"), "admin:index", lambda user: user.is_authenticated and user.is_staff, "admin"
    ),
)


def main_navigation(user) -> list[dict]:
    items = []
    for item in NAV_ITEMS:
        if not item.visible(user):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        items.append({"label": item.label, "url": url, "section": item.section})
    return items

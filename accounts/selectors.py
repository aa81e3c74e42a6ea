from django.db.models import QuerySet

from .models import Membership


def memberships_for_start_page(*, user) -> QuerySet[Membership]:
    """The departments and roles a user has, for the start page and the profile."""
    return (
        Membership.objects.filter(user=user)
        .select_related("department")
        .order_by("department__name")
    )

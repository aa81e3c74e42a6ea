"""What the held-mail pages show, in a fixed number of queries."""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from cases.models import Case

from .models import InboundMail


def held_mail() -> QuerySet[InboundMail]:
    """The mail waiting for an official, newest first (without the raw bytes)."""
    return (
        InboundMail.objects.held()
        .select_related("case")
        .defer("raw")
        .order_by("-received_at", "-pk")
    )


def mail_to_handle(pk: int) -> InboundMail:
    return get_object_or_404(InboundMail.objects.select_related("case").defer("raw"), pk=pk)


def case_by_number(number: str) -> Case | None:
    return Case.objects.filter(number__iexact=number.strip()).first() if number.strip() else None

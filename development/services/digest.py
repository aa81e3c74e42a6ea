"""The departments' digest e-mail of new insights (spreading the insights)."""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse

from accounts.models import Department
from lotsportal.site import site_url
from notifications.services import queue_email

from ..models import Insight, InsightDigest


def send_insight_digests() -> int:
    """One e-mail (through the outbox) per department with new insights tagged for it, to its
    inbox. Each insight is told to each department once: running it again sends nothing new.
    Returns the number of e-mails queued."""
    queued = 0
    for department_id in (
        Department.objects.active().exclude(inbox_email="").values_list("pk", flat=True)
    ):
        queued += send_department_digest(department_id=department_id)
    return queued


@transaction.atomic
def send_department_digest(*, department_id: int) -> int:
    # The department row is locked: two runs at once digest each insight once.
    department = Department.objects.select_for_update().get(pk=department_id)
    new = list(
        Insight.objects.filter(departments=department)
        .exclude(digests__department=department)
        .select_related("theme", "visit__company")
        .order_by("created_at", "pk")
    )
    if not new or not department.inbox_email:
        return 0
    base = site_url()
    items = [
        {
            "theme": insight.theme.name,
            "kind": insight.get_kind_display(),
            "text": insight.text,
            "company": insight.visit.company.name,
            "date": insight.visit.date.isoformat(),
            "url": base + reverse("development:visit_detail", args=[insight.visit_id]),
        }
        for insight in new
    ]
    InsightDigest.objects.bulk_create(
        InsightDigest(insight=insight, department=department) for insight in new
    )
    queue_email(
        to=department.inbox_email,
        template="development/email/insight_digest",
        context={"department": department.name, "insights": items},
        related=department,
    )
    return 1

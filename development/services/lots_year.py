"""A held company visit counts in the LOTS year of each official who took part."""

from __future__ import annotations

from training.models import RequirementKind
from training.selectors import current_course
from training.services.practical import log_activity

from ..models import Visit, VisitParticipant


def log_visit_activities(*, visit: Visit) -> int:
    """Log a practical "company visit" activity, through the training service, for each
    official taking part whose current edition asks for company visits. Once per official and
    visit (the participant row keeps the activity); returns how many were logged."""
    logged = 0
    rows = VisitParticipant.objects.filter(visit=visit, practical_activity__isnull=True)
    for row in rows.select_related("user"):
        course = current_course(user=row.user)
        if course is None:
            continue
        requirement = course.requirements.filter(kind=RequirementKind.COMPANY_VISIT).first()
        if requirement is None:
            continue
        row.practical_activity = log_activity(
            user=row.user,
            course=course,
            requirement=requirement,
            date=visit.date,
            place_or_department=visit.company.name,
            learned=visit.purpose or visit.company.name,
        )
        row.save(update_fields=["practical_activity"])
        logged += 1
    return logged

"""The public door's part of the retention rule (registered in ``public/hooks.py``).

``cases.services.retention.anonymise_case`` calls ``erase_case`` inside its transaction, with
the case locked: the ways in (tracking links, the survey link) go, the survey keeps its scores
but loses its comment, and the public form's details lose what the person wrote.
"""

from __future__ import annotations

from cases.models import Case
from public.models import (
    CaseAccessToken,
    IntakeDetails,
    OutsideQuestion,
    SurveyInvitation,
    SurveyResponse,
)

# What the door's intake details hold about the person who wrote the form.
INTAKE_PERSONAL_FIELDS = (
    "company_name_given",
    "contact_name_given",
    "contact_phone_given",
    "contact_email_given",
)


def erase_case(*, case: Case, text: str) -> dict[str, int]:
    """``text`` (the fixed "removed" text) is not needed: every field here is blanked."""
    removed = {
        "tracking_links": CaseAccessToken.objects.filter(case=case).delete()[0],
        # The survey link is a way in too (an unanswered one would take a new comment).
        "survey_link": SurveyInvitation.objects.filter(case=case).delete()[0],
        # Outside parties' links, addresses, questions and answers (the timeline keeps the
        # events, whose personal keys the retention rule blanks).
        "outside_questions": OutsideQuestion.objects.filter(case=case).delete()[0],
        "survey_comment": SurveyResponse.objects.filter(case=case)
        .exclude(comment="")
        .update(comment=""),
    }
    IntakeDetails.objects.filter(case=case).update(**dict.fromkeys(INTAKE_PERSONAL_FIELDS, ""))
    return removed

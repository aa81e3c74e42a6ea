"""What the training course adds to the cases app, through ``cases.hooks`` (registered in
``TrainingConfig.ready``): under a case's notes, a link to propose a course question."""

from __future__ import annotations

from cases import hooks
from cases.models import Case


def propose_question(case: Case) -> dict[str, str]:
    return {"number": case.number}


def register() -> None:
    hooks.register_case_page_part(
        hooks.CasePagePart(
            slot="notes",
            template="training/includes/case_propose_link.html",
            context=propose_question,
        )
    )

"""What the knowledge bank adds to the cases pages, through ``cases.hooks`` (registered in
``KnowledgeConfig.ready``):

- beside each message to the business and each referral's answer, "save this answer to the
  knowledge bank" (a small form posting to ``knowledge:from_message`` / ``from_referral``);
- on the open-case form, under the title, the articles that match it (htmx, as it is typed;
  without JavaScript it shows a link to search the bank, and the form works as before);
- under the case's notes, the articles for its title and case type, loaded by htmx after the
  page (so the case page's query count stays pinned); without JavaScript, a link.
"""

from __future__ import annotations

from cases import hooks
from cases.models import Case


def suggestion_part(case: Case) -> dict[str, object]:
    return {"case_pk": case.pk}


def register() -> None:
    hooks.register_fragment("message_actions", "knowledge/includes/save_message.html")
    hooks.register_fragment("referral_actions", "knowledge/includes/save_referral.html")
    hooks.register_fragment("case_form", "knowledge/includes/case_form_suggestions.html")
    hooks.register_case_page_part(
        hooks.CasePagePart(
            slot="notes",
            template="knowledge/includes/case_suggestions.html",
            context=suggestion_part,
        )
    )

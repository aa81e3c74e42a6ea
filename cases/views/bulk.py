"""Bulk actions on the case list: the ticked cases, an action, a confirmation, and per case
what was done and what was refused and why.

The first post (from the list) shows the chosen cases, still ticked, with the action's form;
the second (``confirm``) runs the action on each case through its own service and goes back to
the list with the outcome. Export streams the ticked cases' CSV at once.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from lotsportal.params import int_list_param

from .. import selectors
from ..bulk_forms import ACTIONS, ASSIGN, EXPORT, FORMS, MAX_BULK_CASES, ROUTE, STATUS
from ..services import assignment, bulk, referrals
from ..services import cases as case_services
from .cases import export_response


def _service(action: str, data: dict, user):
    if action == ASSIGN:
        return lambda case: assignment.assign_case(case=case, assignee=data["assignee"], by=user)
    if action == ROUTE:
        return lambda case: referrals.route_case(
            case=case,
            department=data["department"],
            by=user,
            request_text=data["request_text"],
            due_date=data["due_date"],
        )
    return lambda case: case_services.change_status(
        case=case, to=data["to"], by=user, comment=data["comment"], to_business=data["to_business"]
    )


def _summary(action: str, outcomes: list[bulk.Outcome], unseen: int) -> tuple[str, str]:
    done = sum(1 for o in outcomes if o.done)
    refused = [o for o in outcomes if not o.done]
    verbs = {
        ASSIGN: ngettext("%(n)s case assigned", "%(n)s cases assigned", done),
        ROUTE: ngettext("%(n)s case routed", "%(n)s cases routed", done),
        STATUS: ngettext("%(n)s case moved", "%(n)s cases moved", done),
    }
    text = verbs[action] % {"n": done}
    problems = [f"{o.number}: {o.reason}" for o in refused]
    if unseen:
        problems.append(
            ngettext(
                "%(n)s chosen case was not found among the cases you may see",
                "%(n)s chosen cases were not found among the cases you may see",
                unseen,
            )
            % {"n": unseen}
        )
    if not problems:
        return "success", text + "."
    failed = len(refused) + unseen
    text += "; " + ngettext("%(n)s could not", "%(n)s could not", failed) % {"n": failed}
    return ("warning" if done else "error"), text + ": " + "; ".join(problems)


def _back_to_list(request):
    """The list as it was filtered (``back``: its query string, re-encoded, nothing else)."""
    query = QueryDict(request.POST.get("back", "")[:2000]).urlencode()
    return redirect(reverse("cases:list") + (f"?{query}" if query else ""))


@login_required
@require_POST
def bulk_action(request):
    action = request.POST.get("action", "")
    if action not in ACTIONS:
        messages.error(request, _("Choose what to do with the ticked cases."))
        return _back_to_list(request)
    ids = list(dict.fromkeys(int_list_param(request.POST, "ids")))
    if not ids:
        messages.error(request, _("Tick at least one case."))
        return _back_to_list(request)
    over_cap = len(ids) > MAX_BULK_CASES
    # Only cases the user may see: any other id is counted, never named.
    cases = list(
        selectors.case_rows(request.user).filter(pk__in=ids[: MAX_BULK_CASES + 1]).order_by("pk")
    )
    if action == EXPORT and not over_cap:
        return export_response(selectors.case_rows(request.user).filter(pk__in=ids))
    form = None
    if action in FORMS:
        form = FORMS[action](request.POST if "confirm" in request.POST else None)
    status = 200
    refused: list[bulk.Outcome] = []
    if over_cap:
        messages.error(
            request,
            _("You ticked %(n)s cases; a bulk action takes at most %(max)s at a time.")
            % {"n": len(ids), "max": MAX_BULK_CASES},
        )
        status = 400
    elif form is not None and form.is_bound:
        if form.is_valid():
            outcomes = bulk.for_each(cases, _service(action, form.cleaned_data, request.user))
            level, text = _summary(action, outcomes, unseen=len(ids) - len(cases))
            getattr(messages, level)(request, text)
            if any(o.done for o in outcomes):
                return _back_to_list(request)
            # Nothing was done: the same page, the cases still ticked, each refusal under it.
            refused = outcomes
        else:
            messages.error(request, _("Please correct the marked fields."))
        status = 400
    return render(
        request,
        "cases/bulk.html",
        {
            "active_section": "cases",
            "action": action,
            "action_label": ACTIONS[action],
            "form": form,
            "cases": cases,
            "unseen": 0 if over_cap else len(ids) - len(cases),
            "max_cases": MAX_BULK_CASES,
            "refused": refused,
            "back": QueryDict(request.POST.get("back", "")[:2000]).urlencode(),
        },
        status=status,
    )

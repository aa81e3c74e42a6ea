"""Bulk actions on the case list: the ticked cases, an action, a confirmation, and per case
what was done and what was refused and why.

The first post (from the list) shows the chosen cases, still ticked, with the action's form;
the second (``confirm``) runs the action on each case through its own service and goes back to
the list with the outcome. Export streams the ticked cases' CSV at once.

"All matching the filter" (``scope=filter``) sends the list's filter itself (``back``, its
query string) instead of ids: the cases are read again from it, through the list's
``CaseFilter`` and the visibility selector, on the confirm page and again when the action
runs; ids from the browser are not used. The cases the user may not take the action on are
counted, never named, and left alone.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from lotsportal.params import int_list_param, int_param

from .. import permissions, selectors
from ..bulk_forms import ACTIONS, ASSIGN, EXPORT, FORMS, ROUTE, STATUS, bulk_limit
from ..filters import CaseFilter
from ..pagination import capped_count
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


def _back(request) -> QueryDict:
    """The list's filter as it was (``back``: its query string, nothing else kept)."""
    return QueryDict(request.POST.get("back", "")[:2000])


def _back_to_list(request):
    """The list as it was filtered (``back``: its query string, re-encoded, nothing else)."""
    query = _back(request).urlencode()
    return redirect(reverse("cases:list") + (f"?{query}" if query else ""))


@login_required
@require_POST
def bulk_action(request):
    action = request.POST.get("action", "")
    if action not in ACTIONS:
        messages.error(request, _("Choose what to do with the ticked cases."))
        return _back_to_list(request)
    if request.POST.get("scope") == "filter":
        return _on_filter(request, action)
    ids = list(dict.fromkeys(int_list_param(request.POST, "ids")))
    if not ids:
        messages.error(request, _("Tick at least one case."))
        return _back_to_list(request)
    limit = bulk_limit()
    over_cap = len(ids) > limit
    # Only cases the user may see: any other id is counted, never named.
    cases = list(selectors.case_rows(request.user).filter(pk__in=ids[: limit + 1]).order_by("pk"))
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
            % {"n": len(ids), "max": limit},
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
            "max_cases": limit,
            "refused": refused,
            "back": QueryDict(request.POST.get("back", "")[:2000]).urlencode(),
        },
        status=status,
    )


def _matching(request, params: QueryDict):
    """The cases of the list's filter ``params`` as the list reads them (None: the filter has
    a mistake, so it is not clear which cases are meant)."""
    case_filter = CaseFilter(
        params or None, queryset=selectors.case_rows(request.user), user=request.user
    )
    if case_filter.is_bound and not case_filter.is_valid():
        return None
    return case_filter.qs


def _on_filter(request, action: str):
    """Every case matching the list's filter, read again here (confirm page and execution)."""
    params = _back(request)
    matching = _matching(request, params)
    if matching is None:
        messages.error(request, _("The filter has a mistake: correct it on the list first."))
        return _back_to_list(request)
    if action == EXPORT:
        return export_response(matching)
    limit = bulk_limit()
    total = capped_count(matching)
    open_to = permissions.cases_open_to_bulk_action(request.user, action, matching)
    cases = [] if total > limit else list(open_to.order_by("pk")[:limit])
    form = FORMS[action](request.POST if "confirm" in request.POST else None)
    context: dict[str, Any] = {
        "action": action,
        "form": form,
        "total": total,
        "limit": limit,
        "cases": cases,
        "not_open": 0 if total > limit else total - len(cases),
        "back": params.urlencode(),
        "refused": [],
    }
    if total > limit or not form.is_bound:
        return _render_filter(request, context, status=400 if total > limit else 200)
    expected = int_param(request.POST, "expected", minimum=0)
    if expected != total:
        # The cases changed since the confirm page (or the form was sent twice): look again.
        messages.warning(
            request,
            _("The filter now matches %(n)s cases, not %(expected)s: look again and confirm.")
            % {"n": total, "expected": expected if expected is not None else "?"},
        )
        return _render_filter(request, context, status=409)  # what was typed is kept
    if not form.is_valid():
        messages.error(request, _("Please correct the marked fields."))
        return _render_filter(request, context, status=400)
    outcomes = bulk.for_each(cases, _service(action, form.cleaned_data, request.user))
    level, text = _summary(action, outcomes, unseen=0)
    if context["not_open"]:
        text += " " + _not_open_text(context["not_open"])
    getattr(messages, level)(request, text)
    if any(o.done for o in outcomes):
        return _back_to_list(request)
    return _render_filter(request, {**context, "refused": outcomes}, status=400)


def _not_open_text(n: int) -> str:
    return ngettext(
        "%(n)s case of the filter you may not do this on was left as it was.",
        "%(n)s cases of the filter you may not do this on were left as they were.",
        n,
    ) % {"n": n}


def _will_not_text(n: int) -> str:
    return ngettext(
        "%(n)s case of the filter you may not do this on: counted here, not named, and left "
        "as it is.",
        "%(n)s cases of the filter you may not do this on: counted here, not named, and left "
        "as they are.",
        n,
    ) % {"n": n}


def _render_filter(request, context: dict, *, status: int):
    context = {
        **context,
        "active_section": "cases",
        "action_label": ACTIONS[context["action"]],
        "not_open_text": _will_not_text(context["not_open"]) if context["not_open"] else "",
    }
    return render(request, "cases/bulk_filter.html", context, status=status)

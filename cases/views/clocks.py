"""The statutory clock's actions on the case page: ask for completion, documents received,
extend once, record the fee. Each posts here, calls one service and goes back to the case."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import selectors
from ..clock_forms import CLOCK_FORMS
from ..services import clocks
from .actions import run_action


@login_required
@require_POST
def clock_action(request, pk: int, verb: str):
    if verb not in CLOCK_FORMS:
        raise Http404
    case = selectors.get_visible_case(request.user, pk)
    by = request.user
    actions = {
        "completion": (
            lambda d: clocks.ask_for_completion(
                case=case, by=by, asked_on=d["asked_on"], what=d["what"]
            ),
            _("The completion request is recorded."),
        ),
        "documents": (
            lambda d: clocks.record_documents_received(
                case=case, by=by, received_on=d["received_on"], own_initiative=d["own_initiative"]
            ),
            _("The documents are recorded."),
        ),
        "extend": (
            lambda d: clocks.extend_statutory_period(
                case=case, by=by, weeks=d["weeks"], to_business=d["to_business"]
            ),
            _("The statutory period is extended."),
        ),
        "fee": (
            lambda d: clocks.record_fee(case=case, by=by, fee_kronor=d["fee_kronor"]),
            _("The fee is recorded."),
        ),
    }
    action, success = actions[verb]
    return run_action(
        request,
        pk,
        form=CLOCK_FORMS[verb](request.POST),
        key=f"clock_{verb}",
        action=action,
        success=success,
    )

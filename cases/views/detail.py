"""The case page: everything about one case and the actions this user may take."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.forms import ModelChoiceField
from django.shortcuts import render
from django.utils import timezone

from .. import clocks, forms, permissions, selectors
from .. import standard_texts as texts
from ..clock_forms import CLOCK_FORMS
from ..guarantees import guarantees_for, standing
from ..models import TextUse
from ..selectors import CaseDetail
from ..workflow import (
    FINISHED_CASE_STATUSES,
    OPEN_REFERRAL_STATUSES,
    REROUTABLE_REFERRAL_STATUSES,
    ReferralStatus,
)


@dataclass
class ReferralRow:
    referral: object
    can_accept: bool = False
    can_answer: bool = False
    can_withdraw: bool = False
    can_reroute: bool = False
    can_assign: bool = False
    forms: dict = field(default_factory=dict)


def _referral_rows(user, detail: CaseDetail, bound: dict) -> list[ReferralRow]:
    rows = []
    department_choices = None  # read once for all the re-route forms
    members: dict | None = None
    for referral in detail.referrals:
        is_open = referral.status in OPEN_REFERRAL_STATUSES
        acts = permissions.can_act_on_referral(user, referral)
        row = ReferralRow(
            referral=referral,
            can_accept=acts and referral.status == ReferralStatus.SENT,
            can_answer=acts and is_open,
            can_withdraw=is_open and permissions.can_withdraw_referral(user, referral),
            can_reroute=referral.status in REROUTABLE_REFERRAL_STATUSES
            and permissions.can_reroute_referral(user, referral),
        )
        row.can_assign = is_open and permissions.can_assign_referral(user, referral)
        if row.can_assign:
            if members is None:  # read once for all the referrals' assign forms
                members = selectors.department_members(detail.referrals)
            row.forms["assign"] = bound.get(("assign", referral.pk)) or forms.AssignForm(
                prefix=f"assign-{referral.pk}", people=members.get(referral.department_id, [])
            )
        if row.can_answer:
            row.forms["answer"] = bound.get(("answer", referral.pk)) or forms.AnswerForm(
                prefix=f"answer-{referral.pk}"
            )
            row.forms["decline"] = bound.get(("decline", referral.pk)) or forms.DeclineForm(
                prefix=f"decline-{referral.pk}"
            )
        if row.can_reroute:
            form = bound.get(("reroute", referral.pk)) or forms.RerouteForm(
                prefix=f"reroute-{referral.pk}"
            )
            department = form.fields["department"]
            assert isinstance(department, ModelChoiceField)  # noqa: S101 (a type narrowing)
            if department_choices is None:
                department_choices = list(department.iterator(department))
            department.choices = department_choices
            row.forms["reroute"] = form
        rows.append(row)
    return rows


def render_detail(request, detail: CaseDetail, *, bound: dict | None = None, status: int = 200):
    bound = bound or {}
    user, case = request.user, detail.case
    may = {
        # A merged case stays closed (the work goes on in the case kept).
        "status": permissions.can_change_status(user, case) and case.merged_into_id is None,
        "coordinator": permissions.can_change_coordinator(user, case),
        "route": permissions.can_route(user, case),
        "note": permissions.can_add_note(user, case),
        "message": permissions.can_message(user, case)
        and bool(case.contact and case.contact.email),
        "upload": permissions.can_upload(user, case),
        # A fragment of another app may offer it (the public door: the contact it was given).
        "set_contact": permissions.can_set_contact(user, case),
        "edit": permissions.can_edit_case(user, case),
        "link": permissions.can_link_case(user, case),
        "merge": permissions.can_merge_case(user, case),
        "assign": permissions.can_assign_case(user, case),
    }
    offered = texts.offered_texts(case) if may["message"] or may["status"] else []
    context = {
        "active_section": "cases",
        "detail": detail,
        "case": case,
        "may": may,
        "referral_rows": _referral_rows(user, detail, bound),
        "status_form": bound.get("status") or forms.StatusForm(case=case),
        "coordinator_form": bound.get("coordinator")
        or forms.CoordinatorForm(initial={"coordinator": case.coordinator_id}),
        "route_form": bound.get("route") or forms.RouteForm(),
        "assign_form": bound.get("assign")
        or forms.AssignForm(initial={"assignee": case.assignee_id}),
        "note_form": bound.get("note") or forms.NoteForm(),
        "message_form": bound.get("message") or forms.MessageForm(),
        "upload_form": bound.get("upload") or forms.UploadForm(),
        "has_status_moves": bool(forms.StatusForm(case=case).offered),
        "clock": clocks.summary(case, timezone.localdate()),
        "guarantees": standing(
            case, guarantees_for(case.case_type_id), detail.referrals, timezone.now()
        ),
        "may_run_clock": permissions.can_run_clock(user, case)
        and case.status not in FINISHED_CASE_STATUSES,
        "clock_forms": {
            verb: bound.get(f"clock_{verb}") or form(initial={"fee_kronor": case.fee_kronor})
            for verb, form in CLOCK_FORMS.items()
        },
        "edit_form": (bound.get("edit") or forms.EditCaseForm(case=case)) if may["edit"] else None,
        "link_form": bound.get("link") or forms.LinkForm(),
        "merge_form": bound.get("merge") or forms.MergeForm(),
        "message_texts": texts.for_use(offered, TextUse.MESSAGE),
        "decision_texts": texts.for_use(offered, TextUse.DECISION),
    }
    return render(request, "cases/case_detail.html", context, status=status)

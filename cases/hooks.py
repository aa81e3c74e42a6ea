"""Where the apps built on ``cases`` plug in (CONVENTIONS rule 20: apps depend one way).

``cases`` knows nothing of ``public``, ``training`` or ``stats``; they register here, from their
``AppConfig.ready()``, what the cases app must do for them (as ``settings.HEALTH_CHECKS`` lets
each app add its health check):

- an **eraser** removes the app's personal data about a case; ``anonymise_case`` calls every
  eraser inside its transaction, with the case locked, and records the counts they return in
  its ``anonymised`` event;
- a **case-page part** is a fragment the case page shows in a named slot (``company``,
  ``contact``, ``notes``), with the relations the page's one query joins for it (so the page's
  query count stays what ``tests/cases/test_query_counts.py`` pins) and a function giving its
  context (the training course adds a "propose a course question" link under the notes);
- the **message link** is the address, told in the e-mail of a message to the business, where
  the business reads and answers it;
- a **change listener** hears of every change of a case: ``cases.services.events.record``
  calls each with the case's id after saving an event (every change of a case leaves one, rule
  2), inside the service's transaction, so figures derived from the case (the statistics'
  per-case working days) are written in the same transaction as the change.
- the **tracking link** is the address of one case's own page for the business (told in the
  e-mail of a decision or closing); without a provider the message link stands in.
- the **reply address** is where the business's answer by e-mail goes: e-mail to the business
  about a case carries it as ``Reply-To`` (the ``mailin`` app gives each case its own signed
  address and turns the answer into a message on the case); without a provider, none is set.
- a **case admin action** is an action of the admin's case list that an app adds (the
  e-archive export), so the admin of ``cases`` needs to import no app.
- a **fragment** is a template the cases pages include, with the page's own variables, in a
  named place: ``message_actions`` (beside each message, ``m``), ``referral_actions`` (beside
  each referral's answer, ``r``) and ``case_form`` (under the title on the open-case form);
  no context function, so no queries (the knowledge bank adds "save this answer to the
  knowledge bank" and suggestions of articles while the title is typed);
- a **company-page part** is a fragment the company page shows below the company's cases
  (business development lists the company's visits), with a function giving its context for
  the user and the company (one query of its own at most);
- an **event listener** is called by ``cases.services.events.record`` with every event saved on
  a case's timeline, inside the service's transaction (the API app writes its webhook
  deliveries there, so they commit or roll back with the change).

``tests/test_architecture.py`` fails on an import from ``cases`` into an app built on it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from .models import Case, CaseEvent, Company

CASE_PAGE_SLOTS = ("company", "contact", "notes")
FRAGMENT_SLOTS = ("message_actions", "referral_actions", "case_form")


@dataclass(frozen=True)
class CompanyPagePart:
    template: str
    # The context of the fragment for this user and company; None (or {}) shows nothing.
    context: Callable[[Any, Company], Mapping[str, Any] | None]


class Eraser(Protocol):
    def __call__(self, *, case: Case, text: str) -> Mapping[str, int]:
        """Remove (or replace by ``text``) the app's personal data about ``case``; return
        what was removed, by name (``{"tracking_links": 2}``)."""
        ...


@dataclass(frozen=True)
class CasePagePart:
    slot: str
    template: str
    # The context of the fragment for this case; None (or {}) shows nothing.
    context: Callable[[Case], Mapping[str, Any] | None]
    # Relations of ``Case`` the case page's query joins (``select_related``) for ``context``.
    select_related: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        if self.slot not in CASE_PAGE_SLOTS:
            raise ValueError(f"Unknown case-page slot {self.slot!r}")


@dataclass(frozen=True)
class RenderedPart:
    template: str
    context: Mapping[str, Any]


_erasers: list[Eraser] = []
_case_page_parts: list[CasePagePart] = []
_message_link: list[Callable[[], str]] = []
_change_listeners: list[Callable[[int], None]] = []
_tracking_link: list[Callable[[Case], str]] = []
_event_listeners: list[Callable[[CaseEvent], None]] = []
_reply_address: list[Callable[[Case], str]] = []
_case_admin_actions: list[Callable[..., Any]] = []
_fragments: dict[str, list[str]] = {slot: [] for slot in FRAGMENT_SLOTS}
_company_page_parts: list[CompanyPagePart] = []


def register_eraser(eraser: Eraser) -> None:
    if eraser not in _erasers:
        _erasers.append(eraser)


def erasers() -> tuple[Eraser, ...]:
    return tuple(_erasers)


def register_case_page_part(part: CasePagePart) -> None:
    if part not in _case_page_parts:
        _case_page_parts.append(part)


def case_page_parts() -> tuple[CasePagePart, ...]:
    return tuple(_case_page_parts)


def case_page_related() -> tuple[str, ...]:
    return tuple(dict.fromkeys(name for part in _case_page_parts for name in part.select_related))


def render_case_page_parts(case: Case) -> dict[str, list[RenderedPart]]:
    """Per slot, the fragments to show for ``case`` (no queries beyond the joined relations)."""
    slots: dict[str, list[RenderedPart]] = {slot: [] for slot in CASE_PAGE_SLOTS}
    for part in _case_page_parts:
        context = part.context(case)
        if context:
            slots[part.slot].append(RenderedPart(template=part.template, context=context))
    return slots


def register_message_link(provider: Callable[[], str]) -> None:
    """One provider: the last registered wins (a deployment may replace the public door's)."""
    _message_link[:] = [provider]


def message_link_url() -> str:
    """Where the business reads a message and answers it; "" when no app offers that."""
    return _message_link[0]() if _message_link else ""


def register_change_listener(listener: Callable[[int], None]) -> None:
    """``listener(case_id)`` runs inside the transaction of every recorded case event."""
    if listener not in _change_listeners:
        _change_listeners.append(listener)


def case_changed(case_id: int) -> None:
    for listener in _change_listeners:
        listener(case_id)


def register_tracking_link(provider: Callable[[Case], str]) -> None:
    """One provider (the last registered wins): called inside the caller's transaction."""
    _tracking_link[:] = [provider]


def tracking_link_url(case: Case) -> str:
    """The address of the case's page for the business; "" when no app offers one."""
    return _tracking_link[0](case) if _tracking_link else message_link_url()


def register_reply_address(provider: Callable[[Case], str]) -> None:
    """One provider (the last registered wins)."""
    _reply_address[:] = [provider]


def reply_address(case: Case) -> str:
    """The address the business's e-mail answer about ``case`` goes to; "" for none."""
    return _reply_address[0](case) if _reply_address else ""


def register_case_admin_action(action: Callable[..., Any]) -> None:
    """An admin action (``(modeladmin, request, queryset)``, decorated with
    ``@admin.action``) for the admin's list of cases."""
    if action not in _case_admin_actions:
        _case_admin_actions.append(action)


def case_admin_actions() -> tuple[Callable[..., Any], ...]:
    return tuple(_case_admin_actions)


def register_event_listener(listener: Callable[[CaseEvent], None]) -> None:
    """Called with each recorded event, in the recording transaction (keep it to a write)."""
    if listener not in _event_listeners:
        _event_listeners.append(listener)


def event_listeners() -> tuple[Callable[[CaseEvent], None], ...]:
    return tuple(_event_listeners)


def register_fragment(slot: str, template: str) -> None:
    """``template`` is included in ``slot`` of the cases pages, with the page's variables."""
    if slot not in FRAGMENT_SLOTS:
        raise ValueError(f"Unknown fragment slot {slot!r}")
    if template not in _fragments[slot]:
        _fragments[slot].append(template)


def fragments(slot: str) -> tuple[str, ...]:
    return tuple(_fragments.get(slot, ()))


def register_company_page_part(part: CompanyPagePart) -> None:
    if part not in _company_page_parts:
        _company_page_parts.append(part)


def render_company_page_parts(user, company: Company) -> list[RenderedPart]:
    """The fragments the apps built on cases add to ``company``'s page, for ``user``."""
    rendered = []
    for part in _company_page_parts:
        context = part.context(user, company)
        if context:
            rendered.append(RenderedPart(template=part.template, context=context))
    return rendered

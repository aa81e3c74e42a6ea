"""One action on many cases (django-helpdesk's ``mass_update``): each case goes through the
same service, and so the same permission check and moves table, as on its own page, each in
its own transaction. A case refused is left as it was; the others are done."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..errors import CaseError
from ..models import Case


@dataclass(frozen=True)
class Outcome:
    number: str
    done: bool
    reason: str = ""


def for_each(cases: Iterable[Case], action: Callable[[Case], object]) -> list[Outcome]:
    """Run ``action`` (a service, atomic by itself) on each case; a refusal is recorded with
    the service's own message and the next case is tried."""
    outcomes = []
    for case in cases:
        try:
            action(case)
        except CaseError as error:
            outcomes.append(Outcome(case.number, done=False, reason=str(error)))
        else:
            outcomes.append(Outcome(case.number, done=True))
    return outcomes

"""The one base of the apps' domain errors.

A service refuses with a domain error; its ``message`` is translated and a view shows it as it
is. Each app keeps its own error names (``cases.errors.CaseError``, ``knowledge.errors.
KnowledgeError``, ...) so that ``except`` clauses say whose refusal they expect; only the way a
message is carried lives here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class DomainError(Exception):
    """A refused action; ``message`` (or the class's ``default_message``) is shown as it is."""

    default_message: StrOrPromise = _("The change could not be made.")

    def __init__(self, message: StrOrPromise | None = None):
        self.message = message or self.default_message
        super().__init__(str(self.message))

    def __str__(self) -> str:
        return str(self.message)

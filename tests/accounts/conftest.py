"""Fixtures of the accounts tests: the real OIDC provider (tests/oidc_provider.py)."""

from .oidc_helpers import provider  # noqa: F401

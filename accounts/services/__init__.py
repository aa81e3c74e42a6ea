"""Writes of the accounts app: sign-in audit, sign-in from the provider's claims, two factors."""

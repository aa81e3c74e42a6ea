"""Writes of the business owner's door: one function per thing a business owner does.

Each is atomic and writes the case's history (CaseEvent) in the same transaction, exactly as
the cases services do; e-mail goes through the outbox. The cases services require a signed-in
official (``by``); these are the business-side counterparts, for a visitor without an account.
"""

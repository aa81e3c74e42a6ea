"""Writes of the business owner's door: one function per thing a business owner does.

Whatever touches a case (company, contact, case, message, files, history) goes through the
cases write path (``cases.services.opening.submit_public_matter``,
``cases.services.business_replies.record_business_reply``); these functions wrap it in their
transaction and add the public door's own records: intake details, tracking links, survey
answers and e-mail through the outbox.
"""

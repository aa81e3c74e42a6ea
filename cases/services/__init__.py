"""Every change to cases goes through these functions: one per verb a user performs.

Each is atomic, checks permission, locks the row before consulting the moves table, writes its
CaseEvent in the same transaction and queues e-mail through the outbox.
"""

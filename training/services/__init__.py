"""Every write of the training app: one function per verb, each in its own transaction."""

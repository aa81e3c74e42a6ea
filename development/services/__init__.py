"""Every change of business-development state: one keyword-only function per verb."""

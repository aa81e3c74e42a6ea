"""Every change of the knowledge bank: one keyword-only function per verb (CONVENTIONS rule 1)."""

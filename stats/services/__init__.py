"""The statistics' writes: derived data only (the working-day calendar, per-case figures)."""

"""One generator of realistic stories for the demo municipality (``seed_demo``) and the bench.

- ``world.py``: the demo municipality's reference data and the two profiles (demo, bench);
- ``texts.py``: the Swedish texts the stories are told with;
- ``planner.py``: stories planned in plain Python from a seed (no database);
- ``services/``: the one writer (reference data, then the planned stories in batches);
- ``generator.py``: ``generate()`` plans and writes batch by batch; ``flush()``;
- ``seed.py`` and ``course.py``: what ``seed_demo`` does.
"""

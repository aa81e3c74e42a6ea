"""Files the business sends: the same rules and storage as inside (cases.services.attachments).

The cases write path stores them (``cases.services.opening``); the forms check each file with
the same rules before anything is written.
"""

from __future__ import annotations

from cases.services.attachments import validate_upload

MAX_FILES = 5

check_upload = validate_upload

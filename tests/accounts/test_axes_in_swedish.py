"""Issue 13, defect 13: the django-axes models were untranslated in the Swedish admin.

django-axes has no Swedish catalogue; every text its models show is listed in
``accounts/axes_texts.py`` (so ``makemessages`` puts it in ours) and has a Swedish
translation, in the catalogue or in the translations waiting to be merged."""

import json
from pathlib import Path

import polib
from axes import models as axes_models

from accounts.axes_texts import AXES_TEXTS

ROOT = Path(__file__).resolve().parents[2]


def _swedish_texts() -> dict[str, str]:
    po = polib.pofile(str(ROOT / "locale/sv/LC_MESSAGES/django.po"))
    texts = {entry.msgid: entry.msgstr for entry in po if entry.msgstr}
    for waiting in sorted((ROOT / "locale/new").glob("*.json")):
        texts.update(json.loads(waiting.read_text(encoding="utf-8")))
    return texts


def _shown_in_admin() -> set[str]:
    shown = set()
    for model in (
        axes_models.AccessAttempt,
        axes_models.AccessLog,
        axes_models.AccessFailureLog,
        axes_models.AccessAttemptExpiration,
    ):
        meta = model._meta
        shown |= {meta.verbose_name._args[0], meta.verbose_name_plural._args[0]}
        for field in meta.get_fields():
            name = getattr(field, "verbose_name", None)
            if hasattr(name, "_args"):
                shown.add(name._args[0])
    return shown


def test_every_axes_text_of_the_admin_is_listed_and_has_swedish():
    shown = _shown_in_admin()
    assert "access attempts" in shown  # the check reads the real models
    assert shown <= set(AXES_TEXTS), sorted(shown - set(AXES_TEXTS))
    swedish = _swedish_texts()
    missing = [text for text in AXES_TEXTS if not swedish.get(text)]
    assert not missing, missing
    assert swedish["access attempts"] == "inloggningsförsök"

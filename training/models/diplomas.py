from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from training.workflow import DiplomaStatus

__all__ = ["Diploma", "DiplomaStatus", "diploma_upload_to"]


def diploma_upload_to(instance, filename: str) -> str:
    return f"diplomas/{instance.course.year}/{filename}"


class Diploma(models.Model):
    """A diploma as it was printed. The snapshot keeps what the PDF says, whatever changes later."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="training_diplomas",
        verbose_name=_("holder"),
    )
    course = models.ForeignKey(
        "training.Course",
        on_delete=models.PROTECT,
        related_name="diplomas",
        verbose_name=_("course edition"),
    )
    number = models.CharField(_("diploma number"), max_length=30, unique=True)
    verification_code = models.CharField(_("verification code"), max_length=14, unique=True)
    status = models.CharField(
        _("status"), max_length=10, choices=DiplomaStatus.choices, default=DiplomaStatus.ISSUED
    )
    revoked_reason = models.TextField(_("reason for revoking"), blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    issued_at = models.DateTimeField(_("issued"))
    valid_until = models.DateField(_("valid until"))
    file = models.FileField(_("PDF"), upload_to=diploma_upload_to, blank=True)
    sha256 = models.CharField(_("SHA-256 of the PDF"), max_length=64, blank=True)
    snapshot = models.JSONField(_("what was printed"), default=dict)

    class Meta:
        verbose_name = _("diploma")
        verbose_name_plural = _("diplomas")
        ordering = ["-issued_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="training_diploma_once"),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def holder_name(self) -> str:
        return self.snapshot.get("name", "")

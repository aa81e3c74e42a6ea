from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email: str, password: str | None = None, **extra_fields):
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


class User(AbstractBaseUser, PermissionsMixin):
    """An official (or administrator) who signs in with their e-mail address."""

    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150)
    title = models.CharField(_("title"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(
        _("administrator"),
        default=False,
        help_text=_("May sign in to the administration."),
    )
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    # Filled from the municipality's identity provider (OIDC) at each sign-in through it.
    employee_id = models.CharField(_("employee id"), max_length=64, blank=True)
    oidc_subject = models.CharField(
        _("identity at the municipality's provider"),
        max_length=255,
        null=True,
        blank=True,
        unique=True,
        editable=False,
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["full_name"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.full_name or self.email

    def clean(self) -> None:
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class DepartmentQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Department(models.Model):
    """A department (förvaltning/avdelning) of the municipality."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    code = models.SlugField(_("short code"), max_length=20, unique=True)
    inbox_email = models.EmailField(
        _("shared inbox e-mail"),
        blank=True,
        help_text=_("Where the department's notices go when no one person is assigned."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    objects = DepartmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    LOTS = "lots", _("Business pilot (lots)")
    SAMORDNARE = "samordnare", _("LOTS coordinator (samordnare)")
    AVDELNINGSCHEF = "avdelningschef", _("Department lead (avdelningschef)")


class Membership(models.Model):
    """A user's place in a department, with the role they have there."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    department = models.ForeignKey(
        Department,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("department"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.LOTS)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["department__name", "user__full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "department"], name="accounts_membership_user_department_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.department} ({self.get_role_display()})"


class ClaimMapping(models.Model):
    """One value of the provider's group claim (a group name or id) and what it gives here.

    A user signing in with the municipality's account is a member of each department whose
    mapping matches one of their groups, with the highest role mapped there. Kept in the admin;
    every change is saved through ``confighistory.services`` (old and new values).
    """

    claim_value = models.CharField(
        _("group in the claim"),
        max_length=255,
        help_text=_("The group's name or id exactly as the provider sends it."),
    )
    department = models.ForeignKey(
        Department, on_delete=models.CASCADE, related_name="+", verbose_name=_("department")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.LOTS)

    class Meta:
        verbose_name = _("group mapping")
        verbose_name_plural = _("group mappings")
        ordering = ["claim_value", "department__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["claim_value", "department"], name="accounts_claimmapping_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.claim_value} → {self.department} ({self.get_role_display()})"


class SignInEventKind(models.TextChoices):
    PASSWORD_SUCCESS = "password_success", _("Signed in with password")
    PASSWORD_FAILURE = "password_failure", _("Failed password sign-in")
    LOCKED_OUT = "locked_out", _("Locked out")
    SSO_SUCCESS = "sso_success", _("Signed in with the municipality's account")
    SSO_FAILURE = "sso_failure", _("Failed sign-in with the municipality's account")
    SSO_NO_ACCESS = "sso_no_access", _("Signed in at the provider, but no group is mapped")
    OTP_SUCCESS = "otp_success", _("Second factor accepted")
    OTP_FAILURE = "otp_failure", _("Second factor refused")
    OTP_RECOVERY_USED = "otp_recovery", _("Recovery code used")
    OTP_ENROLLED = "otp_enrolled", _("Authenticator app enrolled")
    OTP_RESET = "otp_reset", _("Second factor reset by an administrator")
    SIGNED_OUT = "signed_out", _("Signed out")


class SignInEvent(models.Model):
    """The audit log of sign-ins: appended by ``accounts.services.audit``, never edited."""

    kind = models.CharField(_("event"), max_length=20, choices=SignInEventKind.choices)
    user = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
    )
    username = models.CharField(_("user name given"), max_length=255, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    detail = models.CharField(_("detail"), max_length=500, blank=True)
    actor = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("done by"),
    )
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("sign-in event")
        verbose_name_plural = _("sign-in events")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.username}"

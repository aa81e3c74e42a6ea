from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MailinConfig(AppConfig):
    name = "mailin"
    verbose_name = _("E-mail in")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cases import hooks

        from .services import erase_case_mail
        from .tokens import reply_address_for

        hooks.register_reply_address(lambda case: reply_address_for(case.pk))
        hooks.register_eraser(erase_case_mail)

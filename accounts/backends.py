"""Which way a user signed in: the password (ModelBackend) or the municipality's account."""

from django.contrib.auth.backends import ModelBackend

PASSWORD_BACKEND = "django.contrib.auth.backends.ModelBackend"  # noqa: S105 (a path)
OIDC_BACKEND = "accounts.backends.OIDCBackend"
SESSION_KEY = "lots_sign_in_method"
# The sign-in page and the OIDC callback name their way on the request before login(); a
# session made otherwise (the test client's force_login) carries no method.
SIGN_IN_METHOD_ATTR = "_lots_sign_in_method"


class OIDCBackend(ModelBackend):
    """Loads the signed-in user per request; authenticating is the OIDC callback's work."""

    def authenticate(self, request, **credentials):
        return None

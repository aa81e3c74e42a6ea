from django.conf import settings
from django.utils import translation


class CookieLocaleMiddleware:
    """Activate the language the user chose, else Swedish.

    Django's LocaleMiddleware would follow the browser's Accept-Language header; a Swedish
    municipality's portal speaks Swedish unless the user picks English with the language
    switch (which sets the language cookie through ``set_language``).
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response

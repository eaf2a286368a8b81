"""The interface language: Vietnamese unless the user picked English in the page.

Django's LocaleMiddleware would follow the browser's Accept-Language, and many office browsers
are set to English; the product's default is Vietnamese, so only the choice made with the
language switch (Django's language cookie) changes it. The API answers in English by default.
"""
from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers


class LanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.languages = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in self.languages:
            # The API speaks to programs, and its documentation is English; the pages to people.
            language = "en" if request.path.startswith("/api/") else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie",))
        return response

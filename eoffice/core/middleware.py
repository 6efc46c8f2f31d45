class VietnameseByDefaultMiddleware:
    """The interface is Vietnamese unless the user chose another language
    (the language cookie set by the switcher): an English-language browser
    does not switch a Vietnamese office's screens by itself."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)

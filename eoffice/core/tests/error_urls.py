"""The project's URLs plus a view that fails, for the error-page tests."""

from django.urls import path

from eoffice.urls import handler400, handler403, handler404, handler500, urlpatterns  # noqa: F401 - the handlers Django looks up here


def broken(request):
    raise RuntimeError("secret detail of the failure")


urlpatterns = [path("hong/", broken), *urlpatterns]

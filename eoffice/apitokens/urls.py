from django.urls import path

from eoffice.apitokens import views

urlpatterns = [
    path("", views.tokens, name="api-tokens"),
    path("<str:key>/thu-hoi/", views.revoke, name="api-token-revoke"),
    path("thu-hoi-tat-ca/", views.revoke_all, name="api-tokens-revoke-all"),
]

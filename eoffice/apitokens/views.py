"""/khoa-api/: a person's own API keys: issue one (shown once), revoke one or all."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from eoffice.apitokens import services
from eoffice.apitokens.forms import TokenForm
from eoffice.core.errors import ValidationFailed


@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    form, issued = TokenForm(request.POST or None), None
    if request.method == "POST" and form.is_valid():
        try:
            token, key = services.token_issue(request.user, **form.cleaned_data)  # type: ignore[arg-type]
        except ValidationFailed as refusal:
            form.add_error(None, refusal.message)
        else:
            issued, form = {"token": token, "key": key}, TokenForm()
    context = {"form": form, "issued": issued, "tokens": services.tokens_of(request.user)}  # type: ignore[arg-type]
    return render(request, "apitokens/tokens.html", context)


@login_required
@require_POST
def revoke(request: HttpRequest, key: str) -> HttpResponse:
    token = services.tokens_of(request.user).filter(token_key=key).first()  # type: ignore[arg-type]
    if token is None:
        raise Http404
    services.token_revoke(request.user, token)  # type: ignore[arg-type]
    messages.success(request, f"Đã thu hồi khóa “{token.name}”.")
    return redirect("api-tokens")


@login_required
@require_POST
def revoke_all(request: HttpRequest) -> HttpResponse:
    count = services.tokens_revoke_all(request.user, request.user)  # type: ignore[arg-type]
    messages.success(request, f"Đã thu hồi {count} khóa API.")
    return redirect("api-tokens")

"""The public procedure catalogue (công khai thủ tục hành chính): pages anyone
may read without logging in, in Vietnamese, working without JavaScript.
Login is enforced per view in this project (login_required), so these views
are public simply by not requiring it; they only ever show published procedures."""

from typing import cast

from django import forms
from django.core.paginator import Paginator
from django.http import FileResponse
from django.shortcuts import render
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from eoffice.attachments.models import StoredFile
from eoffice.onestop.catalogue import selectors
from eoffice.onestop.models import Level

PAGE_SIZE = 20


class ProcedureSearchForm(forms.Form):
    """Tra cứu thủ tục: text, lĩnh vực, cấp thực hiện (shape only)."""

    q = forms.CharField(label=_("Từ khóa"), required=False, max_length=200)
    linh_vuc = forms.ChoiceField(label=_("Lĩnh vực"), required=False)
    cap = forms.ChoiceField(label=_("Cấp thực hiện"), required=False, choices=[("", _("Tất cả các cấp")), *Level.choices])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        fields = [(f.code, f.name) for f in selectors.fields_in_use()]
        cast(forms.ChoiceField, self.fields["linh_vuc"]).choices = [("", _("Tất cả lĩnh vực")), *fields]


def _page(request, template: str, context: dict, status: int = 200):
    """Every public page names the portal's agency in its header."""
    return render(request, template, {"portal_agency": selectors.portal_agency(), **context}, status=status)


def _not_found(request, message: str | Promise):
    return _page(request, "onestop/public/not_found.html", {"message": message}, status=404)


@require_safe
def procedure_list(request):
    form = ProcedureSearchForm(request.GET or None)
    params = form.cleaned_data if form.is_valid() else {}
    # An invalid form (an unknown field or level in the address) lists everything rather than failing.
    procedures = selectors.procedure_filters(
        selectors.published_procedures(), q=params.get("q", ""), field=params.get("linh_vuc", ""), level=params.get("cap", "")
    )
    page = Paginator(procedures.order_by("field__name", "name"), PAGE_SIZE).get_page(request.GET.get("page"))
    searched = any(params.get(name) for name in ("q", "linh_vuc", "cap"))
    return _page(request, "onestop/public/list.html", {"form": form, "page": page, "searched": searched})


@require_safe
def procedure_detail(request, code: str):
    procedure = selectors.get_published_procedure(code)
    if procedure is None:
        return _not_found(
            request, _("Không tìm thấy thủ tục hành chính có mã “%(code)s”, hoặc thủ tục chưa được công khai.") % {"code": code}
        )
    return _page(request, "onestop/public/detail.html", {"procedure": procedure})


@require_safe
def procedure_form(request, code: str, paper_id: int):
    """Tải mẫu đơn, tờ khai of a published procedure."""
    paper = selectors.published_form_paper(code, paper_id)
    if paper is None:
        return _not_found(request, _("Không tìm thấy mẫu đơn, tờ khai này, hoặc thủ tục chưa được công khai."))
    stored = cast(StoredFile, paper.form_file)  # published_form_paper: a paper with its form
    name = (paper.form_name or paper.name)[:120].replace("/", "-")
    return FileResponse(
        stored.file.open("rb"), as_attachment=True, content_type=stored.content_type, filename=f"{name}.{stored.extension}"
    )

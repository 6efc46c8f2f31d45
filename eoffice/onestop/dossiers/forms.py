"""Web forms of the one-stop staff pages. They only shape input; the rules
(complete checklist, applicant, who may act in which state) live in services.py.

A scan chosen on a form that is refused is not lost: it is stored at once and
the page comes back with a signed reference to it (`*_kept`), so the user
does not have to choose the file again."""

from datetime import datetime
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext_lazy as _

from eoffice.core.forms import date_field
from eoffice.core.workflow import StepForm
from eoffice.onestop.dossiers.uploads import keep_token, kept_sha256, result_file, store_papers
from eoffice.onestop.models import ApplicantKind, Channel, Procedure, Status

TEXTAREA = {"rows": 3}
# Small inputs: the checklist is a table that must fit half a page.
COUNT: dict[str, Any]
COUNT = {"min_value": 0, "max_value": 999, "required": False, "widget": forms.NumberInput(attrs={"style": "width: 5em"})}
SCAN = forms.ClearableFileInput(attrs={"style": "max-width: 16em", "accept": ".pdf,.jpg,.jpeg,.png,.tif,.tiff,.docx,.xlsx"})


# --------------------------------------------------------------------------- the work list
class FilterForm(forms.Form):
    """Bộ lọc danh sách hồ sơ (GET)."""

    q = forms.CharField(label=_("Mã hồ sơ hoặc tên người nộp"), required=False, max_length=200)
    procedure = forms.ChoiceField(label=_("Thủ tục"), required=False)
    status = forms.ChoiceField(label=_("Trạng thái"), required=False, choices=[("", _("Mọi trạng thái")), *Status.choices])
    date_from = date_field(_("Nhận từ ngày"), required=False)
    date_to = date_field(_("đến ngày"), required=False)

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        codes = Procedure.objects.filter(agency=agency).order_by("code").values_list("code", "name")
        cast(forms.ChoiceField, self.fields["procedure"]).choices = [
            ("", _("Mọi thủ tục")),
            *((code, f"{code} — {name}") for code, name in codes),
        ]

    def filters(self) -> dict:
        """The valid filters as worklist.filter_dossiers takes them (an invalid date is ignored, and shown)."""
        data = self.cleaned_data if self.is_valid() else getattr(self, "cleaned_data", {})
        texts = {name: data.get(name) or "" for name in ("q", "procedure", "status")}
        return texts | {"date_from": data.get("date_from"), "date_to": data.get("date_to")}


class PeriodForm(forms.Form):
    """Kỳ của Sổ theo dõi hồ sơ (GET)."""

    date_from = date_field(_("Từ ngày"), required=False)
    date_to = date_field(_("Đến ngày"), required=False)

    def clean(self):
        data = cast(dict[str, Any], super().clean())  # Form.clean returns cleaned_data
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            raise forms.ValidationError(_("“Từ ngày” phải trước hoặc bằng “Đến ngày”."))
        return data


# --------------------------------------------------------------------------- papers (checklist)
if TYPE_CHECKING:
    _Form = forms.Form  # what the mixin is mixed into
else:
    _Form = object


class PapersMixin(_Form):
    """One row per paper of the procedure's checklist (nộp? bản chính, bản sao,
    tệp scan) and `extra` rows for papers not on it, as fields named
    p<id>_… and x<n>_…; `paper_rows()` for the template, `paper_items()` for the view."""

    def add_paper_fields(self, papers, *, extra: int, tick_by_default: bool = False) -> None:
        self.papers = list(papers)
        self.extra = extra
        for paper in self.papers:
            key = f"p{paper.pk}"
            self.fields[f"{key}_ticked"] = forms.BooleanField(label=paper.name, required=False, initial=tick_by_default)
            self.fields[f"{key}_originals"] = forms.IntegerField(label=_("Bản chính"), initial=paper.originals, **COUNT)
            self.fields[f"{key}_copies"] = forms.IntegerField(label=_("Bản sao"), initial=paper.copies, **COUNT)
            self._file_fields(key)
        for n in range(1, extra + 1):
            key = f"x{n}"
            self.fields[f"{key}_name"] = forms.CharField(label=_("Tên giấy tờ khác"), required=False, max_length=500)
            self.fields[f"{key}_originals"] = forms.IntegerField(label=_("Bản chính"), initial=0, **COUNT)
            self.fields[f"{key}_copies"] = forms.IntegerField(label=_("Bản sao"), initial=0, **COUNT)
            self._file_fields(key)

    def _file_fields(self, key: str) -> None:
        self.fields[f"{key}_file"] = forms.FileField(label=_("Tệp scan"), required=False, widget=SCAN)
        self.fields[f"{key}_kept"] = forms.CharField(required=False, widget=forms.HiddenInput)

    def paper_rows(self) -> list[dict]:
        rows = [
            {"key": f"p{p.pk}", "paper": p, "ticked": self[f"p{p.pk}_ticked"], "name": None, **self._row_fields(f"p{p.pk}")}
            for p in self.papers
        ]
        rows += [
            {"key": f"x{n}", "paper": None, "ticked": None, "name": self[f"x{n}_name"], **self._row_fields(f"x{n}")}
            for n in range(1, self.extra + 1)
        ]
        return rows

    def _row_fields(self, key: str) -> dict:
        kept = self[f"{key}_kept"].value()
        return {
            "originals": self[f"{key}_originals"],
            "copies": self[f"{key}_copies"],
            "file": self[f"{key}_file"],
            "kept": self[f"{key}_kept"],
            "has_kept": bool(kept_sha256(kept or "")),
        }

    def paper_items(self) -> list[dict]:
        """What the user handed in, before the files are stored: one dict per
        ticked paper (or paper with a scan) with `upload` (a new file) or
        `kept` (the sha256 of one stored on an earlier try)."""
        data, items = self.cleaned_data, []
        for paper in self.papers:
            item = self._item(f"p{paper.pk}", required_paper=paper, name=paper.name)
            # A ticked paper with its counts left empty counts as the checklist says.
            item["originals"] = paper.originals if data[f"p{paper.pk}_originals"] is None else item["originals"]
            item["copies"] = paper.copies if data[f"p{paper.pk}_copies"] is None else item["copies"]
            if data[f"p{paper.pk}_ticked"] or item["upload"] or item["kept"]:
                items.append(item)
        for n in range(1, self.extra + 1):
            name = (data[f"x{n}_name"] or "").strip()
            if name:
                items.append(self._item(f"x{n}", required_paper=None, name=name))
        return items

    def _item(self, key: str, **fields) -> dict:
        data = self.cleaned_data
        return {
            **fields,
            "originals": data[f"{key}_originals"] or 0,
            "copies": data[f"{key}_copies"] or 0,
            "upload": data[f"{key}_file"],
            "upload_key": key,
            "kept": kept_sha256(data[f"{key}_kept"]),
        }

    def keep(self, key: str, stored_file) -> None:
        """Put a stored scan's reference into the re-rendered form."""
        data = cast(MultiValueDict, self.data).copy()  # request.POST's kind, mutable once copied
        data[self.add_prefix(f"{key}_kept")] = keep_token(stored_file)
        self.data = data


# --------------------------------------------------------------------------- receipt
class ProcedureChoiceForm(forms.Form):
    """Chọn thủ tục (GET): a text filter of the list and the choice itself."""

    q = forms.CharField(label=_("Tìm thủ tục theo mã hoặc tên"), required=False, max_length=200)
    thu_tuc = forms.ChoiceField(label=_("Thủ tục hành chính"), required=False)


class ReceiveForm(PapersMixin, forms.Form):
    """Tiếp nhận hồ sơ: người nộp, hình thức nộp, ghi chú, and the checklist."""

    thu_tuc = forms.CharField(widget=forms.HiddenInput)
    kind = forms.ChoiceField(label=_("Người nộp là"), choices=ApplicantKind.choices, initial=ApplicantKind.PERSON)
    name = forms.CharField(label=_("Họ tên người nộp"), max_length=200)
    organisation_name = forms.CharField(label=_("Tên tổ chức (nếu nộp cho tổ chức)"), required=False, max_length=300)
    id_number = forms.CharField(label=_("Số định danh cá nhân / CCCD"), required=False, max_length=20)
    phone = forms.CharField(label=_("Số điện thoại"), max_length=20)
    email = forms.CharField(label=_("Thư điện tử"), required=False, max_length=254)
    address = forms.CharField(label=_("Địa chỉ"), max_length=300)
    channel = forms.ChoiceField(
        label=_("Hình thức nộp"),
        choices=[(Channel.COUNTER, Channel.COUNTER.label), (Channel.POST, Channel.POST.label)],
        initial=Channel.COUNTER,
    )
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs=TEXTAREA))

    APPLICANT = ("kind", "name", "organisation_name", "id_number", "phone", "email", "address")

    def __init__(self, *args, procedure: Procedure, **kwargs):
        super().__init__(*args, **kwargs)
        self.procedure = procedure
        self.fields["thu_tuc"].initial = procedure.code
        self.add_paper_fields(procedure.papers.order_by("order"), extra=1)

    def applicant(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.APPLICANT}


# --------------------------------------------------------------------------- the dossier page's actions
class NoteForm(StepForm):
    note = forms.CharField(
        label=_("Ghi chú, kết quả bước xử lý"), required=False, max_length=500, widget=forms.Textarea(attrs=TEXTAREA)
    )


class ReasonForm(StepForm):
    reason = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs=TEXTAREA))


class SupplementRequestForm(StepForm):
    """Yêu cầu bổ sung, hoàn thiện hồ sơ."""

    items = forms.CharField(label=_("Giấy tờ, nội dung cần bổ sung (mỗi dòng một mục)"), widget=forms.Textarea(attrs={"rows": 4}))
    reason = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs=TEXTAREA))

    def item_list(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["items"].splitlines() if line.strip()]

    def step_values(self) -> dict[str, Any]:
        return {"items": self.item_list(), "reason": self.cleaned_data["reason"]}


class SupplementForm(PapersMixin, StepForm):
    """Nhận giấy tờ bổ sung: the checklist's papers and two free rows."""

    def for_record(self, dossier) -> None:
        self.add_paper_fields(dossier.procedure.papers.order_by("order"), extra=2)

    def step_values(self) -> dict[str, Any]:
        """The papers with their scans stored now: kept by the form if the step is refused."""
        return {"papers": store_papers(self.paper_items(), self)}


class ApologyForm(StepForm):
    """Xin lỗi và hẹn lại ngày trả kết quả."""

    reason = forms.CharField(label=_("Lý do chậm trả kết quả"), widget=forms.Textarea(attrs=TEXTAREA))
    new_date = date_field(_("Ngày hẹn trả mới"))
    new_time = forms.TimeField(
        label=_("Giờ hẹn trả mới"),
        input_formats=["%H:%M", "%Hg%M", "%Hh%M"],
        initial="16:00",
        widget=forms.TimeInput(format="%H:%M", attrs={"placeholder": "hh:mm", "inputmode": "numeric"}),
        error_messages={"invalid": _("Giờ không hợp lệ, hãy nhập theo dạng hh:mm (ví dụ 16:00).")},
    )

    def new_due(self) -> datetime:
        """The new appointment in office time."""
        moment = datetime.combine(self.cleaned_data["new_date"], self.cleaned_data["new_time"])
        return timezone.make_aware(moment, timezone.get_default_timezone())

    def step_values(self) -> dict[str, Any]:
        return {"reason": self.cleaned_data["reason"], "new_due": self.new_due()}


class FinishForm(StepForm):
    """Có kết quả giải quyết."""

    result_summary = forms.CharField(
        label=_("Kết quả giải quyết"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Ví dụ: Cấp Giấy phép xây dựng số 125/GPXD ngày 05/03/2026."),
    )  # fmt: skip
    result_file = forms.FileField(label=_("Tệp kết quả (bản scan hoặc bản điện tử)"), required=False)
    result_file_kept = forms.CharField(required=False, widget=forms.HiddenInput)

    def has_kept(self) -> bool:
        return bool(kept_sha256(self["result_file_kept"].value() or ""))

    def step_values(self) -> dict[str, Any]:
        """The result file stored now (kept by the form if the step is refused)."""
        return {"result_summary": self.cleaned_data["result_summary"], "result_file": result_file(self)}

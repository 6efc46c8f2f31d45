"""Forms of the public one-stop pages (no login): the dossier look-up, the
satisfaction rating and the online submission, and the upload handler that
keeps oversized files of the public form out of memory and off the disk."""

from django import forms
from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from eoffice.core.forms import MultipleFileField
from eoffice.core.text import nfc
from eoffice.onestop.dossiers.services import APPLICANT_FIELDS, COMMENT_MAX_LENGTH
from eoffice.onestop.models import ApplicantKind, Satisfaction
from eoffice.onestop.public.ratelimit import CODE_MAX_LENGTH, PHONE_LAST4_INVALID
from eoffice.onestop.public.submission import MB, paper_field, submission_problems

ACCEPT = ".pdf,.jpg,.jpeg,.png,.docx"
FILES_LOST = _("Vì hồ sơ chưa hợp lệ nên các tệp đã chọn chưa được lưu: vui lòng chọn lại tệp trước khi gửi.")


class LookupForm(forms.Form):
    """Tra cứu hồ sơ: mã hồ sơ and the last four digits of the phone filed with it."""

    ma = forms.CharField(label=_("Mã hồ sơ"), max_length=CODE_MAX_LENGTH, widget=forms.TextInput(attrs={"autocomplete": "off"}))
    sdt = forms.CharField(
        label=_("4 số cuối điện thoại"),
        max_length=4,
        min_length=4,
        validators=[RegexValidator(r"^\d{4}$", PHONE_LAST4_INVALID)],
        error_messages={"min_length": PHONE_LAST4_INVALID, "max_length": PHONE_LAST4_INVALID},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "pattern": r"\d{4}", "autocomplete": "off"}),
    )

    def clean_ma(self):
        return self.cleaned_data["ma"].strip()

    def clean_sdt(self):
        return self.cleaned_data["sdt"].strip()


class RatingForm(LookupForm):
    """Đánh giá mức độ hài lòng, posted with the same two factors as the look-up."""

    ma = forms.CharField(max_length=CODE_MAX_LENGTH, widget=forms.HiddenInput)
    sdt = forms.CharField(max_length=4, widget=forms.HiddenInput)
    level = forms.ChoiceField(
        label=_("Mức độ hài lòng"),
        choices=Satisfaction.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Cần chọn mức độ hài lòng.")},
    )
    comment = forms.CharField(
        label=_("Góp ý (nếu có)"), required=False, max_length=COMMENT_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 3})
    )


class OnlineSubmissionForm(forms.Form):
    """Nộp hồ sơ trực tuyến: người nộp, one file per paper of the procedure's
    checklist (required ones must be given), extra files, and a honeypot field
    left empty by people (robots fill it). The rules are checked by the
    service; the form shapes input and keeps it for a re-render."""

    kind = forms.ChoiceField(
        label=_("Người nộp là"), choices=ApplicantKind.choices, initial=ApplicantKind.PERSON, widget=forms.RadioSelect
    )
    name = forms.CharField(label=_("Họ và tên người nộp"), max_length=200)
    organisation_name = forms.CharField(label=_("Tên tổ chức (nếu nộp cho tổ chức)"), max_length=300, required=False)
    id_number = forms.CharField(label=_("Số định danh cá nhân / CCCD"), max_length=20, required=False)
    phone = forms.CharField(
        label=_("Số điện thoại"),
        max_length=20,
        help_text=_("4 số cuối của số điện thoại này cùng mã hồ sơ dùng để tra cứu hồ sơ."),
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    email = forms.CharField(label=_("Thư điện tử"), max_length=254, required=False)
    address = forms.CharField(label=_("Địa chỉ"), max_length=300)
    website = forms.CharField(  # honeypot (bẫy robot): hidden from people by the template
        label=_("Để trống ô này"), required=False, widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"})
    )

    def __init__(self, *args, procedure, refused=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.procedure = procedure
        self.refused = refused or {}  # files the upload handler dropped, by field
        self.papers = list(procedure.papers.all())
        for paper in self.papers:
            self.fields[paper_field(paper)] = forms.FileField(
                label=paper.name,
                required=False,  # checked with the other files, so every missing paper is named at once
                widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
            )
        self.fields["extra_files"] = MultipleFileField(
            label=_("Tài liệu khác (nếu có)"), required=False, widget=_MultipleFiles(attrs={"accept": ACCEPT})
        )

    def applicant_rows(self):
        """The bound fields of người nộp, for the template."""
        return [self[name] for name in APPLICANT_FIELDS]

    def paper_rows(self):
        """(paper, bound field) of the checklist, in order, for the template."""
        return [(paper, self[paper_field(paper)]) for paper in self.papers]

    def clean(self):
        data = super().clean()
        if (self.data.get("website") or "").strip():
            raise forms.ValidationError(_("Không gửi được hồ sơ. Vui lòng tải lại trang và nhập lại."), code="honeypot")
        for field, problems in self.refused.items():
            for problem in problems:
                self.add_error(field if field in self.fields else None, problem)
        # The service checks again; here every problem is shown at once, each at its field.
        problems = submission_problems(
            procedure=self.procedure, applicant=self.applicant(), files=self.files_by_paper(), extras=self.extras()
        )
        for field, messages in problems.items():
            if field not in self.errors:
                for message in messages:
                    self.add_error(field if field in self.fields else None, message)
        return data

    def applicant(self) -> dict:
        return {key: self.cleaned_data.get(key, "") for key in APPLICANT_FIELDS}

    def files_by_paper(self) -> dict:
        return {paper.pk: upload for paper in self.papers if (upload := self.cleaned_data.get(paper_field(paper)))}

    def extras(self) -> list:
        return list(self.cleaned_data.get("extra_files") or [])


class _MultipleFiles(forms.ClearableFileInput):
    allow_multiple_selected = True


class PublicUploadHandler(FileUploadHandler):
    """Stops reading a file of the public form as soon as it passes a limit, so
    an oversized upload is neither held in memory nor written to disk. The
    typed fields still arrive; `refused` names each dropped file by field for
    the form. Goes first among the request's upload handlers."""

    def __init__(self, request=None):
        super().__init__(request)
        self.refused: dict[str, list[str]] = {}
        self.count = self.total = self.size = 0
        self.problem = ""

    def new_file(self, field_name, file_name, *args, **kwargs):
        super().new_file(field_name, file_name, *args, **kwargs)
        self.count += 1
        self.size = 0
        self.problem = ""
        if self.count > settings.EOFFICE_PUBLIC_UPLOAD_MAX_FILES:
            # Refused at its first bytes: SkipFile here would close the previous file's buffer.
            limit = settings.EOFFICE_PUBLIC_UPLOAD_MAX_FILES
            self.problem = f"Gửi tối đa {limit} tệp cho một hồ sơ; tệp “{self._name}” chưa được nhận."

    @property
    def _name(self) -> str:
        return nfc(self.file_name or "")

    def receive_data_chunk(self, raw_data, start):
        self.size += len(raw_data)
        self.total += len(raw_data)
        per_file, total = settings.EOFFICE_PUBLIC_UPLOAD_MAX_MB, settings.EOFFICE_PUBLIC_UPLOAD_TOTAL_MB
        if not self.problem and self.size > per_file * MB:
            self.problem = f"Tệp “{self._name}” vượt quá dung lượng cho phép ({per_file} MB một tệp)."
        elif not self.problem and self.total > total * MB:
            self.problem = f"Tổng dung lượng các tệp vượt quá {total} MB cho một hồ sơ; tệp “{self._name}” chưa được nhận."
        if self.problem:
            self.refused.setdefault(self.field_name, []).append(self.problem)
            self.total -= self.size  # a dropped file takes no room
            raise SkipFile()
        return raw_data

    def file_complete(self, file_size):
        return None  # the next handler (memory or temporary file) makes the file

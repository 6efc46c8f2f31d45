import re
from typing import cast

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models

from eoffice.core.models import NFCModel
from eoffice.core.text import nfc

# Mã định danh điện tử (QĐ 20/2020/QĐ-TTg Art.4): at most 35 characters,
# dot-separated groups of digits and upper-case letters, e.g. 000.00.00.H30.
ORGAN_ID_RE = re.compile(r"^[0-9A-Z]+(\.[0-9A-Z]+)*$")


def validate_organ_id(value: str) -> None:
    if len(value) > 35 or not ORGAN_ID_RE.match(value):
        raise ValidationError(
            "Mã định danh không hợp lệ: tối đa 35 ký tự, gồm các nhóm chữ số 0-9 và "
            "chữ in hoa A-Z ngăn cách bởi dấu chấm (ví dụ 000.00.00.H30).",
            code="invalid_organ_id",
        )


class User(AbstractUser):  # type: ignore[django-manager-missing]  # knox's token manager, on ApiToken.user
    full_name = models.CharField("họ và tên", max_length=100, blank=True)

    def __str__(self):
        return self.full_name or self.username

    def save(self, *args, **kwargs):
        self.full_name = nfc(self.full_name)
        super().save(*args, **kwargs)


class Agency(NFCModel):
    """Cơ quan, tổ chức. `hosted` agencies work in this installation; the others
    are only known as senders or recipients."""

    name = models.CharField("tên cơ quan", max_length=200)
    short_name = models.CharField("tên viết tắt", max_length=20, help_text="Dùng trong ký hiệu văn bản, ví dụ UBND, VP, SXD.")
    organ_id = models.CharField("mã định danh", max_length=35, unique=True, null=True, blank=True, validators=[validate_organ_id])
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children", verbose_name="cơ quan cấp trên"
    )
    hosted = models.BooleanField("dùng hệ thống này", default=False)
    # ND30 Appendix I II.2.a: under its parent, an agency prints a name of its own
    # ("VĂN PHÒNG" under "ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG"), not the parent again.
    header_name = models.CharField(
        "tên in ở tiêu đề văn bản",
        max_length=200,
        blank=True,
        help_text="Tên cơ quan ban hành in dưới tên cơ quan chủ quản ở đầu văn bản, ví dụ “Văn phòng” dưới "
        "“Ủy ban nhân dân thành phố Hải Phòng”. Để trống: in tên cơ quan.",
    )
    # Where other agencies reach it: an edXML package's sender carries them (From).
    address = models.CharField("địa chỉ", max_length=300, blank=True)
    email = models.EmailField("thư điện tử", blank=True)
    phone = models.CharField("điện thoại", max_length=30, blank=True)
    fax = models.CharField("số fax", max_length=30, blank=True)
    website = models.URLField("trang thông tin điện tử", blank=True)

    @property
    def contact_line(self) -> str:
        """Box 13 of its documents (ND30 Appendix I): address, phone, fax, e-mail,
        website, each only when known."""
        parts = [("Địa chỉ", self.address), ("Điện thoại", self.phone), ("Fax", self.fax), ("Email", self.email)]
        parts.append(("Website", self.website.removeprefix("https://").removeprefix("http://").rstrip("/")))
        return "; ".join(f"{label}: {' '.join(value.split())}" for label, value in parts if value.strip())

    class Meta:
        verbose_name = "cơ quan"
        verbose_name_plural = "cơ quan, tổ chức"
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def printed_name(self) -> str:
        """The issuing agency's name as the header of its documents prints it (capitals)."""
        return (self.header_name or self.name).upper()


class Unit(NFCModel):
    """Đơn vị, phòng within an agency."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="units", verbose_name="cơ quan")
    name = models.CharField("tên đơn vị", max_length=200)
    abbreviation = models.CharField("viết tắt", max_length=20)

    class Meta:
        verbose_name = "đơn vị"
        verbose_name_plural = "đơn vị"
        ordering = ["agency", "name"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "abbreviation"], name="unit_abbreviation_unique"),
        ]

    def __str__(self):
        return self.name


class Role(models.TextChoices):
    CLERK = "clerk", "Văn thư"
    LEADER = "leader", "Lãnh đạo cơ quan"
    UNIT_HEAD = "unit_head", "Lãnh đạo đơn vị"
    SPECIALIST = "specialist", "Chuyên viên"
    FORMAT_CHECKER = "format_checker", "Kiểm tra thể thức"
    ONE_STOP = "one_stop", "Bộ phận một cửa"
    ADMIN = "admin", "Quản trị"
    # Reads the agency's audit log (nhật ký hệ thống) and exports it for inspectors.
    AUDITOR = "auditor", "Kiểm tra nhật ký"


class Membership(NFCModel):
    """A person's role in one agency (a person may hold roles in several)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="memberships", verbose_name="cơ quan")
    unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="memberships", verbose_name="đơn vị"
    )
    role = models.CharField("vai trò", max_length=20, choices=Role.choices)
    position = models.CharField("chức vụ", max_length=100, blank=True)

    class Meta:
        verbose_name = "vai trò"
        verbose_name_plural = "cán bộ và vai trò"
        constraints = [
            models.UniqueConstraint(fields=["user", "agency", "unit", "role"], name="membership_unique"),
        ]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()} — {self.agency.short_name}"

    def clean(self):
        if self.unit_id and cast(Unit, self.unit).agency_id != self.agency_id:
            raise ValidationError({"unit": "Đơn vị không thuộc cơ quan đã chọn."})
        if self.role == Role.UNIT_HEAD and not self.unit_id:
            raise ValidationError({"unit": "Lãnh đạo đơn vị phải gắn với một đơn vị."})


class Delegation(NFCModel):
    """Ủy quyền: `delegate` acts for `principal` in `agency` between two dates."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+", verbose_name="cơ quan")
    principal = models.ForeignKey(User, on_delete=models.CASCADE, related_name="delegations_given", verbose_name="người ủy quyền")
    delegate = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="delegations_received", verbose_name="người được ủy quyền"
    )
    start_date = models.DateField("từ ngày")
    end_date = models.DateField("đến ngày")
    note = models.CharField("nội dung ủy quyền", max_length=500, blank=True)

    class Meta:
        verbose_name = "ủy quyền"
        verbose_name_plural = "ủy quyền"

    def clean(self):
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "Ngày kết thúc phải sau ngày bắt đầu."})
        if self.principal_id and self.principal_id == self.delegate_id:
            raise ValidationError({"delegate": "Không thể tự ủy quyền cho chính mình."})

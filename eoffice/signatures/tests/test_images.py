"""The signature and seal images (ND30 Appendix I, II.7.d, II.8.a): what the
administrator uploads is checked (PNG, transparent, blue or red, size limits)
and refused with a Vietnamese message; the demo's placeholders pass."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

from eoffice.core.errors import ValidationFailed
from eoffice.signatures import images, placeholders
from eoffice.signatures.admin import SigningKeyForm
from eoffice.signatures.models import SigningKey

BLUE, RED = (20, 50, 175, 255), (215, 25, 30, 255)


def drawn(colour=BLUE, *, size=(300, 120), mode="RGBA", background=(0, 0, 0, 0), fmt="PNG") -> bytes:
    image = Image.new("RGBA", size, background)
    ImageDraw.Draw(image).line([(20, 60), (size[0] - 20, 40)], fill=colour, width=8)
    out = io.BytesIO()
    image.convert(mode).save(out, format=fmt)
    return out.getvalue()


def test_the_placeholders_pass_the_checks():
    assert images.check_image(placeholders.signature_png("chanhvp"), kind="signature").width_px == 600
    assert images.check_image(placeholders.seal_png("Sở Xây dựng"), kind="seal").height_px == 480
    assert placeholders.signature_png("a") != placeholders.signature_png("b")  # one per signer


@pytest.mark.parametrize(
    ("data", "kind", "message"),
    [
        (drawn(fmt="GIF"), "signature", "định dạng PNG"),
        (drawn(mode="RGB", background=(255, 255, 255, 255)), "signature", "nền trong suốt"),
        (drawn(background=(255, 255, 255, 255)), "seal", "nền trong suốt"),  # an alpha channel, all opaque
        (drawn(RED), "signature", "màu xanh"),
        (drawn(BLUE), "seal", "màu đỏ"),
        (drawn((0, 0, 0, 0)), "seal", "không có nét"),
        (drawn(size=(4000, 60)), "signature", "mỗi cạnh"),
        (drawn(size=(40, 40)), "signature", "mỗi cạnh"),
        (b"\x89PNG\r\n\x1a\n" + b"not really", "seal", "không đọc được"),
        (b"%PDF-1.7", "seal", "không đọc được"),
        (b"\x89PNG\r\n\x1a\n" + bytes(images.MAX_BYTES), "seal", "quá lớn"),
    ],
)
def test_bad_images_are_refused_with_a_vietnamese_message(data, kind, message):
    with pytest.raises(ValidationFailed, match=message):
        images.check_image(data, kind=kind)


def test_the_seal_is_placed_a_third_over_the_signature_at_its_actual_size():
    key = SigningKey(image=placeholders.seal_png("Sở Xây dựng"), image_width_mm=40)
    page, x1, y1, x2, y2 = images.over_signature(key, (1, 300.0, 400.0, 420.0, 450.0))
    assert page == 1 and x2 == pytest.approx(340.0) and x2 - x1 == pytest.approx(40 * images.MM)
    assert (y1 + y2) / 2 == pytest.approx(425.0)


def test_a_signature_too_large_for_its_space_is_shrunk_keeping_its_shape():
    key = SigningKey(image=placeholders.signature_png("x"), user_id=1, image_width_mm=80)
    page, x1, y1, x2, y2 = images.centred(key, (0, 100.0, 100.0, 200.0, 200.0))
    assert x2 - x1 == pytest.approx(100.0) and (y2 - y1) == pytest.approx(100.0 * 220 / 600)
    assert (y1 + y2) / 2 == pytest.approx(150.0)


def _form(key, upload=None, **extra):
    data = {
        "agency": key.agency_id,
        "user": key.user_id or "",
        "label": key.label,
        "backend": key.backend,
        "active": "on",
        **extra,
    }
    files = {"image_upload": SimpleUploadedFile("anh.png", upload, "image/png")} if upload is not None else {}
    return SigningKeyForm(data=data, files=files, instance=key)


@pytest.mark.django_db
def test_the_administrator_uploads_replaces_and_removes_the_image(cast):
    key = SigningKey.objects.create(agency=cast.office, label="Khóa cơ quan")
    form = _form(key, drawn(BLUE))  # an agency key takes a seal: a blue image is refused
    assert not form.is_valid() and "màu đỏ" in str(form.errors["image_upload"])
    form = _form(key, placeholders.seal_png("Văn phòng"), image_width_mm="38")
    assert form.is_valid(), form.errors
    form.save()
    key.refresh_from_db()
    assert bytes(key.image) == placeholders.seal_png("Văn phòng") and key.image_width_mm == 38
    form = _form(key, image_width_mm="38")  # no new upload: the image stays
    assert form.is_valid() and form.save().image
    form = _form(key, image_width_mm="200")
    assert not form.is_valid() and "tối đa 80 mm" in str(form.errors["image_width_mm"])
    form = _form(key, remove_image="on")
    assert form.is_valid()
    form.save()
    key.refresh_from_db()
    assert not key.image


@pytest.mark.django_db
def test_the_change_page_shows_the_image_and_the_change_is_audited(client, cast):
    from django.contrib.auth import get_user_model

    from eoffice.audit.models import AuditEvent

    admin = get_user_model().objects.create_superuser("quantri", password="x")
    client.force_login(admin)
    key = SigningKey.objects.create(agency=cast.office, user=cast.leader, label="Khóa cá nhân")
    page = client.get(f"/admin/signatures/signingkey/{key.pk}/change/").content.decode()
    assert "Chưa có: văn bản hiện khối thông tin chữ" in page
    data = {"agency": cast.office.pk, "user": cast.leader.pk, "label": key.label, "backend": "file", "active": "on"}
    data["image_upload"] = SimpleUploadedFile("chu-ky.png", placeholders.signature_png("leader"), "image/png")
    response = client.post(f"/admin/signatures/signingkey/{key.pk}/change/", data)
    assert response.status_code == 302
    page = client.get(f"/admin/signatures/signingkey/{key.pk}/change/").content.decode()
    assert 'src="data:image/png;base64,' in page
    assert AuditEvent.objects.filter(action="admin.change", summary__contains="image_upload").exists()

"""Nộp hồ sơ trực tuyến from the public page: the rules on the citizen's files and
the one transaction that stores them and files the dossier.

The public form takes fewer kinds of file and smaller ones than the staff
pages (PDF, JPEG, PNG, DOCX; EOFFICE_PUBLIC_UPLOAD_MAX_MB each,
EOFFICE_PUBLIC_UPLOAD_TOTAL_MB and EOFFICE_PUBLIC_UPLOAD_MAX_FILES in all); the
content is then checked like every upload (attachments.validation: the type
is read from the bytes, so a renamed program is refused by name)."""

import logging
from pathlib import PurePath

from django.conf import settings
from django.db import transaction

from eoffice.attachments.models import StoredFile
from eoffice.attachments.services import stored_file_create
from eoffice.attachments.validation import HEAD_BYTES, check_upload
from eoffice.core.errors import ValidationFailed
from eoffice.core.text import nfc
from eoffice.onestop.dossiers.services import check_applicant, dossier_submit_online
from eoffice.onestop.models import Dossier, Procedure
from eoffice.onestop.public import notify
from eoffice.onestop.tasks import submission_email_task

logger = logging.getLogger(__name__)

PUBLIC_EXTENSIONS = {"pdf", "jpg", "jpeg", "png", "docx"}
PUBLIC_TYPES = "PDF, JPEG, PNG, DOCX"
EXTRA_NAME = "Tài liệu kèm theo: {name}"
MB = 1024 * 1024


def paper_field(paper) -> str:
    """The form field (and error key) of one paper of the checklist."""
    return f"paper_{paper.pk}"


def file_problem(upload) -> str | None:
    """Why the public form refuses this file (naming it), or None."""
    name = nfc(upload.name or "")
    extension = PurePath(name).suffix.lower().lstrip(".")
    if extension not in PUBLIC_EXTENSIONS:
        return f"Không nhận tệp “{name}”: chỉ nhận tệp {PUBLIC_TYPES}."
    limit = settings.EOFFICE_PUBLIC_UPLOAD_MAX_MB
    if upload.size > limit * MB:
        return f"Tệp “{name}” vượt quá dung lượng cho phép ({limit} MB một tệp)."
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    try:
        check_upload(name, head, upload.size)  # the type read from the content, not the name
    except ValidationFailed as error:
        return error.message
    return None


def check_files(procedure: Procedure, files: dict, extras: list) -> dict[str, list[str]]:
    """Every problem of the files, by form field: a required paper without a
    file, a refused file, too many files, too much in all. `files` maps a
    RequiredPaper's pk to its upload."""
    errors: dict[str, list[str]] = {}
    for paper in procedure.papers.order_by("order"):
        upload = files.get(paper.pk)
        if upload is None:
            if paper.required:
                errors[paper_field(paper)] = [f"Cần đính kèm “{paper.name}” (giấy tờ bắt buộc)."]
        elif problem := file_problem(upload):
            errors[paper_field(paper)] = [problem]
    extra_problems = [problem for upload in extras if (problem := file_problem(upload))]
    if extra_problems:
        errors["extra_files"] = extra_problems
    uploads = [*files.values(), *extras]
    if len(uploads) > settings.EOFFICE_PUBLIC_UPLOAD_MAX_FILES:
        errors.setdefault("extra_files", []).append(
            f"Gửi tối đa {settings.EOFFICE_PUBLIC_UPLOAD_MAX_FILES} tệp cho một hồ sơ (đã chọn {len(uploads)} tệp)."
        )
    total = settings.EOFFICE_PUBLIC_UPLOAD_TOTAL_MB
    if sum(upload.size for upload in uploads) > total * MB:
        errors.setdefault("extra_files", []).append(f"Tổng dung lượng các tệp vượt quá {total} MB cho một hồ sơ.")
    return errors


def _refuse(errors: dict[str, list[str]]) -> None:
    if errors:
        details = "; ".join(problems[0] for problems in errors.values())
        raise ValidationFailed(f"Hồ sơ chưa hợp lệ: {details}", fields=errors)


def submission_problems(*, procedure: Procedure, applicant: dict, files: dict, extras: list) -> dict[str, list[str]]:
    """Every problem of a submission at once, by form field (the applicant's
    fields as services.check_applicant names them, then the files)."""
    errors: dict[str, list[str]] = {}
    try:
        check_applicant(applicant)
    except ValidationFailed as error:
        errors.update(error.fields)
    errors.update(check_files(procedure, files, extras))
    return errors


def submit_with_files(*, procedure: Procedure, applicant: dict, files: dict, extras: list) -> Dossier:
    """Nộp hồ sơ trực tuyến with its files: everything is checked first, then in
    one transaction the files are stored and the dossier filed
    (dossier_submit_online: code given, status "chờ tiếp nhận"). On any failure
    nothing stays: the rows roll back and the bytes this submission wrote are
    deleted, so no later dossier can pick them up."""
    _refuse(submission_problems(procedure=procedure, applicant=applicant, files=files, extras=extras))
    stored: list[StoredFile] = []
    try:
        with transaction.atomic():
            papers = []
            for paper in procedure.papers.order_by("order"):
                if (upload := files.get(paper.pk)) is not None:
                    stored.append(stored_file_create(upload=upload))
                    papers.append({"required_paper": paper, "name": paper.name, "originals": 0, "copies": 0, "file": stored[-1]})
            for upload in extras:
                stored.append(stored_file_create(upload=upload))
                name = EXTRA_NAME.format(name=nfc(upload.name))[:500]
                papers.append({"required_paper": None, "name": name, "originals": 0, "copies": 0, "file": stored[-1]})
            dossier = dossier_submit_online(procedure=procedure, applicant=applicant, papers=papers)
            if notify.enabled() and dossier.email:
                transaction.on_commit(lambda: submission_email_task(dossier.pk))
            return dossier
    except Exception:
        _forget_bytes(stored)
        raise


def _forget_bytes(stored: list[StoredFile]) -> None:
    """Delete the bytes of files whose rows were rolled back (those stored
    before, by another record, are still there and are kept)."""
    kept = set(StoredFile.objects.filter(pk__in=[s.pk for s in stored if s.pk]).values_list("pk", flat=True))
    for item in stored:
        if item.pk not in kept and item.file.name:
            try:
                item.file.storage.delete(item.file.name)
            except OSError:  # the submission's own error matters more
                logger.warning("Could not delete the bytes of a refused submission: %s", item.file.name, exc_info=True)

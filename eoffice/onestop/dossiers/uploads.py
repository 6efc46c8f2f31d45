"""Scans handed in at the counter: stored by content (type and size checked),
and kept across a refused form by a signed reference (`*_kept`) so the user
does not choose the file again. The API's uploads are stored by the services,
inside their transaction (check_papers, dossier_finish)."""

from django.core import signing

from eoffice.attachments.models import StoredFile
from eoffice.attachments.services import stored_file_create
from eoffice.core.errors import ValidationFailed

KEPT_SALT = "eoffice.onestop.kept-file"
KEPT_MAX_AGE = 24 * 3600  # a form left open overnight asks for its files again


def keep_token(stored_file) -> str:
    """A reference to a file already stored, valid only as this server made it."""
    return signing.dumps(stored_file.sha256, salt=KEPT_SALT)


def kept_sha256(token: str) -> str | None:
    try:
        return signing.loads(token, salt=KEPT_SALT, max_age=KEPT_MAX_AGE) if token else None
    except signing.BadSignature:
        return None


def store_upload(upload, field: str) -> StoredFile:
    """Store a scan (checked by content and size); a refusal names the form field."""
    try:
        return stored_file_create(upload=upload)
    except ValidationFailed as error:
        raise ValidationFailed(error.message, fields={field: [error.message]}) from None


def store_papers(items: list[dict], form=None) -> list[dict]:
    """The papers as the services take them, with their scans stored. A scan
    stored here stays referenced by the form (`keep`) if the step is then refused."""
    papers = []
    for item in items:
        stored = None
        if item.get("upload"):
            stored = store_upload(item["upload"], f"{item['upload_key']}_file")
            if form is not None:
                form.keep(item["upload_key"], stored)
        elif item.get("kept"):
            stored = StoredFile.objects.filter(sha256=item["kept"]).first()
        keys = ("required_paper", "name", "originals", "copies")
        papers.append({key: item[key] for key in keys} | {"file": stored})
    return papers


def keep_uploads(form) -> None:
    """A form refused before the service was asked (a required field left
    empty) still keeps the scans chosen with it: store them now and put their
    references in the re-rendered form; a file refused by its content is named on its row."""
    for row in form.paper_rows():
        upload = form.files.get(form.add_prefix(f"{row['key']}_file"))
        if not upload:
            continue
        try:
            form.keep(row["key"], stored_file_create(upload=upload))
        except ValidationFailed as error:
            form.add_error(f"{row['key']}_file", error.message)


def result_file(form) -> StoredFile | None:
    """The result file of the finish form: a new upload, else the one kept from a refused try."""
    upload = form.cleaned_data.get("result_file")
    if upload:
        stored = store_upload(upload, "result_file")
        form.data = form.data.copy()
        form.data[form.add_prefix("result_file_kept")] = keep_token(stored)
        return stored
    sha256 = kept_sha256(form.cleaned_data.get("result_file_kept") or "")
    return StoredFile.objects.filter(sha256=sha256).first() if sha256 else None

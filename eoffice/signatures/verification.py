"""Verifying the signatures of any PDF (kiểm tra chữ ký số): our issued documents and
uploaded incoming files alike. Trust comes only from the configured roots, never
from the operating system's list."""

import asyncio
import datetime as dt
import hashlib
import logging
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from zoneinfo import ZoneInfo

from asn1crypto import x509 as asn1_x509
from django.conf import settings
from django.core.cache import caches
from pyhanko.keys import load_certs_from_pemder
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.fields import enumerate_sig_fields
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.settings import KeyUsageConstraints
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import CertificateValidator, ValidationContext
from pyhanko_certvalidator.errors import PathBuildingError, PathValidationError, ValidationError

from eoffice.core.errors import ValidationFailed
from eoffice.signatures.models import var_dir

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
TRUST_SUFFIXES = {".pem", ".crt", ".cer"}
# Vietnamese CAs set non-repudiation, some tokens only digital signature: accept either.
SIGNING_KEY_USAGE = KeyUsageConstraints(key_usage={"non_repudiation", "digital_signature"}, match_all_key_usages=False)

# ModificationLevel after the signature -> the word we report. LTA_UPDATES (validation
# data, document timestamps) changes nothing a reader sees, so it counts as "none".
LEVEL_NAMES = {
    ModificationLevel.NONE: "none",
    ModificationLevel.LTA_UPDATES: "none",
    ModificationLevel.FORM_FILLING: "form_filling",
    ModificationLevel.ANNOTATIONS: "annotations",
    ModificationLevel.OTHER: "other",
}

logger = logging.getLogger(__name__)
CHECK_SECONDS = 600  # how long a page reuses a file's signature reports
REPORT_VERSION = 1  # raise when SignatureReport changes: a cached report of the old shape is not read


@dataclass(frozen=True)
class SignatureReport:
    """What a reader needs to know about one signature of a PDF."""

    field_name: str
    signer_name: str  # CN of the certificate
    signer_organisation: str  # O of the certificate
    signing_time: dt.datetime | None  # Vietnam time
    intact: bool  # the signed bytes hash to the signed digest
    covers_whole_document: bool  # nothing changed after it but form filling and further signatures
    trusted: bool  # the certificate chains to a configured root
    expired_at_signing: bool
    summary: str
    error: str = ""
    modification_level: str = "none"  # "none" | "form_filling" | "annotations" | "other"

    @property
    def ok(self) -> bool:
        return self.intact and self.covers_whole_document and self.trusted and not self.expired_at_signing


def trust_dirs() -> list[Path]:
    dirs = [var_dir() / "pki" / "trust"]
    extra = getattr(settings, "EOFFICE_TRUST_DIR", "")
    if extra:
        dirs.append(Path(extra))
    return dirs


def trust_roots() -> list[asn1_x509.Certificate]:
    """Every certificate in a *.pem/*.crt/*.cer file of the trust directories
    (PEM or DER; a PEM file may hold several)."""
    roots = []
    for directory in trust_dirs():
        if not directory.is_dir():
            continue
        for path in sorted(directory.iterdir()):
            if path.suffix.lower() not in TRUST_SUFFIXES or not path.is_file():
                continue
            try:
                roots.extend(load_certs_from_pemder([str(path)]))
            except (ValueError, OSError):
                logger.warning("Bỏ qua tệp chứng thư gốc không đọc được: %s", path)
    return roots


def validation_context(*, other_certs=()) -> ValidationContext:
    # No fetching: verification must not depend on the network. Certificates of
    # Vietnamese CAs carry OCSP/CRL URLs; soft-fail keeps a signature trusted when
    # they are unreachable.
    return ValidationContext(trust_roots=trust_roots(), other_certs=list(other_certs), allow_fetching=False)


def holder_name(certificate: asn1_x509.Certificate) -> str:
    return certificate.subject.native.get("common_name", "") or certificate.subject.human_friendly


def certificate_problem(certificate: asn1_x509.Certificate, *, chain=(), at: dt.datetime | None = None) -> str:
    """'' when the certificate is valid now and chains to a configured root, else a
    Vietnamese sentence saying why not."""
    at = at or dt.datetime.now(dt.UTC)
    name = holder_name(certificate)
    start, end = certificate.not_valid_before, certificate.not_valid_after
    period = f"hiệu lực từ {_day(start)} đến {_day(end)}"
    if at > end:
        return f"Chứng thư số đã hết hạn: chứng thư của {name} có {period}."
    if at < start:
        return f"Chứng thư số chưa có hiệu lực: chứng thư của {name} có {period}."
    validator = CertificateValidator(certificate, intermediate_certs=list(chain), validation_context=validation_context())
    try:
        asyncio.run(validator.async_validate_usage(set()))
    except (PathBuildingError, PathValidationError, ValidationError) as exc:
        logger.info("Untrusted certificate %s: %s", name, exc)
        return (
            f"Chứng thư số không được tin cậy: chứng thư của {name} (do {certificate.issuer.human_friendly} cấp) "
            "không xác thực được với các chứng thư gốc đã cấu hình."
        )
    return ""


def verify_pdf(data: bytes) -> list[SignatureReport]:
    """One report per signature of the PDF, in the order they were applied."""
    try:
        reader = PdfFileReader(BytesIO(data), strict=False)
        filled = [name for name, _, _ in enumerate_sig_fields(reader, filled_status=True)]
    except (PdfError, ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
        raise ValidationFailed("Tệp không phải PDF hợp lệ hoặc đã bị hỏng, không kiểm tra được chữ ký.") from exc
    try:
        signatures = reader.embedded_signatures
    except (PdfError, ValueError, KeyError, TypeError, AttributeError, IndexError):
        # A readable PDF whose signature data is not: say so for each field.
        logger.info("Unreadable signature data", exc_info=True)
        return [_broken(name, "bị hỏng") for name in filled]
    context = validation_context()
    # Document timestamps (PAdES-LTA) are not anybody's signature: not reported.
    reports = [_report(signature, context) for signature in signatures if signature.sig_object_type == "/Sig"]
    # pyHanko leaves out signatures of a kind it does not know (e.g. adbe.x509.rsa_sha1).
    known = {signature.field_name for signature in signatures}
    return reports + [_broken(name, "thuộc loại không hỗ trợ") for name in filled if name not in known]


def verify_pdf_kept(data: bytes) -> list[SignatureReport]:
    """verify_pdf for a page that shows the same file again and again: the reports
    are kept in the figures cache for CHECK_SECONDS, under the hash of the file and
    of the trust roots, so a changed trust list is used at once. Nothing is
    fetched from the network, so within that time the result can only differ in
    "valid now" wording at a certificate's expiry."""
    digest = hashlib.sha256(data)
    for root in trust_roots():
        digest.update(root.sha256)
    key = f"signature-reports:{REPORT_VERSION}:{digest.hexdigest()}"
    cache = caches["figures"]
    reports = cache.get(key)
    if reports is None:
        reports = verify_pdf(data)  # an unreadable PDF raises: nothing kept
        cache.set(key, reports, CHECK_SECONDS)
    return reports


def _report(signature, context: ValidationContext) -> SignatureReport:
    field_name = signature.field_name or ""
    try:
        certificate = signature.signer_cert
        name = holder_name(certificate)
        organisation = certificate.subject.native.get("organization_name", "")
        if isinstance(organisation, list):
            organisation = ", ".join(organisation)
    except Exception:  # a damaged CMS blob: nothing more can be said
        logger.exception("Unreadable signature %s", field_name)
        return _broken(field_name, "bị hỏng")
    try:
        status = validate_pdf_signature(signature, signer_validation_context=context, key_usage_settings=SIGNING_KEY_USAGE)
    except Exception as exc:  # pyHanko raises many kinds on damaged input; report, don't crash the page
        logger.info("Signature %s failed validation: %r", field_name, exc)
        try:
            signing_time = _vietnam(signature.self_reported_timestamp)
        except Exception:  # the date is as damaged as the rest
            signing_time = None
        report = dict(intact=False, covers=False, trusted=False, expired=_expired(certificate, signing_time), level="other")
        return _build(field_name, name, organisation, signing_time, report, error=str(exc)[:500])
    tst = getattr(status, "timestamp_validity", None)
    signing_time = _vietnam(tst.timestamp if tst is not None and tst.intact else status.signer_reported_dt)
    level = status.modification_level
    level_name = LEVEL_NAMES.get(level, "other") if level is not None else "other"
    covers = status.coverage == SignatureCoverageLevel.ENTIRE_FILE or (
        status.coverage == SignatureCoverageLevel.ENTIRE_REVISION
        and level is not None
        and level <= ModificationLevel.FORM_FILLING
        and status.docmdp_ok is not False
    )
    report = dict(
        intact=status.intact and status.valid,
        covers=covers,
        # pyHanko's `trusted` also requires `intact`; we keep the two apart so that a
        # tampered document by a trusted signer reads "modified", not "untrusted".
        trusted=status.valid and status.trust_problem_indic is None and status.validation_path is not None,
        expired=_expired(certificate, signing_time),
        level=level_name,
    )
    return _build(field_name, name, organisation, signing_time, report)


def _build(field_name, name, organisation, signing_time, r, *, error="") -> SignatureReport:
    return SignatureReport(
        field_name=field_name,
        signer_name=name,
        signer_organisation=organisation,
        signing_time=signing_time,
        intact=r["intact"],
        covers_whole_document=r["covers"],
        trusted=r["trusted"],
        expired_at_signing=r["expired"],
        modification_level=r["level"],
        summary=_summary(name, signing_time, r, error=error),
        error=error,
    )


def _broken(field_name: str, problem: str) -> SignatureReport:
    return SignatureReport(
        field_name=field_name,
        signer_name="",
        signer_organisation="",
        signing_time=None,
        intact=False,
        covers_whole_document=False,
        trusted=False,
        expired_at_signing=False,
        modification_level="other",
        summary=f"Chữ ký trong trường {field_name} {problem}, không kiểm tra được.",
        error=f"signature {problem}",
    )


def _summary(name: str, signing_time: dt.datetime | None, r: dict, *, error: str = "") -> str:
    when = f" lúc {signing_time:%H:%M %d/%m/%Y}" if signing_time else ""
    if error:
        return f"Chữ ký của {name}{when}: không kiểm tra được (chữ ký sai định dạng hoặc tệp đã bị hỏng)."
    problems = []
    if not (r["intact"] and r["covers"]):
        problems.append("văn bản đã bị sửa sau khi ký")
    if r["expired"]:
        problems.append("chứng thư đã hết hạn hoặc chưa có hiệu lực lúc ký")
    if not r["trusted"]:
        problems.append("chứng thư không được tin cậy")
    if problems:
        return f"Chữ ký của {name}{when}: {'; '.join(problems)}."
    intact = "toàn vẹn (sau khi ký chỉ điền số, ngày hoặc ký tiếp)" if r["level"] != "none" else "toàn vẹn"
    return f"Chữ ký của {name}{when}: {intact}, tin cậy."


def _expired(certificate: asn1_x509.Certificate, signing_time: dt.datetime | None) -> bool:
    if signing_time is None:
        return False
    return not (certificate.not_valid_before <= signing_time <= certificate.not_valid_after)


def _vietnam(moment: dt.datetime | None) -> dt.datetime | None:
    if moment is None:
        return None
    if moment.tzinfo is None:  # a PDF date without zone: read it as UTC
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(VIETNAM)


def _day(moment: dt.datetime) -> str:
    return moment.astimezone(VIETNAM).strftime("%d/%m/%Y")

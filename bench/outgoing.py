"""Outgoing documents (văn bản đi): rendering, signing and issuance, each
timed against a baseline run in the same process, so that the results are
read as ratios:

- PDF: render_pdf(layout_for(doc)) vs a bare ReportLab canvas writing the same
  lines in the same fonts (the "peer": what any PDF of this text costs);
- DOCX: render_docx(layout_for(doc)) vs python-docx adding the same
  paragraphs without our layout;
- signing: sign_pdf (key loading, certificate check, the Vietnamese stamp) vs
  one bare pyHanko call signing the same PDF into the same box;
- issuance: outgoing_issue on pre-signed documents by one clerk (and on
  PostgreSQL by several clerks in threads) vs raw INSERTs of the same rows.
"""

import io
import threading
import time
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Count, Max, Min
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bench.measure import parallel_run, run_clerks
from eoffice.organisation.models import Agency, Membership, Role, User
from eoffice.organisation.selectors import Actor, build_actor
from eoffice.outgoing.drafting.services import outgoing_create
from eoffice.outgoing.drafting.templating import layout_for
from eoffice.outgoing.issuance.services import outgoing_issue, outgoing_sign
from eoffice.outgoing.models import OutgoingDocument, Recipient, Status
from eoffice.outgoing.rendering import (
    body_paragraphs,
    drafter_mark,
    format_issue_date,
    format_number_line,
    legal_basis_lines,
    places_lines,
    recipient_lines,
    register_fonts,
    render_docx,
    render_pdf,
    signer_lines,
    template_for,
)
from eoffice.outgoing.rendering.layout import MOTTO, NATIONAL_TITLE
from eoffice.outgoing.review.services import outgoing_approve, outgoing_submit
from eoffice.registers.models import Register, RegisterKind
from eoffice.signatures.models import SigningKey, personal_key, var_dir
from eoffice.signatures.services import sign_pdf
from eoffice.signatures.testca import make_test_ca

from .dataset import Organisation
from .measure import _insert_sql, _read_rows, _select_columns, run_variants, timing

PARALLEL_THREADS = (2, 4)
PARALLEL_WARMUP = 1  # issuances per thread before the clock starts
BASELINE_YEAR = 1900  # the raw INSERTs' own register: numbers are unique per register

DECISION = {
    "type_name": "Quyết định",
    "subject": "Về việc thành lập Tổ công tác rà soát thủ tục hành chính trong lĩnh vực xây dựng năm 2026",
    "legal_bases": (
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015\n"
        "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư\n"
        "Căn cứ Quyết định số 125/QĐ-UBND ngày 10 tháng 01 năm 2026 của Ủy ban nhân dân thành phố\n"
        "Theo đề nghị của Trưởng phòng Tổng hợp"
    ),
    "body": (
        "Điều 1. Thành lập Tổ công tác rà soát thủ tục hành chính trong lĩnh vực xây dựng năm 2026 gồm các ông, bà "
        "có tên tại danh sách kèm theo Quyết định này.\n"
        "Điều 2. Tổ công tác có nhiệm vụ rà soát toàn bộ thủ tục hành chính thuộc thẩm quyền giải quyết của Ủy ban "
        "nhân dân thành phố trong lĩnh vực xây dựng; đề xuất phương án đơn giản hóa, cắt giảm thành phần hồ sơ và "
        "thời hạn giải quyết; báo cáo Chánh Văn phòng trước ngày 15 tháng 12 năm 2026.\n"
        "Tổ công tác tự giải thể sau khi hoàn thành nhiệm vụ.\n"
        "Điều 3. Quyết định này có hiệu lực kể từ ngày ký.\n"
        "Điều 4. Trưởng phòng Tổng hợp, Trưởng phòng Hành chính - Tổ chức, các ông, bà có tên tại Điều 1 và các "
        "cơ quan, đơn vị có liên quan chịu trách nhiệm thi hành Quyết định này./."
    ),
    "places_text": "Như Điều 4;\nChánh Văn phòng;\nCác Phó Chánh Văn phòng",
    "recipients_text": "",
}
LETTER = {
    "type_name": "Công văn",
    "subject": "Trả lời về việc cấp phép xây dựng công trình trên địa bàn quận Lê Chân",
    "legal_bases": "",
    "body": (
        "Văn phòng Ủy ban nhân dân thành phố nhận được Công văn số 125/SXD-QLXD ngày 02 tháng 3 năm 2026 của Sở "
        "Xây dựng về việc cấp phép xây dựng công trình nhà ở riêng lẻ trên địa bàn quận Lê Chân.\n"
        "Về việc này, Văn phòng Ủy ban nhân dân thành phố có ý kiến như sau:\n"
        "1. Đề nghị Sở Xây dựng hướng dẫn chủ đầu tư hoàn thiện hồ sơ theo quy định, bổ sung bản vẽ thiết kế "
        "và văn bản thẩm duyệt phòng cháy, chữa cháy.\n"
        "2. Ủy ban nhân dân quận Lê Chân kiểm tra hiện trạng, xác nhận ranh giới thửa đất và báo cáo kết quả "
        "trước ngày 15 tháng 12 năm 2026.\n"
        "Văn phòng Ủy ban nhân dân thành phố thông báo để Sở Xây dựng và các cơ quan, đơn vị biết, thực hiện./."
    ),
    "places_text": "Như trên;\nChủ tịch UBND thành phố (để b/c);\nUBND quận Lê Chân",
    "recipients_text": "Sở Xây dựng",
}
DRAFTS = (DECISION, LETTER)


@dataclass
class Office:
    """The benchmark agency, ready for outgoing documents."""

    agency: Agency
    drafter: Actor
    head: Actor
    checker: Actor
    signer: User
    clerks: list[User]
    recipient: Agency


def prepare_office(org: Organisation) -> Office:
    """A format checker, a recipient agency in this installation, and keys from
    the test CA (under the variable directory, where its root is trusted) for
    the chief of office and for the agency."""
    agency = org.agency
    checker = User.objects.create(username="kiemtra", full_name="Chuyên viên kiểm tra thể thức")
    Membership.objects.create(user=checker, agency=agency, role=Role.FORMAT_CHECKER, position="Chuyên viên")
    recipient = Agency.objects.create(name="Sở Xây dựng", short_name="SXD", organ_id="000.02.00.H26", hosted=True)
    signer = org.leaders[0]
    pki = make_test_ca(
        var_dir() / "pki",
        agencies=[(agency.name, agency.organ_id)],
        people=[(signer.username, signer.full_name, agency.name)],
    )
    for user, credential in ((signer, pki.people[signer.username]), (None, pki.agencies[agency.organ_id])):
        SigningKey.objects.create(
            agency=agency,
            user=user,
            label=f"Test CA — {user or agency}",
            key_path=str(credential.key_path),
            cert_path=str(credential.cert_path),
            chain_paths="\n".join(str(p) for p in credential.chain_paths),
        )
    return Office(
        agency=agency,
        drafter=build_actor(org.specialists[0][0], agency),
        head=build_actor(org.heads[0], agency),
        checker=build_actor(checker, agency),
        signer=signer,
        clerks=[org.clerk, *org.extra_clerks],
        recipient=recipient,
    )


def signed_document(office: Office, draft: dict) -> OutgoingDocument:
    """One document through the services: drafted, approved for content and
    format, signed by the chief of office."""
    data = {**draft, "copies": 2, "drafter_initials": "NVC", "signer_position": "Chánh Văn phòng"}
    doc = outgoing_create(actor=office.drafter, data=data, signer=office.signer, recipients=[office.recipient])
    outgoing_submit(actor=office.drafter, document=doc)
    outgoing_approve(actor=office.head, document=doc)
    outgoing_approve(actor=office.checker, document=doc)
    return outgoing_sign(actor=build_actor(office.signer, office.agency), document=doc)


def clone_signed(document: OutgoingDocument, count: int) -> list[int]:
    """`count` copies of a signed document (same signed PDF, same recipients),
    made in bulk: signing each through the services would take most of the
    section's time, and issuance reads only the row, its signed file and its
    recipients."""
    fields = {f.attname: getattr(document, f.attname) for f in OutgoingDocument._meta.concrete_fields if not f.primary_key}
    copies = OutgoingDocument.objects.bulk_create(OutgoingDocument(**fields) for _ in range(count))
    agencies = list(document.recipients.values_list("agency_id", flat=True))
    Recipient.objects.bulk_create(Recipient(document=copy, agency_id=a) for copy in copies for a in agencies)
    return [copy.pk for copy in copies]


def _load(pk: int) -> OutgoingDocument:
    return OutgoingDocument.objects.select_related("agency", "drafting_unit", "signer").get(pk=pk)


# ------------------------------------------------------------------ rendering


def document_text(layout) -> list[tuple[str, str]]:
    """(text, face) of every line the document prints, from the same helpers
    the renderers use: what the peer baselines write."""
    template = template_for(layout.type_name)
    lines = [(layout.parent_agency, "regular"), (layout.agency, "bold"), (NATIONAL_TITLE, "bold"), (MOTTO, "bold")]
    lines += [(format_number_line(layout.number, layout.symbol), "regular")]
    lines += [(format_issue_date(layout.place, layout.issued_on, year=layout.year), "italic")]
    if template.shows_title:
        lines += [(layout.type_name.upper(), "bold"), (layout.subject, "bold")]
    else:
        lines += [(f"V/v {layout.subject}", "regular")]
    lines += [(layout.issuer_title, "bold")]
    lines += [(line, "italic") for line in legal_basis_lines(layout.legal_bases)]
    lines += [(template.proclamation, "bold")]
    lines += [(line, "regular") for line in recipient_lines(layout)]
    lines += [(paragraph, "regular") for paragraph in body_paragraphs(layout.body)]
    lines += [(line, "bold") for line in signer_lines(layout.signer)] + [(layout.signer.full_name, "bold")]
    lines += [("Nơi nhận:", "bold_italic")] + [(line, "regular") for line in places_lines(layout)]
    lines += [(drafter_mark(layout), "regular")]
    return [(text, face) for text, face in lines if text.strip()]


def peer_pdf(lines: list[tuple[str, str]]) -> bytes:
    """The same lines on A4 with a bare ReportLab canvas, in the same embedded
    fonts, wrapped to the same text width: no layout, no form fields."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfgen.canvas import Canvas

    fonts = register_fonts()
    width, height = A4
    left, top, bottom, size = 30 * mm, height - 20 * mm, 20 * mm, 14
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    y = top
    for text, face in lines:
        font = getattr(fonts, face)
        canvas.setFont(font, size)
        for part in simpleSplit(text, font, size, width - left - 15 * mm):
            if y < bottom:
                canvas.showPage()
                canvas.setFont(font, size)
                y = top
            canvas.drawString(left, y, part)
            y -= size * 1.2
    canvas.save()
    return buffer.getvalue()


def peer_docx(lines: list[tuple[str, str]]) -> bytes:
    """The same lines as plain python-docx paragraphs, default style."""
    import docx

    document = docx.Document()
    for text, _ in lines:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def measure_rendering(document: OutgoingDocument, *, count: int) -> dict:
    """PDF and DOCX of one document, each against its peer, timed in rotation."""
    lines = document_text(layout_for(document))
    rendered = render_pdf(layout_for(document))
    variants = [
        lambda: render_pdf(layout_for(document)),
        lambda: peer_pdf(lines),
        lambda: render_docx(layout_for(document)),
        lambda: peer_docx(lines),
    ]
    run_variants(variants, repeat=2, budget_s=60, min_samples=2)  # warm-up: fonts, imports
    pdf, pdf_peer, docx_t, docx_peer = (timing(s) for s in run_variants(variants, repeat=count, budget_s=600))
    return {
        "type_name": document.type_name,
        "pages": rendered.pages,
        "lines": len(lines),
        "pdf_bytes": len(rendered.data),
        "peer_pdf_bytes": len(peer_pdf(lines)),
        "pdf": pdf,
        "pdf_peer": pdf_peer,
        "ratio_pdf_to_peer_p50": round(pdf["p50_ms"] / pdf_peer["p50_ms"], 2),
        "docx": docx_t,
        "docx_peer": docx_peer,
        "ratio_docx_to_peer_p50": round(docx_t["p50_ms"] / docx_peer["p50_ms"], 2),
    }


# -------------------------------------------------------------------- signing


def bare_signer(key: SigningKey):
    """The same PDF signed by one plain pyHanko call: a signer loaded once,
    pyHanko's default stamp, no certificate check of ours."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    from pyhanko.sign.fields import SigFieldSpec, SigSeedSubFilter

    signer = signers.SimpleSigner.load(key.key_path, key.cert_path, ca_chain_files=key.chain_path_list)

    def sign(data: bytes, box) -> bytes:
        page, x1, y1, x2, y2 = box
        meta = signers.PdfSignatureMetadata(field_name="eoffice_signer", subfilter=SigSeedSubFilter.PADES, md_algorithm="sha256")
        spec = SigFieldSpec(sig_field_name="eoffice_signer", on_page=page, box=(x1, y1, x2, y2))
        writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
        return signers.sign_pdf(writer, meta, signer=signer, new_field_spec=spec).getvalue()

    return sign


def measure_signing(document: OutgoingDocument, key: SigningKey, *, count: int) -> dict:
    """The signer's signature on the unnumbered PDF, ours vs bare pyHanko."""
    rendered = render_pdf(layout_for(document))
    bare = bare_signer(key)
    place = layout_for(document).place

    def ours():
        box = rendered.signer_box
        return sign_pdf(data=rendered.data, key=key, field_name="eoffice_signer", box=box, reason="Ký ban hành", location=place)

    variants = [ours, lambda: bare(rendered.data, rendered.signer_box)]
    run_variants(variants, repeat=2, budget_s=60, min_samples=2)  # warm-up: the stamp font file
    ours_t, bare_t = (timing(s) for s in run_variants(variants, repeat=count, budget_s=600))
    return {
        "type_name": document.type_name,
        "signatures": count,
        "ours": ours_t,
        "bare": bare_t,
        "ratio_p50": round(ours_t["p50_ms"] / bare_t["p50_ms"], 2),
    }


# ------------------------------------------------------------------- issuance


def register_check(agency, year: int) -> dict:
    """The outgoing register's numbers: exactly 1..n, n = its counter?"""
    register = Register.objects.get(agency=agency, kind=RegisterKind.OUTGOING, year=year, series="")
    numbers = OutgoingDocument.objects.filter(register_id=register.pk).aggregate(
        documents=Count("id"), distinct=Count("number", distinct=True), low=Min("number"), high=Max("number")
    )
    n = register.last_number
    gap_free = numbers["documents"] == numbers["distinct"] == n and (n == 0 or (numbers["low"] == 1 and numbers["high"] == n))
    return {"register_id": register.pk, "last_number": n, **numbers, "gap_free": gap_free}


def raw_inserts_per_s(ids: list[int], register_id: int) -> float:
    """The issued rows, read back as stored, inserted again with one raw INSERT
    per transaction into a register of their own."""
    names, _ = _select_columns(OutgoingDocument)
    column = names.index("register_id")
    rows = _read_rows(OutgoingDocument, "id BETWEEN %s AND %s", [min(ids), max(ids)])
    for row in rows:
        row[1 + column] = register_id
    sql = _insert_sql(OutgoingDocument, names)
    with connection.cursor() as cursor:
        started = time.perf_counter()
        for row in rows:
            with transaction.atomic():
                cursor.execute(sql, row[1:])
        return len(rows) / (time.perf_counter() - started)


def extraction_timing(ids: list[int], *, count: int = 5) -> dict:
    """Text extraction of an issued PDF: a background job in production, run
    inline after COMMIT here (EOFFICE_TASKS=immediate), so part of each issuance."""
    from eoffice.attachments.services import stored_file_extract_text

    samples = []
    for document in OutgoingDocument.objects.filter(pk__in=ids[:count]).select_related("issued_file"):
        started = time.perf_counter()
        stored_file_extract_text(stored_file=document.issued_file)
        samples.append(time.perf_counter() - started)
    return timing(samples)


def measure_issuance(office: Office, template: OutgoingDocument, *, count: int, log) -> dict:
    """Issuances one after another by one clerk, on pre-signed documents."""
    clerk = build_actor(office.clerks[0], office.agency)
    ids = clone_signed(template, count + 2)
    outgoing_issue(actor=clerk, document=_load(ids[0]))  # warm-up
    with CaptureQueriesContext(connection) as ctx:
        outgoing_issue(actor=clerk, document=_load(ids[1]))
    samples = []
    started = time.perf_counter()
    for pk in ids[2:]:
        t0 = time.perf_counter()
        outgoing_issue(actor=clerk, document=_load(pk))
        samples.append(time.perf_counter() - t0)
    seconds = time.perf_counter() - started
    per_s = count / seconds
    baseline, _ = Register.objects.get_or_create(
        agency=office.agency, kind=RegisterKind.OUTGOING, year=BASELINE_YEAR, defaults={"name": "benchmark baseline"}
    )
    raw = raw_inserts_per_s(ids[2:], baseline.pk)
    result = {
        "type_name": template.type_name,
        "issuances": count,
        "queries_per_issuance": len(ctx.captured_queries),
        "per_s": round(per_s, 2),
        "issuance": timing(samples),
        "raw_insert_per_s": round(raw, 1),
        "ratio_to_raw_insert": round(per_s / raw, 5),
        "extraction": extraction_timing(ids[2:]),
        "issued": OutgoingDocument.objects.filter(pk__in=ids, status=Status.ISSUED, issued_file__isnull=False).count(),
    }
    log(
        f"  issuance, one clerk: {count} in {seconds:.1f} s = {per_s:.2f}/s, p50 {result['issuance']['p50_ms']:.0f} ms "
        f"({result['queries_per_issuance']} queries each); raw INSERT {raw:,.0f}/s"
    )
    return result


def _clerk_thread(user_id: int, agency_id: int, ids: list[int], barrier, out: dict) -> None:
    """One clerk: its own connection (Django's are per thread), closed at the end."""
    try:
        actor = build_actor(User.objects.get(pk=user_id), Agency.objects.get(pk=agency_id))
        for pk in ids[:PARALLEL_WARMUP]:
            outgoing_issue(actor=actor, document=_load(pk))
        barrier.wait()
        numbers = []
        for pk in ids[PARALLEL_WARMUP:]:
            try:
                numbers.append(outgoing_issue(actor=actor, document=_load(pk)).number)
            except Exception as exc:  # noqa: BLE001 - counted and reported
                out.setdefault("errors", []).append(f"{type(exc).__name__}: {exc}")
        out["numbers"], out["end"] = numbers, time.perf_counter()
    except threading.BrokenBarrierError:
        out.setdefault("errors", []).append("the start barrier broke")
    except Exception as exc:  # noqa: BLE001
        out.setdefault("errors", []).append(f"{type(exc).__name__}: {exc}")
        barrier.abort()
    finally:
        connection.close()


def measure_parallel_issuance(office: Office, template: OutgoingDocument, *, total: int, log) -> dict:
    """Issuances/s with several clerks at once, one thread and connection each,
    into the same outgoing register; then its numbers must be exactly 1..n."""
    runs = []
    for threads in PARALLEL_THREADS:
        if threads > len(office.clerks):
            continue
        per_thread = total // threads
        ids = clone_signed(template, threads * (PARALLEL_WARMUP + per_thread))
        batches = [ids[t::threads] for t in range(threads)]
        args = [(office.clerks[t].pk, office.agency.pk, batches[t]) for t in range(threads)]
        outs, seconds = run_clerks(_clerk_thread, args, timeout=300)
        names = ("issuances", "numbers_distinct")
        runs.append(parallel_run(outs, seconds, threads, taken_key="numbers", names=names, log=log, digits=2))
    return {"total_per_run": total, "warmup_per_thread": PARALLEL_WARMUP, "runs": runs}


# ---------------------------------------------------------------------- all


def measure_outgoing(org: Organisation, *, renders: int, signatures: int, issuances: int, parallel: int, log) -> dict:
    """The whole outgoing section on the current database."""
    from eoffice.incoming.models import IncomingDocument

    started = time.perf_counter()
    office = prepare_office(org)
    signed = {draft["type_name"]: _load(signed_document(office, draft).pk) for draft in DRAFTS}
    log(f"  prepared the office and {len(signed)} signed documents in {time.perf_counter() - started:.1f} s")
    result: dict = {"incoming_documents_in_database": IncomingDocument.objects.count(), "render": []}
    for document in signed.values():
        case = measure_rendering(document, count=renders)
        result["render"].append(case)
        log(
            f"  {case['type_name']} ({case['pages']} page{'s' if case['pages'] > 1 else ''}): "
            f"PDF p50 {case['pdf']['p50_ms']:.1f} ms vs peer {case['pdf_peer']['p50_ms']:.1f} ms "
            f"(×{case['ratio_pdf_to_peer_p50']}); DOCX p50 {case['docx']['p50_ms']:.1f} ms vs peer "
            f"{case['docx_peer']['p50_ms']:.1f} ms (×{case['ratio_docx_to_peer_p50']})"
        )
    letter = signed["Công văn"]
    result["signing"] = measure_signing(letter, personal_key(office.signer, office.agency), count=signatures)
    s = result["signing"]
    log(f"  signing: sign_pdf p50 {s['ours']['p50_ms']:.0f} ms vs bare pyHanko {s['bare']['p50_ms']:.0f} ms (×{s['ratio_p50']})")
    result["issuance"] = measure_issuance(office, letter, count=issuances, log=log)
    year = timezone.localtime().year
    if parallel > 0 and connection.vendor == "postgresql":
        result["issuance_parallel"] = measure_parallel_issuance(office, letter, total=parallel, log=log)
    elif parallel > 0:
        result["issuance_parallel"] = {"skipped": "PostgreSQL only: SQLite serialises every writer"}
    result["register_check"] = register_check(office.agency, year)
    c = result["register_check"]
    log(
        f"  outgoing register: {c['documents']} documents, {c['distinct']} distinct numbers, {c['low']}..{c['high']}, "
        f"counter {c['last_number']}: " + ("gap-free" if c["gap_free"] else "GAPS OR DUPLICATES")
    )
    result["duration_s"] = round(time.perf_counter() - started, 1)
    return result

"""Received edXML packages (exchange), a section of bench.run (`--only exchange`):

- throughput: N document packages from Sở Tài chính, each carrying a 1 MB PDF,
  received (`exchange.receiving.receive_package`: read as a stream, checked,
  the file through the upload checks into storage, a row, status 01 queued)
  and then registered by the clerk (`package_register`: the arrival number,
  the file shared, statuses 03 and 04). Baseline in the same process: the same
  packages parsed whole with lxml, the base64 decoded, the raw package and
  the file written to disk, and one row INSERTed through a cursor each; the
  ratio is what receiving adds to that;
- memory: one package carrying a 50 MB PDF, received from a file in a fresh
  process (`python -m bench.exchange memory <file>`): the peak resident memory
  above what the process held before (Linux VmHWM, reset through
  /proc/self/clear_refs), and tracemalloc's peak of Python's own allocations.
  Goal: under 3× the file.
"""

import io
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

MB = 1024 * 1024
MEMORY_GOAL = 3.0  # × the file's size
SENDER = ("000.00.13.H31", "Sở Tài chính")


def pdf_of(size: int) -> bytes:
    """A valid one-page PDF of about `size` bytes (an embedded file of random,
    incompressible bytes makes up the size)."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.add_attachment("phu-luc.bin", os.urandom(max(size - 2000, 1)))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def package_of(pdf: bytes, number: int, recipient: tuple[str, str]) -> bytes:
    from eoffice.exchange.data import Attachment, EdxmlDocument, Organisation
    from eoffice.exchange.edxml import build_envelope

    doc = EdxmlDocument(
        sender=Organisation(organ_id=SENDER[0], organ_name=SENDER[1]),
        recipients=(Organisation(organ_id=recipient[0], organ_name=recipient[1]),),
        code_number=str(number),
        code_notation="STC-NS",
        promulgation_place="Hải Phòng",
        promulgation_date=date(2026, 3, 5),
        type_name="Công văn",
        subject=f"Về việc thẩm định dự toán số {number}",
        signer_full_name="Trần Văn Bình",
        signer_position="Giám đốc",
        attachments=(Attachment(name=f"{number}-STC-NS.pdf", content_type="application/pdf", data=pdf),),
    )
    return build_envelope(doc)


def baseline(packages: list[bytes], directory: Path) -> float:
    """Seconds for: parse whole with lxml, decode the base64, write raw and file, INSERT one row."""
    import base64

    from django.db import connection
    from lxml import etree

    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE bench_raw_package (id integer PRIMARY KEY, subject varchar(500), sha varchar(64))")
        for n, data in enumerate(packages):
            root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
            encoded = next(el.text for el in root.iter() if etree.QName(el).localname == "ContentTransferEncoded")
            decoded = base64.b64decode(encoded)
            (directory / f"raw-{n}.edxml").write_bytes(data)
            (directory / f"file-{n}.pdf").write_bytes(decoded)
            cursor.execute("INSERT INTO bench_raw_package VALUES (%s, %s, %s)", [n, f"gói {n}", str(len(decoded))])
        cursor.execute("DROP TABLE bench_raw_package")
    return time.perf_counter() - started


def measure_throughput(org, *, count: int, log) -> dict:
    from eoffice.exchange.models import PackageState
    from eoffice.exchange.receiving import receive_package
    from eoffice.incoming.receiving.electronic import package_register
    from eoffice.organisation.selectors import build_actor

    recipient = (org.agency.organ_id, org.agency.name)
    pdf = pdf_of(MB)
    packages = [package_of(pdf, 10_000 + n, recipient) for n in range(count)]
    with tempfile.TemporaryDirectory() as scratch:
        raw_s = baseline(packages, Path(scratch))
    received = []
    started = time.perf_counter()
    for n, data in enumerate(packages):
        (package,) = receive_package(stream=io.BytesIO(data), transport="directory", reference=f"bench-{n}").packages
        received.append(package)
    receive_s = time.perf_counter() - started
    assert all(p.state == PackageState.RECEIVED for p in received), [p.problem for p in received][:3]
    clerk = build_actor(org.clerk, org.agency)
    started = time.perf_counter()
    numbers = [package_register(actor=clerk, package=p).arrival_number for p in received]
    register_s = time.perf_counter() - started
    result = {
        "packages": count,
        "package_bytes": len(packages[0]),
        "pdf_bytes": len(pdf),
        "received_per_s": round(count / receive_s, 1),
        "registered_per_s": round(count / register_s, 1),
        "received_and_registered_per_s": round(count / (receive_s + register_s), 1),
        "baseline_per_s": round(count / raw_s, 1),
        "ratio_receive_to_baseline": round(receive_s / raw_s, 2),
        "numbers_gap_free": sorted(numbers) == list(range(min(numbers), min(numbers) + count)),
    }
    log(
        f"  exchange: {count} packages of {result['package_bytes'] / MB:.2f} MB: received {result['received_per_s']}/s "
        f"(×{result['ratio_receive_to_baseline']} lxml + write + INSERT at {result['baseline_per_s']}/s), "
        f"registered {result['registered_per_s']}/s"
    )
    return result


def measure_memory(org, *, size_mb: int, log) -> dict:
    """Builds the package here, receives it in a fresh process."""
    pdf = pdf_of(size_mb * MB - 64 * 1024)
    data = package_of(pdf, 99_999, (org.agency.organ_id, org.agency.name))
    with tempfile.NamedTemporaryFile(suffix=".edxml", delete=False) as out:
        out.write(data)
    del data
    try:
        command = [sys.executable, "-m", "bench.exchange", "memory", out.name]
        done = subprocess.run(command, capture_output=True, text=True, check=True)  # noqa: S603 - our own module
        figures = json.loads(done.stdout.strip().splitlines()[-1])
    finally:
        os.unlink(out.name)
    figures["pdf_bytes"] = len(pdf)
    figures["ratio_peak_to_file"] = round(figures["peak_rss_above_start_bytes"] / len(pdf), 2)
    figures["goal"] = MEMORY_GOAL
    figures["met"] = figures["ratio_peak_to_file"] < MEMORY_GOAL
    log(
        f"  exchange: one package with a {len(pdf) / MB:.1f} MB PDF: "
        f"peak memory +{figures['peak_rss_above_start_bytes'] / MB:.0f} MB "
        f"(×{figures['ratio_peak_to_file']} the file, goal < {MEMORY_GOAL}×; Python's own peak "
        f"{figures['tracemalloc_peak_bytes'] / MB:.1f} MB), {figures['state']}"
    )
    return figures


def measure_exchange(org, *, count: int, memory_mb: int, log) -> dict:
    return {
        "throughput": measure_throughput(org, count=count, log=log),
        "memory": measure_memory(org, size_mb=memory_mb, log=log),
    }


def _status_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    return 0


def _receive_one(path: str) -> dict:
    """In a fresh process: receive the package at `path`, report memory."""
    import gc
    import tracemalloc

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eoffice.settings")
    import django

    django.setup()
    from eoffice.exchange.receiving import receive_package

    gc.collect()
    Path("/proc/self/clear_refs").write_text("5")  # VmHWM := the current RSS
    start = _status_kb("VmRSS")
    tracemalloc.start()
    started = time.perf_counter()
    with open(path, "rb") as stream:
        (package,) = receive_package(stream=stream, transport="directory", reference="bench-memory").packages
    seconds = time.perf_counter() - started
    _, python_peak = tracemalloc.get_traced_memory()
    return {
        "package_bytes": os.path.getsize(path),
        "state": package.state,
        "seconds": round(seconds, 2),
        "rss_start_bytes": start,
        "peak_rss_above_start_bytes": _status_kb("VmHWM") - start,
        "tracemalloc_peak_bytes": python_peak,
    }


if __name__ == "__main__" and sys.argv[1:2] == ["memory"]:
    print(json.dumps(_receive_one(sys.argv[2])))

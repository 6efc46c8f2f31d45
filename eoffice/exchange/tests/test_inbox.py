"""The directory transport's inbox: files dropped in are received once, then
moved to done/ or failed/ (with the reason); nothing is lost if a worker dies."""

from eoffice.exchange.inbox import inbox_directory, poll_inbox
from eoffice.exchange.models import PackageState, ReceivedPackage
from eoffice.exchange.tests.documents import a_package


def test_dropped_packages_are_received_and_filed_by_outcome(cast, tmp_path):
    (tmp_path / "cong-van-125.edxml").write_bytes(a_package())
    (tmp_path / "hong.edxml").write_bytes(b"<edXML><unclosed>")
    (tmp_path / ".dang-ghi.edxml.tmp").write_bytes(b"half written")
    receipts = poll_inbox(tmp_path)
    states = sorted(p.state for r in receipts for p in r.packages)
    assert states == [PackageState.FAILED, PackageState.RECEIVED]
    assert (tmp_path / "done" / "cong-van-125.edxml").exists()
    assert (tmp_path / "failed" / "hong.edxml").exists()
    assert "không phải XML hợp lệ" in (tmp_path / "failed" / "hong.edxml.reason.txt").read_text(encoding="utf-8")
    assert (tmp_path / ".dang-ghi.edxml.tmp").exists()  # still being written: not touched
    assert ReceivedPackage.objects.get(state=PackageState.RECEIVED).reference == "cong-van-125.edxml"
    assert poll_inbox(tmp_path) == []


def test_a_file_left_in_processing_by_a_dead_worker_is_received_once(cast, tmp_path):
    package = a_package()
    (tmp_path / "processing").mkdir()
    (tmp_path / "processing" / "goi-1.edxml").write_bytes(package)
    (tmp_path / "goi-1-lai.edxml").write_bytes(package)  # the sender sent it again meanwhile
    receipts = poll_inbox(tmp_path)
    assert [r.duplicate for r in receipts] == [False, True]
    assert ReceivedPackage.objects.count() == 1
    assert sorted(p.name for p in (tmp_path / "done").iterdir()) == ["goi-1-lai.edxml", "goi-1.edxml"]
    assert not any((tmp_path / "processing").iterdir())


def test_the_inbox_folder_comes_from_the_setting_or_the_variable_directory(settings, tmp_path):
    settings.EOFFICE_EXCHANGE_INBOX_DIR = str(tmp_path / "hop-thu")
    assert inbox_directory() == tmp_path / "hop-thu"
    settings.EOFFICE_EXCHANGE_INBOX_DIR = None
    settings.EOFFICE_VAR_DIR = str(tmp_path)
    assert inbox_directory() == tmp_path / "exchange" / "inbox"


def test_a_status_for_a_document_never_sent_goes_to_failed_with_the_reason(cast, tmp_path):
    from eoffice.exchange.data import Organisation
    from eoffice.exchange.status import build_status

    data = build_status(
        response_for_organ_id=cast.office.organ_id,
        response_for_code="1/VP",
        response_for_document_id=f"{cast.office.organ_id},2026/01/02,1/VP",
        sender=Organisation(organ_id="000.00.13.H31", organ_name="Sở Tài chính"),
        status_code="03",
        description="",
    )
    (tmp_path / "trang-thai.edxml").write_bytes(data)
    (receipt,) = poll_inbox(tmp_path)
    assert receipt.packages == [] and not receipt.statuses[0].matched
    assert "Không có văn bản nào đã gửi" in (tmp_path / "failed" / "trang-thai.edxml.reason.txt").read_text(encoding="utf-8")

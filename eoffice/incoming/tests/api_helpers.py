"""What every API test needs: the prefix, a token client (eoffice.core.tests.api_helpers),
a valid document body."""

from eoffice.core.tests.api_helpers import API, PASSWORD, login  # noqa: F401 - the API tests import them from here too


def document_json(**overrides) -> dict:
    """The required fields of a registration, in Appendix VI names."""
    data = {
        "type_name": "Công văn",
        "code_number": "125",
        "code_notation": "SXD-QLXD",
        "issued_date": "2026-03-02",
        "organ_name": "Sở Xây dựng",
        "subject": "Về việc báo cáo tình hình trật tự xây dựng quý I năm 2026",
        "arrival_date": "2026-03-03",
    }
    data.update(overrides)
    return data

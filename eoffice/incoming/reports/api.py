"""GET /api/v1/incoming/register.xlsx: the year's register of incoming
documents (ND30 Appendix IV), the same workbook as the web page's download."""

from typing import cast

from drf_spectacular.utils import extend_schema
from rest_framework.views import APIView

from eoffice.core.openapi import year_parameter
from eoffice.core.params import query_year
from eoffice.core.xlsx import XLSX_TYPE
from eoffice.incoming.reports.exports import register_xlsx_response
from eoffice.organisation.access import current_actor


class IncomingRegisterXlsxView(APIView):
    """Sổ đăng ký văn bản đến of a year as XLSX (Appendix IV columns)."""

    @extend_schema(
        parameters=[year_parameter("Năm của sổ", required=True)],
        responses={(200, XLSX_TYPE): bytes},
    )
    def get(self, request):
        year = cast(int, query_year(request.query_params, required=True))
        return register_xlsx_response(current_actor(request), year=year)

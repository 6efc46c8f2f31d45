"""The registers of incoming documents through the API, the same files as the
web pages' downloads: GET /api/v1/incoming/register.xlsx and register.pdf (Sổ
đăng ký văn bản đến), follow-book.xlsx and follow-book.pdf (Sổ theo dõi giải
quyết văn bản đến); `so=mat` for the confidential one, to those granted."""

from typing import ClassVar, cast

from drf_spectacular.utils import extend_schema
from rest_framework.views import APIView

from eoffice.core.errors import NotAllowed
from eoffice.core.openapi import CONFIDENTIAL_REGISTER as CONFIDENTIAL
from eoffice.core.openapi import year_parameter
from eoffice.core.params import query_year
from eoffice.core.xlsx import XLSX_TYPE
from eoffice.incoming.reports import exports
from eoffice.incoming.reports.selectors import open_confidential_register
from eoffice.organisation.access import current_actor


class _RegisterFile(APIView):
    """One register of a year as a file; `make_file` makes it."""

    make_file: ClassVar = staticmethod(exports.register_xlsx_response)
    registry_only: ClassVar[bool] = True

    def get(self, request):
        actor = current_actor(request)
        year = cast(int, query_year(request.query_params, required=True))
        if self.registry_only and not actor.sees_whole_agency:
            raise NotAllowed("Chỉ văn thư và lãnh đạo cơ quan được tải sổ.")
        confidential = request.query_params.get("so") == "mat"
        if confidential:
            open_confidential_register(actor, path=request.path)
        return type(self).make_file(actor, year=year, confidential=confidential)


class IncomingRegisterXlsxView(_RegisterFile):
    """Sổ đăng ký văn bản đến of a year as XLSX (Appendix IV columns); the documents the caller may see."""

    registry_only = False

    @extend_schema(parameters=[year_parameter("Năm của sổ", required=True), CONFIDENTIAL], responses={(200, XLSX_TYPE): bytes})
    def get(self, request):
        return super().get(request)


class IncomingRegisterPdfView(_RegisterFile):
    """Sổ đăng ký văn bản đến printed to be signed and bound: cover, first page, rows."""

    make_file = staticmethod(exports.register_pdf_response)

    @extend_schema(
        parameters=[year_parameter("Năm của sổ", required=True), CONFIDENTIAL], responses={(200, "application/pdf"): bytes}
    )
    def get(self, request):
        return super().get(request)


class FollowBookXlsxView(_RegisterFile):
    """Sổ theo dõi giải quyết văn bản đến (seven columns) as XLSX."""

    make_file = staticmethod(exports.follow_xlsx_response)

    @extend_schema(parameters=[year_parameter("Năm của sổ", required=True), CONFIDENTIAL], responses={(200, XLSX_TYPE): bytes})
    def get(self, request):
        return super().get(request)


class FollowBookPdfView(_RegisterFile):
    """Sổ theo dõi giải quyết văn bản đến printed to be signed and bound."""

    make_file = staticmethod(exports.follow_pdf_response)

    @extend_schema(
        parameters=[year_parameter("Năm của sổ", required=True), CONFIDENTIAL], responses={(200, "application/pdf"): bytes}
    )
    def get(self, request):
        return super().get(request)

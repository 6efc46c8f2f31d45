"""Public reads of the procedure catalogue (danh mục thủ tục hành chính): what
anyone may see without logging in — published procedures only.

The search folds diacritics (core.text.fold) on the name and the code, so
"cap giay phep xay dung" finds "Cấp giấy phép xây dựng" and "đăng ký" equals
"dang ky". It folds in Python over (id, name, code) of the published
procedures: a city's catalogue is a few hundred to a few thousand rows, read
in one query, which needs no folded column and works the same on SQLite and
PostgreSQL."""

import re
from typing import cast

from django.db.models import Prefetch, QuerySet

from eoffice.core.errors import ValidationFailed
from eoffice.core.text import fold
from eoffice.onestop.catalogue.checks import procedure_code
from eoffice.onestop.models import Level, OnlineLevel, Procedure, ProcedureField, ProcedureStep, RequiredPaper
from eoffice.organisation.models import Agency


def published_procedures() -> QuerySet:
    return Procedure.objects.filter(published=True).select_related("field", "agency")


def _matches(text: str, words: list[str]) -> bool:
    """Every word of the query begins a word of the text (both folded)."""
    return all(re.search(rf"(?<![0-9a-z]){re.escape(word)}", text) for word in words)


def search(queryset: QuerySet, query: str) -> QuerySet:
    """Procedures whose name or code holds every word of `query`, with or without diacritics."""
    words = fold(query or "").split()
    if not words:
        return queryset
    ids = [pk for pk, name, code in queryset.values_list("pk", "name", "code") if _matches(fold(f"{name} {code}"), words)]
    return queryset.filter(pk__in=ids)


def _choice(value: str, choices, name: str, label: str) -> str:
    if value not in choices.values:
        allowed = ", ".join(choices.values)
        raise ValidationFailed(
            f"{label} “{value}” không hợp lệ; chọn một trong: {allowed}.", fields={name: ["Giá trị không hợp lệ."]}
        )
    return value


def procedure_filters(queryset: QuerySet, *, q: str = "", field: str = "", level: str = "", online: str = "") -> QuerySet:
    """The public list's filters: text, lĩnh vực (field code), cấp thực hiện, mức trực tuyến."""
    if field:
        queryset = queryset.filter(field__code=field)
    if level:
        queryset = queryset.filter(level=_choice(level, Level, "level", "Cấp thực hiện"))
    if online:
        queryset = queryset.filter(online=_choice(online, OnlineLevel, "online", "Mức dịch vụ công trực tuyến"))
    return search(queryset, q)


def fields_in_use() -> QuerySet:
    """Lĩnh vực that have published procedures, for the filter."""
    return ProcedureField.objects.filter(procedures__published=True).distinct().order_by("name")


def get_published_procedure(code: str) -> Procedure | None:
    """One published procedure with everything its public page shows; None if
    the code is unknown or the procedure is not published."""
    steps = Prefetch("steps", queryset=ProcedureStep.objects.select_related("unit"))
    papers = Prefetch("papers", queryset=RequiredPaper.objects.select_related("form_file"))
    return published_procedures().prefetch_related(steps, papers, "fees").filter(code=procedure_code(code)).first()


def published_form_paper(code: str, paper_id: int) -> RequiredPaper | None:
    """A paper with a form file, of a published procedure."""
    return (
        RequiredPaper.objects.select_related("form_file", "procedure")
        .filter(pk=paper_id, procedure__code=procedure_code(code), procedure__published=True, form_file__isnull=False)
        .first()
    )


def portal_agency() -> Agency | None:
    """The authority named in the public portal's header: the top of the agency
    that publishes the procedures (the People's Committee above its Office), or
    the first hosted top-level agency when several publish or none does."""
    agency_ids = list(published_procedures().order_by().values_list("agency_id", flat=True).distinct()[:2])
    if len(agency_ids) != 1:
        return Agency.objects.filter(hosted=True, parent__isnull=True).order_by("pk").first()
    agency = Agency.objects.select_related("parent").get(pk=agency_ids[0])
    for _ in range(10):  # a short chain; the bound guards against a cycle made in the admin
        if agency.parent_id is None:
            break
        agency = cast(Agency, agency.parent)  # parent_id is set
    return agency

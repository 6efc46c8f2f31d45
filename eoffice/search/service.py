"""The one search service: what a user may find, ranked, with snippets and
facets. Permissions are part of the engine query (principals), so totals,
facets and suggestions count only what the user may see."""

from dataclasses import dataclass, field
from datetime import date

from eoffice.organisation.selectors import Actor
from eoffice.search import query as query_module
from eoffice.search import vntext
from eoffice.search.backends import FACETS, Request, get_backend
from eoffice.search.principals import actor_principals
from eoffice.search.snippets import body_snippet, highlight
from eoffice.search.sources import SOURCES

PER_PAGE = 20
MAX_PAGE = 50  # deeper pages mean the query should be narrower


@dataclass
class Result:
    text: str
    total: int = 0
    hits: list = field(default_factory=list)
    facets: dict = field(default_factory=dict)
    page: int = 1
    pages: int = 0
    message: str = ""


def clean_filters(filters: dict | None) -> dict:
    """Only known facets, non-empty values; a year must be a year."""
    cleaned = {}
    for name, value in (filters or {}).items():
        value = str(value).strip() if value is not None else ""
        if name in FACETS and value:
            if name == "year" and not (value.isdigit() and 1900 < int(value) < 2200):
                continue
            cleaned[name] = value
    return cleaned


def search(actor: Actor, text: str, *, filters=None, newest_first=False, page=1, per_page=PER_PAGE) -> Result:
    parsed = query_module.parse(text)
    result = Result(text=parsed.text)
    if parsed.empty:
        result.message = "Nhập từ khóa, số ký hiệu văn bản hoặc trích yếu để tìm." if parsed.text else ""
        return result
    page = min(max(1, int(page or 1)), MAX_PAGE)
    request = Request(
        query=parsed,
        agency_id=actor.agency.pk,
        principals=frozenset(actor_principals(actor)),
        filters=clean_filters(filters),
        newest_first=newest_first,
        offset=(page - 1) * per_page,
        limit=per_page,
    )
    response = get_backend().search(request)
    words, typed = parsed.highlight, parsed.typed
    result.total, result.page, result.facets = response.total, page, response.facets
    result.pages = min(MAX_PAGE, -(-response.total // per_page))
    result.hits = [_hit(hit, words, typed) for hit in response.hits]
    if parsed.truncated:
        result.message = f"Câu tìm kiếm quá dài: chỉ tìm theo {query_module.MAX_TERMS} từ đầu tiên."
    return result


def suggest(actor: Actor, text: str, *, limit: int = 8) -> list[dict]:
    """Type-ahead: documents this user may see whose heading holds the words
    typed so far, the last one possibly unfinished."""
    text = (text or "")[:200]
    words = text.split()
    prefix = ""
    if words and not text[-1].isspace():  # the last word is still being typed
        last = vntext.folded_tokens(words.pop())
        prefix = last[0] if last else ""
    parsed = query_module.parse(" ".join(words))
    if parsed.empty and len(prefix) < 2:
        return []
    request = Request(
        query=parsed,
        agency_id=actor.agency.pk,
        principals=frozenset(actor_principals(actor)),
        limit=limit,
        facets=False,
    )
    return [_suggestion(hit.fields) for hit in get_backend().suggest(request, prefix).hits]


def _suggestion(f: dict) -> dict:
    """One type-ahead line. Many records share a subject (every "Báo cáo tình hình…",
    every dossier of one procedure), so each says what tells it apart: its kind, type
    or field, number or code, date (dd/mm/yyyy) and, for a dossier, the applicant."""
    day = date.fromordinal(f["day"]) if f["day"] else None
    kind = SOURCES[f["kind"]].label if f["kind"] in SOURCES else f["kind"]
    kind_of_record = f["type_name"] or f["procedure_field"]
    what = " ".join(filter(None, [kind_of_record, f["number"]]))
    detail = " · ".join(filter(None, [kind, what, day.strftime("%d/%m/%Y") if day else "", f["applicant"]]))
    subject = f["subject"][:120]
    return {
        "label": f"{subject} ({detail})",
        "subject": subject,
        "detail": detail,
        "kind": f["kind"],
        "kind_label": kind,
        "type_name": kind_of_record,
        "number": f["number"],
        "day": day.isoformat() if day else None,  # as in the search API; dd/mm/yyyy in `detail`
        "url": f["url"],
    }


def _hit(hit, words: set[str], typed: dict[str, set[str]]) -> dict:
    f = hit.fields
    return {
        "key": hit.key,
        "kind": f["kind"],
        "kind_label": SOURCES[f["kind"]].label if f["kind"] in SOURCES else f["kind"],
        "number": f["number"],
        "type_name": f["type_name"],
        "issuer": f["issuer"],
        "procedure_field": f["procedure_field"],
        "applicant": f["applicant"],
        "status": f["status"],
        "url": f["url"],
        "day": date.fromordinal(f["day"]) if f["day"] else None,
        "score": hit.score,
        "subject": highlight(f["subject"], words, typed=typed),
        "body": body_snippet(f["body"], words, typed),
    }

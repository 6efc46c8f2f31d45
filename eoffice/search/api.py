"""GET /api/v1/search/?q=… and /api/v1/search/suggest/?q=… (type-ahead)."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from eoffice.core.params import FIRST_YEAR, LAST_YEAR
from eoffice.organisation.access import current_actor
from eoffice.search import service
from eoffice.search.backends import FACETS

MAX_QUERY = 10_000  # longer input is cut, and the answer says so


class SearchParams(serializers.Serializer):
    q = serializers.CharField(required=False, allow_blank=True, default="", trim_whitespace=False)
    sort = serializers.ChoiceField(choices=["relevance", "newest"], required=False, default="relevance")
    page = serializers.IntegerField(required=False, min_value=1, default=1)
    kind = serializers.CharField(required=False, allow_blank=True)
    type_name = serializers.CharField(required=False, allow_blank=True)
    procedure_field = serializers.CharField(required=False, allow_blank=True)
    issuer = serializers.CharField(required=False, allow_blank=True)
    year = serializers.IntegerField(required=False, min_value=FIRST_YEAR, max_value=LAST_YEAR)
    status = serializers.CharField(required=False, allow_blank=True)
    unit = serializers.CharField(required=False, allow_blank=True)


def _params(request) -> dict:
    data = request.query_params.copy()
    data["q"] = data.get("q", "").replace("\x00", "")  # a pasted NUL is noise, not an error
    params = SearchParams(data=data)
    params.is_valid(raise_exception=True)
    return dict(params.validated_data)


def hit_json(hit: dict) -> dict:
    day = hit["day"]
    return {
        "key": hit["key"],
        "kind": hit["kind"],
        "number": hit["number"],
        "type_name": hit["type_name"],
        "issuer": hit["issuer"],
        "procedure_field": hit["procedure_field"],
        "applicant": hit["applicant"],
        "status": hit["status"],
        "day": day.isoformat() if day else None,
        "url": hit["url"],
        "subject_html": str(hit["subject"]),
        "body_html": str(hit["body"]),
    }


class SearchView(APIView):
    """Tìm kiếm văn bản đến và đi mà người dùng được xem, có đoạn trích và bộ lọc."""

    @extend_schema(parameters=[SearchParams], responses={200: dict})
    def get(self, request):
        params = _params(request)
        text = params.pop("q")[:MAX_QUERY]
        result = service.search(
            current_actor(request),
            text,
            filters={name: params[name] for name in FACETS if params.get(name) not in (None, "")},
            newest_first=params["sort"] == "newest",
            page=params["page"],
        )
        return Response(
            {
                "q": result.text,
                "total": result.total,
                "page": result.page,
                "pages": result.pages,
                "message": result.message,
                "hits": [hit_json(hit) for hit in result.hits],
                "facets": {name: [{"value": v, "count": n} for v, n in values] for name, values in result.facets.items()},
            }
        )


class SuggestView(APIView):
    """Gợi ý khi gõ: số ký hiệu và trích yếu của văn bản người dùng được xem."""

    @extend_schema(parameters=[OpenApiParameter("q", str)], responses={200: dict})
    def get(self, request):
        text = request.query_params.get("q", "")[:200].replace("\x00", "")
        return Response({"suggestions": service.suggest(current_actor(request), text)})

"""API of the received packages: /api/v1/incoming-packages/ (the registry's
văn bản điện tử chờ vào sổ). Register and refuse come from receiving/workflow.py."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.response import Response

from eoffice.core.errors import ValidationFailed
from eoffice.exchange.models import PackageState, ReceivedFile, ReceivedPackage
from eoffice.incoming.receiving.packages import get_package_for_user, packages_for
from eoffice.incoming.receiving.workflow import PACKAGE
from eoffice.incoming.serializers import IncomingDetailOut
from eoffice.organisation.access import current_actor


class ReceivedFileOut(serializers.ModelSerializer):
    sha256 = serializers.CharField(source="stored_file.sha256")
    size = serializers.IntegerField(source="stored_file.size")
    content_type = serializers.CharField(source="stored_file.content_type")

    class Meta:
        model = ReceivedFile
        fields = ["id", "filename", "description", "sha256", "size", "content_type"]


class ReceivedPackageOut(serializers.ModelSerializer):
    files = ReceivedFileOut(many=True, read_only=True)
    incoming = serializers.SerializerMethodField()

    class Meta:
        model = ReceivedPackage
        fields = [
            "id",
            "state",
            "transport",
            "reference",
            "received_at",
            "sender_organ_id",
            "sender_name",
            "document_id",
            "business_doc_type",
            "subject",
            "confidentiality",
            "problem",
            "handled_at",
            "previous",
            "header",
            "files",
            "incoming",
        ]

    def get_incoming(self, package) -> int | None:
        incoming = getattr(package, "incoming", None)
        return incoming.pk if incoming else None


class PackageViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Gói tin văn bản điện tử đến of the caller's registry (clerks only)."""

    serializer_class = ReceivedPackageOut
    queryset = ReceivedPackage.objects.none()  # for the schema; get_queryset() is per caller

    def get_queryset(self):
        state = self.request.query_params.get("state", PackageState.RECEIVED)
        if state not in PackageState.values:
            raise ValidationFailed(
                "Trạng thái không hợp lệ: " + ", ".join(PackageState.values) + ".", fields={"state": ["Không hợp lệ."]}
            )
        rows = packages_for(current_actor(self.request)).filter(state=state)
        return rows.select_related("incoming").prefetch_related("files__stored_file").order_by("-received_at", "-id")

    @extend_schema(parameters=[OpenApiParameter("state", str, enum=PackageState.values)])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def retrieve(self, request, pk=None):
        return Response(ReceivedPackageOut(get_package_for_user(current_actor(request), pk)).data)

    def step_response(self, request, step, package, result):
        if step.name == "register":
            return Response(IncomingDetailOut(result).data, status=step.api_status)
        package.refresh_from_db()
        return Response(ReceivedPackageOut(package).data, status=step.api_status)


PACKAGE.add_api_actions(PackageViewSet, ReceivedPackageOut)

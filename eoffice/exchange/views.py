from django.contrib import admin
from django.http import FileResponse, Http404

from eoffice.exchange.models import ReceivedPackage


@admin.site.admin_view
def raw_package(request, pk):
    """A received package as it arrived, for the administrator (staff who may view packages)."""
    if not request.user.has_perm("exchange.view_receivedpackage"):
        raise Http404("Không tìm thấy gói tin.")
    package = ReceivedPackage.objects.select_related("raw").filter(pk=pk).first()
    if package is None:
        raise Http404("Không tìm thấy gói tin.")
    name = f"goi-tin-{package.pk}.edxml"
    return FileResponse(package.raw.file.open("rb"), content_type="application/xml", as_attachment=True, filename=name)

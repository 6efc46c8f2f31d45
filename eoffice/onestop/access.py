"""The one way views and the API fetch a dossier."""

from django.http import Http404

from eoffice.onestop.dossiers.selectors import dossiers_visible_to
from eoffice.onestop.models import Dossier
from eoffice.organisation.selectors import Actor


def get_dossier_for_user(actor: Actor, pk) -> Dossier:
    """The dossier if `actor` may see it, else Http404: another agency's or
    another unit's dossier is not even confirmed to exist."""
    try:
        return dossiers_visible_to(actor).select_related("agency", "procedure", "received_by", "result_file").get(pk=pk)
    except (Dossier.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy hồ sơ hoặc bạn không có quyền xem.") from None

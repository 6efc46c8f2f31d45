"""Demo PKI: a test CA, a certificate for every hosted agency and every active
leader, and the matching SigningKey rows. Never use these keys in production."""

from django.core.management.base import BaseCommand
from django.db import transaction

from eoffice.organisation.models import Agency, Membership, Role
from eoffice.signatures import placeholders
from eoffice.signatures.models import Backend, SigningKey, var_dir
from eoffice.signatures.testca import make_test_ca


class Command(BaseCommand):
    help = "Tạo CA thử nghiệm và khóa ký (tệp) cho các cơ quan và lãnh đạo — chỉ dùng cho demo và kiểm thử."

    def handle(self, *args, **options):
        created = create_test_signing_keys()
        self.stdout.write(f"Đã tạo {created} khóa ký thử nghiệm trong {var_dir() / 'pki'}.")


@transaction.atomic
def create_test_signing_keys() -> int:
    """Idempotent: existing certificates and SigningKey rows are reused. Returns the
    number of SigningKey rows created."""
    agencies = list(Agency.objects.filter(hosted=True))
    leaders = list(
        Membership.objects.filter(role=Role.LEADER, user__is_active=True, agency__hosted=True)
        .select_related("user", "agency")
        .order_by("user_id", "agency_id")
    )
    first_agency: dict[int, Membership] = {}  # one personal certificate per person, O = their first agency
    for membership in leaders:
        first_agency.setdefault(membership.user_id, membership)
    pki = make_test_ca(
        var_dir() / "pki",
        agencies=[(agency.name, agency.organ_id or "") for agency in agencies],
        people=[(m.user.username, m.user.full_name or m.user.username, m.agency.name) for m in first_agency.values()],
    )
    created = 0
    for agency in agencies:
        credential = pki.agencies[agency.organ_id or agency.name]
        label = f"Khóa cơ quan {agency.short_name} (thử nghiệm)"
        image = placeholders.seal_png(agency.name)
        created += _ensure_key(agency=agency, user=None, label=label, credential=credential, image=image)
    for membership in leaders:
        credential = pki.people[membership.user.username]
        label = f"{membership.user} — {membership.agency.short_name} (thử nghiệm)"
        image = placeholders.signature_png(membership.user.username)
        created += _ensure_key(agency=membership.agency, user=membership.user, label=label, credential=credential, image=image)
    return created


def _ensure_key(*, agency, user, label, credential, image: bytes) -> int:
    root = var_dir()
    _, was_created = SigningKey.objects.get_or_create(
        agency=agency,
        user=user,
        cert_path=str(credential.cert_path.relative_to(root)),
        defaults={
            "label": label,
            "backend": Backend.FILE,
            "key_path": str(credential.key_path.relative_to(root)),
            "chain_paths": "\n".join(str(path.relative_to(root)) for path in credential.chain_paths),
            "image": image,  # a placeholder: never a real signature or seal
        },
    )
    return int(was_created)

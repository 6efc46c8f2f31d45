from pathlib import Path

import pytest
from django.conf import settings

from eoffice.conftest import person
from eoffice.organisation.models import Agency, Role
from eoffice.signatures.models import SigningKey
from eoffice.signatures.testca import make_test_ca


def signing_office(cast):
    """The cast plus a format checker, an external recipient and signing keys
    from the test CA for the Chánh Văn phòng and for the office itself."""
    cast.checker = person("kiemtra", cast.office, Role.FORMAT_CHECKER, position="Chuyên viên kiểm tra thể thức")
    cast.external = Agency.objects.create(name="Bộ Xây dựng", short_name="BXD", organ_id="000.00.00.G15")
    pki = make_test_ca(
        Path(settings.VAR_DIR) / "pki",
        agencies=[(cast.office.name, cast.office.organ_id)],
        people=[(cast.leader.username, cast.leader.full_name, cast.office.name)],
    )
    for user, credential in ((cast.leader, pki.people[cast.leader.username]), (None, pki.agencies[cast.office.organ_id])):
        SigningKey.objects.create(
            agency=cast.office,
            user=user,
            label=f"Test CA — {user or cast.office}",
            key_path=str(credential.key_path),
            cert_path=str(credential.cert_path),
            chain_paths="\n".join(str(p) for p in credential.chain_paths),
        )
    return cast


@pytest.fixture
def office(cast):
    return signing_office(cast)


def give_key(agency, user):
    """A personal signing key from the test CA for `user` in `agency`."""
    pki = make_test_ca(Path(settings.VAR_DIR) / "pki", agencies=[], people=[(user.username, user.full_name, agency.name)])
    credential = pki.people[user.username]
    return SigningKey.objects.create(
        agency=agency,
        user=user,
        label=f"Test CA — {user}",
        key_path=str(credential.key_path),
        cert_path=str(credential.cert_path),
        chain_paths="\n".join(str(p) for p in credential.chain_paths),
    )


def draft_data(**overrides) -> dict:
    data = {
        "type_name": "Công văn",
        "subject": "Trả lời về việc cấp phép xây dựng công trình trên địa bàn phường Lê Chân",
        "body": "Văn phòng UBND thành phố nhận được Công văn số 125/SXD-VP của Sở Xây dựng.\n"
        "Về việc này, Văn phòng UBND thành phố có ý kiến như sau: đề nghị Sở Xây dựng hoàn thiện hồ sơ./.",
        "recipients_text": "Sở Xây dựng",
        "places_text": "Như trên;\nChánh Văn phòng",
        "copies": 2,
        "drafter_initials": "NVC",
        "authority": "",
        "on_behalf_of": "",
        "signer_position": "Chánh Văn phòng",
    }
    return data | overrides


def issue_through(c, recipients=None, files=(), **overrides):
    """A Công văn (to Sở Xây dựng by default) taken through the whole chain and
    issued; `files`, (upload, is_appendix) pairs, attached to the draft."""
    from eoffice.outgoing.drafting.services import attachment_add, outgoing_create
    from eoffice.outgoing.issuance.services import outgoing_issue, outgoing_sign
    from eoffice.outgoing.review.services import outgoing_approve, outgoing_submit

    doc = outgoing_create(
        actor=c.actor(c.specialist), data=draft_data(**overrides), signer=c.leader, recipients=recipients or [c.other]
    )
    for upload, is_appendix in files:
        attachment_add(actor=c.actor(c.specialist), document=doc, upload=upload, is_appendix=is_appendix)
    outgoing_submit(actor=c.actor(c.specialist), document=doc)
    outgoing_approve(actor=c.actor(c.head), document=doc)
    outgoing_approve(actor=c.actor(c.checker), document=doc)
    outgoing_sign(actor=c.actor(c.leader), document=doc)
    doc = outgoing_issue(actor=c.actor(c.clerk), document=doc)
    doc.refresh_from_db()
    return doc


@pytest.fixture
def issued(office):
    return issue_through(office)


def registered_copy(c, document, agency=None):
    """The copy of `document` at Sở Xây dựng (or `agency`): its loopback package
    sent now (as the job would after commit) and registered by that registry."""
    from eoffice.exchange.models import ReceivedPackage
    from eoffice.exchange.sending import send_hosted_now
    from eoffice.incoming.receiving.electronic import package_register
    from eoffice.organisation.models import Membership

    agency = agency or c.other
    send_hosted_now()
    package = ReceivedPackage.objects.get(agency=agency, sender_organ_id=document.agency.organ_id, subject=document.subject)
    clerk = Membership.objects.filter(agency=agency, role=Role.CLERK).first().user
    return package_register(actor=c.actor(clerk, agency), package=package)

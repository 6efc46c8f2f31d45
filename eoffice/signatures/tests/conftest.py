"""One test PKI per session (RSA key generation is the slow part) and a variable
directory pointing at it. Signing needs no database: the keys are never saved."""

from pathlib import Path

import pytest

from eoffice.signatures.testca import issue_credential, make_test_ca, make_untrusted_credential
from eoffice.signatures.tests.helpers import OFFICE, OFFICE_ID, PASSPHRASE, SIGNER, file_key


@pytest.fixture(scope="session")
def pki(tmp_path_factory):
    directory = tmp_path_factory.mktemp("var") / "pki"
    pki = make_test_ca(directory, agencies=[(OFFICE, OFFICE_ID)], people=[("chanhvp", SIGNER, OFFICE)])
    pki.expired = issue_credential(pki, slug="people/het-han", common_name="Trần Thị Hết Hạn", organisation=OFFICE, expired=True)
    pki.untrusted = make_untrusted_credential(directory, common_name="Lê Văn Lạ", organisation="Tổ chức lạ")
    pki.encrypted = issue_credential(
        pki, slug="people/ma-hoa", common_name="Phạm Văn Mã", organisation=OFFICE, passphrase=PASSPHRASE.encode()
    )
    return pki


@pytest.fixture(autouse=True)
def var_dir(settings, pki) -> Path:
    """The installation's variable directory is the parent of the session PKI, so
    trust roots are read from <var>/pki/trust as in production."""
    settings.VAR_DIR = pki.directory.parent
    settings.EOFFICE_TSA_URL = ""
    settings.EOFFICE_TRUST_DIR = ""
    return pki.directory.parent


@pytest.fixture
def personal_key(pki):
    return file_key(pki.people["chanhvp"])


@pytest.fixture
def agency_key(pki):
    return file_key(pki.agencies[OFFICE_ID], personal=False)

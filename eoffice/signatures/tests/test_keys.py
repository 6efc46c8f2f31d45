"""Loading signers from key files and PKCS#11 devices: clear Vietnamese messages
for every way the configuration can be wrong."""

import sys

import pytest

from eoffice.core.errors import ValidationFailed
from eoffice.signatures.keys import open_signer
from eoffice.signatures.models import Backend, SigningKey
from eoffice.signatures.services import sign_pdf
from eoffice.signatures.tests.helpers import PASSPHRASE, PERSONAL_BOX, file_key, make_pdf
from eoffice.signatures.verification import verify_pdf

SOFTHSM = "/usr/lib/softhsm/libsofthsm2.so"


def test_an_encrypted_key_opens_with_the_passphrase_from_the_named_environment_variable(pki, monkeypatch):
    monkeypatch.setenv("EOFFICE_TEST_KEY_PASSPHRASE", PASSPHRASE)
    key = file_key(pki.encrypted, passphrase_env="EOFFICE_TEST_KEY_PASSPHRASE")

    signed = sign_pdf(data=make_pdf(), key=key, field_name="ky", box=PERSONAL_BOX, reason="", location="")

    assert [r.signer_name for r in verify_pdf(signed)] == ["Phạm Văn Mã"]


def test_an_unset_passphrase_variable_is_named_in_the_message(pki, monkeypatch):
    monkeypatch.delenv("EOFFICE_TEST_KEY_PASSPHRASE", raising=False)
    key = file_key(pki.encrypted, passphrase_env="EOFFICE_TEST_KEY_PASSPHRASE")

    with pytest.raises(ValidationFailed, match="Chưa đặt biến môi trường EOFFICE_TEST_KEY_PASSPHRASE"), open_signer(key):
        pass


def test_a_wrong_passphrase_is_refused(pki, monkeypatch):
    monkeypatch.setenv("EOFFICE_TEST_KEY_PASSPHRASE", "sai")
    key = file_key(pki.encrypted, passphrase_env="EOFFICE_TEST_KEY_PASSPHRASE")

    with pytest.raises(ValidationFailed, match="sai mật khẩu"), open_signer(key):
        pass


def test_a_missing_key_file_is_named_in_the_message(pki):
    key = file_key(pki.people["chanhvp"], key_path="pki/people/khong-co.key.pem")

    with pytest.raises(ValidationFailed, match="khong-co.key.pem"), open_signer(key):
        pass


def test_paths_relative_to_the_variable_directory_are_found(pki, var_dir):
    credential = pki.people["chanhvp"]
    key = file_key(credential, key_path=str(credential.key_path.relative_to(var_dir)))
    key.cert_path = str(credential.cert_path.relative_to(var_dir))

    with open_signer(key) as signer:
        assert signer.signing_cert.subject.native["user_id"] == "chanhvp"


def test_an_inactive_key_is_refused(personal_key):
    personal_key.active = False

    with pytest.raises(ValidationFailed, match="ngừng sử dụng"), open_signer(personal_key):
        pass


def pkcs11_key(module: str) -> SigningKey:
    return SigningKey(
        label="token",
        backend=Backend.PKCS11,
        pkcs11_module=module,
        token_label="eoffice",
        key_label="ky",
        cert_label="ky",
        pin_env="EOFFICE_TEST_PIN",
    )


def test_a_missing_pkcs11_module_gives_a_clear_message(tmp_path):
    with (
        pytest.raises(ValidationFailed, match="Không tìm thấy thư viện PKCS#11") as error,
        open_signer(pkcs11_key(str(tmp_path / "libkhongco.so"))),
    ):
        pass
    assert "libkhongco.so" in error.value.message


def test_without_python_pkcs11_installed_the_message_says_what_to_install(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "pkcs11", None)  # makes `import pkcs11` fail
    monkeypatch.delitem(sys.modules, "pyhanko.sign.pkcs11", raising=False)

    with pytest.raises(ValidationFailed, match="python-pkcs11"), open_signer(pkcs11_key(str(tmp_path / "x.so"))):
        pass


def test_a_file_that_is_not_a_pkcs11_module_is_refused_clearly(tmp_path, monkeypatch):
    module = tmp_path / "libgia.so"
    module.write_bytes(b"not a shared library")
    monkeypatch.setenv("EOFFICE_TEST_PIN", "1234")

    with pytest.raises(ValidationFailed, match="Không mở được thiết bị ký"), open_signer(pkcs11_key(str(module))):
        pass


@pytest.mark.skipif(not __import__("os").path.exists(SOFTHSM), reason="softhsm2 is not installed")
def test_a_missing_token_on_a_real_pkcs11_module_is_refused_clearly(monkeypatch):
    monkeypatch.setenv("EOFFICE_TEST_PIN", "1234")
    key = pkcs11_key(SOFTHSM)
    key.token_label = "khong-co-token-nay"

    with pytest.raises(ValidationFailed, match="Không mở được thiết bị ký"), open_signer(key):
        pass

"""Turning a SigningKey row into a pyHanko signer: PEM files or a PKCS#11 device
(USB token, HSM). Passphrases and PINs come from environment variables named on
the row, never from the database."""

import os
from collections.abc import Iterator
from contextlib import contextmanager

from asn1crypto import x509 as asn1_x509
from pyhanko.keys import load_cert_from_pemder, load_certs_from_pemder, load_private_key_from_pemder
from pyhanko.sign.general import SigningError
from pyhanko.sign.signers import Signer, SimpleSigner
from pyhanko_certvalidator.registry import SimpleCertificateStore

from eoffice.core.errors import ValidationFailed
from eoffice.signatures.models import Backend, SigningKey, resolve_path


@contextmanager
def open_signer(key: SigningKey) -> Iterator[Signer]:
    """A signer for `key`, usable inside the `with` block (a PKCS#11 session is
    closed on exit so the token is not held between documents)."""
    if not key.active:
        raise ValidationFailed(f"Khóa ký “{key.label}” đã ngừng sử dụng.")
    if key.backend == Backend.PKCS11:
        with _pkcs11_signer(key) as signer:
            yield signer
    else:
        yield _file_signer(key)


def chain_certificates(key: SigningKey) -> list[asn1_x509.Certificate]:
    """The intermediate (and root) certificates configured on a file key."""
    certificates = []
    for path in key.chain_path_list:
        certificates.extend(load_certs_from_pemder([str(_existing(path, "chứng thư trung gian"))]))
    return certificates


def _secret(env_name: str, what: str) -> str | None:
    if not env_name:
        return None
    value = os.environ.get(env_name)
    if value is None:
        raise ValidationFailed(f"Chưa đặt biến môi trường {env_name} chứa {what} của khóa ký.")
    return value


def _existing(path: str, what: str):
    resolved = resolve_path(path) if path else None
    if resolved is None or not resolved.is_file():
        raise ValidationFailed(f"Không tìm thấy tệp {what}: {path or '(chưa cấu hình)'}.")
    return resolved


def _file_signer(key: SigningKey) -> SimpleSigner:
    key_file = _existing(key.key_path, "khóa bí mật")
    cert_file = _existing(key.cert_path, "chứng thư số")
    passphrase = _secret(key.passphrase_env, "mật khẩu")
    try:
        private_key = load_private_key_from_pemder(str(key_file), passphrase=passphrase.encode() if passphrase else None)
    except (TypeError, ValueError) as exc:  # wrong or missing passphrase, or not a key
        raise ValidationFailed(
            f"Không mở được khóa bí mật {key.key_path}: sai mật khẩu hoặc tệp không phải khóa hợp lệ."
        ) from exc
    try:
        certificate = load_cert_from_pemder(str(cert_file))
    except ValueError as exc:
        raise ValidationFailed(f"Tệp {key.cert_path} không phải chứng thư số hợp lệ.") from exc
    registry = SimpleCertificateStore()
    registry.register_multiple(chain_certificates(key))
    return SimpleSigner(signing_cert=certificate, signing_key=private_key, cert_registry=registry)


@contextmanager
def _pkcs11_signer(key: SigningKey) -> Iterator[Signer]:
    # Imported here: python-pkcs11 is an optional dependency and needs a native
    # module; installations that sign with key files must not depend on it.
    try:
        from pkcs11 import PKCS11Error
        from pyhanko.config.pkcs11 import TokenCriteria
        from pyhanko.sign.pkcs11 import PKCS11Signer, open_pkcs11_session
    except ImportError as exc:
        raise ValidationFailed(
            "Chưa cài thư viện python-pkcs11 nên không dùng được USB token/HSM (cài gói pyhanko[pkcs11])."
        ) from exc
    module = resolve_path(key.pkcs11_module) if key.pkcs11_module else None
    if module is None or not module.is_file():
        raise ValidationFailed(
            f"Không tìm thấy thư viện PKCS#11 của thiết bị ký: {key.pkcs11_module or '(chưa cấu hình)'}. "
            "Hãy cài phần mềm của USB token/HSM và khai báo đường dẫn tệp .so."
        )
    pin = _secret(key.pin_env, "mã PIN")
    try:
        session = open_pkcs11_session(str(module), token_criteria=TokenCriteria(label=key.token_label or None), user_pin=pin)
    except (PKCS11Error, OSError, RuntimeError) as exc:
        raise ValidationFailed(
            f"Không mở được thiết bị ký “{key.token_label}” qua {key.pkcs11_module}: {exc.__class__.__name__}. "
            "Kiểm tra token đã cắm, nhãn token và mã PIN."
        ) from exc
    try:
        signer = PKCS11Signer(
            session, cert_label=key.cert_label or None, key_label=key.key_label or None, ca_chain=chain_certificates(key)
        )
        try:
            signer.signing_cert  # noqa: B018 - loads the certificate now, to report a wrong label here
        except (PKCS11Error, SigningError) as exc:
            raise ValidationFailed(
                f"Không tìm thấy chứng thư “{key.cert_label}” / khóa “{key.key_label}” trong thiết bị “{key.token_label}”."
            ) from exc
        yield signer
    finally:
        session.close()

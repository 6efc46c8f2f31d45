"""A test certification authority for the demo and the tests (never for production).

Layout under the PKI directory (normally EOFFICE_VAR_DIR/pki):
    ca/root.key.pem, ca/root.cert.pem     the CA "eOffice Test Root CA"
    trust/eoffice-test-root-ca.pem         the root again, where verification looks for trust roots
    agencies/<slug>.key.pem|.cert.pem      one certificate per agency (CN = O = agency name, UID = organ id)
    people/<slug>.key.pem|.cert.pem        one certificate per person (CN = full name, O = organisation)

Idempotent: a key or certificate that already exists is reused, so re-running the demo
loader keeps the signatures on earlier documents valid.
"""

import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

ROOT_NAME = "eOffice Test Root CA"
TRUST_FILE = "eoffice-test-root-ca.pem"
KEY_SIZE = 2048


@dataclass(frozen=True)
class Credential:
    """Where one holder's key and certificate were written."""

    key_path: Path
    cert_path: Path
    chain_paths: list[Path] = field(default_factory=list)


@dataclass
class TestPKI:
    directory: Path
    root_cert_path: Path
    root_key_path: Path
    agencies: dict[str, Credential] = field(default_factory=dict)  # by organ id (or slug of the name)
    people: dict[str, Credential] = field(default_factory=dict)  # by username

    __test__ = False  # not a pytest test class despite the name


def slugify(text: str) -> str:
    """File-name-safe ASCII form of a name: "Nguyễn Văn A" -> "nguyen-van-a"."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return re.sub(r"[^a-z0-9.]+", "-", text).strip("-") or "x"


def make_test_ca(directory: Path, *, agencies: list[tuple[str, str]], people: list[tuple[str, str, str]]) -> TestPKI:
    """Create (or reuse) the test CA under `directory` and a certificate for every
    agency (organ_name, organ_id) and every person (username, full_name, organisation)."""
    directory = Path(directory)
    _root(directory)
    pki = TestPKI(
        directory=directory, root_cert_path=directory / "ca" / "root.cert.pem", root_key_path=directory / "ca" / "root.key.pem"
    )
    for organ_name, organ_id in agencies:
        slug = _slug(organ_id or organ_name, organ_name, organ_name, organ_id)
        pki.agencies[organ_id or organ_name] = issue_credential(
            pki, slug=f"agencies/{slug}", common_name=organ_name, organisation=organ_name, uid=organ_id
        )
    for username, full_name, organisation in people:
        slug = _slug(username, full_name, organisation, username)
        pki.people[username] = issue_credential(
            pki, slug=f"people/{slug}", common_name=full_name, organisation=organisation, uid=username
        )
    return pki


def _slug(key: str, *identity: str) -> str:
    """File name of a credential: reused for the same holder, never for another
    holder who happens to share the username (e.g. tests and the demo)."""
    digest = hashlib.sha256("\x1f".join(identity).encode()).hexdigest()[:8]
    return f"{slugify(key)}-{digest}"


def issue_credential(
    pki: TestPKI,
    *,
    slug: str,
    common_name: str,
    organisation: str = "",
    uid: str = "",
    passphrase: bytes | None = None,
    expired: bool = False,
) -> Credential:
    """A key and a certificate signed by the test CA, written as <slug>.key.pem and
    <slug>.cert.pem. `expired` makes a certificate whose validity ended a year ago;
    `passphrase` encrypts the key file."""
    key_path = pki.directory / f"{slug}.key.pem"
    cert_path = pki.directory / f"{slug}.cert.pem"
    credential = Credential(key_path=key_path, cert_path=cert_path, chain_paths=[pki.root_cert_path])
    if key_path.exists() and cert_path.exists():
        return credential
    root_key, root_cert = _root(pki.directory)
    key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_SIZE)
    now = dt.datetime.now(dt.UTC)
    if expired:
        start, end = now - dt.timedelta(days=730), now - dt.timedelta(days=365)
    else:
        start, end = now - dt.timedelta(days=1), now + dt.timedelta(days=3 * 365)
    cert = (
        _builder(_name(common_name, organisation, uid), root_cert.subject, key, start, end)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_key_usage(signing=True), critical=True)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(root_key.public_key()), critical=False)
        .sign(root_key, hashes.SHA256())
    )
    _write(key_path, _key_pem(key, passphrase))
    _write(cert_path, cert.public_bytes(serialization.Encoding.PEM))
    return credential


def make_untrusted_credential(directory: Path, *, common_name: str, organisation: str = "") -> Credential:
    """A self-signed certificate that no configured root vouches for."""
    directory = Path(directory)
    slug = f"untrusted/{slugify(common_name)}"
    key_path, cert_path = directory / f"{slug}.key.pem", directory / f"{slug}.cert.pem"
    if not (key_path.exists() and cert_path.exists()):
        key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_SIZE)
        now = dt.datetime.now(dt.UTC)
        name = _name(common_name, organisation, "")
        cert = (
            _builder(name, name, key, now - dt.timedelta(days=1), now + dt.timedelta(days=365))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(_key_usage(signing=True), critical=True)
            .sign(key, hashes.SHA256())
        )
        _write(key_path, _key_pem(key, None))
        _write(cert_path, cert.public_bytes(serialization.Encoding.PEM))
    return Credential(key_path=key_path, cert_path=cert_path)


def _root(directory: Path):
    key_path, cert_path = directory / "ca" / "root.key.pem", directory / "ca" / "root.cert.pem"
    if key_path.exists() and cert_path.exists():
        key = serialization.load_pem_private_key(key_path.read_bytes(), password=None)
        cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
    else:
        key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_SIZE)
        now = dt.datetime.now(dt.UTC)
        name = _name(ROOT_NAME, "eOffice", "")
        cert = (
            _builder(name, name, key, now - dt.timedelta(days=1), now + dt.timedelta(days=20 * 365))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(_key_usage(signing=False), critical=True)
            .sign(key, hashes.SHA256())
        )
        _write(key_path, _key_pem(key, None))
        _write(cert_path, cert.public_bytes(serialization.Encoding.PEM))
    trust_path = directory / "trust" / TRUST_FILE
    if not trust_path.exists():
        _write(trust_path, cert.public_bytes(serialization.Encoding.PEM))
    return key, cert


def _name(common_name: str, organisation: str, uid: str) -> x509.Name:
    attributes = [x509.NameAttribute(NameOID.COUNTRY_NAME, "VN")]
    if organisation:
        attributes.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation))
    attributes.append(x509.NameAttribute(NameOID.COMMON_NAME, common_name))
    if uid:
        attributes.append(x509.NameAttribute(NameOID.USER_ID, uid))
    return x509.Name(attributes)


def _builder(subject, issuer, key, start, end) -> x509.CertificateBuilder:
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
    )


def _key_usage(*, signing: bool) -> x509.KeyUsage:
    # Signing certificates carry non-repudiation (content commitment), which pyHanko
    # and Vietnamese CAs expect on document signatures; the CA only signs certificates.
    return x509.KeyUsage(
        digital_signature=signing,
        content_commitment=signing,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=not signing,
        crl_sign=not signing,
        encipher_only=False,
        decipher_only=False,
    )


def _key_pem(key, passphrase: bytes | None) -> bytes:
    encryption = serialization.BestAvailableEncryption(passphrase) if passphrase else serialization.NoEncryption()
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption)


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    if path.name.endswith(".key.pem"):
        path.chmod(0o600)

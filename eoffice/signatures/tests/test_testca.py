"""The test CA: what it writes, and that running it again changes nothing."""

import datetime as dt

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.x509.oid import NameOID

from eoffice.signatures.testca import ROOT_NAME, TRUST_FILE, make_test_ca, slugify
from eoffice.signatures.tests.helpers import OFFICE, OFFICE_ID, PASSPHRASE, SIGNER


def load(path):
    return x509.load_pem_x509_certificate(path.read_bytes())


def attribute(cert, oid):
    return cert.subject.get_attributes_for_oid(oid)[0].value


def test_the_root_is_written_to_the_trust_directory(pki):
    root = load(pki.directory / "trust" / TRUST_FILE)

    assert attribute(root, NameOID.COMMON_NAME) == ROOT_NAME
    assert root.extensions.get_extension_for_class(x509.BasicConstraints).value.ca


def test_the_agency_certificate_names_the_agency_and_carries_its_organ_id(pki):
    cert = load(pki.agencies[OFFICE_ID].cert_path)

    assert attribute(cert, NameOID.COMMON_NAME) == OFFICE
    assert attribute(cert, NameOID.ORGANIZATION_NAME) == OFFICE
    assert attribute(cert, NameOID.USER_ID) == OFFICE_ID
    assert cert.issuer == load(pki.root_cert_path).subject


def test_the_personal_certificate_names_the_person_and_their_organisation(pki):
    cert = load(pki.people["chanhvp"].cert_path)

    assert attribute(cert, NameOID.COMMON_NAME) == SIGNER
    assert attribute(cert, NameOID.ORGANIZATION_NAME) == OFFICE
    assert cert.extensions.get_extension_for_class(x509.KeyUsage).value.content_commitment


def test_the_expired_certificate_ended_before_today(pki):
    assert load(pki.expired.cert_path).not_valid_after_utc < dt.datetime.now(dt.UTC)


def test_the_untrusted_certificate_is_self_signed(pki):
    cert = load(pki.untrusted.cert_path)

    assert cert.issuer == cert.subject
    assert not pki.untrusted.chain_paths


def test_an_encrypted_key_needs_its_passphrase(pki):
    data = pki.encrypted.key_path.read_bytes()

    with pytest.raises(TypeError):
        serialization.load_pem_private_key(data, password=None)
    assert serialization.load_pem_private_key(data, password=PASSPHRASE.encode())


def test_running_it_again_reuses_every_key_and_certificate(pki):
    paths = [pki.root_cert_path, pki.root_key_path, pki.agencies[OFFICE_ID].key_path, pki.people["chanhvp"].cert_path]
    before = [path.read_bytes() for path in paths]

    again = make_test_ca(pki.directory, agencies=[(OFFICE, OFFICE_ID)], people=[("chanhvp", SIGNER, OFFICE)])

    assert [path.read_bytes() for path in paths] == before
    assert again.people["chanhvp"] == pki.people["chanhvp"]


def test_private_keys_are_readable_by_the_owner_only(pki):
    assert pki.people["chanhvp"].key_path.stat().st_mode & 0o077 == 0


def test_file_names_are_ascii_slugs_of_vietnamese_names():
    assert slugify("Nguyễn Văn Đức") == "nguyen-van-duc"
    assert slugify("000.01.00.H26") == "000.01.00.h26"

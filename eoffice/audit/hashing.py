"""The canonical form of an audit row and its hash (the tamper-evident chain).
No model imports: the migrations hash historical rows with the same code."""

import hashlib
import json
import unicodedata
from datetime import UTC
from typing import Any

# The prev_hash of a chain's first row.
GENESIS = "0" * 64


def canonical(row: Any) -> str:
    """The text hashed for one row: its content, its place in the chain (seq)
    and the previous row's hash, in a form the database round trip keeps."""
    content = {
        # In UTC with the microseconds always written: both databases keep
        # microseconds (SQLite as UTC text, PostgreSQL timestamptz) but
        # PostgreSQL answers in the session's time zone, and isoformat() drops
        # ".000000" by default. The row's `at` is set in Python before hashing
        # (AuditEvent.before_insert), so the hashed instant is the stored one.
        "at": row.at.astimezone(UTC).isoformat(timespec="microseconds"),
        "actor_id": row.actor_id,
        "agency_id": row.agency_id,
        "action": row.action,
        "object_type": row.object_type,
        "object_id": row.object_id,
        "summary": row.summary,
        # Stored as Django normalises it (IPv6 compressed, lower case; see
        # before_insert), the form both databases give back.
        "ip_address": row.ip_address,
        # PostgreSQL's jsonb keeps object keys in its own order (shorter first),
        # SQLite keeps the text as written: sort_keys makes both hash the same.
        # Services store text, integers and lists; a float written with an
        # exponent would come back from jsonb as an integer and break the hash.
        "data": row.data,
        "seq": row.seq,
        "prev_hash": row.prev_hash,
    }
    # Fixed separators (json.dumps's defaults depend on indent); characters
    # as they are, not \u escapes, then NFC: the same Vietnamese text typed
    # composed or decomposed (or normalised by a backup tool) hashes the same.
    # JSON's own punctuation is ASCII and composes with nothing, so normalising
    # the whole text equals normalising each string.
    text = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return unicodedata.normalize("NFC", text)


def row_hash(row: Any) -> str:
    """Hex SHA-256 of the row's canonical form."""
    return hashlib.sha256(canonical(row).encode("utf-8")).hexdigest()

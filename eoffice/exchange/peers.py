"""The peers of the `http` transport: which one takes a package for an OrganId,
and who is posting to us (by the token they present)."""

import hashlib
import secrets
from fnmatch import fnmatchcase

from eoffice.exchange.models import Peer


def route(organ_id: str) -> Peer | None:
    """The active peer whose routes match `organ_id` most specifically (an
    exact id before a pattern, a longer pattern before a shorter one)."""
    best: tuple[int, Peer] | None = None
    for peer in Peer.objects.filter(active=True).exclude(url=""):
        for pattern in routes_of(peer):
            if fnmatchcase(organ_id, pattern):
                rank = 10_000 if "*" not in pattern else len(pattern.replace("*", ""))
                if best is None or rank > best[0]:
                    best = (rank, peer)
    return best[1] if best else None


def routes_of(peer: Peer) -> list[str]:
    return [line.strip() for line in peer.routes.replace(",", "\n").splitlines() if line.strip()]


def peer_of_token(token: str) -> Peer | None:
    """The active peer that presented `token`, or None."""
    if not token:
        return None
    return Peer.objects.filter(active=True, receive_token_sha256=token_digest(token)).first()


def token_digest(token: str) -> str:
    # Tokens are 256 random bits: a plain digest is enough, no slow hash needed.
    return hashlib.sha256(token.encode()).hexdigest()


def new_receive_token(peer: Peer) -> str:
    """Give `peer` a new token to post to us with; the token is shown once, only its digest kept."""
    token = secrets.token_hex(32)  # 256 bits; hex never starts with "-" (safe on a command line)
    peer.receive_token_sha256, peer.receive_token_hint = token_digest(token), token[-4:]
    peer.save(update_fields=["receive_token_sha256", "receive_token_hint"])
    return token

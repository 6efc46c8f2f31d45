import ipaddress

from django.conf import settings

from eoffice.audit.context import client_ip


def _address(text: str):
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def client_address(meta: dict, trusted=None) -> str | None:
    """The client's address: REMOTE_ADDR, or, for a request that came through one
    of our reverse proxies (EOFFICE_TRUSTED_PROXIES), the nearest address in
    X-Forwarded-For that is not one of them. Entries further left were written
    by the client itself and are never believed; an unreadable entry stops the walk."""
    trusted = settings.EOFFICE_TRUSTED_PROXIES if trusted is None else trusted
    remote = meta.get("REMOTE_ADDR")

    def ours(address) -> bool:
        return address is not None and any(address in network for network in trusted)

    if not trusted or not ours(_address(remote or "")):
        return remote
    for hop in reversed(meta.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        address = _address(hop)
        if address is None:
            break
        if not ours(address):
            return str(address)
    return remote


class RequestContextMiddleware:
    """Makes the client address available to audit_record() and the rate limits for this request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = client_ip.set(client_address(request.META))
        try:
            return self.get_response(request)
        finally:
            client_ip.reset(token)

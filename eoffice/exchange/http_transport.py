"""The `http` transport's sending side: a package is POSTed to the peer that
routes its recipient (exchange.peers), as the body (application/xml), with the
peer's token and the message id. 2xx: delivered. A 4xx other than 408/429:
the receiver refused it (Rejected, not retried; its reason kept). Anything
else, a timeout or no connection: OSError, retried later (exchange.sending).
The receiving side is exchange.api."""

from typing import BinaryIO

import requests

from eoffice.exchange.peers import route
from eoffice.exchange.transport import Rejected

TIMEOUT = (10, 300)  # connect, read: a 100 MB package over a slow link
TRANSIENT = {408, 425, 429}


class HttpTransport:
    def send(self, envelope: BinaryIO, *, message_id: str, recipient_organ_id: str) -> str:
        peer = route(recipient_organ_id)
        if peer is None:
            raise OSError(f"Chưa có bên liên thông nào nhận gói tin cho mã định danh {recipient_organ_id}.")
        headers = {
            "Content-Type": "application/xml; charset=utf-8",
            "Authorization": f"Bearer {peer.send_token}",
            "X-Message-Id": message_id,
        }
        try:  # a file as the body: requests streams it, with its length
            reply = requests.post(peer.url, data=envelope, headers=headers, timeout=TIMEOUT, allow_redirects=False)
        except requests.RequestException as error:  # an OSError too, but say which peer
            raise OSError(f"{peer.name}: {error}") from error
        if 200 <= reply.status_code < 300:
            return f"{peer.name}: {_detail(reply) or reply.status_code}"
        if 400 <= reply.status_code < 500 and reply.status_code not in TRANSIENT:
            raise Rejected(f"{peer.name} từ chối gói tin (HTTP {reply.status_code}): {_detail(reply)}")
        raise OSError(f"{peer.name} trả lời HTTP {reply.status_code}: {_detail(reply)}")


def _detail(reply: requests.Response) -> str:
    try:
        body = reply.json()
    except ValueError:
        return reply.text[:300]
    if not isinstance(body, dict):
        return ""
    error = body.get("error")  # eOffice's error shape; other platforms may say "detail" or "message"
    text = error.get("message") if isinstance(error, dict) else body.get("detail") or body.get("message")
    return str(text or "")[:300]

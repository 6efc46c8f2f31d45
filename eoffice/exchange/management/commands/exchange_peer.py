"""Set up a peer of the `http` transport from the command line (the admin's
"Bên liên thông" page does the same): its URL, the OrganIds it takes, the token
we send with, and the token it posts to us with (given, or made and shown once)."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import URLValidator
from django.db import transaction

from eoffice.audit.services import audit_record
from eoffice.exchange.models import Peer
from eoffice.exchange.peers import new_receive_token, token_digest

MIN_TOKEN = 32


class Command(BaseCommand):
    help = "Tạo hoặc sửa một bên liên thông (giao thức http)."

    def add_arguments(self, parser):
        parser.add_argument("name", help="Tên bên liên thông")
        parser.add_argument("--url", help="Địa chỉ nhận gói tin của bên đó, ví dụ https://…/api/v1/exchange/packages/")
        parser.add_argument("--routes", help="Các mã định danh nhận qua bên đó, cách nhau bởi dấu cách; * là mọi mã")
        parser.add_argument("--send-token", help="Mã truy cập bên đó cấp cho ta")
        tokens = parser.add_mutually_exclusive_group()
        tokens.add_argument("--receive-token", help=f"Mã truy cập bên đó dùng khi gửi đến ta (ít nhất {MIN_TOKEN} ký tự)")
        tokens.add_argument("--new-receive-token", action="store_true", help="Tạo mã mới cho bên đó và in ra một lần")
        parser.add_argument("--disable", action="store_true", help="Ngừng liên thông với bên này")

    @transaction.atomic
    def handle(self, *args, **options):
        peer, created = Peer.objects.get_or_create(name=options["name"].strip())
        if options["url"] is not None:
            try:
                URLValidator(schemes=["http", "https"])(options["url"])
            except ValidationError:
                raise CommandError(f"Địa chỉ không hợp lệ: {options['url']}") from None
            peer.url = options["url"]
        if options["routes"] is not None:
            peer.routes = "\n".join(options["routes"].split())
        if options["send_token"] is not None:
            peer.send_token = options["send_token"]
        peer.active = not options["disable"]
        token = options["receive_token"]
        if token is not None:
            if len(token) < MIN_TOKEN:
                raise CommandError(f"Mã truy cập phải có ít nhất {MIN_TOKEN} ký tự.")
            peer.receive_token_sha256, peer.receive_token_hint = token_digest(token), token[-4:]
        peer.save()
        if options["new_receive_token"]:
            self.stdout.write(f"Mã truy cập mới của {peer.name} (chỉ hiện một lần): {new_receive_token(peer)}")
        audit_record(actor=None, action="exchange.peer_saved", obj=peer, summary=f"Bên liên thông {peer.name} (lệnh quản trị)")
        self.stdout.write(f"{'Đã tạo' if created else 'Đã sửa'} bên liên thông {peer.name}.")

"""Who an incoming document's step asks to act, told through the bell
(notifications.notify): each function is called by its step's service inside
its transaction, so a step that fails tells nobody. The person who acted is
never told of their own step."""

from collections.abc import Iterable

from django.dispatch import receiver
from django.urls import reverse

from eoffice.exchange.models import ReceivedPackage
from eoffice.exchange.signals import package_received
from eoffice.incoming.models import Assignment, AssignmentKind, IncomingDocument
from eoffice.notifications.models import Notification
from eoffice.notifications.services import prepare, send
from eoffice.organisation.models import Membership, Role, User
from eoffice.organisation.selectors import Actor


def _name(document: IncomingDocument) -> str:
    return f"Văn bản đến số {document.arrival_number}"


Someone = User | int | None  # a user, or a user's id


def _say(document: IncomingDocument, users: Iterable[Someone], actor: Actor, kind: str, title: str) -> list[Notification]:
    return prepare(
        users,
        agency=document.agency,
        kind=f"incoming.{kind}",
        title=title,
        body=f"{document.organ_name}: {document.subject}",
        url=reverse("incoming-detail", args=[document.pk]),
        obj=document,
        exclude=actor.user,
    )


def _heads_by_unit(unit_ids: Iterable[int]) -> dict[int, list[int]]:
    """The heads of several units in one query."""
    heads: dict[int, list[int]] = {}
    rows = Membership.objects.filter(unit_id__in=list(unit_ids), role=Role.UNIT_HEAD).values_list("unit_id", "user_id")
    for unit_id, user_id in rows:
        heads.setdefault(unit_id, []).append(user_id)
    return heads


def access_granted(document: IncomingDocument, user: User, actor: Actor) -> None:
    """The reader granted, and the heads of the unit in charge (the document's
    owner unit once directed) that one more person reads it."""
    send(_say(document, [user], actor, "granted", f"Đồng chí được cấp quyền xem {_name(document)} (văn bản mật)"))
    lead_units = document.assignments.filter(kind=AssignmentKind.LEAD).values_list("unit_id", flat=True)
    heads = [head for ids in _heads_by_unit([u for u in lead_units if u]).values() for head in ids if head != user.pk]
    send(_say(document, heads, actor, "granted", f"{user} được cấp quyền xem {_name(document)} (văn bản mật)"))


def submitted(document: IncomingDocument, leader: User, actor: Actor) -> None:
    send(_say(document, [leader], actor, "submitted", f"{_name(document)} chờ đồng chí cho ý kiến chỉ đạo"))


def returned(document: IncomingDocument, clerk: Someone, actor: Actor) -> None:
    send(_say(document, [clerk], actor, "returned", f"{_name(document)} được lãnh đạo trả lại văn thư"))


ROLE_TITLES = {
    AssignmentKind.LEAD: "đơn vị đồng chí được giao chủ trì xử lý",
    AssignmentKind.COORDINATE: "đơn vị đồng chí được giao phối hợp xử lý",
    AssignmentKind.INFORM: "gửi đơn vị đồng chí để biết",
}


def directed(document: IncomingDocument, created: list[Assignment], actor: Actor) -> None:
    """The heads of each unit given a task, and the people informed by name;
    one insert for all (a person told once, for their first role)."""
    heads = _heads_by_unit(a.unit_id for a in created if a.unit_id)
    rows = []
    for task in created:
        if task.user_id:
            rows += _say(document, [task.user_id], actor, "assigned", f"{_name(document)} gửi đồng chí để biết")
        elif task.unit_id:
            title = f"{_name(document)}: {ROLE_TITLES[AssignmentKind(task.kind)]}"
            rows += _say(document, heads.get(task.unit_id, []), actor, "assigned", title)
    send(rows)


def reassigned(task: Assignment, actor: Actor) -> None:
    send(_say(task.document, [task.user_id], actor, "assigned", f"{_name(task.document)}: đồng chí được giao xử lý"))


def reported(unit_task: Assignment, actor: Actor) -> None:
    """A specialist's result on the unit's lead task waits for the unit head."""
    heads = _heads_by_unit([unit_task.unit_id] if unit_task.unit_id else []).get(unit_task.unit_id or 0, [])
    title = f"{_name(unit_task.document)}: kết quả xử lý chờ đồng chí chấp nhận"
    send(_say(unit_task.document, heads, actor, "reported", title))


def sent_back(task: Assignment, actor: Actor) -> None:
    title = f"{_name(task.document)}: kết quả bị trả lại, đề nghị đồng chí xử lý tiếp"
    send(_say(task.document, [task.user_id], actor, "sent_back", title))


def result_ready(document: IncomingDocument, leader: User, actor: Actor) -> None:
    send(_say(document, [leader], actor, "result", f"{_name(document)} đã giải quyết xong, kết quả chờ đồng chí xem"))


@receiver(package_received, sender=ReceivedPackage, dispatch_uid="incoming-package-arrived")
def package_arrived(sender: object, package: ReceivedPackage, **kwargs: object) -> None:
    """A document package waits for the registry: its clerks are told."""
    if package.agency_id is None:  # a failed package belongs to no registry
        return
    clerks = Membership.objects.filter(agency_id=package.agency_id, role=Role.CLERK).values_list("user_id", flat=True)
    what, wait = (
        ("Yêu cầu thu hồi văn bản", "chờ văn thư xử lý") if package.business_doc_type == 1 else ("Văn bản điện tử", "chờ vào sổ")
    )
    header = package.header
    code = "/".join(filter(None, [header.get("code_number"), header.get("code_notation")]))
    rows = prepare(
        clerks,
        agency=package.agency,
        kind="incoming.arrived",
        title=" ".join(filter(None, [what, code, "từ", package.sender_name, wait])),
        body=package.subject,
        url=reverse("incoming-package", args=[package.pk]),
        obj=package,
    )
    send(rows)

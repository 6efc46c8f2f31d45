"""More of the same: copies of records the services made, written in bulk, so a
test can give the leader 50 or 500 of each without playing every story again."""

import copy

from django.db.models.base import ModelState

from eoffice.incoming.models import Assignment, IncomingDocument
from eoffice.onestop.models import Dossier, DossierStep
from eoffice.outgoing.models import OutgoingDocument, ReviewStep


def _copies(instance, n: int, **vary):
    """n unsaved copies of `instance`; `vary` maps a field to a function of the copy's index."""
    rows = []
    for index in range(n):
        row = copy.copy(instance)
        row.pk, row._state = None, ModelState()
        for name, value in vary.items():
            setattr(row, name, value(index))
        rows.append(row)
    return rows


def _with_children(parent, n: int, children, link: str, **vary):
    """n copies of `parent`, each with copies of its `children` (a queryset) pointing to it."""
    parents = type(parent).objects.bulk_create(_copies(parent, n, **vary))
    kids = [kid for new in parents for kid in _copies_of(children, **{link: new})]
    children.model.objects.bulk_create(kids)
    return parents


def _copies_of(children, **fixed):
    for child in children:
        (row,) = _copies(child, 1)
        for name, value in fixed.items():
            setattr(row, name, value)
        yield row


def grow(document: IncomingDocument, draft: OutgoingDocument, dossier: Dossier, n: int, start: int) -> None:
    """n more of each: incoming documents like `document` (with its tasks), drafts
    like `draft` (with its review chain), dossiers like `dossier` (with its steps)."""
    assignments = Assignment.objects.filter(document=document, parent__isnull=True)
    _with_children(document, n, assignments, "document", arrival_number=lambda i: start + i)
    _with_children(draft, n, ReviewStep.objects.filter(document=draft), "document")
    steps = DossierStep.objects.filter(dossier=dossier)
    _with_children(dossier, n, steps, "dossier", code=lambda i: f"{dossier.code}-{start + i}")

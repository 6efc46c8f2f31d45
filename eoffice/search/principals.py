"""Who may see a record, as a set of principal tokens stored with it in the
search index, and who an actor is, as the tokens they hold. A record is
visible when it belongs to the actor's agency and the two sets meet — the
same rule as each app's `visible_to(actor)` (a test checks both agree), so
results, counts, snippets, suggestions and facets never show more.

Tokens:
  a<agency>  the registry and agency leaders (Actor.sees_whole_agency)
  f<agency>  the agency's format checkers (kiểm tra thể thức)
  u<user>    the user or anyone acting for them (their delegates, ủy quyền)
  s<user>    the user themself (not their delegates)
  n<unit>    members of a unit
  h<unit>    heads of a unit
  o<agency>  who sees all the agency's dossiers: the one-stop counter, leaders, administrators
"""

from eoffice.core.choices import Confidentiality
from eoffice.organisation.models import Role
from eoffice.organisation.selectors import Actor


def actor_principals(actor: Actor) -> set[str]:
    tokens = {f"u{pk}" for pk in actor.acting_user_ids} | {f"s{actor.user.pk}"}
    tokens |= {f"n{pk}" for pk in actor.unit_ids} | {f"h{pk}" for pk in actor.head_unit_ids}
    if actor.sees_whole_agency:
        tokens.add(f"a{actor.agency.pk}")
    if Role.FORMAT_CHECKER in actor.roles:
        tokens.add(f"f{actor.agency.pk}")
    from eoffice.onestop.dossiers.selectors import sees_all_dossiers

    if sees_all_dossiers(actor):
        tokens.add(f"o{actor.agency.pk}")
    return tokens


def incoming_principals(document) -> set[str]:
    """IncomingDocument.objects.visible_to: the registry and leaders see the
    ordinary ones, others what is assigned to them or (unassigned within)
    their unit; confidential ones only through a grant."""
    # .all() rather than values_list: a rebuild prefetches these relations.
    tokens = {f"u{grant.user_id}" for grant in document.grants.all()}
    if document.confidentiality != Confidentiality.NORMAL:
        return tokens
    tokens.add(f"a{document.agency_id}")
    for assignment in document.assignments.all():
        tokens.add(f"u{assignment.user_id}" if assignment.user_id is not None else f"n{assignment.unit_id}")
    return tokens


def outgoing_principals(document) -> set[str]:
    """OutgoingDocument.objects.visible_to: the drafter, the signer, those who
    acted on a step, the heads of the drafting unit, granted users; the
    registry and leaders once signed; format checkers while in review."""
    from eoffice.outgoing.models import Status

    tokens = {f"s{document.drafter_id}", f"u{document.signer_id}", f"h{document.drafting_unit_id}"}
    tokens |= {f"s{step.acted_by_id}" for step in document.steps.all() if step.acted_by_id}
    tokens |= {f"s{grant.user_id}" for grant in document.grants.all()}
    if document.confidentiality == Confidentiality.NORMAL:
        if document.status in (Status.SIGNED, Status.ISSUED, Status.RECALLED):
            tokens.add(f"a{document.agency_id}")
        if document.status == Status.IN_REVIEW:
            tokens.add(f"f{document.agency_id}")
    return tokens


def dossier_principals(dossier) -> set[str]:
    """onestop.selectors.dossiers_visible_to: the counter, leaders and
    administrators of the agency; the members of a unit that has a step."""
    return {f"o{dossier.agency_id}"} | {f"n{step.unit_id}" for step in dossier.steps.all() if step.unit_id}

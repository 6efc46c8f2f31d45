"""Who may see a record, as a set of principal tokens stored with it in the
search index, and who an actor is, as the tokens they hold. A record is
visible when it belongs to the actor's agency and the two sets meet — the
same rule as each app's `visible_to(actor)` (a test checks both agree), so
results, counts, snippets, suggestions and facets never show more. Each app
gives its records' tokens in its own `search.py` (incoming_principals,
outgoing_principals, dossier_principals), beside the rule they mirror.

Tokens:
  a<agency>  the registry and agency leaders (Actor.sees_whole_agency)
  f<agency>  the agency's format checkers (kiểm tra thể thức)
  u<user>    the user or anyone acting for them (their delegates, ủy quyền)
  s<user>    the user themself (not their delegates)
  n<unit>    members of a unit
  h<unit>    heads of a unit
  o<agency>  who sees all the agency's dossiers: the one-stop counter, leaders, administrators
             (registered by onestop: eoffice.onestop.search)
"""

from eoffice.organisation.models import Role
from eoffice.organisation.selectors import Actor
from eoffice.search.sources import ACTOR_PRINCIPALS


def actor_principals(actor: Actor) -> set[str]:
    tokens = {f"u{pk}" for pk in actor.acting_user_ids} | {f"s{actor.user.pk}"}
    tokens |= {f"n{pk}" for pk in actor.unit_ids} | {f"h{pk}" for pk in actor.head_unit_ids}
    if actor.sees_whole_agency:
        tokens.add(f"a{actor.agency.pk}")
    if Role.FORMAT_CHECKER in actor.roles:
        tokens.add(f"f{actor.agency.pk}")
    for app_tokens in ACTOR_PRINCIPALS.values():
        tokens |= app_tokens(actor)
    return tokens

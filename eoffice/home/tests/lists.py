"""What a list page shows in all, for comparing the home page's counts with it."""

from django.test import Client


def listed(client: Client, url: str) -> int:
    """How many rows the list at `url` shows over all its pages (the inbox also
    lists the registry's queue above its assignments)."""
    context = client.get(url).context
    queue = sum(1 for item in context.get("items") or [] if item.assignment is None)
    return context["page"].paginator.count + queue


def mismatches(user, blocks) -> list[tuple]:
    """(block, label, home count, list count) wherever they differ."""
    client = Client()
    client.force_login(user)
    found = []
    for block in blocks:
        for tally in block.tallies:
            shown = listed(client, tally.url)
            if shown != tally.value:
                found.append((block.key, str(tally.label), tally.value, shown))
    return found

"""What the exchange tells the apps above it, which it may not import.

`status_received(sender=ReceivedStatus, status=…)`: a status package arrived; a
receiver that recognises the document it answers records it and returns True.
A status nobody recognises is kept unmatched and logged (exchange.receiving)."""

from django.dispatch import Signal

status_received = Signal()

"""What the exchange tells the apps above it, which it may not import.

`status_received(sender=ReceivedStatus, status=…)`: a status package arrived; a
receiver that recognises the document it answers records it and returns True.
A status nobody recognises is kept unmatched and logged (exchange.receiving).

`dispatch_settled(sender=Dispatch, dispatch=…)`: an attempt to send a package
ended (sent, to be retried, or a dead letter); the app that made it follows.

`package_received(sender=ReceivedPackage, package=…)`: a document package now
waits for an agency's registry (sent inside the receiving transaction)."""

from django.dispatch import Signal

status_received = Signal()
dispatch_settled = Signal()
package_received = Signal()

"""What the outgoing module tells the modules above it, which it may not import
(lint-imports: operations sits above outgoing). A meeting's Giấy mời and
Thông báo kết luận are outgoing documents; operations listens for their issuance
(operations/apps.py) to invite the invitees and tell the units concerned."""

from django.dispatch import Signal

# Sent by issuance.services.outgoing_issue inside its transaction, once the
# document is numbered, signed by the agency and delivered, with `document`
# (ISSUED) and `actor` (who issued it): what a receiver writes commits or rolls
# back with the issuance, and a receiver's error fails the issuance whole.
document_issued = Signal()

from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "eoffice.operations"
    verbose_name = "Điều hành tác nghiệp"

    def ready(self):
        # A meeting's Giấy mời and Thông báo kết luận are issued by the outgoing
        # module, which may not import operations: it sends a signal instead.
        from eoffice.operations.meetings.services import meeting_document_issued
        from eoffice.outgoing.signals import document_issued

        def issued(sender, document, actor, **kwargs):
            meeting_document_issued(document=document, actor=actor)

        document_issued.connect(issued, weak=False, dispatch_uid="operations_meeting_document_issued")

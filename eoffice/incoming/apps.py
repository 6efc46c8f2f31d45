from django.apps import AppConfig


class IncomingConfig(AppConfig):
    name = "eoffice.incoming"
    verbose_name = "Văn bản đến"

    def ready(self):
        from eoffice.incoming import notices, search  # noqa: F401 - the package notice's receiver, the search source
        from eoffice.incoming.handling.deadlines import assignments_recompute_deadlines
        from eoffice.workdays.services import calendar_changed

        def recompute(sender, start, actor=None, **kwargs):
            assignments_recompute_deadlines(changed=start, actor=actor)

        calendar_changed.connect(recompute, weak=False, dispatch_uid="incoming_recompute_deadlines")

from django.apps import AppConfig


class AttachmentsConfig(AppConfig):
    name = "eoffice.attachments"
    verbose_name = "Tệp đính kèm"

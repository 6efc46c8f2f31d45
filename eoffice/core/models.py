from django.db import models

from eoffice.core.text import nfc


class NFCModel(models.Model):
    """Stores every text field in NFC, whatever the input method produced."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        for field in self._meta.concrete_fields:
            if isinstance(field, models.CharField | models.TextField):
                setattr(self, field.attname, nfc(getattr(self, field.attname)))
        super().save(*args, **kwargs)

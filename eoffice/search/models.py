"""The PostgreSQL engine's index: one row per searchable record (bản ghi chỉ mục).

The table exists on every database so that migrations and the test suite's
flush behave the same everywhere, but only PostgreSQL gives its text columns
their real types (tsvector, text[]) and GIN indexes (see migration 0002);
elsewhere they are plain text and the table stays empty (tantivy is used)."""

from django.db import models


class TsVectorField(models.TextField):
    """A tsvector on PostgreSQL, text elsewhere (never written there)."""

    def db_type(self, connection):
        return "tsvector" if connection.vendor == "postgresql" else "text"


class TextArrayField(models.TextField):
    """A text[] on PostgreSQL (the principals), text elsewhere."""

    def db_type(self, connection):
        return "text[]" if connection.vendor == "postgresql" else "text"


class SearchEntry(models.Model):
    """What the PostgreSQL engine holds for one record: permission tokens, facet
    values, the stored display fields and the vntext tokens as tsvectors."""

    key = models.CharField(max_length=64, unique=True)  # "incoming:12"
    kind = models.CharField(max_length=32)
    record_pk = models.BigIntegerField()
    agency = models.BigIntegerField()
    principals = TextArrayField()
    type_name = models.CharField(max_length=255, blank=True)
    procedure_field = models.CharField(max_length=255, blank=True)  # a one-stop dossier's lĩnh vực
    issuer = models.CharField(max_length=500, blank=True)
    status = models.CharField(max_length=64, blank=True)
    unit = models.CharField(max_length=64, blank=True)
    year = models.IntegerField(null=True)
    day = models.IntegerField(null=True)  # date.toordinal(), as tantivy stores it
    number = models.CharField(max_length=255, blank=True)
    subject = models.TextField(blank=True)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500, blank=True)
    applicant = models.CharField(max_length=500, blank=True)  # a one-stop dossier's: shown, never a facet
    fp = models.CharField(max_length=64)
    num = TsVectorField(blank=True)
    head_exact = TsVectorField(blank=True)
    head_folded = TsVectorField(blank=True)
    body_exact = TsVectorField(blank=True)
    body_folded = TsVectorField(blank=True)
    folded = TsVectorField(blank=True)  # head_folded || body_folded: the one GIN scan that filters

    class Meta:
        indexes = [models.Index(fields=["agency", "day"], name="search_entry_agency_day")]

    def __str__(self):
        return self.key

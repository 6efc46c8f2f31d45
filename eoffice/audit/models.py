from typing import Any, cast

from django.conf import settings
from django.db import connection, models, transaction
from django.db.models.functions import Coalesce
from django.utils import timezone

from eoffice.audit.hashing import GENESIS, row_hash

# The chain's first row creates its head; each later row moves it on (see take()).
TAKE_HEAD = (
    "INSERT INTO audit_auditchainhead (agency_id, seq, hash) VALUES (%s, 1, %s) "
    "ON CONFLICT ((COALESCE(agency_id, 0))) DO UPDATE SET seq = audit_auditchainhead.seq + 1 RETURNING seq, hash"
)


class AuditQuerySet(models.QuerySet):
    def bulk_create(self, objs, *args: Any, **kwargs: Any):
        """Rows created in bulk are chained too, in the order given."""
        objs = list(objs)
        with transaction.atomic(savepoint=False):
            for obj in objs:
                obj.before_insert()
            return super().bulk_create(objs, *args, **kwargs)


class AuditEvent(models.Model):
    """Nhật ký: one row per change or sensitive read. Rows are never updated or
    deleted (enforced here and by database triggers, see migration 0003), and
    each is chained to the previous row of its agency's chain by `prev_hash`
    (`hash` covers the content, `seq` and `prev_hash`; see hashing.py, chain.py)."""

    # Set again by before_insert, in Python: auto_now_add would set it after the hash.
    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey("organisation.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    action = models.CharField("hành động", max_length=64)
    object_type = models.CharField(max_length=64, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    summary = models.CharField("nội dung", max_length=500, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    data = models.JSONField(default=dict, blank=True)
    seq = models.PositiveBigIntegerField("số thứ tự trong chuỗi", editable=False)
    prev_hash = models.CharField("mã băm dòng trước", max_length=64, editable=False)
    hash = models.CharField("mã băm", max_length=64, editable=False)

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = "sự kiện nhật ký"
        verbose_name_plural = "nhật ký hệ thống"
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["object_type", "object_id"]),
            models.Index(fields=["agency", "seq"], name="audit_chain_order"),
        ]

    def __str__(self):
        return f"{self.at:%d/%m/%Y %H:%M} {self.action} {self.object_type}#{self.object_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise RuntimeError("Audit events are append-only.")
        with transaction.atomic(savepoint=False):
            self.before_insert()
            super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("Audit events are append-only.")

    def before_insert(self) -> None:
        """Link the row into its agency's chain: seq, prev_hash, hash. Called by
        save(), bulk_create() and core.models.insert_rows(), in the transaction
        that inserts the row, which then holds the chain's head until commit."""
        if not connection.in_atomic_block:
            # In autocommit the head would move on even if the insert failed.
            raise RuntimeError("An audit row is chained inside the transaction that inserts it.")
        self.at = timezone.now()
        ip_field = cast(models.GenericIPAddressField, self._meta.get_field("ip_address"))
        self.ip_address = ip_field.get_prep_value(self.ip_address)
        self.seq, self.prev_hash = AuditChainHead.take(self.agency_id)
        self.hash = row_hash(self)
        AuditChainHead.objects.filter(agency=self.agency_id).update(hash=self.hash)


class AuditChainHead(models.Model):
    """The last link of one chain: an agency's, or the global one (agency
    None: logins, administration). Writers of a chain queue on this row."""

    agency = models.ForeignKey("organisation.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    seq = models.PositiveBigIntegerField()
    hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = "đầu chuỗi nhật ký"
        verbose_name_plural = "đầu chuỗi nhật ký"
        # One head per chain, the global one too (NULLs are distinct in a plain
        # unique); take()'s upsert names this index's expression.
        constraints = [models.UniqueConstraint(Coalesce("agency", 0), name="audit_one_head_per_chain")]

    def __str__(self):
        return f"{self.agency_id or '-'} #{self.seq}"

    @classmethod
    def take(cls, agency_id: int | None) -> tuple[int, str]:
        """The chain's next seq and its last hash, the head row locked until
        commit. One upsert, a write before any read: on SQLite it takes the write
        lock first (a read-then-write upgrade can fail with "database is
        locked"); on PostgreSQL its row lock queues the chain's other writers,
        and two first writers of a new chain meet on the unique index, the
        second then updating the row the first inserted."""
        with connection.cursor() as cursor:
            cursor.execute(TAKE_HEAD, [agency_id, GENESIS])
            seq, last_hash = cursor.fetchone()
        return seq, last_hash

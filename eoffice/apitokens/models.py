from django.db import models
from knox.models import AbstractAuthToken


class ApiToken(AbstractAuthToken):
    """Khóa API: a program's key to the API on a person's behalf. Only the
    SHA-512 digest of the key is stored (django-rest-knox) with its first
    characters (`token_key`) to name it in lists; it expires, and its owner or
    an administrator revokes it."""

    name = models.CharField("tên", max_length=100)
    last_used = models.DateTimeField("dùng lần cuối", null=True, blank=True)

    class Meta:
        verbose_name = "khóa API"
        verbose_name_plural = "khóa API"
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.name} ({self.token_key}…)"

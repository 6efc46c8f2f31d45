"""Search engines behind one interface (`Backend`, in base.py): tantivy,
embedded, the default; PostgreSQL full text for installations running several
servers. Chosen by EOFFICE_SEARCH_BACKEND."""

from functools import lru_cache

from django.conf import settings

from eoffice.search.backends.base import FACETS, Backend, Hit, Request, Response

__all__ = ["FACETS", "Backend", "Hit", "Request", "Response", "backend_at", "get_backend"]


@lru_cache(maxsize=1)
def backend_at(name: str, location: str) -> Backend:
    if name == "tantivy":
        from eoffice.search.backends.tantivy_backend import TantivyBackend

        return TantivyBackend(location)
    if name == "postgres":
        from eoffice.search.backends.postgres_backend import PostgresBackend

        return PostgresBackend()
    raise ValueError(f"EOFFICE_SEARCH_BACKEND={name!r}: use 'tantivy' or 'postgres'")


def get_backend() -> Backend:
    return backend_at(settings.EOFFICE_SEARCH_BACKEND, str(settings.EOFFICE_SEARCH_DIR))

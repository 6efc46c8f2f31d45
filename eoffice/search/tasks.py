from huey.contrib.djhuey import db_task


@db_task(retries=3, retry_delay=10)
def index_task(keys: list) -> None:
    """Re-index records after the transaction that changed them committed."""
    from eoffice.search.indexing import index_keys

    index_keys([tuple(key) for key in keys])

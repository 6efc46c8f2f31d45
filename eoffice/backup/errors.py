class BackupError(Exception):
    """A backup or restore refused or failed; the message is Vietnamese, for the operator."""

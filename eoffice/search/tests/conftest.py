# The outgoing tests' cast (format checker, external agency, test-CA keys).
from eoffice.outgoing.tests.conftest import office  # noqa: F401

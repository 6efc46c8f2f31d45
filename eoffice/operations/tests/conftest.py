from eoffice.operations.tests.schedule_fixtures import sched  # noqa: F401 - the schedule's fixture

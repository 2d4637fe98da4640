"""The reports reuse the workflow tests' portal: one OPD with its staff, Wali Data and Pembina Data."""

from tests.workflow.conftest import portal  # noqa: F401  (fixture)

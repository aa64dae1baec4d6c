"""Fixtures of the sandbox tests (see :mod:`tests.sandbox.harness`)."""

from tests.sandbox.harness import pf360, sandbox  # noqa: F401  (fixtures)

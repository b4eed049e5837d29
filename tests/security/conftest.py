"""The security tests render pages too: the AppTest data folder fixture of tests/pages."""

from tests.pages.conftest import app_env

__all__ = ["app_env"]

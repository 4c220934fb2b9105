"""Fixtures shared by every test module."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from helpers import REPO, build, make_repo

# What validation keeps between runs (hwbsite/cache.py) goes to a folder of this run's own, not the user's.
os.environ["HWBSITE_CACHE"] = tempfile.mkdtemp(prefix="hwbsite-test-cache-")


@pytest.fixture
def board_repo(tmp_path):
    """Build a repository from the base board and any scenarios laid over it."""
    return lambda *scenarios: make_repo(tmp_path / "repo", *scenarios)


@pytest.fixture(scope="session")
def example_site(tmp_path_factory) -> Path:
    """The example board's site, built once for every test that reads it."""
    site_dir = tmp_path_factory.mktemp("example-site")
    assert build(REPO, site_dir) == 0
    return site_dir / "exampleshire"

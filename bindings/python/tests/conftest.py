"""Shared fixtures: the repository root and the files the Rust tests also use."""

from __future__ import annotations

import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[3]


@pytest.fixture
def root() -> pathlib.Path:
    return ROOT


@pytest.fixture
def seiko_path() -> pathlib.Path:
    return ROOT / "docs" / "examples" / "seiko-2023.json"

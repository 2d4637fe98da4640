"""Playwright on Debian's Chromium (never a downloaded browser) against a served portal."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from ckan import model

from tests import live

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = live.ROOT / "test-artifacts" / "browser"
PASSWORD = "Kata-sandi-uji-1"


def ensure_chromium() -> None:
    """Install Debian's chromium when it is missing (a fresh machine); never download a browser."""
    if Path(CHROMIUM).exists():
        return
    subprocess.run(["bash", str(live.ROOT / "scripts" / "stack.sh"), "install"], check=True)


class Shots:
    """Numbered screenshots of the steps of one test, kept in test-artifacts/browser/<test>/."""

    def __init__(self, name: str) -> None:
        self.folder = ARTIFACTS / name
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True)
        self.count = 0

    def take(self, page: Any, label: str) -> Path:
        self.count += 1
        path = self.folder / f"{self.count:02d}-{re.sub(r'[^a-z0-9]+', '-', label.lower())}.png"
        page.screenshot(path=str(path), full_page=True)
        return path


def set_passwords(names: list[str]) -> None:
    for name in names:
        model.User.get(name).password = PASSWORD
    model.repo.commit()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    ensure_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def site(portal) -> Iterator[str]:
    """The portal really served, with the portal fixture's users and organizations."""
    set_passwords(list(portal.users))
    with live.serve(workers=3) as url:
        yield url


def login(browser: Any, url: str, name: str, **context: Any) -> Any:
    """A new browser context logged in as ``name`` through the login form; returns its page."""
    page = browser.new_context(base_url=url, locale="en-US", **context).new_page()
    page.goto("/user/login")
    page.fill("#field-login", name)
    page.fill("#field-password", PASSWORD)
    with page.expect_navigation():
        page.locator("#field-password").press("Enter")
    assert "Login failed" not in page.content()
    return page

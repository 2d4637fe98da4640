"""The README stays true to the code."""

from __future__ import annotations

import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent


def test_readme_options_table_is_generated_from_the_config_declaration():
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "config_table.py"), "--check"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout


def test_ci_runs_exactly_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    command = "bash scripts/test.sh"
    assert f"{command}     # run the whole test suite" in readme
    assert command in ci.strip().splitlines()


def test_action_api_docs_are_generated_from_the_docstrings():
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "api_docs.py"), "--check"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_action_documents_itself():
    from ckanext.satudatablitar.logic import action

    undocumented = [
        name
        for name in action.__all__
        if name.startswith("satudatablitar_") and not getattr(action, name).__doc__
    ]
    assert undocumented == []

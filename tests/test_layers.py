"""The package structure holds: import layers (import-linter's contracts in pyproject.toml)
and read-only commands that never load the NLP stack."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from tests.conftest import ROOT


def test_layers_import_contracts_are_kept():
    exe = shutil.which("lint-imports", path=str(ROOT / ".venv" / "bin")) or shutil.which("lint-imports")
    if exe is None:
        pytest.fail("import-linter is not installed: run `make install`")
    proc = subprocess.run([exe, "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    assert "0 broken" in proc.stdout


READ_ONLY = """
import json, sys
from typer.testing import CliRunner
from kb.cli import app
for args in (["stats", "--db", sys.argv[1], "--json"], ["claims", "--db", sys.argv[1], "--json", "-n", "3"]):
    res = CliRunner().invoke(app, args)
    assert res.exit_code == 0, res.output
heavy = sorted(m for m in ("spacy", "torch", "transformers", "sentence_transformers", "trafilatura") if m in sys.modules)
print(json.dumps(heavy))
"""


def test_layers_read_only_commands_never_import_spacy_or_torch(sample_db):
    proc = subprocess.run([sys.executable, "-c", READ_ONLY, str(sample_db)], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert json.loads(proc.stdout.strip().splitlines()[-1]) == []

"""The benchmarks still run: they import the application's code and demonstration lists,
which change under them. Tiny sizes; the figures themselves are not checked here."""

from __future__ import annotations

import importlib.util
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from lienhiep.associations.testing import make_association
from lienhiep.core.models import Organization, OrganizationKind

BENCH = Path(__file__).resolve().parent.parent / "bench"


def test_search_bench_runs_on_a_small_registry() -> None:
    # Always on its own SQLite file: the bench makes and drops a database of its own.
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    done = subprocess.run(  # noqa: S603 - our own script, our own interpreter
        [sys.executable, str(BENCH / "search.py"), "--people", "300", "--queries", "5"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    last = done.stdout.strip().splitlines()[-1]
    assert last.startswith("RESULT p95_ms=")
    assert "stats_p95_ms=" in last


@pytest.mark.django_db
def test_import_bench_roster_imports_without_an_error(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("import_roster_bench", BENCH / "import_roster.py")
    assert spec is not None
    assert spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    path = tmp_path / "roster.xlsx"
    bench.write_roster(path, 60)
    organization = Organization.objects.create(
        code="BENCH", name="Hội Khoa học thử tải", kind=OrganizationKind.ASSOCIATION
    )
    make_association(organization)
    out = io.StringIO()
    call_command(
        "import_roster", str(path), "--association", "BENCH", "--dry-run", "--json", stdout=out
    )
    assert json.loads(out.getvalue()) == {"created": 60, "updated": 0, "skipped": 0, "errors": []}

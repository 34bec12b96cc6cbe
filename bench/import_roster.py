"""Benchmark of the roster import against its floor and against django-import-export.

    .venv/bin/pip install 'django-import-export[xlsx]>=4.4,<5'   # for (d) only
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/import_roster.py

Generates a roster .xlsx of 100,000 distinct people (the demo data's names, ethnic
groups and degrees; phones for all, e-mails for some), then measures side by side,
each in a fresh process, the best of three runs:

(a) python-calamine reading every row of the file, and nothing else;
(b) the database taking the same people, already converted, as fast as it can
    (COPY into the people table on PostgreSQL; one executemany on SQLite; committed) —
    (a) + (b) is the floor no import can beat;
(c) ``import_roster`` end to end: read, check, find duplicates, save the people with
    their history and memberships, commit (and, shown beside it, the undo of one such
    import);
(d) django-import-export importing the same rows into the same model, configured as
    its documentation advises for speed (bulk, no diff, no instance lookup, cached
    foreign-key lookups); it wants the header on the first row, so it reads a copy of
    the file without the title lines, written once before any run is timed.

Then it imports a 1,000,000-row file (skip with ``--no-million``) to show that memory
stays flat. Peak memory is each process's maximum resident set size, Django included.

``--bare-table`` (PostgreSQL) then strips the people table of its secondary indexes
and triggers and measures (b), (c) and (d) again: how much of each is the table's
upkeep for the finder and the duplicate checks, and how they compare without it.

The last line is machine-readable:
RESULT rows_per_s=<n> ratio_to_floor=<x> speedup_vs_import_export=<x> peak_rss_mb=<n>
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lienhiep.settings")
BENCH_DB = "lienhiep_bench_import"
ASSOCIATION = "BENCH"
HEADER = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Dân tộc", "Học vị", "Chuyên ngành",
          "Chức vụ", "Đơn vị công tác", "Điện thoại", "Email", "Ghi chú"]  # fmt: skip


# ---------------------------------------------------------------- the file


def write_roster(path: Path, rows: int, seed: int = 2026) -> None:
    """A roster as an association would send it: title lines, then the table."""
    from openpyxl import Workbook

    from lienhiep.vn import fold
    from lienhiep.workforce import demo

    rng = random.Random(seed)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Danh sách")
    sheet.append(["DANH SÁCH HỘI VIÊN"])
    sheet.append([])
    sheet.append(HEADER)
    peoples = demo.PEOPLES
    weights = [p[1] for p in peoples]
    degrees = [d for d, _ in demo.DEGREES]
    degree_weights = [w for _, w in demo.DEGREES]
    specialties = [s for group in demo.SPECIALTIES.values() for s in group]
    positions = sorted({p for group in demo.POSITIONS.values() for p in group})
    employers = sorted({e for group in demo.EMPLOYERS.values() for e in group})
    seen: set[tuple[str, datetime.date]] = set()
    phones = rng.sample(range(10_000_000, 99_999_999), rows)
    written = 0
    while written < rows:
        ethnic, _share, families, male_middles, female_middles = rng.choices(peoples, weights)[0]
        female = rng.random() < 0.48
        middle = rng.choice(female_middles if female else male_middles)
        given = rng.choice(demo.FEMALE_GIVEN if female else demo.MALE_GIVEN)
        if rng.random() < 0.3:  # a second given name: "Nguyễn Thị Thu Hà"
            given = f"{rng.choice(demo.FEMALE_GIVEN if female else demo.MALE_GIVEN)} {given}"
        name = f"{rng.choice(families)} {middle} {given}"
        born = datetime.date(rng.randint(1955, 2002), rng.randint(1, 12), rng.randint(1, 28))
        if (fold(name), born) in seen:  # the import takes "Văn An" and "Văn Ân" for one
            continue
        seen.add((fold(name), born))
        phone = f"09{phones[written]:08d}"
        email = f"hv{written + 1}@laichau.gov.vn" if rng.random() < 0.4 else ""
        sheet.append([
            written + 1, name, f"{born:%d/%m/%Y}", "Nữ" if female else "Nam", ethnic,
            rng.choices(degrees, degree_weights)[0], rng.choice(specialties),
            rng.choice(positions), rng.choice(employers), phone, email, "",
        ])  # fmt: skip
        written += 1
    workbook.save(path)


# ---------------------------------------------------------------- the database


def bench_database_url() -> str | None:
    """A database of its own beside the one DATABASE_URL names, created afresh."""
    url = os.environ.get("DATABASE_URL")
    if not url:
        return None
    import psycopg

    parts = urlsplit(url)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {BENCH_DB}")
        conn.execute(f"CREATE DATABASE {BENCH_DB}")
    return urlunsplit(parts._replace(path=f"/{BENCH_DB}"))


def drop_bench_database(admin_url: str) -> None:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {BENCH_DB}")


def prepare() -> None:
    """Migrate, and add the association the rosters belong to and the clerk importing."""
    import django

    django.setup()
    from django.core.management import call_command

    from lienhiep.associations.models import Association
    from lienhiep.core.models import Organization, OrganizationKind, User

    call_command("migrate", verbosity=0, interactive=False)
    organization = Organization.objects.create(
        code=ASSOCIATION, name="Hội Khoa học thử tải", kind=OrganizationKind.ASSOCIATION
    )
    Association.objects.create(organization=organization, abbreviation="KHTT")
    User.objects.create_user("bench", password="bench-not-secret")  # noqa: S106


def empty_registry() -> None:
    """Remove what an import left, so that the next one starts alike."""
    from django.db import connection

    from lienhiep.workforce.models import Membership, Person, RosterImport

    tables = [Membership, Person.history.model, Person, RosterImport]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # TRUNCATE: a DELETE of a million people checks, person by person, that no
            # deleted membership still points at them (a quarter of an hour).
            names = ", ".join(model._meta.db_table for model in tables)
            cursor.execute(f"TRUNCATE {names}")
            cursor.execute(f"VACUUM ANALYZE {Person._meta.db_table}")
            return
        for model in tables:
            cursor.execute(f"DELETE FROM {model._meta.db_table}")  # noqa: S608


# ---------------------------------------------------------------- the measured runs


def child(mode: str, path: Path) -> dict[str, Any]:
    """One measurement, in this (fresh) process."""
    import django

    django.setup()
    measure = {
        "parse": _parse,
        "copy": _copy,
        "ours": _ours,
        "undo": _undo,
        "import-export": _import_export,
    }
    seconds, rows = measure[mode](path)
    return {"seconds": seconds, "rows": rows, "peak_rss_mb": peak_rss_mb()}


def peak_rss_mb() -> float:
    """This process's peak resident memory since it started. Linux's ``VmHWM``: the
    ``ru_maxrss`` of getrusage survives ``execve``, so a child would report the peak of
    the parent it was forked from (this script, after writing a million-row file)."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kilobytes = next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:"))
    return int(kilobytes) / 1024


def _parse(path: Path) -> tuple[float, int]:
    import python_calamine

    start = time.perf_counter()
    workbook = python_calamine.CalamineWorkbook.from_path(str(path))
    rows = sum(1 for _ in workbook.get_sheet_by_index(0).iter_rows())
    return time.perf_counter() - start, rows


def _copy(path: Path) -> tuple[float, int]:
    """The converted rows, prepared before the clock starts, written as fast as the
    database takes them, and committed."""
    from django.db import connection, transaction
    from django.utils import timezone

    from lienhiep.workforce.models import Person
    from lienhiep.workforce.roster_read import open_table
    from lienhiep.workforce.roster_rows import Catalogues, RowReader

    table = open_table(path)
    reader = RowReader(table, Catalogues.load(), timezone.localdate())
    fields = [f for f in Person._meta.concrete_fields if f.attname != "id"]
    now = timezone.now()
    defaults = {f.attname: f.get_default() for f in fields} | {"created_at": now, "updated_at": now}
    people = []
    for _row, values in table.rows:
        texts = reader.texts(values)
        person, _errors = reader.read(0, values, texts)
        people.append(tuple(person.get(f.attname, defaults[f.attname]) for f in fields))
    columns = ", ".join(connection.ops.quote_name(f.column or f.attname) for f in fields)
    name = connection.ops.quote_name(Person._meta.db_table)
    adapted = [[_sqlite(v) for v in row] for row in people] if connection.vendor == "sqlite" else []
    with transaction.atomic(), connection.cursor() as cursor:
        start = time.perf_counter()
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {name} ({columns}) FROM STDIN") as copy:
                for person_values in people:
                    copy.write_row(person_values)
        else:
            cursor.executemany(
                f"INSERT INTO {name} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})",  # noqa: S608
                adapted,
            )
    # Committed: a load that is rolled back has not loaded anything (and the commit is
    # when PostgreSQL checks the foreign keys).
    return time.perf_counter() - start, len(people)


def _sqlite(value: Any) -> Any:
    from django.db import connection

    if isinstance(value, datetime.datetime):
        return connection.ops.adapt_datetimefield_value(value)
    if isinstance(value, datetime.date):
        return connection.ops.adapt_datefield_value(value)
    return value


def _ours(path: Path) -> tuple[float, int]:
    from lienhiep.core.models import User
    from lienhiep.workforce.roster import DuplicatePolicy, find_association, import_roster

    association = find_association(ASSOCIATION)
    actor = User.objects.get(username="bench")
    start = time.perf_counter()
    result = import_roster(path, association, actor=actor, policy=DuplicatePolicy.REPORT)
    seconds = time.perf_counter() - start
    if result.errors or result.batch is None:
        raise SystemExit(f"the import failed: {result.errors[:3]}")
    return seconds, result.created


def _undo(path: Path) -> tuple[float, int]:
    """Our import (not timed), then its undo (timed): every person it created removed."""
    from lienhiep.core.models import User
    from lienhiep.workforce.roster import find_association, import_roster, undo_import

    actor = User.objects.get(username="bench")
    result = import_roster(path, find_association(ASSOCIATION), actor=actor)
    if result.batch is None:
        raise SystemExit(f"the import failed: {result.errors[:3]}")
    start = time.perf_counter()
    reverted = undo_import(result.batch, actor)
    return time.perf_counter() - start, reverted


def _import_export(path: Path) -> tuple[float, int]:
    """``path``: the roster's table alone (``write_table_only``)."""
    import tablib
    from import_export import fields, resources, widgets

    from lienhiep.workforce.models import Degree, Ethnicity, Person
    from lienhiep.workforce.names import name_columns

    genders = {"Nam": "male", "Nữ": "female"}

    class PersonResource(resources.ModelResource):
        full_name = fields.Field("full_name", "Họ và tên")
        birth_date = fields.Field("birth_date", "Ngày sinh", widgets.DateWidget("%d/%m/%Y"))
        gender = fields.Field("gender", "Giới tính")
        # The documentation's advice for foreign keys in big imports: one query per
        # catalogue, not one per row.
        ethnicity = fields.Field(
            "ethnicity", "Dân tộc", widgets.CachedForeignKeyWidget(Ethnicity, field="name")
        )
        degree = fields.Field(
            "degree", "Học vị", widgets.CachedForeignKeyWidget(Degree, field="code")
        )
        specialty = fields.Field("specialty", "Chuyên ngành")
        position = fields.Field("position", "Chức vụ")
        employer = fields.Field("employer", "Đơn vị công tác")
        phone = fields.Field("phone", "Điện thoại")
        email = fields.Field("email", "Email")

        class Meta:
            model = Person
            fields = ("full_name", "birth_date", "gender", "ethnicity", "degree", "specialty",
                      "position", "employer", "phone", "email")  # fmt: skip
            # The documentation's advice for big imports ("Bulk imports").
            use_bulk = True
            batch_size = 1000
            force_init_instance = True
            skip_diff = True
            skip_html_diff = True
            report_skipped = False
            use_transactions = True

        def before_save_instance(self, instance: Any, row: Any, **kwargs: Any) -> None:
            # What Person.save does, which bulk_create skips: the same model, the same data.
            for attribute, value in name_columns(instance.full_name).items():
                setattr(instance, attribute, value)
            instance.gender = genders.get(instance.gender, "")
            if instance.birth_date:
                instance.birth_year = instance.birth_date.year

    table = path.read_bytes()
    start = time.perf_counter()
    dataset = tablib.Dataset().load(table, format="xlsx")
    result = PersonResource().import_data(dataset, raise_errors=True)
    seconds = time.perf_counter() - start
    return seconds, result.totals["new"]


def bare_table(path: Path, table: Path, env: dict[str, str]) -> None:
    """(b), (c) and (d) again on a people table with its primary key alone: no index
    for the finder, the order or the duplicate checks, no trigger. No registry runs
    like this; it shows how much of each time is the table's upkeep, and what is left
    when there is none. Done last: the table is not put back."""
    from django.db import connection

    from lienhiep.workforce.models import Person

    name = Person._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = %s AND indexname NOT IN "
            "(SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass)",
            [name, name],
        )
        for (index,) in cursor.fetchall():
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(index)}")
        cursor.execute(f"ALTER TABLE {name} DISABLE TRIGGER USER")
    copy = best_of(3, "copy", path, env)
    ours = best_of(3, "ours", path, env)
    other = best_of(3, "import-export", table, env)
    print("    without the people table's secondary indexes and triggers (--bare-table):")
    print(f"    (b) {copy['seconds']:.2f} s, (c) {ours['seconds']:.2f} s, "
          f"(d) {other['seconds']:.2f} s: (d) / (c) {other['seconds'] / ours['seconds']:.1f}×, "
          f"(d) / (b) {other['seconds'] / copy['seconds']:.1f}×")  # fmt: skip


def write_table_only(path: Path) -> Path:
    """import-export wants the header on the first row: the same file without its title,
    written once, before any run is timed."""
    from openpyxl import Workbook, load_workbook

    source = load_workbook(path, read_only=True)
    target = Workbook(write_only=True)
    sheet = target.create_sheet()
    for index, values in enumerate(source.worksheets[0].iter_rows(values_only=True)):
        if index >= 2:
            sheet.append(values)
    out = path.with_name(f"{path.stem}-table.xlsx")
    target.save(out)
    return out


def run_child(mode: str, path: Path, env: dict[str, str]) -> dict[str, Any]:
    done = subprocess.run(  # noqa: S603 (this very script, by its own path)
        [sys.executable, __file__, "--child", mode, str(path)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        raise SystemExit(f"{mode} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def best_of(count: int, mode: str, path: Path, env: dict[str, str]) -> dict[str, Any]:
    runs = []
    for _ in range(count):
        runs.append(run_child(mode, path, env))
        if mode != "parse":
            empty_registry()
    return min(runs, key=lambda r: r["seconds"])


# ---------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--no-million", action="store_true", help="skip the 1,000,000-row run")
    parser.add_argument(
        "--bare-table",
        action="store_true",
        help="on PostgreSQL, measure (b), (c) and (d) again with the people table stripped "
        "of its secondary indexes and triggers",
    )
    parser.add_argument("--child", nargs=2, metavar=("MODE", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child[0], Path(args.child[1]))))
        return

    workdir = Path(tempfile.mkdtemp(prefix="lienhiep-bench-"))
    admin_url = os.environ.get("DATABASE_URL")
    env = dict(os.environ)
    url = bench_database_url()
    if url:
        env["DATABASE_URL"] = os.environ["DATABASE_URL"] = url
    else:
        env["SQLITE_PATH"] = os.environ["SQLITE_PATH"] = str(workdir / "bench.sqlite3")
    try:
        measure(args, workdir, env)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
        if admin_url and url:
            from django.db import connections

            connections.close_all()
            drop_bench_database(admin_url)


def measure(args: argparse.Namespace, workdir: Path, env: dict[str, str]) -> None:
    prepare()
    from django.db import connection

    path = workdir / "roster.xlsx"
    started = time.perf_counter()
    write_roster(path, args.rows)
    print(f"database: {connection.vendor}")
    print(f"file: {args.rows:,} rows, {path.stat().st_size / 2**20:.1f} MB "
          f"(written in {time.perf_counter() - started:.0f} s)")  # fmt: skip

    parse = best_of(3, "parse", path, env)
    copy = best_of(3, "copy", path, env)
    ours = best_of(3, "ours", path, env)
    floor = parse["seconds"] + copy["seconds"]
    print(f"(a) calamine parse:        {parse['seconds']:7.2f} s")
    print(f"(b) {'COPY' if connection.vendor == 'postgresql' else 'executemany'} of the rows:  "
          f"{copy['seconds']:7.2f} s   floor (a)+(b): {floor:.2f} s")  # fmt: skip
    print(
        f"(c) import_roster:         {ours['seconds']:7.2f} s   {ours['rows']:,} created, "
        f"{ours['rows'] / ours['seconds']:,.0f} rows/s, peak {ours['peak_rss_mb']:.0f} MB"
    )

    undo = best_of(1, "undo", path, env)
    print(f"    its undo:              {undo['seconds']:7.2f} s   {undo['rows']:,} removed")

    table = None
    try:
        import import_export  # noqa: F401

        table = write_table_only(path)
        other = best_of(3, "import-export", table, env)  # treated as ours is
        print(f"(d) django-import-export:  {other['seconds']:7.2f} s   {other['rows']:,} created, "
              f"peak {other['peak_rss_mb']:.0f} MB")  # fmt: skip
        speedup = other["seconds"] / ours["seconds"]
        # The most any import into this table could claim: one that did nothing but
        # the COPY of (b) (no reading, no checks, no history, no memberships).
        print(f"    (d) / (b): {other['seconds'] / copy['seconds']:.1f}× "
              "(the speed-up of the COPY alone)")  # fmt: skip
        print(f"    20 times faster than (d) would be {other['seconds'] / 20:.2f} s, "
              f"against {copy['seconds']:.2f} s for the COPY alone")  # fmt: skip
    except ImportError:
        print("(d) django-import-export is not installed: pip install django-import-export")
        speedup = 0.0

    peak = ours["peak_rss_mb"]
    if not args.no_million:
        big = workdir / "roster-1m.xlsx"
        started = time.perf_counter()
        write_roster(big, 1_000_000)
        print(f"file: 1,000,000 rows, {big.stat().st_size / 2**20:.1f} MB "
              f"(written in {time.perf_counter() - started:.0f} s)")  # fmt: skip
        million = run_child("ours", big, env)
        empty_registry()
        print(f"(e) import_roster, 1,000,000 rows: {million['seconds']:.0f} s, "
              f"{million['rows'] / million['seconds']:,.0f} rows/s, "
              f"peak {million['peak_rss_mb']:.0f} MB")  # fmt: skip
        peak = max(peak, million["peak_rss_mb"])

    if args.bare_table and table and connection.vendor == "postgresql":
        bare_table(path, table, env)

    ratio = ours["seconds"] / floor
    print(
        f"ratio to the floor: {ratio:.2f} (target ≤ 2.0); speedup over django-import-export: "
        f"{speedup:.1f}× (target ≥ 20); peak memory {peak:.0f} MB (target ≤ 300)"
    )
    print(
        f"RESULT rows_per_s={ours['rows'] / ours['seconds']:.0f} ratio_to_floor={ratio:.2f} "
        f"speedup_vs_import_export={speedup:.1f} peak_rss_mb={peak:.0f}"
    )


if __name__ == "__main__":
    main()

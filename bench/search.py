"""Benchmark of the expert finder and the statistics page at a million people.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lh_search .venv/bin/python bench/search.py
    .venv/bin/python bench/search.py --people 20000      # SQLite, a smaller registry

Builds its own throw-away database (``test_<name>`` beside the one DATABASE_URL
names, created and dropped here; or a SQLite file in a temporary directory),
loads ``--people`` invented intellectuals of Lai Châu (1,000,000 on PostgreSQL
with COPY, 20,000 on SQLite by default) and their memberships, then measures
side by side, query by query, with DEBUG off as in production:

* the finder view (Django test client, signed in as a Union office clerk) for
  ``--queries`` realistic searches: full names typed without diacritics or with
  them, family and given name, given name only, names with a slip of the
  fingers, three in ten with a filter (degree, S&T field, association, willing
  to serve as an expert). Each search is asked for as the finder's search box
  asks for it (htmx: the results alone, which replace those on the page), and
  as a whole page (a link followed, the first visit, a browser without
  JavaScript);
* the SQL the search ran (captured with CaptureQueriesContext), replayed raw
  through a cursor: the finder's own queries (the words looked up, the tiers
  of people), and every query of the request. Each search is timed four times
  each way, each way going first once (the first run reads the pages into the
  database's buffers for the next ones), and its median time is the one
  counted;
* a stock Django admin changelist with ``search_fields = ["full_name"]``
  (icontains, on a bench-only admin site) for the same names, written with
  their diacritics so that it finds what the finder finds;
* the statistics page, for the Union clerk and for an association's clerk:
  the first view after a write (counted) and the next ones (cached).

``--keepdb`` keeps the bench database (and its people) for the next run.

The last line printed is machine-readable: the p95 of the searches as the search
box asks for them, that p95 over the p95 of their search SQL run raw, the admin's
p95 over it (the whole page's figures are printed above it), and the
statistics page's p95 (cached, as every view but the first after a write):
RESULT p95_ms=<n> ratio_to_sql=<x> speedup_vs_admin=<x> stats_p95_ms=<n>
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import functools
import itertools
import os
import random
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lienhiep.settings")
# Measured as production runs: DEBUG off (no query log, no template debugging).
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "bench-only-not-a-secret")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
_TMP = tempfile.TemporaryDirectory(prefix="lienhiep-bench-")
if not os.environ.get("DATABASE_URL"):
    os.environ["SQLITE_PATH"] = str(Path(_TMP.name) / "bench.sqlite3")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib import admin  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402
from django.urls import URLPattern, URLResolver, include, path, reverse  # noqa: E402

from lienhiep.associations.models import Association, ScienceField  # noqa: E402
from lienhiep.core import actions as core_actions  # noqa: E402
from lienhiep.core.models import Organization, OrganizationKind, Role, User  # noqa: E402
from lienhiep.vn import fold  # noqa: E402
from lienhiep.workforce import demo  # noqa: E402
from lienhiep.workforce.models import (  # noqa: E402
    AcademicTitle,
    Degree,
    Ethnicity,
    Membership,
    Person,
)
from lienhiep.workforce.names import name_columns  # noqa: E402
from lienhiep.workforce.statistics import registry_changed  # noqa: E402

TODAY = datetime.date.today()
FINDER = "workforce:finder"
PLAIN_STATIC_FILES = "django.contrib.staticfiles.storage.StaticFilesStorage"

# demo.py's given names are the commonest; a registry of a million has many more.
MORE_MALE_GIVEN = [
    *("Bảo", "Công", "Cảnh", "Đạt", "Định", "Đông", "Hiếu", "Hiệp", "Hòa", "Hoàng", "Hưng"),
    *("Khải", "Khang", "Khôi", "Lực", "Mạnh", "Nhân", "Ninh", "Phát", "Quý", "Sang", "Tâm"),
    *("Thái", "Thiện", "Thịnh", "Thuận", "Tín", "Trí", "Trọng", "Tú", "Tùng", "Vũ", "Hậu"),
    *("Lộc", "Đăng", "Hiển", "Tuyên", "Chính", "Dương"),
]
MORE_FEMALE_GIVEN = [
    *("Bích", "Châu", "Diệp", "Diễm", "Hạnh", "Hậu", "Huyền", "Khuê", "Lệ", "Liễu", "Ly"),
    *("Mơ", "Nguyệt", "Nhàn", "Nhi", "Nhiên", "Phượng", "Quế", "Quỳnh", "Sen", "Tâm"),
    *("Thanh", "Thơ", "Thoa", "Thùy", "Tiên", "Trâm", "Tuyết", "Uyên", "Vy", "Xoan", "Yên"),
    *("Hạ", "Đào"),
]
# Kinh names often carry a second middle name: "Nguyễn Thị Thu Hương", "Trần Văn Minh Đức".
SECOND_MIDDLE_MALE = ["Minh", "Quang", "Đức", "Hữu", "Anh", "Ngọc", "Trung", "Thế"]
SECOND_MIDDLE_FEMALE = ["Thu", "Ngọc", "Thanh", "Minh", "Kim", "Hồng", "Phương", "Bích"]
# Member associations of a province and their share of the members, largest first.
ASSOCIATIONS = [
    ("Hội Y học", 16),
    ("Hội Làm vườn", 12),
    ("Hội Khoa học Kinh tế", 9),
    ("Hội Luật gia", 8),
    ("Hội Cựu giáo chức", 8),
    ("Hội Kỹ sư Xây dựng", 6),
    ("Hội Điều dưỡng", 6),
    ("Hội Đông y", 5),
    ("Hội Dược học", 4),
    ("Hội Khoa học Lịch sử", 3),
    ("Hội Văn học Nghệ thuật", 3),
    ("Hội Tin học", 3),
    ("Hội Thủy lợi", 3),
    ("Hội Khoa học Kỹ thuật Lâm nghiệp", 3),
    ("Hội Nông học", 2),
    ("Hội Bảo vệ thực vật", 2),
    ("Hội Thú y", 2),
    ("Hội Châm cứu", 2),
    ("Hội Khuyến học", 2),
    ("Hội Giáo dục chăm sóc sức khỏe cộng đồng", 1),
    ("Hội Sinh vật cảnh", 1),
    ("Hội Kế hoạch hóa gia đình", 1),
]
COMMUNES = 38  # Lai Châu after the 2025 merger: 38 communes and wards
PERSON_COLUMNS = [
    "id",
    "full_name",
    "family_name",
    "middle_name",
    "given_name",
    "name_folded",
    "sort_key",
    "gender",
    "birth_date",
    "birth_year",
    "ethnicity_id",
    "degree_id",
    "title_id",
    "field",
    "specialty",
    "employer",
    "position",
    "commune_id",
    "former_district",
    "phone",
    "email",
    "willing_expert",
    "consent",
    "consent_on",
    "note",
    "created_at",
    "updated_at",
]
MEMBERSHIP_COLUMNS = ["id", "person_id", "association_id", "joined_on", "left_on", "role"]


@dataclass
class Catalogues:
    ethnicity: dict[str, int]
    degree: dict[str, int]
    title: dict[str, int]
    communes: list[int]
    associations: list[int]
    association_weights: list[int]


@dataclass
class Query:
    kind: str
    typed: str  # what the finder is given: folded, as people type in a search box
    admin: str  # the same words with diacritics, so that icontains can find them
    filters: dict[str, str]


# --- the registry -----------------------------------------------------------------------


def fresh_database(keep: bool) -> str | None:
    """Migrate the throw-away SQLite file, or create a test database on the server."""
    if connection.vendor == "postgresql":
        original = connection.settings_dict["NAME"]
        name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=keep)
        if keep and not _has_person_indexes():
            # A kept database an interrupted load left without its indexes: start afresh.
            connection.creation.destroy_test_db(original, verbosity=0)
            name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
        return name
    call_command("migrate", verbosity=0, interactive=False)
    return None


def _has_person_indexes() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_indexes WHERE tablename = 'workforce_person'"
            " AND indexname = 'person_order'"
        )
        return bool(cursor.fetchone()[0])


def make_world() -> tuple[Catalogues, User, User]:
    """Communes, associations, and two clerks: the Union office's and an association's."""
    kind = OrganizationKind
    union = Organization.objects.filter(code="LHH").first() or core_actions.do_save_organization(
        None, Organization(code="LHH", name="Liên hiệp các Hội KH&KT tỉnh", kind=kind.UNION)
    )
    for i in range(COMMUNES - Organization.objects.filter(kind=kind.COMMUNE).count()):
        Organization.objects.create(code=f"XA{i:03d}", name=f"Xã số {i + 1}", kind=kind.COMMUNE)
    for i, (name, _share) in enumerate(ASSOCIATIONS):
        if not Association.objects.filter(organization__code=f"HOI{i:02d}").exists():
            organization = Organization.objects.create(
                code=f"HOI{i:02d}", name=f"{name} tỉnh", kind=kind.ASSOCIATION, parent=union
            )
            Association.objects.create(organization=organization)
    associations = list(
        Association.objects.filter(organization__code__startswith="HOI").order_by(
            "organization__code"
        )
    )
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    clerk = _user("vanphong", union, Role.UNION_STAFF)
    # The second largest association: about one member in ten of the registry.
    association_clerk = _user("hoilamvuon", associations[1].organization, Role.ASSOCIATION_STAFF)
    superuser = User.objects.filter(username="quantri").first()
    if superuser is None:
        User.objects.create_superuser("quantri", password="bench-only-password")  # noqa: S106
    catalogues = Catalogues(
        ethnicity={e.name: e.pk for e in Ethnicity.objects.all()},
        degree={d.code: d.pk for d in Degree.objects.all()},
        title={t.code: t.pk for t in AcademicTitle.objects.all()},
        communes=list(
            Organization.objects.filter(kind=kind.COMMUNE)
            .order_by("pk")
            .values_list("pk", flat=True)
        ),
        associations=[a.pk for a in associations],
        association_weights=[share for _name, share in ASSOCIATIONS],
    )
    return catalogues, clerk, association_clerk


def _user(username: str, organization: Organization, role: str) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        user = core_actions.do_save_user(
            None, User(username=username, full_name=username, organization=organization)
        )
        core_actions.do_assign_role(None, user, organization, role)
    return user


@functools.cache
def _columns(full_name: str) -> tuple[str, str, str, str, str]:
    """The derived name columns, computed once per distinct name (``name_columns``)."""
    c = name_columns(full_name)
    return c["family_name"], c["middle_name"], c["given_name"], c["name_folded"], c["sort_key"]


def _zipf(values: list[str]) -> tuple[list[str], list[float]]:
    """demo.py lists the commoner names first: weigh them by a Zipf-like curve."""
    return values, list(itertools.accumulate(1 / (rank + 4) for rank in range(len(values))))


MALE_GIVEN = _zipf(demo.MALE_GIVEN + MORE_MALE_GIVEN)
FEMALE_GIVEN = _zipf(demo.FEMALE_GIVEN + MORE_FEMALE_GIVEN)
PEOPLE_WEIGHTS = list(itertools.accumulate(p[1] for p in demo.PEOPLES))
DEGREE_WEIGHTS = list(itertools.accumulate(w for _code, w in demo.DEGREES))
FIELD_WEIGHTS = list(itertools.accumulate(w for _field, w in demo.FIELDS))
# The registry grew year by year since it was opened.
YEARS = list(range(TODAY.year - 7, TODAY.year + 1))
YEAR_WEIGHTS = list(itertools.accumulate(range(2, 2 + len(YEARS))))


def invent_name(rng: random.Random) -> tuple[str, str, bool]:
    """A full name, the ethnic group, and whether she is a woman (demo.py's peoples)."""
    ethnic, _share, families, male_middles, female_middles = rng.choices(
        demo.PEOPLES, cum_weights=PEOPLE_WEIGHTS
    )[0]
    female = rng.random() < 0.48
    middle = rng.choice(female_middles if female else male_middles)
    if ethnic == "Kinh" and rng.random() < 0.35:
        second = rng.choice(SECOND_MIDDLE_FEMALE if female else SECOND_MIDDLE_MALE)
        if second != middle:
            middle = f"{middle} {second}"
    names, cumulative = FEMALE_GIVEN if female else MALE_GIVEN
    given = rng.choices(names, cum_weights=cumulative)[0]
    return f"{rng.choice(families)} {middle} {given}", ethnic, female


def invent_person(rng: random.Random, pk: int, c: Catalogues) -> tuple[Any, ...]:
    """One row of workforce_person, in PERSON_COLUMNS order (shares as in demo.py)."""
    full_name, ethnic, female = invent_name(rng)
    degree = rng.choices(demo.DEGREES, cum_weights=DEGREE_WEIGHTS)[0][0]
    field = rng.choices(demo.FIELDS, cum_weights=FIELD_WEIGHTS)[0][0] if rng.random() < 0.9 else ""
    title = None
    if degree in {"TS", "TSKH"} and rng.random() < 0.12:
        title = c.title["GS" if rng.random() < 0.1 else "PGS"]
    birth_year = TODAY.year - max(22, min(75, int(rng.gauss(42, 10))))
    birth_date = None
    if rng.random() < 0.7:
        birth_date = datetime.date(birth_year, rng.randint(1, 12), rng.randint(1, 28))
    consent = rng.random() < 0.85
    year = rng.choices(YEARS, cum_weights=YEAR_WEIGHTS)[0]
    created = datetime.datetime(
        year,
        rng.randint(1, 12 if year < TODAY.year else TODAY.month),
        rng.randint(1, 28),
        rng.randint(7, 17),
        tzinfo=datetime.UTC,
    )
    specialties = demo.SPECIALTIES[ScienceField(field)] if field else ["Quản lý"]
    employers = demo.EMPLOYERS[ScienceField(field)] if field else ["Ủy ban nhân dân xã"]
    positions = demo.POSITIONS[ScienceField(field)] if field else ["Chuyên viên"]
    return (
        pk,
        full_name,
        *_columns(full_name),
        "female" if female else "male",
        birth_date,
        birth_year,
        c.ethnicity[ethnic],
        c.degree[degree],
        title,
        str(field),
        rng.choice(specialties),
        rng.choice(employers),
        rng.choice(positions),
        rng.choice(c.communes),
        rng.choice(demo.DISTRICTS) if rng.random() < 0.3 else "",
        f"09{rng.randrange(10**8):08d}" if rng.random() < 0.6 else "",
        f"nguoi{pk}@example.vn" if rng.random() < 0.3 else "",
        degree in {"TS", "TSKH", "ThS", "CKII"} and rng.random() < 0.4,
        consent,
        datetime.date(TODAY.year - 1, rng.randint(1, 12), rng.randint(1, 28)) if consent else None,
        "",
        created,
        created,
    )


def invent_memberships(
    rng: random.Random, pk: int, c: Catalogues, next_id: int
) -> list[tuple[Any, ...]]:
    """Three people in five belong to an association, some to two; one in twelve has left."""
    if rng.random() >= 0.6:
        return []
    count = 2 if rng.random() < 0.15 else 1
    chosen = set(rng.choices(c.associations, weights=c.association_weights, k=count))
    rows: list[tuple[Any, ...]] = []
    for association in sorted(chosen):
        joined = datetime.date(rng.randint(2005, TODAY.year - 1), rng.randint(1, 12), 1)
        left = joined + datetime.timedelta(days=rng.randint(200, 3000))
        rows.append(
            (
                next_id + len(rows),
                pk,
                association,
                joined,
                left if rng.random() < 0.08 else None,
                "",
            )
        )
    return rows


def load_people(count: int, c: Catalogues, rng: random.Random) -> int:
    """Write ``count`` people and their memberships with COPY; return the membership count."""
    people: list[tuple[Any, ...]] = []
    memberships: list[tuple[Any, ...]] = []
    total = 0
    batch = 50_000
    with _indexes_built_after():
        for start in range(0, count, batch):
            people.clear()
            memberships.clear()
            for pk in range(start + 1, min(count, start + batch) + 1):
                people.append(invent_person(rng, pk, c))
                memberships += invent_memberships(rng, pk, c, total + len(memberships) + 1)
            _write("workforce_person", PERSON_COLUMNS, people)
            _write("workforce_membership", MEMBERSHIP_COLUMNS, memberships)
            total += len(memberships)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for table in TABLES:
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
                    f"(SELECT max(id) FROM {table}))"
                )
            # As autovacuum would leave a table after a large load: visibility map, statistics.
            cursor.execute("VACUUM ANALYZE workforce_person")
            cursor.execute("VACUUM ANALYZE workforce_membership")
    # A bulk writer tells the statistics, as the roster import does.
    registry_changed()
    return total


TABLES = ("workforce_person", "workforce_membership")


@contextlib.contextmanager
def _indexes_built_after() -> Iterator[None]:
    """On PostgreSQL, drop the tables' secondary indexes (the migrations' own, read from
    pg_indexes) for the load and build them again after: the usual way to bulk-load."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = ANY(%s)"
            " AND indexname NOT IN (SELECT conname FROM pg_constraint)",
            [list(TABLES)],
        )
        indexes = cursor.fetchall()
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    try:
        yield
    finally:
        # Built again even if the load failed: a database kept with --keepdb must not
        # be measured without them next time.
        with connection.cursor() as cursor:
            for _name, definition in indexes:
                cursor.execute(definition)


def empty_registry() -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("TRUNCATE workforce_membership, workforce_person")
        else:
            cursor.execute("DELETE FROM workforce_membership")
            cursor.execute("DELETE FROM workforce_person")


def _write(table: str, columns: list[str], rows: list[tuple[Any, ...]]) -> None:
    names = ", ".join(columns)
    if connection.vendor == "postgresql":
        connection.ensure_connection()
        with (
            connection.connection.cursor() as raw,
            raw.copy(f"COPY {table} ({names}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)
        return
    marks = ", ".join(["%s"] * len(columns))
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)  # noqa: S608


# --- the queries ------------------------------------------------------------------------

KINDS = [("full name", 35), ("family and given name", 20), ("given name", 20), ("typo", 15)]
KINDS += [("with diacritics", 10)]


def typo(word: str, rng: random.Random) -> str:
    """One slip of the fingers: two letters swapped, one dropped, doubled or mistyped."""
    i = rng.randrange(len(word) - 1)
    slip = rng.randrange(4)
    if slip == 0:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if slip == 1:
        return word[:i] + word[i + 1 :]
    if slip == 2:
        return word[:i] + word[i] + word[i:]
    return word[:i] + rng.choice("aeiounhtcg") + word[i + 1 :]


def make_queries(sample: list[str], count: int, c: Catalogues, rng: random.Random) -> list[Query]:
    queries = []
    kinds = [k for k, _ in KINDS]
    weights = [w for _, w in KINDS]
    degrees = [str(c.degree["TS"]), str(c.degree["ThS"])]
    for _ in range(count):
        full_name = rng.choice(sample)
        family, _middle, given, folded, _key = _columns(full_name)
        kind = rng.choices(kinds, weights=weights)[0]
        if kind == "full name":
            typed, as_written = folded, full_name
        elif kind == "family and given name":
            typed, as_written = fold(f"{family} {given}"), f"{family} {given}"
        elif kind == "given name":
            typed, as_written = fold(given), given
        elif kind == "typo":
            words = folded.split()
            long = [i for i, w in enumerate(words) if len(w) >= 3] or [len(words) - 1]
            i = rng.choice(long)
            words[i] = typo(words[i], rng) if len(words[i]) >= 2 else words[i]
            typed = as_written = " ".join(words)
        else:
            typed = as_written = full_name
        filters: dict[str, str] = {}
        if rng.random() < 0.3:
            which = rng.randrange(4)
            if which == 0:
                filters["degree"] = rng.choice(degrees)
            elif which == 1:
                filters["field"] = str(rng.choice(demo.FIELDS)[0])
            elif which == 2:
                filters["association"] = str(rng.choice(c.associations[:8]))
            else:
                filters["willing"] = "on"
        queries.append(Query(kind, typed, as_written, filters))
    return queries


# --- measuring --------------------------------------------------------------------------


def p(values: Sequence[float], percent: int) -> float:
    """The ``percent`` percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[max(0, -(-len(ordered) * percent // 100) - 1)]


def timed(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return (time.perf_counter() - start) * 1000


def replay(statements: list[str]) -> None:
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
            if cursor.description is not None:
                cursor.fetchall()


def is_search(sql: str) -> bool:
    """The finder's own queries: its tiers of people, and the words of the names."""
    return 'FROM "workforce_person"' in sql or "FROM workforce_nameword" in sql


def admin_params(q: Query) -> dict[str, str]:
    """The bench admin's filters: degree, field, willing (it has no association filter)."""
    params = {"q": q.admin}
    if "degree" in q.filters:
        params["degree__id__exact"] = q.filters["degree"]
    if "field" in q.filters:
        params["field__exact"] = q.filters["field"]
    if "willing" in q.filters:
        params["willing_expert__exact"] = "1"
    return params


@dataclass
class Finder:
    view: list[float]
    page: list[float]
    search_sql: list[float]
    request_sql: list[float]
    admin: list[float]
    found: list[int]
    queries_per_request: int


# How the finder's search box and filters ask for results: htmx, for the results alone.
SEARCH_BOX = {"HX-Request": "true"}


def measure_finder(
    queries: list[Query], clerk: User, superuser: User, admin_count: int | None
) -> Finder:
    client = Client()
    client.force_login(clerk)
    url = reverse(FINDER)
    detail = reverse("workforce:person_detail", args=[1]).removesuffix("1/")
    captured: list[list[str]] = []
    found: list[int] = []
    counts = set()
    for q in queries:  # warm up, and capture the SQL each search runs
        params = {"q": q.typed, **q.filters}
        # Once to fill the caches (the filter lists are drawn on the first view of a
        # filter's value), then the run whose SQL is replayed.
        client.get(url, params)
        with CaptureQueriesContext(connection) as run:
            response = client.get(url, params, headers=SEARCH_BOX)
        assert response.status_code == 200, response.status_code
        statements = [
            s["sql"]
            for s in run.captured_queries
            if not s["sql"].startswith(("SAVEPOINT", "RELEASE"))
        ]
        captured.append(statements)
        counts.add(len(statements))
        found.append(len(re.findall(rf'href="{detail}\d+/"'.encode(), response.content)))
    view, page, search_sql, request_sql = [], [], [], []
    for q, statements in zip(queries, captured, strict=True):
        params = {"q": q.typed, **q.filters}
        searches = [s for s in statements if is_search(s)]
        runs: list[Callable[[], object]] = [
            functools.partial(client.get, url, params, headers=SEARCH_BOX),
            functools.partial(replay, searches),
            functools.partial(replay, statements),
            functools.partial(client.get, url, params),
        ]
        # Each run goes first once: the first to run reads the pages it needs into the
        # database's buffers (a million people do not fit in its 128 MB), the next ones
        # find them there. The median of a query's times is its time.
        times: list[list[float]] = [[] for _run in runs]
        for turn in range(len(runs)):
            for which in itertools.islice(
                itertools.cycle(range(len(runs))), turn, turn + len(runs)
            ):
                times[which].append(timed(runs[which]))
        view.append(statistics.median(times[0]))
        search_sql.append(statistics.median(times[1]))
        request_sql.append(statistics.median(times[2]))
        page.append(statistics.median(times[3]))
    admin_client = Client()
    admin_client.force_login(superuser)
    changelist = reverse("bench_admin:workforce_person_changelist")
    for q in queries[:3]:
        assert admin_client.get(changelist, admin_params(q)).status_code == 200
    admin_ms = [
        timed(functools.partial(admin_client.get, changelist, admin_params(q)))
        for q in queries[:admin_count]
    ]
    return Finder(view, page, search_sql, request_sql, admin_ms, found, max(counts))


def measure_statistics(user: User, rounds: int) -> tuple[float, list[float], int]:
    """Milliseconds of the first page after a write (computed), and of the next ones."""
    client = Client()
    client.force_login(user)
    url = reverse("workforce:statistics")
    client.get(url)
    registry_changed()
    cold = timed(lambda: client.get(url))
    warm = [timed(lambda: client.get(url)) for _ in range(rounds)]
    with CaptureQueriesContext(connection) as run:
        client.get(url)
    return cold, warm, len(run.captured_queries)


# --- the bench-only admin and the URLs --------------------------------------------------


class SearchByNameAdmin(admin.ModelAdmin[Person]):
    """The stock way: icontains on the name, Django's changelist with its counts."""

    search_fields = ["full_name"]
    list_display = ["full_name", "birth_year", "degree", "title", "field", "commune"]
    list_filter = ["degree", "field", "willing_expert"]
    list_select_related = ["degree", "title", "commune"]


bench_admin = admin.AdminSite(name="bench_admin")
bench_admin.register(Person, SearchByNameAdmin)
urlpatterns: list[URLPattern | URLResolver] = [
    path("bench-admin/", bench_admin.urls),
    path("", include("lienhiep.urls")),
]


# --- the run ----------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    postgresql = connection.vendor == "postgresql"
    parser.add_argument("--people", type=int, default=1_000_000 if postgresql else 20_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument(
        "--admin-queries", type=int, default=None, help="how many of the queries the admin runs"
    )
    parser.add_argument("--keepdb", action="store_true", help="keep the bench database")
    args = parser.parse_args()
    # The test client without the test environment's instrumented template rendering:
    # the finder as production runs it, minus the network. Static files by name (production
    # reads the manifest collectstatic writes; the bench has none).
    test_db = fresh_database(args.keepdb)
    storages = {**settings.STORAGES, "staticfiles": {"BACKEND": PLAIN_STATIC_FILES}}
    try:
        with override_settings(ROOT_URLCONF=__name__, STORAGES=storages):
            run(args.people, args.queries, args.admin_queries)
    finally:
        if test_db and not args.keepdb:
            connection.creation.destroy_test_db(test_db, verbosity=0)


def run(count: int, query_count: int, admin_count: int | None) -> None:
    rng = random.Random(1_000_003)
    catalogues, clerk, association_clerk = make_world()
    superuser = User.objects.get(username="quantri")
    if Person.objects.count() != count:
        empty_registry()
        start = time.perf_counter()
        load_people(count, catalogues, rng)
        print(f"loaded in {time.perf_counter() - start:.0f} s")
    memberships = Membership.objects.count()
    # The names people search for: those of 2,000 people of the registry (the same ones
    # whether the people were just loaded or kept from the last run).
    rng = random.Random(2_000_003)
    ids = rng.sample(range(1, count + 1), min(count, 2000))
    sample = list(Person.objects.filter(pk__in=ids).values_list("full_name", flat=True))
    queries = make_queries(sample, query_count, catalogues, rng)
    name = connection.settings_dict["NAME"]
    print(f"database: {connection.vendor} ({name}), {count:,} people, {memberships:,} memberships")

    finder = measure_finder(queries, clerk, superuser, admin_count)
    kinds = ", ".join(f"{sum(q.kind == k for q in queries)} {k}" for k, _ in KINDS)
    filtered = sum(bool(q.filters) for q in queries)
    print(f"finder: {len(queries)} queries ({kinds}; {filtered} with a filter)")
    print(
        f"  people on the first page: median {p(finder.found, 50)}, "
        f"{sum(n == 0 for n in finder.found)} queries found nobody"
    )
    print(f"  {'ms':<34}{'p50':>8}{'p95':>8}{'max':>8}")
    rows = [
        ("finder search (the search box)", finder.view),
        ("finder, whole page", finder.page),
        ("its search SQL, raw", finder.search_sql),
        (f"all {finder.queries_per_request} queries of the request, raw", finder.request_sql),
        ("admin changelist, icontains", finder.admin),
    ]
    for label, values in rows:
        print(f"  {label:<34}{p(values, 50):>8.1f}{p(values, 95):>8.1f}{max(values):>8.1f}")
    view95 = p(finder.view, 95)
    ratio = view95 / p(finder.search_sql, 95)
    ratio_request = view95 / p(finder.request_sql, 95)
    speedup = p(finder.admin, 95) / view95
    print(
        f"  search p95 / search SQL p95: {ratio:.2f}   search p95 / request SQL p95: "
        f"{ratio_request:.2f}   admin p95 / search p95: {speedup:.1f}"
    )
    page95 = p(finder.page, 95)
    print(
        f"  whole page p95 / search SQL p95: {page95 / p(finder.search_sql, 95):.2f}   "
        f"admin p95 / whole page p95: {p(finder.admin, 95) / page95:.1f}"
    )
    views = {
        k: [v for v, q in zip(finder.view, queries, strict=True) if q.kind == k] for k, _ in KINDS
    }
    by_kind = ", ".join(f"{k} {p(times, 95):.1f}" for k, times in views.items() if times)
    print(f"  view p95 by kind (ms): {by_kind}")

    cold, warm, queries_run = measure_statistics(clerk, 50)
    print(
        f"statistics, Union clerk (all {count:,} people): after a write {cold:.0f} ms, "
        f"then p50 {p(warm, 50):.1f} ms, p95 {p(warm, 95):.1f} ms ({queries_run} queries)"
    )
    a_cold, a_warm, a_queries = measure_statistics(association_clerk, 20)
    members = (
        Membership.objects.filter(association__organization__code="HOI01", left_on__isnull=True)
        .values("person")
        .distinct()
        .count()
    )
    print(
        f"statistics, association clerk ({members:,} current members, the figures of those "
        f"members only, cached per set of associations): after a write {a_cold:.0f} ms, "
        f"then p95 {p(a_warm, 95):.1f} ms ({a_queries} queries)"
    )
    stats95 = p(warm, 95)
    print(
        f"targets: p95 {view95:.1f} <= 50 ms, ratio {ratio:.2f} <= 2, "
        f"speedup {speedup:.1f} >= 20, statistics p95 {stats95:.1f} <= 200 ms"
    )
    print(
        f"RESULT p95_ms={view95:.1f} ratio_to_sql={ratio:.2f} "
        f"speedup_vs_admin={speedup:.1f} stats_p95_ms={stats95:.1f}"
    )


if __name__ == "__main__":
    main()

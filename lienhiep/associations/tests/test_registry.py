"""The registry: list, flags, filters, search and order; edits, counts, branches, reports."""

from __future__ import annotations

import datetime
from io import StringIO
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lienhiep.associations.listing import figures_year, owing
from lienhiep.associations.models import ActivityReport, Association, Branch, MemberCount
from lienhiep.associations.testing import (
    PDF_BYTES,
    TODAY,
    add_branch,
    add_count,
    add_report,
    build_associations,
    make_association,
)
from lienhiep.core.models import Organization, OrganizationKind, Role
from lienhiep.core.testing import World, client_for, make_org

LONG_AGO = datetime.date(2015, 4, 1)


def _listed(world: World, actor: str = Role.UNION_STAFF, **params: str) -> list[str]:
    response = client_for(world, actor).get(reverse("associations:list"), params)
    assert response.status_code == 200
    return [association.name for association, _past in response.context["rows"]]


def _association(world: World, code: str, name: str, **fields: object) -> Association:
    organization = make_org(code, name, OrganizationKind.ASSOCIATION, world.union)
    return make_association(organization, **fields)


def test_list_shows_profile_president_term_and_latest_member_count(world: World) -> None:
    own = build_associations(world).own
    add_count(own, 2024, 310)
    add_count(own, 2025, 345)
    response = client_for(world, Role.OVERSIGHT).get(reverse("associations:list"))
    content = response.content.decode()
    assert "Hội Y học tỉnh" in content
    assert "Hội Làm vườn tỉnh" in content
    assert "Nguyễn Văn An" in content
    assert "Khoa học y, dược" in content
    assert "20/03/2028" in content  # last congress 20/03/2023 + 5 years
    assert "345" in content
    assert "310" not in content


def test_member_counts_are_written_with_the_languages_thousands_separator(world: World) -> None:
    own = build_associations(world).own
    add_count(own, 2025, 12450)
    client = client_for(world, Role.UNION_STAFF)
    assert "12.450" in client.get(reverse("associations:list")).content.decode()
    assert "12.450" in client.get(reverse("associations:detail", args=[own.pk])).content.decode()
    client.post(reverse("set_language"), {"language": "en"})
    assert "12,450" in client.get(reverse("associations:list")).content.decode()


def test_association_past_its_term_is_flagged_in_list_and_page(world: World) -> None:
    late = _association(world, "HDY", "Hội Đông y tỉnh", last_congress_on=LONG_AGO)
    build_associations(world)
    assert late.is_past_term(TODAY)
    client = client_for(world, Role.UNION_LEADER)
    rows = client.get(reverse("associations:list")).context["rows"]
    assert {a.name: past for a, past in rows} == {
        "Hội Đông y tỉnh": True,
        "Hội Làm vườn tỉnh": False,
        "Hội Y học tỉnh": False,
    }
    assert "Quá nhiệm kỳ" in client.get(late.get_absolute_url()).content.decode()


def test_an_association_that_never_held_a_congress_is_in_its_first_term(world: World) -> None:
    founded = _association(world, "HDY", "Hội Đông y tỉnh", founded_on=LONG_AGO)
    assert founded.term_ends_on == datetime.date(2020, 4, 1)
    assert founded.is_past_term(TODAY)
    young = _association(world, "HTS", "Hội Nghề cá tỉnh", founded_on=TODAY)
    assert not young.is_past_term(TODAY)
    unknown = _association(world, "HSK", "Hội Sử học tỉnh")
    assert (unknown.term_ends_on, unknown.is_past_term(TODAY)) == (None, False)


def test_dissolved_association_is_never_past_its_term(world: World) -> None:
    gone = _association(
        world, "HTS", "Hội Nghề cá tỉnh", last_congress_on=LONG_AGO, status="dissolved"
    )
    assert not gone.is_past_term(TODAY)


def test_filters_by_status_field_and_past_term(world: World) -> None:
    build_associations(world)
    _association(world, "HDY", "Hội Đông y tỉnh", last_congress_on=LONG_AGO)
    _association(world, "HDC", "Hội Địa chất tỉnh", field="natural", status="consolidating")
    assert _listed(world, status="consolidating") == ["Hội Địa chất tỉnh"]
    assert _listed(world, field="agricultural") == ["Hội Làm vườn tỉnh"]
    assert _listed(world, past_term="on") == ["Hội Đông y tỉnh"]
    assert _listed(world, field="medical", past_term="on") == ["Hội Đông y tỉnh"]


def test_filter_on_associations_still_owing_last_years_figures(world: World) -> None:
    d = build_associations(world)
    year = timezone.localdate().year - 1
    add_count(d.own, year, 100)
    add_report(d.own, year)
    add_count(d.other, year, 80)
    _association(world, "HGT", "Hội Giải thể tỉnh", status="dissolved")
    assert _listed(world, owing="on") == ["Hội Làm vườn tỉnh"]
    add_report(d.other, year)
    assert _listed(world, owing="on") == []


def test_search_ignores_diacritics_and_matches_the_abbreviation(world: World) -> None:
    build_associations(world)
    assert _listed(world, q="hoi lam vuon") == ["Hội Làm vườn tỉnh"]
    assert _listed(world, q="HỘI Y HỌC") == ["Hội Y học tỉnh"]
    assert _listed(world, q="hlv") == ["Hội Làm vườn tỉnh"]


def test_list_is_in_vietnamese_alphabetical_order(world: World) -> None:
    build_associations(world)
    _association(world, "HDY", "Hội Đông y tỉnh")
    _association(world, "HDH", "Hội Dược học tỉnh")
    _association(world, "HAN", "Hội Ẩm thực tỉnh")
    _association(world, "HAA", "Hội An toàn lao động tỉnh")
    assert _listed(world) == [
        "Hội An toàn lao động tỉnh",
        "Hội Ẩm thực tỉnh",
        "Hội Dược học tỉnh",
        "Hội Đông y tỉnh",
        "Hội Làm vườn tỉnh",
        "Hội Y học tỉnh",
    ]


def _list_queries(world: World) -> int:
    client = client_for(world, Role.UNION_STAFF)
    client.get(reverse("associations:list"))  # warm the session
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("associations:list"))
    assert response.status_code == 200
    return len(queries)


def _add_associations(world: World, count: int, start: int) -> None:
    for n in range(start, start + count):
        association = _association(world, f"H{n:03d}", f"Hội số {n}", last_congress_on=LONG_AGO)
        add_count(association, 2024, n)
        add_count(association, 2025, n + 1)


def test_list_runs_the_same_number_of_queries_for_3_or_30_associations(world: World) -> None:
    _add_associations(world, 3, 0)
    few = _list_queries(world)
    _add_associations(world, 27, 3)
    assert _list_queries(world) == few


def test_association_staff_edit_their_association_and_history_records_it(world: World) -> None:
    own = build_associations(world).own
    staff = world.users[Role.ASSOCIATION_STAFF]
    client = client_for(world, Role.ASSOCIATION_STAFF)
    response = client.post(
        reverse("associations:edit", args=[own.pk]),
        {
            "president": "Lò Thị Phanh",
            "vice_presidents": "Giàng A Dơ\nTẩn Láo Lở",
            "term_years": 5,
            "last_congress_on": "20/03/2023",
            "next_congress_on": "15/3/2028",
            # Not on the staff's form: the status stays the Union's decision.
            "status": "dissolved",
        },
    )
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.president == "Lò Thị Phanh"
    assert own.next_congress_on == datetime.date(2028, 3, 15)
    assert own.status == "active"
    assert own.history.latest().history_user == staff
    history = client.get(reverse("associations:history", args=[own.pk])).content.decode()
    assert "Lò Thị Phanh" in history
    assert str(staff) in history


def test_a_textarea_sent_again_unchanged_is_no_change_in_the_history(world: World) -> None:
    own = build_associations(world).own
    client = client_for(world, Role.ASSOCIATION_STAFF)
    url = reverse("associations:edit", args=[own.pk])
    # Browsers end a textarea's lines with "\r\n", whatever the text was saved with.
    data = {
        "president": "Lò Thị Phanh",
        "vice_presidents": "Giàng A Dơ\r\nTẩn Láo Lở\rLý A Sử",
        "term_years": 5,
    }
    assert client.post(url, data).status_code == 302
    own.refresh_from_db()
    assert own.vice_presidents == "Giàng A Dơ\nTẩn Láo Lở\nLý A Sử"
    assert client.post(url, {**data, "president": "Vàng A Chu"}).status_code == 302
    history = client.get(reverse("associations:history", args=[own.pk]))
    latest = history.context["entries"][0]
    assert {(c.old, c.new) for c in latest.changes} == {("Lò Thị Phanh", "Vàng A Chu")}


def test_next_congress_before_the_last_one_is_refused(world: World) -> None:
    own = build_associations(world).own
    response = client_for(world, Role.UNION_STAFF).post(
        reverse("associations:edit", args=[own.pk]),
        {
            "name": own.name,
            "status": "active",
            "term_years": 5,
            "last_congress_on": "20/03/2023",
            "next_congress_on": "01/01/2020",
        },
    )
    assert response.status_code == 200
    own.refresh_from_db()
    assert own.next_congress_on is None


def test_manager_registers_an_association_under_the_union(world: World) -> None:
    client = client_for(world, Role.UNION_STAFF)
    response = client.post(
        reverse("associations:create"),
        {
            "name": "Hội Tin học tỉnh",
            "code": "hth",
            "field": "engineering",
            "status": "active",
            "term_years": 5,
            "founded_on": "9/5/2010",
        },
    )
    association = Association.objects.get(organization__code="HTH")
    assert response.status_code == 302
    assert response["Location"] == association.get_absolute_url()
    assert association.organization.kind == OrganizationKind.ASSOCIATION
    assert association.organization.parent == world.union
    assert association.founded_on == datetime.date(2010, 5, 9)
    assert association.history.get().history_user == world.users[Role.UNION_STAFF]


def test_registering_takes_an_existing_association_organization(world: World) -> None:
    client = client_for(world, Role.UNION_STAFF)
    data = {"name": "Hội Y học tỉnh", "code": "HYH", "status": "active", "term_years": 5}
    response = client.post(reverse("associations:create"), data)
    assert response.status_code == 302
    assert Association.objects.get().organization == world.association
    again = client.post(reverse("associations:create"), data)
    assert again.status_code == 200
    assert "đã có trong danh sách" in again.content.decode()
    assert Association.objects.count() == 1


def test_a_code_of_another_kind_of_organization_is_refused(world: World) -> None:
    client = client_for(world, Role.UNION_STAFF)
    response = client.post(
        reverse("associations:create"),
        {"name": "Hội mới", "code": "LHH", "status": "active", "term_years": 5},
    )
    assert response.status_code == 200
    assert not Association.objects.exists()


def test_member_count_recorded_once_a_year(world: World) -> None:
    own = build_associations(world).own
    client = client_for(world, Role.ASSOCIATION_STAFF)
    url = reverse("associations:member_count_add", args=[own.pk])
    first = client.post(url, {"year": 2025, "members": 120, "branches": 4})
    assert first.status_code == 302
    second = client.post(url, {"year": 2025, "members": 999, "branches": 4})
    assert second.status_code == 200
    assert "Năm 2025 đã có số hội viên" in second.content.decode()
    assert list(MemberCount.objects.values_list("year", "members")) == [(2025, 120)]
    assert MemberCount.history.get().history_user == world.users[Role.ASSOCIATION_STAFF]


def test_a_count_typed_wrong_is_corrected_and_the_history_keeps_both(world: World) -> None:
    own = build_associations(world).own
    count = add_count(own, 2025, 1200)
    client = client_for(world, Role.ASSOCIATION_STAFF)
    page = client.get(own.get_absolute_url()).content.decode()
    url = reverse("associations:member_count_edit", args=[count.pk])
    assert url in page
    form = client.get(url)
    assert form.context["form"]["members"].value() == 1200
    response = client.post(url, {"year": 2025, "members": 120, "branches": 4})
    assert response.status_code == 302
    assert list(own.member_counts.values_list("year", "members", "branches")) == [(2025, 120, 4)]
    history = client.get(reverse("associations:history", args=[own.pk]))
    [entry] = [e for e in history.context["entries"] if e.action == "Sửa đổi"]
    assert entry.who == str(world.users[Role.ASSOCIATION_STAFF])
    assert {(c.old, c.new) for c in entry.changes} == {("1.200", "120"), ("0", "4")}


def test_a_count_moved_onto_a_recorded_year_is_refused(world: World) -> None:
    own = build_associations(world).own
    add_count(own, 2024, 100)
    count = add_count(own, 2025, 110)
    response = client_for(world, Role.UNION_STAFF).post(
        reverse("associations:member_count_edit", args=[count.pk]),
        {"year": 2024, "members": 999, "branches": 0},
    )
    assert response.status_code == 200
    assert "Năm 2024 đã có số hội viên" in response.content.decode()
    assert sorted(own.member_counts.values_list("year", "members")) == [(2024, 100), (2025, 110)]


def test_a_bad_correction_is_refused_in_vietnamese_and_keeps_what_was_typed(
    world: World,
) -> None:
    count = add_count(build_associations(world).own, 2025, 110)
    response = client_for(world, Role.UNION_STAFF).post(
        reverse("associations:member_count_edit", args=[count.pk]),
        {"year": 2025, "members": "-5", "branches": 2},
    )
    assert response.status_code == 200
    assert "lớn hơn hoặc bằng với 0" in response.content.decode()
    assert response.context["form"]["branches"].value() == "2"
    count.refresh_from_db()
    assert (count.members, count.branches) == (110, 0)


def test_a_count_recorded_by_mistake_is_removed_after_asking(world: World) -> None:
    own = build_associations(world).own
    count = add_count(own, 2025, 110)
    client = client_for(world, Role.ASSOCIATION_STAFF)
    url = reverse("associations:member_count_remove", args=[count.pk])
    assert (
        url
        in client.get(reverse("associations:member_count_edit", args=[count.pk])).content.decode()
    )
    question = client.get(url)
    assert "110" in question.content.decode()
    assert MemberCount.objects.exists()
    assert client.post(url).status_code == 302
    assert not MemberCount.objects.exists()
    history = client.get(reverse("associations:history", args=[own.pk]))
    [entry] = [e for e in history.context["entries"] if e.action == "Xóa"]
    assert (entry.subject, entry.who) == (
        "số hội viên năm 2025",
        str(world.users[Role.ASSOCIATION_STAFF]),
    )


def test_a_branch_is_corrected_then_removed_and_the_history_keeps_it(world: World) -> None:
    own = build_associations(world).own
    branch = add_branch(own, "Chi hội Tam Đuờng")
    client = client_for(world, Role.UNION_STAFF)
    edit = reverse("associations:branch_edit", args=[branch.pk])
    assert edit in client.get(own.get_absolute_url()).content.decode()
    response = client.post(
        edit, {"name": "Chi hội Tam Đường", "place": "Xã Tam Đường", "members": 35}
    )
    assert response.status_code == 302
    assert list(own.branches.values_list("name", "members")) == [("Chi hội Tam Đường", 35)]
    remove = reverse("associations:branch_remove", args=[branch.pk])
    assert client.post(remove).status_code == 302
    assert not own.branches.exists()
    history = client.get(reverse("associations:history", args=[own.pk]))
    actions = [(e.action, e.subject) for e in history.context["entries"]]
    assert ("Xóa", "chi hội Chi hội Tam Đường") in actions
    assert ("Sửa đổi", "chi hội Chi hội Tam Đường") in actions


def test_a_branch_left_without_a_name_is_refused_and_kept(world: World) -> None:
    branch = add_branch(build_associations(world).own)
    response = client_for(world, Role.UNION_STAFF).post(
        reverse("associations:branch_edit", args=[branch.pk]), {"name": "", "members": 5}
    )
    assert response.status_code == 200
    assert "Trường này là bắt buộc." in response.content.decode()
    branch.refresh_from_db()
    assert (branch.name, branch.members) == ("Chi hội Tam Đường", 30)


def test_a_report_filed_by_mistake_is_withdrawn_with_its_file(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    own = build_associations(world).own
    report = add_report(own)
    storage, name = report.file.storage, report.file.name
    assert name is not None
    assert storage.exists(name)
    client = client_for(world, Role.ASSOCIATION_STAFF)
    url = reverse("associations:report_withdraw", args=[report.pk])
    assert url in client.get(own.get_absolute_url()).content.decode()
    assert "bao-cao.pdf" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url).status_code == 302
    assert not ActivityReport.objects.exists()
    assert not storage.exists(name)
    history = client.get(reverse("associations:history", args=[own.pk]))
    [entry] = [e for e in history.context["entries"] if e.action == "Xóa"]
    assert entry.subject == "báo cáo hoạt động năm 2025 (bao-cao.pdf)"
    assert entry.who == str(world.users[Role.ASSOCIATION_STAFF])


def test_readers_see_no_correction_links(world: World) -> None:
    own = build_associations(world).own
    count = add_count(own, 2025, 110)
    branch = add_branch(own)
    report = add_report(own)
    page = client_for(world, Role.OVERSIGHT).get(own.get_absolute_url()).content.decode()
    for url in (
        reverse("associations:member_count_edit", args=[count.pk]),
        reverse("associations:branch_edit", args=[branch.pk]),
        reverse("associations:report_withdraw", args=[report.pk]),
    ):
        assert url not in page


def test_member_counts_show_as_a_table_and_bars(world: World) -> None:
    own = build_associations(world).own
    add_count(own, 2024, 100)
    add_count(own, 2025, 200)
    response = client_for(world, Role.OVERSIGHT).get(own.get_absolute_url())
    bars = [(bar.count.year, bar.percent) for bar in response.context["bars"]]
    assert bars == [(2024, 50), (2025, 100)]
    assert 'style="width: 50%"' in response.content.decode()


def test_branch_added_to_the_association(world: World) -> None:
    own = build_associations(world).own
    response = client_for(world, Role.UNION_STAFF).post(
        reverse("associations:branch_add", args=[own.pk]),
        {"name": "Chi hội Sìn Hồ", "place": "Xã Sìn Hồ", "members": 25},
    )
    assert response.status_code == 302
    assert list(own.branches.values_list("name", flat=True)) == ["Chi hội Sìn Hồ"]


def test_branch_without_a_name_is_refused(world: World) -> None:
    own = build_associations(world).own
    response = client_for(world, Role.UNION_STAFF).post(
        reverse("associations:branch_add", args=[own.pk]), {"place": "Xã Sìn Hồ"}
    )
    assert response.status_code == 200
    assert "Trường này là bắt buộc." in response.content.decode()
    assert not Branch.objects.exists()


def test_activity_report_is_filed_and_downloaded_through_the_access_check(world: World) -> None:
    own = build_associations(world).own
    client = client_for(world, Role.ASSOCIATION_STAFF)
    response = client.post(
        reverse("associations:report_add", args=[own.pk]),
        {
            "year": 2025,
            "summary": "Tổ chức 3 hội thảo.",
            "upload": SimpleUploadedFile("Báo cáo 2025.pdf", PDF_BYTES),
        },
    )
    assert response.status_code == 302
    report = ActivityReport.objects.get()
    assert report.submitted_by == world.users[Role.ASSOCIATION_STAFF]
    download = client.get(reverse("associations:report_download", args=[report.pk]))
    assert b"".join(download.streaming_content) == PDF_BYTES  # type: ignore[attr-defined]
    assert "attachment" in download["Content-Disposition"]
    page = client.get(own.get_absolute_url()).content.decode()
    assert reverse("associations:report_download", args=[report.pk]) in page
    assert "/media/" not in page


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", b"MZ\x90\x00", "chỉ nhận"),
        ("gia-mao.pdf", b"MZ\x90\x00 not a pdf", "gia-mao.pdf"),
        ("rong.pdf", b"", "rỗng"),
    ],
)
def test_bad_report_file_is_refused_and_nothing_saved(
    world: World, name: str, content: bytes, message: str
) -> None:
    own = build_associations(world).own
    response = client_for(world, Role.ASSOCIATION_STAFF).post(
        reverse("associations:report_add", args=[own.pk]),
        {"year": 2025, "upload": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ActivityReport.objects.exists()


def test_reports_of_another_association_are_refused(world: World) -> None:
    report = add_report(build_associations(world).other)
    client = client_for(world, Role.ASSOCIATION_STAFF)
    assert client.get(reverse("associations:report_download", args=[report.pk])).status_code == 404


@pytest.mark.django_db
def test_demo_registry_loads_forty_associations_once() -> None:
    call_command("load_demo", stdout=StringIO())

    def counts() -> tuple[int, ...]:
        return (
            Association.objects.count(),
            Organization.objects.filter(kind=OrganizationKind.ASSOCIATION).count(),
            MemberCount.objects.count(),
            Branch.objects.count(),
            ActivityReport.objects.count(),
            Association.history.count(),
            Organization.history.count(),
        )

    first = counts()
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert counts() == first
    assert first[0] == 40
    assert "(0 mới)" in out.getvalue()
    today = timezone.localdate()
    past = [a for a in Association.objects.all() if a.is_past_term(today)]
    assert len(past) == 5
    assert Association.objects.filter(status="dissolved").count() == 1
    # Seven working associations are late with last year's report.
    assert len(owing(list(Association.objects.all()), figures_year(today))) == 7

"""Keeping the registry by hand: adding a person, correcting a record, joining and leaving."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lienhiep.associations.models import Association
from lienhiep.core.models import OrganizationKind, Role
from lienhiep.core.testing import World, client_for, make_org, select_options
from lienhiep.workforce.models import Membership, Person, PersonErasure, RosterImport
from lienhiep.workforce.names import SORT_KEY_LENGTH

pytestmark = pytest.mark.django_db
CREATE = reverse("workforce:person_create")


def _association(world: World) -> Association:
    return Association.objects.get_or_create(organization=world.association)[0]


def _other(world: World) -> Association:
    return Association.objects.get_or_create(organization=world.other_association)[0]


def _member(world: World, name: str = "Phạm Thị Lan", **fields: Any) -> Person:
    person = Person.objects.create(full_name=name, **fields)
    Membership.objects.create(person=person, association=_association(world))
    return person


def _errors(response: Any, form: str = "form") -> dict[str, list[str]]:
    return {
        name: [str(e) for e in errors] for name, errors in response.context[form].errors.items()
    }


def _leaving_form(response: Any, membership: Membership) -> Any:
    """The person page's "left on" form of ``membership``."""
    [form] = [form for m, form in response.context["memberships"] if m.pk == membership.pk]
    return form


@pytest.mark.parametrize(
    "name",
    [
        # The longest name the form takes, its middle name of over a hundred characters.
        ("Nguyễn Thị Hồng Nhung Trần Văn Đức Phạm Quốc Việt Lê Thị Thanh Hương " * 3)[:150],
        "Nguyễn-Trần-Lê-Phạm-Hoàng-Huỳnh-Phan-Vũ-Võ-Đặng-Bùi-Đỗ Văn An",  # family name of 55
        "Đặng" + "ặ" * 40 + " " + "Ặ" * 45 + " " + "ặ" * 10 + " " + "Ặ" * 45,  # 16 digits a letter
    ],
)
def test_a_name_as_long_as_the_form_takes_is_saved(world: World, name: str) -> None:
    client = client_for(world, Role.UNION_STAFF)
    response = client.post(CREATE, {"full_name": name, "same_name_is_another_person": "on"})
    assert response.status_code == 302, _errors(response)
    person = Person.objects.get()
    assert person.full_name == " ".join(name.split())
    assert " ".join((person.family_name, person.middle_name, person.given_name)) == person.full_name
    assert len(person.sort_key) <= SORT_KEY_LENGTH


def test_association_staff_add_a_member_of_their_association(world: World) -> None:
    association = _association(world)
    client = client_for(world, Role.ASSOCIATION_STAFF)
    form = client.get(CREATE).context["form"]
    assert [a.pk for a in form.fields["association"].queryset] == [association.pk]
    response = client.post(
        CREATE,
        {
            "full_name": "  Lò   Văn  Thắng ",
            "born": "09/05/1975",
            "gender": "male",
            "phone": "+84 912 345 678",
            "email": "Thang.LV@LaiChau.gov.vn",
            "association": association.pk,
            "joined_on": "01/03/2020",
        },
    )
    person = Person.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("workforce:person_detail", args=[person.pk])
    assert (person.full_name, person.given_name, person.name_folded) == (
        "Lò Văn Thắng",
        "Thắng",
        "lo van thang",
    )
    assert (person.birth_date, person.birth_year) == (datetime.date(1975, 5, 9), 1975)
    assert (person.phone, person.email) == ("0912345678", "thang.lv@laichau.gov.vn")
    membership = person.memberships.get()
    assert (membership.association, membership.joined_on) == (
        association,
        datetime.date(2020, 3, 1),
    )
    assert person.history.get().history_user == world.users[Role.ASSOCIATION_STAFF]
    finder = client.get(reverse("workforce:finder"), {"q": "lo van thang"})
    assert [p["full_name"] for p in finder.context["page"].people] == ["Lò Văn Thắng"]


def test_association_staff_cannot_add_to_another_association(world: World) -> None:
    _association(world)
    other = _other(world)
    client = client_for(world, Role.ASSOCIATION_STAFF)
    response = client.post(CREATE, {"full_name": "Lò Văn Thắng", "association": other.pk})
    assert response.status_code == 200
    assert "association" in _errors(response)
    response = client.post(CREATE, {"full_name": "Lò Văn Thắng"})
    assert _errors(response)["association"] == ["Trường này là bắt buộc."]
    assert not Person.objects.exists()


def test_union_staff_add_a_person_of_no_association(world: World) -> None:
    _association(world)
    client = client_for(world, Role.UNION_STAFF)
    response = client.post(CREATE, {"full_name": "Hoàng Văn Sơn", "born": "1968"})
    assert response.status_code == 302
    person = Person.objects.get()
    assert (person.birth_date, person.birth_year) == (None, 1968)
    assert not person.memberships.exists()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"full_name": "Thắng"}, "full_name", "Hãy ghi đủ họ, tên đệm và tên."),
        ({"born": "1850"}, "born", "“1850” không phải ngày hay năm"),
        ({"born": "1899"}, "born", "“1899” không phải ngày hay năm"),
        ({"born": "31/12/2999"}, "born", "Năm sinh 2999 không hợp lý."),
        ({"born": "31/02/1980"}, "born", "tháng 2 năm 1980 chỉ có 29 ngày"),
        ({"phone": "09123"}, "phone", "“09123” không phải số điện thoại."),
        ({"email": "thang@"}, "email", "Nhập địa chỉ email."),
        ({"consent_on": "01/01/2024"}, "consent_on", "Chỉ ghi ngày đồng ý khi người đó đã đồng ý."),
    ],
)
def test_bad_input_is_explained_in_vietnamese_and_saves_nothing(
    world: World, data: dict[str, str], field: str, message: str
) -> None:
    _association(world)
    response = client_for(world, Role.UNION_STAFF).post(
        CREATE, {"full_name": "Lò Văn Thắng", **data}
    )
    assert response.status_code == 200
    assert any(message in error for error in _errors(response)[field]), _errors(response)
    assert not Person.objects.exists()


def test_the_same_phone_or_email_is_someone_already_registered(world: World) -> None:
    _member(world, "Phạm Thị Lan", phone="0912345678", email="lan@example.vn")
    client = client_for(world, Role.UNION_STAFF)
    response = client.post(
        CREATE, {"full_name": "Lò Văn Thắng", "phone": "0912.345.678", "email": "LAN@example.vn"}
    )
    errors = _errors(response)
    assert errors["phone"] == ["Phạm Thị Lan trong cơ sở dữ liệu đã dùng thông tin này."]
    assert errors["email"] == ["Phạm Thị Lan trong cơ sở dữ liệu đã dùng thông tin này."]
    assert Person.objects.count() == 1


def test_a_namesake_born_the_same_year_is_saved_once_confirmed(world: World) -> None:
    _member(world, "Nguyễn Văn Đức", birth_year=1980)
    client = client_for(world, Role.UNION_STAFF)
    data = {"full_name": "Nguyen Van Duc", "born": "1980"}
    data["full_name"] = "Nguyễn Văn Đức"
    response = client.post(CREATE, data)
    assert "sinh năm 1980" in _errors(response)["same_name_is_another_person"][0]
    assert 'type="checkbox" name="same_name_is_another_person"' in response.content.decode()
    assert Person.objects.count() == 1
    response = client.post(CREATE, {**data, "same_name_is_another_person": "on"})
    assert response.status_code == 302
    assert Person.objects.filter(name_folded="nguyen van duc").count() == 2


def test_correcting_a_record_renames_it_for_search_and_order(world: World) -> None:
    person = _member(world, "Nguyen Van Duc", birth_year=1980)
    client = client_for(world, Role.ASSOCIATION_STAFF)
    url = reverse("workforce:person_edit", args=[person.pk])
    form = client.get(url).context["form"]
    assert form.initial["born"] == 1980
    assert "association" not in form.fields
    response = client.post(url, {"full_name": "Nguyễn Văn Đức", "born": "1980", "consent": "on"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.full_name, person.name_folded, person.consent) == (
        "Nguyễn Văn Đức",
        "nguyen van duc",
        True,
    )
    assert person.history.count() == 2


def test_a_correction_never_tells_association_staff_whose_number_they_typed(
    world: World,
) -> None:
    person = _member(world, "Phạm Thị Lan")
    stranger = Person.objects.create(full_name="Trần Văn Cường", phone="0905111222")
    Membership.objects.create(person=stranger, association=_other(world))
    colleague = _member(world, "Lò Văn Thắng", email="thang@example.vn")
    url = reverse("workforce:person_edit", args=[person.pk])
    data = {"full_name": "Phạm Thị Lan", "phone": "0905 111 222", "email": "thang@example.vn"}
    response = client_for(world, Role.ASSOCIATION_STAFF).post(url, data)
    assert _errors(response) == {
        "phone": ["Một người khác trong cơ sở dữ liệu đã dùng thông tin này."],
        # Their own member they may be told of.
        "email": [f"{colleague} trong cơ sở dữ liệu đã dùng thông tin này."],
    }
    assert "Trần Văn Cường" not in response.content.decode()
    union = client_for(world, Role.UNION_STAFF).post(url, data)
    assert _errors(union)["phone"] == ["Trần Văn Cường trong cơ sở dữ liệu đã dùng thông tin này."]


def test_oversight_reads_but_cannot_change_a_record(world: World) -> None:
    person = _member(world)
    client = client_for(world, Role.OVERSIGHT)
    detail = client.get(reverse("workforce:person_detail", args=[person.pk]))
    assert detail.status_code == 200
    assert reverse("workforce:person_edit", args=[person.pk]) not in detail.content.decode()
    response = client.post(
        reverse("workforce:person_edit", args=[person.pk]), {"full_name": "Ai Đó Khác"}
    )
    assert response.status_code == 403
    person.refresh_from_db()
    assert person.full_name == "Phạm Thị Lan"


def test_association_staff_cannot_change_someone_who_left_their_association(
    world: World,
) -> None:
    person = _member(world)
    person.memberships.update(left_on=datetime.date(2024, 1, 1))
    response = client_for(world, Role.ASSOCIATION_STAFF).post(
        reverse("workforce:person_edit", args=[person.pk]), {"full_name": "Ai Đó Khác"}
    )
    assert response.status_code == 404
    person.refresh_from_db()
    assert person.full_name == "Phạm Thị Lan"


def test_association_staff_record_a_member_leaving(world: World) -> None:
    person = _member(world)
    membership = person.memberships.get()
    client = client_for(world, Role.ASSOCIATION_STAFF)
    detail = client.get(reverse("workforce:person_detail", args=[person.pk]))
    end_url = reverse("workforce:membership_end", args=[membership.pk])
    assert end_url in detail.content.decode()
    response = client.post(end_url, {"left_on": "30/06/2026"})
    # Gone from the association's list, so back to the list rather than to the person.
    assert response["Location"] == reverse("workforce:finder")
    membership.refresh_from_db()
    assert membership.left_on == datetime.date(2026, 6, 30)
    assert client.get(reverse("workforce:person_detail", args=[person.pk])).status_code == 404
    # The Union still sees the whole record, leaving included.
    page = client_for(world, Role.UNION_STAFF).get(
        reverse("workforce:person_detail", args=[person.pk])
    )
    assert "30/06/2026" in page.content.decode()


@pytest.mark.parametrize(
    ("left_on", "message"),
    [
        ("01/01/2019", "Ngày rời hội trước ngày vào hội."),
        ("01/01/2999", "Ngày này chưa đến."),
        ("31/13/2020", "Ngày “31/13/2020” không hợp lệ: không có tháng 13."),
        ("", "Trường này là bắt buộc."),
    ],
)
def test_leaving_needs_a_possible_date(world: World, left_on: str, message: str) -> None:
    person = _member(world)
    membership = person.memberships.get()
    membership.joined_on = datetime.date(2020, 1, 1)
    membership.save()
    client = client_for(world, Role.ASSOCIATION_STAFF)
    response = client.post(
        reverse("workforce:membership_end", args=[membership.pk]), {"left_on": left_on}
    )
    # The person's page again, the date as typed (not today's, which a second click
    # would record) and the error beside it.
    assert response.status_code == 200
    form = _leaving_form(response, membership)
    assert [str(e) for e in form.errors["left_on"]] == [message]
    html = response.content.decode()
    assert f'name="left_on" value="{left_on}"' in html or not left_on
    assert f'<ul class="errorlist" id="end-{membership.pk}-left_on_error"><li>' in html
    membership.refresh_from_db()
    assert membership.left_on is None


def test_a_membership_ends_once(world: World) -> None:
    person = _member(world)
    membership = person.memberships.get()
    client = client_for(world, Role.UNION_STAFF)
    url = reverse("workforce:membership_end", args=[membership.pk])
    client.post(url, {"left_on": "01/06/2026"})
    response = client.post(url, {"left_on": "02/06/2026"})
    assert response.status_code == 200
    assert "Người này đã rời hội từ trước." in response.content.decode()
    assert _leaving_form(response, membership).non_field_errors() == [
        "Người này đã rời hội từ trước."
    ]
    membership.refresh_from_db()
    assert membership.left_on == datetime.date(2026, 6, 1)


def test_a_refused_joining_keeps_what_was_typed(world: World) -> None:
    person = _member(world)
    other = _other(world)
    client = client_for(world, Role.UNION_STAFF)
    url = reverse("workforce:membership_add", args=[person.pk])
    # The address takes the form only: opened as a page, it leads to the person's.
    assert client.get(url)["Location"] == reverse("workforce:person_detail", args=[person.pk])
    response = client.post(
        url, {"association": other.pk, "joined_on": "31/13/2020", "role": "Ủy viên"}
    )
    assert response.status_code == 200
    form = response.context["membership_form"]
    assert _errors(response, "membership_form") == {
        "joined_on": ["Ngày “31/13/2020” không hợp lệ: không có tháng 13."]
    }
    assert (form["association"].value(), form["joined_on"].value(), form["role"].value()) == (
        str(other.pk),
        "31/13/2020",
        "Ủy viên",
    )
    html = response.content.decode()
    assert f'<option value="{other.pk}" selected>' in html
    assert 'name="joined_on" value="31/13/2020"' in html
    assert 'name="role" value="Ủy viên"' in html
    assert '<ul class="errorlist" id="id_joined_on_error">' in html
    assert not person.memberships.filter(association=other).exists()


def test_union_staff_record_joining_another_association_once(world: World) -> None:
    person = _member(world)
    other = _other(world)
    client = client_for(world, Role.UNION_STAFF)
    detail = client.get(reverse("workforce:person_detail", args=[person.pk]))
    # The person is already a current member of the first: only the other is offered.
    assert [a.pk for a in detail.context["membership_form"].fields["association"].queryset] == [
        other.pk
    ]
    url = reverse("workforce:membership_add", args=[person.pk])
    response = client.post(url, {"association": other.pk, "joined_on": "15/08/2025"})
    assert response.status_code == 302
    joined = person.memberships.get(association=other)
    assert (joined.joined_on, joined.left_on) == (datetime.date(2025, 8, 15), None)
    response = client.post(url, {"association": other.pk})
    assert person.memberships.filter(association=other).count() == 1
    # Sent again: no association is left to join, as for anyone with nothing to add.
    assert response.status_code == 403


def test_a_membership_recorded_wrong_is_corrected_and_the_history_says_by_whom(
    world: World,
) -> None:
    person = _member(world)
    membership = person.memberships.get()
    client = client_for(world, Role.ASSOCIATION_STAFF)
    url = reverse("workforce:membership_edit", args=[membership.pk])
    assert url in client.get(reverse("workforce:person_detail", args=[person.pk])).content.decode()
    response = client.post(url, {"joined_on": "15/03/2018", "left_on": "", "role": "Ủy viên"})
    assert response["Location"] == reverse("workforce:person_detail", args=[person.pk])
    membership.refresh_from_db()
    assert (membership.joined_on, membership.left_on, membership.role) == (
        datetime.date(2018, 3, 15),
        None,
        "Ủy viên",
    )
    history = client.get(reverse("workforce:person_history", args=[person.pk]))
    latest = history.context["entries"][0]
    assert latest.subject == "Tư cách hội viên tại Hội Y học tỉnh"
    assert latest.who == str(world.users[Role.ASSOCIATION_STAFF])
    assert {(c.old, c.new) for c in latest.changes} == {("—", "15/03/2018"), ("—", "Ủy viên")}


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"joined_on": "01/01/2999"}, "joined_on", "Ngày này chưa đến."),
        ({"joined_on": "01/06/2020", "left_on": "01/01/2019"}, "left_on",
         "Ngày rời hội trước ngày vào hội."),
        ({"joined_on": "31/02/2020"}, "joined_on", "tháng 2 năm 2020 chỉ có 29 ngày"),
    ],
)  # fmt: skip
def test_a_correction_that_cannot_be_true_is_refused(
    world: World, data: dict[str, str], field: str, message: str
) -> None:
    membership = _member(world).memberships.get()
    response = client_for(world, Role.UNION_STAFF).post(
        reverse("workforce:membership_edit", args=[membership.pk]), {"role": "", **data}
    )
    assert response.status_code == 200
    assert any(message in error for error in _errors(response)[field])
    membership.refresh_from_db()
    assert (membership.joined_on, membership.left_on) == (None, None)


def test_a_past_membership_is_not_reopened_beside_a_current_one(world: World) -> None:
    person = _member(world)
    past = Membership.objects.create(
        person=person, association=_association(world), left_on=datetime.date(2015, 1, 1)
    )
    response = client_for(world, Role.UNION_STAFF).post(
        reverse("workforce:membership_edit", args=[past.pk]), {"left_on": "", "role": ""}
    )
    assert "Phạm Thị Lan đang là hội viên của Hội Y học tỉnh." in _errors(response)["__all__"]
    past.refresh_from_db()
    assert past.left_on == datetime.date(2015, 1, 1)


def test_a_membership_recorded_by_mistake_is_removed_after_asking(world: World) -> None:
    person = _member(world)
    wrong = Membership.objects.create(person=person, association=_other(world))
    client = client_for(world, Role.UNION_STAFF)
    url = reverse("workforce:membership_remove", args=[wrong.pk])
    assert url in client.get(reverse("workforce:membership_edit", args=[wrong.pk])).content.decode()
    question = client.get(url).content.decode()
    assert "ghi nhầm" in question
    assert Membership.objects.filter(pk=wrong.pk).exists()  # asking removes nothing
    response = client.post(url)
    assert response["Location"] == reverse("workforce:person_detail", args=[person.pk])
    assert list(person.memberships.values_list("association", flat=True)) == [
        _association(world).pk
    ]
    history = client.get(reverse("workforce:person_history", args=[person.pk]))
    latest = history.context["entries"][0]
    assert (latest.action, latest.subject) == ("Xóa", "Tư cách hội viên tại Hội Làm vườn tỉnh")


def test_the_history_queries_do_not_grow_with_memberships(world: World) -> None:
    person = _member(world)
    client = client_for(world, Role.UNION_STAFF)
    url = reverse("workforce:person_history", args=[person.pk])

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    few = queries()
    for number in range(4):
        organization = make_org(f"H{number}", f"Hội số {number}", OrganizationKind.ASSOCIATION)
        joined = Membership.objects.create(
            person=person, association=Association.objects.create(organization=organization)
        )
        joined.role = "Ủy viên"
        joined.save()
    assert queries() == few


def test_association_staff_are_offered_corrections_only_in_their_association(
    world: World,
) -> None:
    person = _member(world)
    other = Membership.objects.create(person=person, association=_other(world))
    page = client_for(world, Role.ASSOCIATION_STAFF).get(
        reverse("workforce:person_detail", args=[person.pk])
    )
    html = page.content.decode()
    assert reverse("workforce:membership_edit", args=[person.memberships.get(
        association=_association(world)).pk]) in html  # fmt: skip
    assert reverse("workforce:membership_edit", args=[other.pk]) not in html


def test_the_person_page_offers_changes_to_those_who_may_make_them(world: World) -> None:
    person = _member(world)
    edit = reverse("workforce:person_edit", args=[person.pk])
    for actor in (Role.UNION_STAFF, Role.ASSOCIATION_STAFF):
        page = client_for(world, actor).get(reverse("workforce:person_detail", args=[person.pk]))
        assert edit in page.content.decode(), actor


def test_the_history_says_who_changed_what(world: World) -> None:
    person = _member(world, phone="0912345678")
    client = client_for(world, Role.ASSOCIATION_STAFF)
    client.post(
        reverse("workforce:person_edit", args=[person.pk]),
        {"full_name": "Phạm Thị Lan", "phone": "0987654321"},
    )
    page = client.get(reverse("workforce:person_history", args=[person.pk]))
    [change] = page.context["entries"][0].changes
    assert (change.old, change.new) == ("0912345678", "0987654321")
    assert page.context["entries"][0].who == str(world.users[Role.ASSOCIATION_STAFF])


def test_union_staff_erase_a_record_on_request_and_only_the_erasure_is_logged(
    world: World,
) -> None:
    person = _member(world, phone="0912345678")
    person.full_name = "Phạm Thị Lan Anh"
    person.save()
    number = person.pk
    batch = RosterImport.objects.create(
        association=_association(world),
        file_name="ds.xlsx",
        undo={"previous": {str(number): {"phone": "0900000000"}, "999": {}}, "memberships": []},
    )
    client = client_for(world, Role.UNION_STAFF)
    url = reverse("workforce:person_erase", args=[number])
    assert "Phạm Thị Lan Anh" in client.get(url).content.decode()
    refused = client.post(url, {"reason": ""})
    assert refused.context["form"].errors["reason"] == ["Trường này là bắt buộc."]
    assert Person.objects.filter(pk=number).exists()

    response = client.post(url, {"reason": "Người đó rút lại sự đồng ý"})
    assert response["Location"] == reverse("workforce:finder")
    assert not Person.objects.filter(pk=number).exists()
    assert not Membership.objects.filter(person_id=number).exists()
    assert not Person.history.filter(id=number).exists()
    assert not Membership.history.filter(person_id=number).exists()
    batch.refresh_from_db()
    assert batch.undo["previous"] == {"999": {}}
    erasure = PersonErasure.objects.get()
    assert (erasure.person_number, erasure.user, erasure.reason) == (
        number,
        world.users[Role.UNION_STAFF],
        "Người đó rút lại sự đồng ý",
    )
    log = client.get(reverse("workforce:erasure_log")).content.decode()
    assert "Người đó rút lại sự đồng ý" in log
    assert "Phạm Thị Lan" not in log


def test_association_staff_are_not_offered_erasure(world: World) -> None:
    person = _member(world)
    page = client_for(world, Role.ASSOCIATION_STAFF).get(
        reverse("workforce:person_detail", args=[person.pk])
    )
    assert reverse("workforce:person_erase", args=[person.pk]) not in page.content.decode()


def test_erasure_log_queries_do_not_grow_with_entries(world: World) -> None:
    client = client_for(world, Role.UNION_STAFF)
    url = reverse("workforce:erasure_log")
    user = world.users[Role.UNION_LEADER]
    PersonErasure.objects.create(user=user, person_number=1, reason="a")
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for number in range(2, 30):
        PersonErasure.objects.create(user=user, person_number=number, reason="b")
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_association_staff_record_someone_already_registered_as_their_member(
    world: World,
) -> None:
    association = _association(world)
    known = Person.objects.create(full_name="Trần Văn Cường", phone="0905111222", birth_year=1965)
    Membership.objects.create(person=known, association=_other(world))
    client = client_for(world, Role.ASSOCIATION_STAFF)
    data = {"full_name": "Tran Van Cuong", "phone": "0905 111 222", "association": association.pk}
    response = client.post(CREATE, data)
    # Whose number it is stays unsaid: the person is another association's.
    assert _errors(response)["phone"] == [
        "Một người khác trong cơ sở dữ liệu đã dùng thông tin này."
    ]
    assert "Trần Văn Cường" not in response.content.decode()
    assert 'type="checkbox" name="join_the_registered_person"' in response.content.decode()

    response = client.post(CREATE, {**data, "join_the_registered_person": "on"})
    assert response["Location"] == reverse("workforce:person_detail", args=[known.pk])
    assert Person.objects.count() == 1
    known.refresh_from_db()
    assert known.full_name == "Trần Văn Cường"  # the record is left as it is
    assert set(known.memberships.values_list("association", flat=True)) == {
        association.pk,
        _other(world).pk,
    }
    assert client.get(response["Location"]).status_code == 200

    again = client.post(CREATE, {**data, "join_the_registered_person": "on"})
    assert "Trần Văn Cường đang là hội viên của" in again.content.decode()
    assert known.memberships.count() == 2


def test_a_phone_and_an_email_of_two_different_people_offer_no_joining(world: World) -> None:
    association = _association(world)
    Person.objects.create(full_name="Trần Văn Cường", phone="0905111222")
    Person.objects.create(full_name="Lý Thị Hạnh", email="hanh@example.vn")
    client = client_for(world, Role.ASSOCIATION_STAFF)
    data = {
        "full_name": "Ai Đó",
        "phone": "0905111222",
        "email": "hanh@example.vn",
        "association": association.pk,
        "join_the_registered_person": "on",
    }
    response = client.post(CREATE, data)
    assert set(_errors(response)) == {"phone", "email"}
    assert 'type="checkbox" name="join_the_registered_person"' not in response.content.decode()
    assert not Membership.objects.exists()


def test_the_association_page_leads_to_its_members_and_to_its_roster_import(world: World) -> None:
    association = _association(world)
    _member(world, "Phạm Thị Lan")
    left = _member(world, "Lò Văn Thắng")
    left.memberships.update(left_on=datetime.date(2024, 1, 1))
    page_url = reverse("associations:detail", args=[association.pk])
    members = f"{reverse('workforce:finder')}?association={association.pk}"
    importing = f"{reverse('workforce:import_start')}?association={association.pk}"

    staff = client_for(world, Role.ASSOCIATION_STAFF).get(page_url).content.decode()
    assert f'href="{members}">1 hội viên trong cơ sở dữ liệu</a>' in staff
    assert importing in staff
    oversight = client_for(world, Role.OVERSIGHT).get(page_url).content.decode()
    assert members in oversight
    assert importing not in oversight


def test_the_roster_import_comes_with_the_association_chosen(world: World) -> None:
    _association(world)
    other = _other(world)
    client = client_for(world, Role.UNION_STAFF)
    form = client.get(reverse("workforce:import_start"), {"association": other.pk}).context["form"]
    assert form["association"].value() == str(other.pk)


def test_a_correction_is_not_refused_for_a_namesake_or_phone_it_already_had(world: World) -> None:
    Person.objects.create(full_name="Nguyễn Văn Đức", birth_year=1980, phone="0912345678")
    person = _member(world, "Nguyễn Văn Đức", birth_year=1980, phone="0912345678")
    client = client_for(world, Role.ASSOCIATION_STAFF)
    url = reverse("workforce:person_edit", args=[person.pk])
    data = {"full_name": "Nguyễn Văn Đức", "born": "1980", "phone": "0912345678"}
    response = client.post(url, {**data, "position": "Trưởng khoa"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.position == "Trưởng khoa"
    # Changing the birth year to another namesake's still asks.
    Person.objects.create(full_name="Nguyễn Văn Đức", birth_year=1981)
    response = client.post(url, {**data, "born": "1981"})
    assert "same_name_is_another_person" in _errors(response)


def test_joining_cannot_be_recorded_in_the_future(world: World) -> None:
    # A membership joined in the future could be neither ended nor corrected after.
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).strftime("%d/%m/%Y")
    person = _member(world)
    other = _other(world)
    client = client_for(world, Role.UNION_STAFF)
    response = client.post(
        reverse("workforce:membership_add", args=[person.pk]),
        {"association": other.pk, "joined_on": tomorrow},
    )
    assert _errors(response, "membership_form") == {"joined_on": ["Ngày này chưa đến."]}
    assert not person.memberships.filter(association=other).exists()
    response = client.post(
        CREATE, {"full_name": "Lò Văn Thắng", "association": other.pk, "joined_on": tomorrow}
    )
    assert _errors(response) == {"joined_on": ["Ngày này chưa đến."]}
    assert not Person.objects.filter(full_name="Lò Văn Thắng").exists()


def test_associations_and_communes_to_choose_from_are_in_vietnamese_order(world: World) -> None:
    # What database order gets wrong: "Ch" before "Cầ", "â" before "ă", "Bu" before "Bì".
    for code, name in [("HCD", "Hội Cầu đường"), ("HCN", "Hội Chăn nuôi"), ("HCC", "Hội Châm cứu")]:
        Association.objects.create(organization=make_org(code, name, OrganizationKind.ASSOCIATION))
    for code, name in [("XA-BN", "Xã Bum Nưa"), ("XA-BL", "Xã Bình Lư")]:
        make_org(code, name, OrganizationKind.COMMUNE)
    person = _member(world)  # of Hội Y học tỉnh: not offered to join again
    associations = ["Hội Cầu đường", "Hội Chăn nuôi", "Hội Châm cứu"]
    client = client_for(world, Role.UNION_STAFF)

    page = client.get(reverse("workforce:person_detail", args=[person.pk])).content.decode()
    assert select_options(page, "association") == associations
    new_person = client.get(CREATE).content.decode()
    assert select_options(new_person, "association") == [*associations, "Hội Y học tỉnh"]
    assert select_options(new_person, "commune") == ["Xã Bình Lư", "Xã Bum Nưa"]
    importing = client.get(reverse("workforce:import_start")).content.decode()
    assert select_options(importing, "association") == [*associations, "Hội Y học tỉnh"]
    # Refused, the page keeps the order.
    refused = client.post(
        reverse("workforce:membership_add", args=[person.pk]), {"joined_on": "31/13/2020"}
    )
    assert select_options(refused.content.decode(), "association") == associations


def test_a_note_sent_again_unchanged_is_no_change_in_the_history(world: World) -> None:
    person = _member(world)
    client = client_for(world, Role.UNION_STAFF)
    url = reverse("workforce:person_edit", args=[person.pk])
    # Browsers end a textarea's lines with "\r\n", whatever the text was saved with.
    data = {"full_name": "Phạm Thị Lan", "note": "Giảng viên thỉnh giảng\r\nTrường Cao đẳng"}
    assert client.post(url, data).status_code == 302
    person.refresh_from_db()
    assert person.note == "Giảng viên thỉnh giảng\nTrường Cao đẳng"
    assert client.post(url, {**data, "position": "Trưởng khoa"}).status_code == 302
    history = client.get(reverse("workforce:person_history", args=[person.pk]))
    latest = history.context["entries"][0]
    assert {(c.old, c.new) for c in latest.changes} == {("—", "Trưởng khoa")}

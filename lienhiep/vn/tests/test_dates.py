import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lienhiep.vn import date_line, parse_date, years_after
from lienhiep.vn.dates import year_without_day

D = datetime.date
TODAY = D(2025, 6, 1)
UNREADABLE = "Không hiểu được ngày “{}”: hãy nhập theo dạng ngày/tháng/năm, ví dụ 09/05/2022."


@pytest.mark.parametrize("value", [None, "", "   ", "\t\n"])
def test_empty_is_none(value):
    assert parse_date(value) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("09/05/2022", D(2022, 5, 9)),
        ("9/5/2022", D(2022, 5, 9)),
        ("09-05-2022", D(2022, 5, 9)),
        ("09.05.2022", D(2022, 5, 9)),
        (" 09 / 05 / 2022 ", D(2022, 5, 9)),
        ("09/05/2022 08:30", D(2022, 5, 9)),
        ("2022-05-09", D(2022, 5, 9)),
        ("2022-5-9", D(2022, 5, 9)),
        ("2022-05-09 00:00:00", D(2022, 5, 9)),
        ("2022-05-09T13:45:00", D(2022, 5, 9)),
        ("29/02/2024", D(2024, 2, 29)),
        ("31/12/1899", D(1899, 12, 31)),
        (D(2022, 5, 9), D(2022, 5, 9)),
        (datetime.datetime(2022, 5, 9, 23, 59), D(2022, 5, 9)),
    ],
)
def test_dates(value, expected):
    assert parse_date(value, today=TODAY) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("9/5/22", D(2022, 5, 9)),
        ("01/01/00", D(2000, 1, 1)),
        ("01/01/25", D(2025, 1, 1)),  # this year's two digits: still 2000s
        ("01/01/26", D(1926, 1, 1)),  # one more: 1900s
        ("30/4/75", D(1975, 4, 30)),
        ("31.12.99", D(1999, 12, 31)),
    ],
)
def test_two_digit_years_pivot_on_the_current_year(value, expected):
    assert parse_date(value, today=TODAY) == expected


def test_two_digit_years_default_to_today():
    this_year = datetime.date.today().year % 100
    assert parse_date(f"01/01/{this_year:02d}") == D(2000 + this_year, 1, 1)


@pytest.mark.parametrize("value", ["1975", " 2022 ", 1975, 1900, 2100, 1975.0, "1975.0"])
def test_a_year_alone_is_an_int(value):
    result = parse_date(value)
    assert type(result) is int
    assert result == int(float(value))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1, D(1900, 1, 1)),
        (59, D(1900, 2, 28)),
        (61, D(1900, 3, 1)),
        (1899, D(1905, 3, 13)),
        (2101, D(1905, 10, 1)),
        (44690, D(2022, 5, 9)),
        (45000, D(2023, 3, 15)),
        (45000.75, D(2023, 3, 15)),
        ("44690", D(2022, 5, 9)),
        ("44690.5", D(2022, 5, 9)),
        (2958465, D(9999, 12, 31)),
    ],
)
def test_excel_serials(value, expected):
    assert parse_date(value) == expected


def test_excel_phantom_leap_day():
    with pytest.raises(ValueError, match="29/02/1900") as error:
        parse_date(60)
    assert str(error.value) == (
        "Ngày “60” không hợp lệ: số ngày Excel 60 là ngày 29/02/1900, "
        "một ngày không có thật (lỗi của Excel)."
    )


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("31/02/2020", "Ngày “31/02/2020” không hợp lệ: tháng 2 năm 2020 chỉ có 29 ngày."),
        ("29/02/2021", "Ngày “29/02/2021” không hợp lệ: tháng 2 năm 2021 chỉ có 28 ngày."),
        ("31/04/2022", "Ngày “31/04/2022” không hợp lệ: tháng 4 năm 2022 chỉ có 30 ngày."),
        ("12/13/2020", "Ngày “12/13/2020” không hợp lệ: không có tháng 13."),
        ("2020-00-10", "Ngày “2020-00-10” không hợp lệ: không có tháng 0."),
        ("00/05/2020", "Ngày “00/05/2020” không hợp lệ: không có ngày 0."),
        ("01/01/0000", "Ngày “01/01/0000” không hợp lệ: không có năm 0."),
    ],
)
def test_impossible_dates(value, message):
    with pytest.raises(ValueError, match="không hợp lệ") as error:
        parse_date(value)
    assert str(error.value) == message


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("abc", "abc"),
        ("  abc ", "abc"),
        ("09/05-2022", "09/05-2022"),
        ("09/05/202", "09/05/202"),
        ("2022/05/09", "2022/05/09"),
        ("ngày 9 tháng 5", "ngày 9 tháng 5"),
        (0, "0"),
        (-1, "-1"),
        (2958466, "2958466"),
        (float("nan"), "nan"),
        (float("inf"), "inf"),
        (True, "True"),
        ([2022, 5, 9], "[2022, 5, 9]"),
        ("١٩٧٥", "١٩٧٥"),  # Arabic-Indic digits are not accepted
    ],
)
def test_unreadable(value, shown):
    with pytest.raises(ValueError, match="Không hiểu được ngày") as error:
        parse_date(value)
    assert str(error.value) == UNREADABLE.format(shown)


@pytest.mark.parametrize("value", ["9/5", "9.5", "09-05", " 9 / 5 "])
def test_day_and_month_without_a_year_ask_for_the_year(value):
    # "9.5" would otherwise read as the Excel serial 9, that is 09/01/1900.
    with pytest.raises(ValueError, match="thiếu năm") as error:
        parse_date(value)
    assert "ví dụ 09/05/2022" in str(error.value)


@given(st.dates(min_value=D(1, 1, 1)))
def test_day_first_round_trip(day):
    assert parse_date(f"{day.day:02d}/{day.month:02d}/{day.year:04d}") == day
    assert parse_date(day.isoformat()) == day


@given(st.integers(min_value=61, max_value=2958465).filter(lambda n: not 1900 <= n <= 2100))
def test_serials_from_61_count_days_from_1899_12_30(serial):
    assert parse_date(serial) == D(1899, 12, 30) + datetime.timedelta(days=serial)


@pytest.mark.parametrize(
    ("value", "year"),
    [
        ("02/1980", 1980),
        ("12/1975", 1975),
        ("2.1980", 1980),
        (" 02 - 1980 ", 1980),
        ("Tháng 2/1980", 1980),
        ("tháng 02 năm 1980", 1980),
        ("Tháng 2, năm 1980", 1980),
        ("năm 1980", 1980),
        ("Năm 1980", 1980),
        ("Na\u0306m 1980", 1980),  # decomposed
        ("13/1980", None),
        ("01/02/1980", None),
        ("1980", None),
        (1980, None),
        ("02/80", None),
    ],
)
def test_a_date_without_its_day_gives_its_year(value, year):
    assert year_without_day(value) == year


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2022, 5, 9), "Lai Châu, ngày 09 tháng 5 năm 2022"),
        (D(2022, 1, 19), "Lai Châu, ngày 19 tháng 01 năm 2022"),
        (D(2023, 2, 1), "Lai Châu, ngày 01 tháng 02 năm 2023"),
        (D(2023, 3, 10), "Lai Châu, ngày 10 tháng 3 năm 2023"),
        (D(2024, 12, 31), "Lai Châu, ngày 31 tháng 12 năm 2024"),
        (datetime.datetime(2024, 10, 5, 8, 0), "Lai Châu, ngày 05 tháng 10 năm 2024"),
    ],
)
def test_date_line(day, expected):
    assert date_line("Lai Châu", day) == expected


def test_date_line_tidies_the_place():
    assert date_line("  Lai   Châu ", D(2022, 5, 9)) == "Lai Châu, ngày 09 tháng 5 năm 2022"


def test_date_line_needs_a_place():
    with pytest.raises(ValueError, match="Chưa có địa danh") as error:
        date_line("  ", D(2022, 5, 9))
    assert str(error.value) == "Chưa có địa danh để ghi trước ngày tháng, ví dụ “Lai Châu”."


def test_years_after_keeps_the_day_and_turns_29_february_into_the_28th():
    assert years_after(datetime.date(2021, 5, 9), 5) == datetime.date(2026, 5, 9)
    assert years_after(datetime.date(2026, 12, 7), -30) == datetime.date(1996, 12, 7)
    assert years_after(datetime.date(2024, 2, 29), 5) == datetime.date(2029, 2, 28)
    assert years_after(datetime.date(2024, 2, 29), -4) == datetime.date(2020, 2, 29)

"""lienhiep.vn stays pure Python; its explanations follow the translation it is given."""

from __future__ import annotations

import subprocess
import sys

import pytest
from django.utils import translation

from lienhiep.vn import parse_date, parse_symbol


def test_the_package_imports_no_django_and_explains_itself_in_english_alone() -> None:
    code = (
        "import sys, lienhiep.vn as vn\n"
        "try:\n    vn.parse_date('31/02/2024')\n"
        "except ValueError as error:\n    print(error)\n"
        "print(any(m == 'django' or m.startswith('django.') for m in sys.modules))"
    )
    result = subprocess.run(  # noqa: S603 - fixed command, no user input
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.splitlines() == [
        "The date “31/02/2024” is not valid: month 2 of 2024 has only 29 days.",
        "False",
    ]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("vi", "Ngày “31/02/2024” không hợp lệ: tháng 2 năm 2024 chỉ có 29 ngày."),
        ("en", "The date “31/02/2024” is not valid: month 2 of 2024 has only 29 days."),
    ],
)
def test_in_the_project_a_date_is_explained_in_the_active_language(
    language: str, expected: str
) -> None:
    with translation.override(language), pytest.raises(ValueError, match="31/02/2024") as error:
        parse_date("31/02/2024")
    assert str(error.value) == expected


def test_a_symbol_is_explained_in_english_to_an_english_reader() -> None:
    with translation.override("en"), pytest.raises(ValueError, match="“137”") as error:
        parse_symbol("137")
    assert str(error.value).startswith("The number and symbol “137” lacks the symbol after")

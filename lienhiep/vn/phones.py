"""Vietnamese phone numbers as rosters write them: "0912.345.678", "+84 912 345 678"…"""

import re

_SEPARATORS = re.compile(r"[,;/\n]|\s-\s")
_IGNORED = re.compile(r"[\s.\-()]")


def normalize_phone(text: str) -> str | None:
    """Digits with a leading 0 ("+84 912 345 678" → "0912345678"); None if it is not a
    Vietnamese number. The first of several numbers is kept. A number stored as a number
    lost its leading 0 (912345678): it is put back."""
    first = _SEPARATORS.split(text, maxsplit=1)[0]
    digits = _IGNORED.sub("", first)
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) == 11:
        digits = "0" + digits[2:]
    elif not digits.startswith("0") and len(digits) in {9, 10}:
        digits = "0" + digits
    if not digits.isdigit() or not 10 <= len(digits) <= 11:
        return None
    return digits

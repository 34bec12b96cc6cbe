"""Write a document's review report (sơ kết / tổng kết) to a .docx file.

    python manage.py review_report 137-KH/TU --from 2026-01-01 --to 2026-06-30 --out so-ket.docx

Uses the stored draft for that document and period when there is one (with the
text people edited), else a draft written from the data and not saved. The
screen, the background job and this command share ``lienhiep.directives.review``.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lienhiep.directives.models import ReviewKind, SteeringDocument
from lienhiep.directives.review import build_review_docx, collect, review_for
from lienhiep.vn import format_symbol, parse_symbol


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(
            f"Ngày “{value}” không hợp lệ: hãy ghi theo dạng NNNN-TT-NN, ví dụ 2026-06-30."
        ) from None


def find_document(text: str) -> SteeringDocument:
    """The document by its number-symbol, typed in any case ("137-kh/tu")."""
    try:
        symbol = format_symbol(parse_symbol(text))
    except ValueError as error:
        raise CommandError(str(error)) from None
    documents = SteeringDocument.objects.select_related("issuer__parent", "monitor")
    document = (
        documents.filter(symbol=symbol).first() or documents.filter(symbol__iexact=symbol).first()
    )
    if document is None:
        raise CommandError(f"Không có văn bản chỉ đạo nào mang số, ký hiệu {symbol}.")
    return document


class Command(BaseCommand):
    help = "Ghi báo cáo sơ kết / tổng kết việc thực hiện một văn bản chỉ đạo ra tệp .docx."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("symbol", help="Số, ký hiệu văn bản, ví dụ 137-KH/TU")
        parser.add_argument("--from", dest="date_from", required=True, help="Từ ngày (NNNN-TT-NN)")
        parser.add_argument("--to", dest="date_to", required=True, help="Đến ngày (NNNN-TT-NN)")
        parser.add_argument("--out", required=True, help="Tệp .docx sẽ ghi")
        parser.add_argument(
            "--kind", choices=[ReviewKind.PRELIMINARY.value, ReviewKind.FINAL.value]
        )

    def handle(self, *args: Any, **options: Any) -> None:
        date_from, date_to = _date(options["date_from"]), _date(options["date_to"])
        if date_to < date_from:
            raise CommandError("Ngày kết thúc kỳ báo cáo đứng trước ngày bắt đầu.")
        document = find_document(options["symbol"])
        review = review_for(document, date_from, date_to, options["kind"])
        data = collect(document, date_from, date_to)
        out = Path(options["out"])
        try:
            out.write_bytes(build_review_docx(review, data))
        except OSError as error:
            raise CommandError(f"Không ghi được tệp {out}: {error.strerror}.") from None
        source = "bản nháp đã lưu" if review.pk else "bản nháp viết từ dữ liệu"
        self.stdout.write(
            f"Đã ghi {out} ({len(data.rows)} nhiệm vụ, {data.reports_in_period} báo cáo "
            f"được chấp nhận trong kỳ; {source})."
        )

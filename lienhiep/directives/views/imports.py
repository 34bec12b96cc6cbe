"""Import a plan's tasks from the Excel table plans arrive with.

The request only checks and stores the upload; reading and saving run in the worker
(``lienhiep.directives.importer``), whose page shows progress and, row by row, what to fix.
"""

from __future__ import annotations

import datetime
import uuid

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lienhiep.core.models import User
from lienhiep.directives import access
from lienhiep.directives.importer import MAX_ROWS
from lienhiep.docgen.xlsx import Column, Sheet, XlsxValue, build_xlsx
from lienhiep.jobs.runner import start_job

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Every .xlsx is a zip archive; checking the signature turns away a renamed .xls or .pdf
# at once instead of after a trip through the worker.
ZIP_SIGNATURE = b"PK\x03\x04"

# The columns as plans write them: the template's header and the page's instructions.
TEMPLATE_COLUMNS: tuple[Column, ...] = (
    Column("STT", width=7),
    Column("Nội dung nhiệm vụ", width=60),
    Column("Cơ quan chủ trì", width=30),
    Column("Cơ quan phối hợp", width=35),
    Column("Thời hạn", width=24),
    Column("Sản phẩm", width=30),
)


class TaskImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Excel file (.xlsx)"),
        help_text=gettext_lazy("The table of the plan's tasks, saved from Excel as .xlsx."),
        widget=forms.ClearableFileInput(attrs={"accept": f".xlsx,{XLSX_TYPE}"}),
    )

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        if not (upload.name or "").lower().endswith(".xlsx"):
            raise forms.ValidationError(
                _(
                    "Choose an Excel workbook ending in .xlsx. An older .xls file: open it in "
                    "Excel and save it as “Excel Workbook (.xlsx)”."
                )
            )
        limit = settings.UPLOAD_MAX_MB
        if (upload.size or 0) > limit * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than %(mb)d MB.") % {"mb": limit})
        upload.seek(0)
        if upload.read(len(ZIP_SIGNATURE)) != ZIP_SIGNATURE:
            raise forms.ValidationError(
                _("This file is not an Excel workbook (.xlsx), or it is damaged.")
            )
        upload.seek(0)
        return upload


@login_required
def import_tasks(request: HttpRequest, pk: int) -> HttpResponse:
    document = access.access_document(request.user, pk, for_change=True)
    form = TaskImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        # The worker may run on another machine sharing MEDIA_ROOT: the file goes to
        # storage, not to a temporary path of this process. The job deletes it.
        path = default_storage.save(f"imports/{uuid.uuid4().hex}.xlsx", form.cleaned_data["file"])
        assert isinstance(request.user, User)
        job = start_job(
            "directives.import_tasks",
            title=_("Import of tasks into %(symbol)s") % {"symbol": document.symbol},
            owner=request.user,
            params={"document_id": document.pk, "path": path},
        )
        return redirect(job)
    context = {
        "document": document,
        "form": form,
        "columns": TEMPLATE_COLUMNS,
        "max_mb": settings.UPLOAD_MAX_MB,
        "max_rows": MAX_ROWS,
    }
    return render(request, "directives/import_tasks.html", context)


@login_required
def import_template(request: HttpRequest) -> HttpResponse:
    if not access.can_manage(request.user):
        raise Http404
    content = build_xlsx([Sheet(name="Nhiệm vụ", columns=TEMPLATE_COLUMNS, rows=_example_rows())])
    response = HttpResponse(content, content_type=XLSX_TYPE)
    response["Content-Disposition"] = 'attachment; filename="mau-nhap-nhiem-vu.xlsx"'
    return response


def _example_rows() -> list[list[XlsxValue]]:
    """A heading and tasks showing the kinds of Thời hạn the import understands.

    Kept in Vietnamese whatever the interface language: it is the form plans are written in.
    """
    year = datetime.date.today().year
    return [
        ["I", "NHIỆM VỤ CHUNG", None, None, None, None],
        [
            "1",
            "Quán triệt, tuyên truyền Kết luận trong cán bộ, hội viên",
            "Liên hiệp các Hội KH&KT tỉnh",
            "Ban Tuyên giáo Tỉnh ủy; Sở Khoa học và Công nghệ",
            datetime.date(year, 12, 31),
            "Hội nghị quán triệt",
        ],
        [
            "1.1",
            "Báo cáo kết quả thực hiện định kỳ",
            "Liên hiệp các Hội KH&KT tỉnh",
            None,
            "Hằng quý (trước ngày 20)",
            "Báo cáo",
        ],
        [
            "2",
            "Tư vấn, phản biện và giám định xã hội các đề án của tỉnh",
            "Liên hiệp các Hội KH&KT tỉnh",
            "Sở Tư pháp",
            f"Quý IV/{year}",
            "Báo cáo phản biện",
        ],
    ]

"""Print the demonstration accounts, one per role, for the README and `make run`."""

from typing import Any

from django.core.management.base import BaseCommand

from lienhiep.core.management.commands.load_demo import ACCOUNTS, DEMO_PASSWORD
from lienhiep.core.models import Role


class Command(BaseCommand):
    help = "Print the demonstration accounts and their password."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"Tài khoản dùng thử (mật khẩu chung: {DEMO_PASSWORD})")
        width = max(len(username) for username, *_ in ACCOUNTS)
        for username, full_name, _position, _org, role in ACCOUNTS:
            self.stdout.write(f"  {username.ljust(width)}  {Role(role).label} — {full_name}")

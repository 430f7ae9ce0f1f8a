"""Optional counselor sign-in (ADVISOR_AUTH="user:password,user2:password2").

The flag lives in server-side session state, so an API caller cannot simply claim it.
"""

from __future__ import annotations

import hmac


def parse_accounts(auth: str | None) -> dict[str, str]:
    accounts = {}
    for pair in (auth or "").split(","):
        user, sep, password = pair.strip().partition(":")
        if sep and user and password:
            accounts[user] = password
    return accounts


def verify(accounts: dict[str, str], user: str, password: str) -> bool:
    expected = accounts.get((user or "").strip(), "")
    # Compare even for unknown users so timing doesn't reveal which names exist.
    return hmac.compare_digest(expected.encode(), (password or "").encode()) and bool(expected)


def effective_audience(who: str, accounts: dict[str, str], signed_in: bool) -> tuple[str, str]:
    """(audience to answer as, notice): the counselor view needs a sign-in when accounts exist."""
    if who == "counselor" and accounts and not signed_in:
        return "family", ("The counselor view needs a sign-in; this answer uses the family "
                          "view.")
    return who, ""

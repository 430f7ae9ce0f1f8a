"""Counselor accounts from ADVISOR_AUTH or ADVISOR_AUTH_FILE.

Three forms, so a password can hold any character:
- `user:password[,user:password]`, the original form: a comma separates accounts, so a
  password here cannot hold one;
- a JSON object, `{"user": "password", ...}`: any character;
- ADVISOR_AUTH_FILE, one `user:password` a line, everything after the first colon the
  password (blank lines and lines starting with `#` are skipped).

Anything malformed raises AccountsError: the app must not start open when sign-in was meant.
Messages name where the problem is (account or line number), never a user name or password.
"""

from __future__ import annotations

import json
from pathlib import Path

from advisor.smallfile import NotUtf8, TooLarge, read_utf8

# an accounts file is a handful of lines; anything bigger is not one
MAX_FILE_BYTES = 1_000_000
PASSWORD_WITH_COMMA = ("a password holding a comma needs the JSON form, "
                       "ADVISOR_AUTH='{\"user\": \"password\"}', or ADVISOR_AUTH_FILE")


class AccountsError(ValueError):
    """A malformed account setting; the message never holds a secret."""


def load_accounts(auth: str | None, auth_file: Path | None) -> dict[str, str]:
    """{user: password}; empty when neither setting is given (sign-in not configured)."""
    if auth is not None and auth_file is not None:
        raise AccountsError("ADVISOR_AUTH and ADVISOR_AUTH_FILE are both set; set one")
    if auth_file is not None:
        return _from_file(Path(auth_file))
    if auth is None:
        return {}
    text = auth.strip()
    if not text:
        raise AccountsError("ADVISOR_AUTH is set but empty; unset it to run without sign-in")
    return _from_json(text) if text.startswith("{") else _from_pairs(text)


def _add(accounts: dict[str, str], user: str, password: str, where: str) -> None:
    user = user.strip()
    if not user:
        raise AccountsError(f"{where} has an empty user name")
    if not password:
        raise AccountsError(f"{where} has an empty password")
    if user in accounts:
        raise AccountsError(f"{where} repeats a user name given before it")
    accounts[user] = password


def _from_pairs(text: str) -> dict[str, str]:
    accounts: dict[str, str] = {}
    pieces = text.split(",")
    for n, piece in enumerate(pieces, 1):
        piece = piece.strip()
        if not piece:  # a trailing or doubled comma: nothing to read, nothing ambiguous
            continue
        where = f"ADVISOR_AUTH account {n} of {len(pieces)}"
        user, colon, password = piece.partition(":")
        if not colon:
            raise AccountsError(f"{where} has no ':' between the user name and the password "
                                f"(expected user:password[,user:password]; {PASSWORD_WITH_COMMA})")
        _add(accounts, user, password, where)
    if not accounts:
        raise AccountsError("ADVISOR_AUTH names no account")
    return accounts


def _no_repeats(pairs: list[tuple[str, object]]) -> list[tuple[str, object]]:
    seen = set()
    for n, (key, _) in enumerate(pairs, 1):
        if key in seen:
            raise AccountsError(f"ADVISOR_AUTH account {n} repeats a user name given before it")
        seen.add(key)
    return pairs


def _from_json(text: str) -> dict[str, str]:
    try:
        # text starting with "{" parses to an object, which the hook turns into its pairs
        pairs = json.loads(text, object_pairs_hook=_no_repeats)
    except json.JSONDecodeError as exc:  # exc.msg and the position quote none of the text
        raise AccountsError(f"ADVISOR_AUTH is not valid JSON: {exc.msg} at character "
                            f"{exc.pos}") from None
    accounts: dict[str, str] = {}
    for n, (user, password) in enumerate(pairs, 1):
        where = f"ADVISOR_AUTH account {n}"
        if not isinstance(password, str):
            raise AccountsError(f"{where}: the password must be a JSON string")
        _add(accounts, user, password, where)
    if not accounts:
        raise AccountsError("ADVISOR_AUTH names no account")
    return accounts


def _from_file(path: Path) -> dict[str, str]:
    try:
        text = read_utf8(path, MAX_FILE_BYTES)
    except OSError as exc:
        raise AccountsError(f"cannot read ADVISOR_AUTH_FILE {path}: {exc.strerror}") from None
    except TooLarge:
        raise AccountsError(f"ADVISOR_AUTH_FILE {path} is over {MAX_FILE_BYTES:,} bytes; "
                            "it should hold one user:password a line") from None
    except NotUtf8 as exc:
        raise AccountsError(f"ADVISOR_AUTH_FILE {path} is not UTF-8 text (byte "
                            f"{exc.start})") from None
    accounts: dict[str, str] = {}
    for n, line in enumerate(text.split("\n"), 1):
        line = line.removesuffix("\r")  # a file saved with Windows line ends
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        where = f"ADVISOR_AUTH_FILE {path} line {n}"
        user, colon, password = line.partition(":")
        if not colon:
            raise AccountsError(f"{where} has no ':' between the user name and the password")
        _add(accounts, user, password, where)
    if not accounts:
        raise AccountsError(f"ADVISOR_AUTH_FILE {path} names no account")
    return accounts

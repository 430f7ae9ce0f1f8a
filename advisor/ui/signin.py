"""Counselor sign-in, one for the whole app (ADVISOR_AUTH or ADVISOR_AUTH_FILE, see
advisor/ui/accounts.py).

The signed-in flag lives in server-side session state (gr.State), so an API caller cannot
simply claim it; every tab that shows counselor data is given the same state and asks
`Access.allows` before it answers.
"""

from __future__ import annotations

import hmac
import logging
import math
from dataclasses import dataclass

import gradio as gr

from advisor.ui.accounts import load_accounts
from advisor.ui.ratelimit import SignInLimiter

log = logging.getLogger(__name__)
# A user name is keyed by at most this much of it: a huge one costs no memory.
MAX_USER = 200

SIGNED_IN = "**Signed in:** the counselor view is on."
FAILED = "**Sign-in failed.** Check the user name and password."
LOCKED = ("**Too many failed sign-ins** for this user from this computer. Try again in "
          "{seconds} s.")
NOT_SIGNED = "_Not signed in: the counselor view shows the family view._"
REFUSED = ("**Sign in first:** {what} are for signed-in counselors. Sign in under "
           "*Counselor sign-in* at the top of the page.")
OPEN_INFO = "Counselor view is open to anyone: sign-in is not configured (ADVISOR_AUTH)"
SIGNIN_INFO = "The counselor view needs a sign-in (Counselor sign-in, at the top of the page)"


def verify(accounts: dict[str, str], user: str, password: str) -> bool:
    expected = accounts.get((user or "").strip(), "")
    # Compare even for unknown users so timing doesn't reveal which names exist.
    return hmac.compare_digest(expected.encode(), (password or "").encode()) and bool(expected)


@dataclass
class Access:
    """Who may see counselor data: everyone when no account is configured."""

    accounts: dict[str, str]
    limiter: SignInLimiter

    @classmethod
    def from_settings(cls, settings) -> Access:
        """Raises AccountsError for a malformed account setting."""
        auth = settings.auth.get_secret_value() if settings.auth is not None else None
        return cls(load_accounts(auth, settings.auth_file), SignInLimiter.from_settings(settings))

    @property
    def required(self) -> bool:
        return bool(self.accounts)

    def allows(self, signed_in) -> bool:
        return not self.required or signed_in is True

    def refusal(self, what: str) -> str:
        return REFUSED.format(what=what)

    def audience_info(self) -> str:
        return SIGNIN_INFO if self.required else OPEN_INFO

    def sign_in(self, host: str, user: str, password: str) -> tuple[bool, str]:
        """(signed in, message). A locked client and user is refused before the password is
        looked at."""
        key = (host, (user or "").strip()[:MAX_USER])
        wait = self.limiter.locked_for(key)
        if wait:
            return False, LOCKED.format(seconds=math.ceil(wait))
        if verify(self.accounts, user, password):
            self.limiter.succeeded(key)
            return True, SIGNED_IN
        locked = self.limiter.failed(key)
        if locked:
            log.warning("counselor sign-in locked for %.0f s after repeated failures "
                        "(client %s)", locked, host)
            return False, LOCKED.format(seconds=math.ceil(locked))
        return False, FAILED


def effective_audience(who: str, access: Access, signed_in) -> tuple[str, str]:
    """(audience to answer as, notice): the counselor view needs a sign-in when accounts exist."""
    if who == "counselor" and not access.allows(signed_in):
        return "family", ("The counselor view needs a sign-in; this answer uses the family "
                          "view.")
    return who, ""


def client_host(request: gr.Request | None) -> str:
    client = getattr(request, "client", None) if request is not None else None
    return getattr(client, "host", None) or "unknown"


def build_signin(access: Access) -> gr.State:
    """The sign-in panel (only when accounts exist) and the session's signed-in flag."""
    signed_in = gr.State(False)
    if not access.required:
        return signed_in
    with gr.Accordion("Counselor sign-in", open=False, elem_id="signin"):
        with gr.Row():
            user = gr.Textbox(label="User name", max_lines=1, elem_id="signin-user")
            password = gr.Textbox(label="Password", type="password", max_lines=1,
                                  elem_id="signin-password")
        status = gr.Markdown(NOT_SIGNED, elem_id="signin-status")
        button = gr.Button("Sign in")

    def on_sign_in(name, secret, request: gr.Request):
        ok, message = access.sign_in(client_host(request), name, secret)
        return ok, message, ""

    button.click(on_sign_in, [user, password], [signed_in, status, password],
                 api_name="sign_in")
    password.submit(on_sign_in, [user, password], [signed_in, status, password],
                    api_name=False)
    return signed_in

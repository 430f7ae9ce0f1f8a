from advisor.compose.compose import ABSTAIN, compose
from advisor.compose.reply import Citation, Reply

__all__ = ["ABSTAIN", "Citation", "Reply", "compose"]

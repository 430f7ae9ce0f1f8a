"""Choosing the sentences of retrieved passages that an answer may quote."""

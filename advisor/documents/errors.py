class LoadError(Exception):
    """A source file that cannot be read; the message names the reason."""

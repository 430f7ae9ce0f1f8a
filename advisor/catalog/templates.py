"""Text written around values kept elsewhere: "At least {min} hours", "{icp.wbl.min}-hour".

A threshold is written once, in a rule; every sentence that states it names it, so
changing the rule changes the check and the words together.
"""

from __future__ import annotations

import string


def fmt(x: float) -> str:
    """100 not 100.0; 2.5 stays 2.5."""
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


class _Names(string.Formatter):
    # "{icp.wbl.min}" names one value; the standard formatter would read it as attributes.
    def get_field(self, field_name, args, kwargs):
        return kwargs[field_name], field_name


def names(template: str) -> list[str]:
    """The values a template names; a format spec or conversion is refused as a typo."""
    out = []
    for _, name, spec, conversion in string.Formatter().parse(template):
        if name is None:
            continue
        if not name or spec or conversion:
            raise ValueError(f"'{{{name}}}' in {template!r}: write a value's name alone, "
                             "as {min}")
        out.append(name)
    return out


def shown(value) -> str:
    """A value as the sentence says it: 100 not 100.0, a list as "internship or capstone"."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return fmt(value)
    if isinstance(value, list | tuple):
        return " or ".join(shown(v) for v in value)
    return str(value)


def render(template: str, values: dict) -> str:
    return _Names().vformat(template, (), {k: shown(v) for k, v in values.items()})

"""Reading the catalog's YAML: libyaml's parser when present (every command loads the
whole catalog, and the pure-Python one was half of a `check`'s time), dates left as text
so a bad one (2018-13-01) is reported where it stands by the model reading it, instead of
stopping the YAML reader with no place named."""

from __future__ import annotations

import yaml

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # a safe loader: plain data only
    pass


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def read_yaml(text: str):
    return yaml.load(text, Loader=_Loader)  # noqa: S506 (a safe loader)

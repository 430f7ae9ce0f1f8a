"""The autouse fixtures in conftest.py keep the developer's settings out of every test.

An inner test (it reads the settings and compares them with the defaults) runs in a child
pytest whose environment is hostile: `ADVISOR_*` variables and a user config file found by
each of the three routes (`$ADVISOR_CONFIG_FILE`, `$XDG_CONFIG_HOME`, `~/.config`). With
tests/conftest.py loaded it must pass; without it, the same inner test must fail, so the
check can tell an isolated test from a leaky one.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from advisor.config import Settings, get_settings, user_config_file

INNER = '''
import os

from advisor.config import Settings, get_settings, user_config_file


def test_sees_only_the_defaults():
    defaults = {name: f.default for name, f in Settings.model_fields.items()
                if f.default_factory is None}
    for s in (Settings(), get_settings()):
        got = {name: getattr(s, name) for name in defaults}
        assert got == defaults, {k: str(v) for k, v in got.items() if v != defaults[k]}
    assert sorted(k for k in os.environ if k.startswith("ADVISOR_")) == []
    assert not user_config_file().exists(), user_config_file()
'''
USER_FILE = 'chunk_tokens = 64\ncollection = "from-the-user-file"\n'


def _hostile_env(tmp: Path, route: str) -> tuple[dict, str]:
    """The environment with one hostile setting, and the value it smuggles in."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("ADVISOR_") and k != "XDG_CONFIG_HOME"}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "tests"), str(ROOT)])
    if route == "ADVISOR_*":
        env.update(ADVISOR_KNOWLEDGE_DIR="/nonexistent", ADVISOR_CHUNK_TOKENS="64")
        return env, "/nonexistent"
    if route == "ADVISOR_CONFIG_FILE":
        cfg = tmp / "explicit.toml"
        env["ADVISOR_CONFIG_FILE"] = str(cfg)
    elif route == "XDG_CONFIG_HOME":
        cfg = tmp / "xdg" / "pathways-advisor" / "config.toml"
        env["XDG_CONFIG_HOME"] = str(tmp / "xdg")
    else:
        cfg = tmp / "home" / ".config" / "pathways-advisor" / "config.toml"
        env["HOME"] = str(tmp / "home")
    cfg.parent.mkdir(parents=True, exist_ok=True)
    cfg.write_text(USER_FILE)
    return env, "from-the-user-file"


def _inner(tmp: Path, env: dict, *plugin: str) -> subprocess.CompletedProcess:
    (tmp / "test_inner.py").write_text(INNER)
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:asyncio",
           "--rootdir", str(tmp), *plugin, str(tmp / "test_inner.py")]
    return subprocess.run(cmd, cwd=tmp, env=env, capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("route", ["ADVISOR_*", "ADVISOR_CONFIG_FILE", "XDG_CONFIG_HOME",
                                   "HOME"])
def test_a_hostile_environment_does_not_reach_a_test(tmp_path, route):
    env, smuggled = _hostile_env(tmp_path, route)
    leaky = _inner(tmp_path, env)  # no conftest: the inner test sees the hostile value
    assert leaky.returncode == 1 and smuggled in leaky.stdout, leaky.stdout + leaky.stderr
    isolated = _inner(tmp_path, env, "-p", "conftest")  # tests/conftest.py as a plugin
    assert isolated.returncode == 0, isolated.stdout + isolated.stderr
    assert "1 passed" in isolated.stdout


def test_inside_this_process_too(tmp_path):
    assert [k for k in os.environ if k.startswith("ADVISOR_")] == []
    assert user_config_file().is_relative_to(tmp_path) and not user_config_file().exists()
    assert get_settings().knowledge_dir == Settings.model_fields["knowledge_dir"].default

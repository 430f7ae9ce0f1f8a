"""A counselor's roster: one student per CSV row, every pathway checked for each."""

from advisor.roster.check import RosterResult, StudentResult, check_roster
from advisor.roster.columns import load_columns
from advisor.roster.read import RosterError, RosterFileError, read_roster

__all__ = ["RosterError", "RosterFileError", "RosterResult", "StudentResult", "check_roster",
           "load_columns", "read_roster"]

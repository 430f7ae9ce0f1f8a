"""Careers: a student's words or quiz answers matched to Chapter 74 programs and sectors."""

"""Archived IOM Moscow web pages -> news items and events as Parquet tables."""

__version__ = "0.1.0"

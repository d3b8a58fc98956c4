"""Talking to web archives: CDX discovery, id_ replay, politeness, and the ledger."""

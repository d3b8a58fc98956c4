"""Event type from the words IOM uses for it, title first, then the opening sentence."""

from __future__ import annotations

import re

# Order matters: the more specific name wins ("training seminar" is a training,
# "round table" beats "meeting" in "a meeting at a round table").
KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("round_table", re.compile(r"round[\s-]?table|круглы[йм]\s+стол", re.I)),
    (
        "training",
        re.compile(r"\btraining|\bcourse\b|\bwebinar|тренинг|обучени|учебн|вебинар", re.I),
    ),
    ("workshop", re.compile(r"\bworkshop|мастер-класс", re.I)),
    ("seminar", re.compile(r"\bseminar|семинар", re.I)),
    ("conference", re.compile(r"\bconference|\bforum\b|\bcongress|конференц|форум", re.I)),
    ("screening", re.compile(r"\bscreening|\bfilm\b|\bmovie|кинопоказ|фильм", re.I)),
    ("presentation", re.compile(r"\bpresentation|презентац", re.I)),
    (
        "meeting",
        re.compile(
            r"\bmeeting|\bconsultations?\b|\bplenary|\bsession\b|\bcommittee\b|встреч|"
            r"совещани|заседани|консультаци",
            re.I,
        ),
    ),
    (
        "other",
        re.compile(
            r"\bceremony|\bsigning|\bsigned|\bopening|\blaunch|\bexhibition|"
            r"\bcelebrat|\bmarks?\b|\bcompetition|\btournament|\bfestival|"
            r"церемони|подписан|выставк|открыти|конкурс|турнир|фестивал",
            re.I,
        ),
    ),
)


def event_type(title: str, *texts: str) -> str:
    """The most specific kind the title names; else the kind named first in each text in
    turn (the sentence that dates the event, then the lead)."""
    for kind, pattern in KINDS:
        if pattern.search(title):
            return kind
    for text in texts:
        found = [
            (match.start(), rank, kind)
            for rank, (kind, pattern) in enumerate(KINDS)
            for match in [pattern.search(text)]
            if match
        ]
        if found:
            return min(found)[2]
    return "not_event"

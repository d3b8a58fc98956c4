"""Event type from the words IOM uses for it, title first, then the opening sentence."""

from __future__ import annotations

import re

# Order matters: the more specific name wins ("training seminar" is a training,
# "round table" beats "meeting" in "a meeting at a round table").
KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("round_table", re.compile(r"round[\s-]?table|круглы[йм]\s+стол", re.I)),
    ("training", re.compile(r"\btraining|\bcourse\b|тренинг|обучени|учебн", re.I)),
    ("workshop", re.compile(r"\bworkshop|мастер-класс", re.I)),
    ("seminar", re.compile(r"\bseminar|\bwebinar|семинар|вебинар", re.I)),
    ("conference", re.compile(r"\bconference|\bforum\b|\bcongress|конференц|форум", re.I)),
    ("screening", re.compile(r"\bscreening|\bfilm\b|\bmovie|кинопоказ|фильм", re.I)),
    ("presentation", re.compile(r"\bpresentation|презентац", re.I)),
    (
        "meeting",
        re.compile(
            r"\bmeeting|\bconsultations?\b|\bplenary|\bsession\b|встреч|"
            r"совещани|заседани|консультаци",
            re.I,
        ),
    ),
    (
        "other",
        re.compile(
            r"\bceremony|\bsigning|\bsigned|\bopening|\blaunch|\bexhibition|"
            r"\bcelebrat|\bmarks?\b|\bcompetition|\btournament|\bfestival|"
            r"церемони|подписан|выставк|открыти",
            re.I,
        ),
    ),
)


def event_type(title: str, body: str) -> str:
    lead = body[:400]
    for text in (title, lead):
        for kind, pattern in KINDS:
            if pattern.search(text):
                return kind
    return "not_event"

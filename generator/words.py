"""Words of general English news usage that the find stage and ``suggest`` share.

Lower-case sets, so that a word is looked up folded. Nothing here names an entity of the
registry: these are the words around names (titles, pronouns, countries) and the words a
description of an event is made of.
"""

from __future__ import annotations

MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December")
"""The months as the site writes them (written out, not taken from the locale)."""
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
"""The weekdays, Monday first (as ``datetime.date.weekday`` counts them)."""
MONTHS = frozenset(name.lower() for name in MONTH_NAMES)
MONTH_ABBREVIATIONS = frozenset({name[:3] for name in MONTHS} | {"sept"})
MONTH_NUMBERS = {
    **{name.lower(): number for number, name in enumerate(MONTH_NAMES, 1)},
    **{name[:3].lower(): number for number, name in enumerate(MONTH_NAMES, 1)},
    "sept": 9,
}
"""A month word or abbreviation (lower case, without its full stop) and the month's number."""
WEEKDAYS = frozenset(name.lower() for name in WEEKDAY_NAMES)
WEEKDAY_ABBREVIATIONS = frozenset("mon tue tues wed thu thur thurs fri sat sun".split())
CALENDAR = MONTHS | MONTH_ABBREVIATIONS | WEEKDAYS | WEEKDAY_ABBREVIATIONS
"""Month and weekday words and their abbreviations."""

PRONOUNS = frozenset("i me my we us our you your he him his she her hers it its they them their".split())
PERSONAL_PRONOUNS = {"he": "male", "him": "male", "his": "male", "she": "female", "her": "female"}
"""The pronouns that stand for one person, and the person's grammatical gender."""

FUNCTION_WORDS = frozenset(
    """a an the this that these those it its he she they we i you his her their our my in on at as by
    to for from of with but and or if so yet however since after before when while during although
    though last next both all some many most one two three four five six seven eight nine ten according
    also there here what which who why how where then now today yesterday tomorrow even still only not
    no yes meanwhile later earlier initially instead moreover besides furthermore nevertheless
    previously recently currently finally first second third speaking asked answering""".split()
)
"""Words that start sentences and are capitalised there without being names."""

TITLES = frozenset(
    """ambassador president minister prime premier chancellor secretary spokesman spokeswoman spokesperson
    governor mayor senator general admiral king queen emperor empress prince princess chairman
    chairwoman deputy foreign defence defense leader envoy speaker counterpart mr mrs ms dr sir lord
    lady vice chief cabinet state first former late then acting pm fm""".split()
)
"""Role words before a name ("Foreign Minister Taro Kono"), never a given name."""

COUNTRIES = {
    "russia": "russian", "japan": "japanese", "soviet union": "soviet", "ussr": "soviet",
    "russian federation": "russian", "united states": "american", "usa": "american", "us": "american", "america": "american",
    "china": "chinese", "united kingdom": "british", "britain": "british", "uk": "british",
    "korea": "korean", "south korea": "south korean", "north korea": "north korean",
    "ukraine": "ukrainian", "germany": "german", "france": "french", "india": "indian",
    "taiwan": "taiwanese", "mongolia": "mongolian", "singapore": "singaporean", "vietnam": "vietnamese",
}
"""Country names (folded) and their adjective."""
DEMONYMS = frozenset(COUNTRIES.values()) | {"soviet-japanese", "russian-japanese", "japanese-russian",
                                           "russo-japanese", "japanese-soviet", "russia-japan", "japan-russia"}
"""Adjectives of countries, alone and in the pairs bilateral news writes ("Russian-Japanese")."""

EVENT_HEADS = {
    "talks": "talks", "negotiations": "talks", "consultations": "talks", "round": "talks",
    "meeting": "meeting", "meetings": "meeting", "summit": "summit", "visit": "visit", "trip": "visit",
    "conference": "conference", "forum": "conference", "session": "meeting",
}
"""Nouns that head a description of a meeting ("the talks", "the summit"), and their family."""
OTHER_EVENT = frozenset("new next another future further upcoming previous earlier former last other "
                        "subsequent later first-ever annual regular".split())
"""Words that make a description refer away from the event being reported ("the next summit")."""
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
            "eighth": 8, "ninth": 9, "tenth": 10}
NUMBERS = {word: n for n, word in enumerate("zero one two three four five six seven eight nine ten eleven twelve".split())}
NUMBERS.update({"a": 1, "an": 1, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
                "seventy": 70, "eighty": 80, "ninety": 90, "a hundred": 100})
"""Counts as news writes them in words ("two days later", "sixty years ago", "a month after")."""

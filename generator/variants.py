"""Regular variants of a registered alias, so that contributors need not list every form.

Only proper names (an alias that starts with a capital letter, in Latin script) vary, and
only in ways English news writes them regularly:

- a hyphen or a space between words ("Russia-Japan", "Russia Japan");
- a final "e" of a transliteration, before an optional plural "s" ("Kuril", "Kurile",
  "Kurils", "Kuriles");
- "South" and "Southern", "North" and "Northern" as the first word;
- the plural and the singular of the last word, by a final "s" only, except for people
  ("Lesser Kurils", "Lesser Kuril" as in "Lesser Kuril Chain"; "Territories" stays);
- for islands, "Isle" for "Island" ("Kunashir Isle"). A suffix after a hyphen needs no
  variant: "Etorofu-to" and "Shikotan-jima" find "Etorofu" and "Shikotan" by their first
  word, and a variant "Etorofu-to" would also match "Etorofu — to", a dash between words.

A misspelling is never a variant (``suggest`` proposes those). The alias index keeps a
variant only where no alias has its key and no other entity's variant shares it.
"""

from __future__ import annotations

import re

_PAIRS = (("South", "Southern"), ("North", "Northern"))
_FINAL_E = re.compile(r"([A-Z][a-z]{2,}l)(e?)(s?)")
"""A transliterated name ending in "-il" or "-ile", with an optional plural "s"."""


def alias_variants(alias: str, kind: str) -> list[str]:
    """The regular variants of ``alias`` of an entity of ``kind``, without the alias itself."""
    alias = re.sub("[\u2010-\u2015]", "-", alias)
    if not alias[:1].isupper() or not alias.isascii():
        return []
    forms = {alias}
    if kind == "island" and alias.endswith(" Island"):
        forms.add(alias[:-len("Island")] + "Isle")
    if "-" in alias:
        forms.add(alias.replace("-", " "))
    for short, long in _PAIRS:
        for one, other in ((short, long), (long, short)):
            if alias.startswith(one + " "):
                forms.add(other + alias[len(one):])
    for form in list(forms):
        words = form.split(" ")
        for position, word in enumerate(words):
            match = _FINAL_E.fullmatch(word)
            if match:
                toggled = match.group(1) + ("" if match.group(2) else "e") + match.group(3)
                forms.add(" ".join([*words[:position], toggled, *words[position + 1:]]))
    if kind != "person":
        for form in list(forms):
            head, _, last = form.rpartition(" ")
            other = _other_number(last)
            if other and len(last) >= 5 and not form.endswith(" Isle"):
                forms.add(f"{head} {other}".strip())
    forms.discard(alias)
    return sorted(forms)


def _other_number(word: str) -> str | None:
    """The singular of a plural word, or the plural of a singular one; None for neither."""
    if not word.isalpha() or word.endswith(("ies", "y", "ss", "x", "ch", "sh")):
        return None  # "Territories" is not "Territory"'s only plural sense: left alone
    return word[:-1] if word.endswith("s") else word + "s"

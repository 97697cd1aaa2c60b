"""Case-insensitive patterns, matched faster.

CPython's `re` is 3-4x slower with IGNORECASE on Vietnamese text than without: every character is case-folded
as it is compared. It also tries every alternative of an alternation in turn: the fast pattern has its
alternatives factored by their opening characters (literal_trie), which finds the same matches. A `Folded` pattern compiles the lowercased pattern once, without IGNORECASE, and matches it
against the lowercased text: the same matches at the same offsets whenever lowercasing keeps the text's length
(it does for Vietnamese; when it does not, e.g. "İ", it falls back to the IGNORECASE pattern). A few letters
IGNORECASE matches beyond their lowercase ("ſ" matches "s", "ı" matches "i", some Greek and Cyrillic): a strict
Folded pattern falls back on a text holding one too, and so always matches what its IGNORECASE pattern matches. Groups then hold
lowercased text: use the offsets to read the original.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

__all__ = ["Folded", "lower_pattern", "literal_trie", "factor", "top_level", "group_end", "needles", "union",
           "hoist_lookbehinds", "boundary_as_lookbehind"]


def lower_pattern(source: str) -> str:
    """Lowercase the literal characters of a regex source; escapes (\\S, \\W, \\B…) and group names stay as written."""
    out, i = [], 0
    while i < len(source):
        c = source[i]
        if c == "\\":
            out.append(source[i:i + 2])
            i += 2
        elif source.startswith(("(?P<", "(?P="), i):
            close = source.index(">" if source[i + 3] == "<" else ")", i)
            out.append(source[i:close + 1])
            i = close + 1
        else:
            out.append(c.lower())
            i += 1
    return "".join(out)


_SPECIAL = frozenset(".^$*+?{}[]()|\\")
_QUANTIFIERS = frozenset("*+?{")


def _head(source: str) -> tuple[str, str] | None:
    """(the plain character a regex source opens on, the rest), or None when it opens on anything else (a class, a
    group, an escape such as \\s) or on a character a quantifier applies to."""
    if not source:
        return None
    if source[0] == "\\":
        if len(source) < 2 or source[1].isalnum():
            return None
        char, rest = source[1], source[2:]
    elif source[0] in _SPECIAL:
        return None
    else:
        char, rest = source[0], source[1:]
    if rest[:1] and rest[0] in _QUANTIFIERS:
        return None
    return char, rest


def _literal_run(source: str) -> tuple[str, str]:
    """(the plain characters a regex source opens on, the rest): "năm \\d{4}" -> ("năm ", "\\d{4}")."""
    run = []
    while (head := _head(source)) is not None:
        run.append(head[0])
        source = head[1]
    return "".join(run), source


def hoist_lookbehinds(alternative: str) -> str:
    """An alternative that opens on lookbehinds of plain text and then on plain text, with that text first and
    the lookbehinds after it, the text added to each ("(?<!đến )năm \\d{4}" -> "năm (?<!đến năm )\\d{4}").

    The same matches: once the text L has matched at p, (?<!XL) after it fails exactly when X ends at p, as
    (?<!X) before it did (and both hold when the text before p is too short). Why: `re` runs every lookbehind at
    every position it tries, where after L only the few positions that hold L run them; and an alternative that
    opens on a plain character is factored with the others (literal_trie)."""
    behind, i = [], 0
    while alternative.startswith(("(?<!", "(?<="), i):
        end = group_end(alternative, i)
        text, rest = _literal_run(alternative[i + 4:end - 1])
        if rest or not text:
            return alternative
        behind.append((alternative[i:i + 4], text))
        i = end
    run, rest = _literal_run(alternative[i:])
    if not behind or not run:
        return alternative
    return re.escape(run) + "".join(f"{kind}{re.escape(text + run)})" for kind, text in behind) + rest


def literal_trie(alternatives: list[str], any_order: bool = False) -> str:
    """The alternation of regex sources `a1|a2|…` with their shared opening characters factored out
    ("bắc giang", "bắc ninh", "bình định" -> "b(?:ắ(?:c(?:\\ (?:giang|ninh)))|ình định)"). Alternatives that open
    on anything else (a class, a group, \\b) stay where they are, and so split the runs that are factored.

    Why: `re` tries every alternative at every position; after factoring it tries one branch per distinct
    character. It matches exactly what the flat alternation matches, for a case-sensitive pattern: at any position
    only the alternatives opening on the character found there can match, and their order is kept. (Under
    IGNORECASE two different characters can match alike, so factor lowercased sources for a Folded pattern.)

    any_order: the pattern is only asked whether it matches (search used as a yes/no): all the alternatives that
    open on a plain character are factored together, the others come after them. A text then holds a match
    exactly when it held one before, though not necessarily the same one.
    """
    alternatives = [hoist_lookbehinds(a) for a in alternatives]
    heads = [_head(a) for a in alternatives]
    if len(alternatives) < 2:
        return "|".join(alternatives)
    if any_order and any(h is None for h in heads):
        plain = [a for a, h in zip(alternatives, heads) if h is not None]
        return "|".join([literal_trie(plain, True)] * bool(plain) + [a for a, h in zip(alternatives, heads) if h is None])
    if any(h is None for h in heads):  # keep the order: factor each run of alternatives opening on a plain character
        out, run = [], []
        for a, h in zip(alternatives, heads):
            if h is None:
                out += [literal_trie(run)] * bool(run) + [a]
                run = []
            else:
                run.append(a)
        return "|".join(out + [literal_trie(run)] * bool(run))
    groups: dict[str, list[str]] = {}
    for char, rest in heads:
        groups.setdefault(char, []).append(rest)
    return "|".join(re.escape(char) + (rests[0] if len(rests) == 1 else "(?:" + literal_trie(rests, any_order) + ")")
                    for char, rests in groups.items())


def _syntax(source: str, i: int = 0) -> Iterator[tuple[int, str]]:
    """(offset, character) of a regex source from i on, escapes and character classes stepped over whole: the
    characters that can open, close or split a group."""
    while i < len(source):
        c = source[i]
        if c == "\\":
            i += 2
        elif c == "[":
            i = _class_end(source, i)
        else:
            yield i, c
            i += 1


def top_level(source: str) -> list[str]:
    """The alternatives of a regex source at its top level ("a|(?:b|c)d" -> ["a", "(?:b|c)d"])."""
    out, depth, start = [], 0, 0
    for i, c in _syntax(source):
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            out.append(source[start:i])
            start = i + 1
    out.append(source[start:])
    return out


def _class_end(source: str, i: int) -> int:
    """The offset just after the character class that opens at source[i] ('[')."""
    j = i + 2 if source[i + 1:i + 2] == "^" else i + 1
    if source[j:j + 1] == "]":  # a ']' right after '[' or '[^' is a literal
        j += 1
    while source[j] != "]":
        j += 2 if source[j] == "\\" else 1
    return j + 1


def group_end(source: str, i: int = 0) -> int:
    """The offset just after the group that opens at source[i] ("(?:a|(b))c" -> 8)."""
    depth = 0
    for k, c in _syntax(source, i):
        depth += (c == "(") - (c == ")")
        if depth == 0:
            return k + 1
    raise ValueError(f"unbalanced group in {source!r}")


# how a group opens: (?:, a lookaround, a named or a plain capturing group (not (?P=name), flags or comments)
_GROUP_OPENER = re.compile(r"\((?:\?:|\?=|\?!|\?<=|\?<!|\?P<\w+>|(?!\?))")


def _captures(source: str) -> bool:
    """Whether a regex source holds a capturing group (named or not)."""
    return any(c == "(" and (source[k + 1:k + 2] != "?" or source.startswith("(?P<", k)) for k, c in _syntax(source))


def factor(source: str, any_order: bool = False) -> str:
    """A regex source with every alternation in it (at its top level and inside every group) factored by
    literal_trie: the same matches (or, with any_order, the same yes/no), found faster. Alternatives holding a
    capturing group are left in their order, so that group numbers stay."""
    alts = [_factor_groups(a, any_order) for a in top_level(source)]
    if len(alts) == 1 or any(_captures(a) for a in alts):
        return "|".join(alts)
    return literal_trie(alts, any_order)


def _factor_groups(source: str, any_order: bool) -> str:
    out, i = [], 0
    while i < len(source):
        if source[i] == "\\":
            out.append(source[i:i + 2])
            i += 2
        elif source[i] == "[":
            j = _class_end(source, i)
            out.append(source[i:j])
            i = j
        elif source[i] == "(" and (opener := _GROUP_OPENER.match(source, i)):
            j = group_end(source, i)
            out.append(opener.group(0) + factor(source[opener.end():j - 1], any_order) + ")")
            i = j
        else:
            out.append(source[i])
            i += 1
    return "".join(out)


_ZERO_WIDTH_GROUP = ("(?<!", "(?<=", "(?!", "(?=")
_MAX_NEEDLES = 16  # beyond this many, looking for each in turn costs more than the scan it may save
_MAX_DEPTH = 8


def needles(source: str) -> tuple[str, ...] | None:
    """Literal strings at least one of which every match of a regex source holds ("(?:đến|tới) năm 20\\d\\d" ->
    ("đến năm 20", "tới năm 20")), none holding another; None when some alternative holds no literal that every
    match of it holds (only classes, escapes such as \\d, optional parts) or when there would be too many.

    Why: `re` tries a pattern at every position of a text; `in` finds a literal string in one fast pass, so a text
    that holds none of the needles is known to hold no match without running the pattern."""
    found = _needles(source, 0)
    if found is None:
        return None
    kept: list[str] = []
    for n in sorted(set(found), key=lambda n: (len(n), n)):  # the shortest first, in a fixed order
        if not any(k in n for k in kept):  # a needle holding a shorter one is found whenever the match is
            kept.append(n)
    return tuple(kept) if len(kept) <= _MAX_NEEDLES else None


def _needles(source: str, depth: int) -> list[str] | None:
    out: list[str] = []
    for alt in top_level(source):
        found = _sequence_literals(alt, depth)
        if found is None or len(out) + len(found) > 4 * _MAX_NEEDLES:
            return None
        out += found
    return out


def _telling(literals: list[str]) -> tuple[int, int]:
    """How well a set of literals tells a text apart: its shortest literal the longer, the fewer literals the better."""
    return min(map(len, literals)), -len(literals)


def _sequence_literals(alt: str, depth: int) -> list[str] | None:
    """The literals one of which every match of one alternative (a sequence of parts) holds: the most telling of
    what its parts give, each part being in every match: a run of plain characters, or a group read alternative by
    alternative, each followed by what follows the group. Everything else is stepped over: assertions and
    lookarounds, classes and escapes, and whatever a quantifier applies to."""
    if depth > _MAX_DEPTH:
        return None
    best: list[str] | None = None
    i = 0
    while i < len(alt):
        found: list[str] | None = None
        if alt.startswith(_ZERO_WIDTH_GROUP, i):
            i = group_end(alt, i)
        elif alt[i] == "(":
            opener = _GROUP_OPENER.match(alt, i)
            if not opener:
                break
            end = group_end(alt, i)
            i = _quantifier_end(alt, end)
            if i == end:  # a group left out by no quantifier: one of its alternatives is in the match
                found = _needles_joined(alt[opener.end():end - 1], alt[end:], depth + 1)
        else:
            run, rest = _literal_run(alt[i:])
            if run:
                found, i = [run], len(alt) - len(rest)
            elif alt[i] in ")|":
                break
            else:  # one character, escape or class, and its quantifier
                atom_end = i + 2 if alt[i] == "\\" else _class_end(alt, i) if alt[i] == "[" else i + 1
                i = _quantifier_end(alt, atom_end)
        if found and (best is None or _telling(found) > _telling(best)):
            best = found
    return best


_QUANTIFIER = re.compile(r"[?*+]|\{\d*,?\d*\}")


def _quantifier_end(source: str, i: int) -> int:
    """The offset after the quantifier at source[i] (with its lazy or possessive mark), or i when there is none."""
    q = _QUANTIFIER.match(source, i)
    if not q:
        return i
    return q.end() + (source[q.end():q.end() + 1] in ("?", "+"))


def _needles_joined(inner: str, after: str, depth: int) -> list[str] | None:
    """The literals of a group's alternatives, each followed by what follows the group."""
    out: list[str] = []
    for a in top_level(inner):
        found = _sequence_literals(a + after, depth)
        if found is None or len(out) + len(found) > 4 * _MAX_NEEDLES:
            return None
        out += found
    return out


def _odd_letters() -> str:
    """The non-ASCII letters IGNORECASE matches beyond their lowercase ("ſ" matches "s", "ı" matches "i"): a strict
    Folded pattern matches a text holding one with the IGNORECASE pattern itself."""
    try:
        from re._casefix import _EXTRA_CASES  # Python 3.11+: the extra case-insensitive equivalences of `re`
    except ImportError:  # pragma: no cover
        return "µıſͅβεθικπρςσφϐϑϕϖϰϱϵẛι"
    chars = {chr(k) for k in _EXTRA_CASES} | {chr(v) for vs in _EXTRA_CASES.values() for v in vs}
    return "".join(sorted(c for c in chars if not c.isascii()))


_ODD = re.compile("[" + re.escape(_odd_letters()) + "]")
# a lowercased text: (text, its lowercase or None when lowercasing changes its length, whether it holds one of the
# odd letters, whether its lowercase can be sliced: a slice's lowercase is the lowercase's slice, but for a
# capital sigma, whose lowercase depends on the letters around it)
_Entry = tuple[str, str | None, bool, bool]
_NONE: _Entry = ("", "", False, True)
_last: _Entry = _NONE  # the text last lowercased or asked for
_recent: list[_Entry] = [_NONE] * 6  # the texts last lowercased, the latest first: a line and the windows cut from it
_page: _Entry = _NONE  # the last long text (a whole page), kept while the lines and windows read in it come and go
_LONG = 1000


def _lowered(s: str) -> _Entry:
    """s with its lowercase and whether it holds an odd letter, kept for the next calls on s."""
    global _last, _page
    for entry in _recent:
        if entry[0] is s:  # the rules run patterns over a line and the parts of it, in turn
            _last = entry
            return entry
    if _page[0] is s:
        _last = _page
        return _page
    low = s.lower()
    entry = ((s, None, False, False) if len(low) != len(s)
             else (s, low, not s.isascii() and bool(_ODD.search(low)), "Σ" not in s))
    _recent.pop()
    _recent.insert(0, entry)
    _last = entry
    if len(s) >= _LONG:
        _page = entry
    return entry


_WORD_CHAR = re.compile(r"\w")


def _opens_on_word_char(source: str) -> bool:
    """Whether every match of a regex source opens on a word character, as its opening shows: a plain word
    character, or a group (not left out by a quantifier) each of whose alternatives opens on one."""
    head = _head(source)
    if head is not None:
        return bool(_WORD_CHAR.fullmatch(head[0]))
    opener = _GROUP_OPENER.match(source)
    if not opener or opener.group(0).startswith(("(?=", "(?!", "(?<")):
        return False
    end = group_end(source)
    if source[end:end + 1] in ("*", "?", "{"):
        return False
    return all(a and _opens_on_word_char(a) for a in top_level(source[opener.end():end - 1]))


def boundary_as_lookbehind(source: str) -> str:
    """A regex source that opens on \\b before a word character, with (?<!\\w) in its place: the same matches
    (before a word character both say that no word character comes before), found faster (`re` reads the
    character before for (?<!\\w), both characters for \\b)."""
    if not source.startswith(r"\b"):
        return source
    first = top_level(source)[0][2:]
    return r"(?<!\w)" + source[2:] if first and _opens_on_word_char(first) else source


def union(patterns: list[Folded]) -> Folded:
    """One Folded pattern that matches a text exactly when one of the patterns does (all strict, or none): asked
    first, it spares trying each in turn on the many texts none of them matches."""
    strict = {p.strict for p in patterns}
    if len(strict) != 1 or any(p.slow.flags & ~(re.IGNORECASE | re.UNICODE) for p in patterns):
        raise ValueError("a union needs patterns all strict or all not, and without other flags")
    return Folded("|".join(f"(?:{p.pattern})" for p in patterns), strict=strict.pop())


class Folded:
    """An IGNORECASE pattern run as a case-sensitive one over lowercased text (see the module docstring)."""

    __slots__ = ("slow", "fast", "pattern", "strict", "needles")

    def __init__(self, source: str, flags: int = 0, fast_source: str | None = None, strict: bool = False):
        """fast_source: a lowercased source for the fast path; by default lower_pattern(source) with its
        alternations factored (factor), which matches exactly what it matches.

        strict: match exactly as the IGNORECASE pattern does on every text, so that a plain IGNORECASE pattern can
        become a Folded one without changing a result: a text holding one of the odd letters ("ſ", "ı", …) is
        matched by the IGNORECASE pattern. Without it (the project's first Folded patterns) such a text is matched
        by its lowercase, as it always was."""
        self.slow = re.compile(source, flags | re.IGNORECASE)
        fast = fast_source or factor(lower_pattern(source))
        self.strict = strict
        # a strict pattern that names one of the odd letters is always run as written
        self.fast = (self.slow if strict and _ODD.search(fast)
                     else re.compile(boundary_as_lookbehind(fast), flags & ~re.IGNORECASE))
        self.pattern = source
        # literals one of which every match of the fast pattern holds (it matches what the lowercased source
        # matches): a lowercased text without any has no match (see needles)
        self.needles = needles(lower_pattern(source)) if self.fast is not self.slow and not flags & re.VERBOSE else None

    def _pick(self, s: str) -> tuple[re.Pattern, str] | None:
        """(the pattern to run, the text to run it on), or None when the lowercased text holds no needle."""
        last = _last
        _, low, odd, _ = last if last[0] is s else _lowered(s)
        if low is None or (odd and self.strict):
            return self.slow, s
        needles = self.needles
        if needles is not None:
            for n in needles:
                if n in low:
                    break
            else:
                return None
        return self.fast, low

    def search(self, s: str, pos: int = 0, endpos: int = 2 ** 62) -> re.Match | None:
        last = _last  # _pick, inlined: the rules call search some 500 times per plan
        _, low, odd, _ = last if last[0] is s else _lowered(s)
        if low is None or (odd and self.strict):
            return self.slow.search(s, pos, endpos)
        needles = self.needles
        if needles is not None:
            for n in needles:
                if n in low:
                    break
            else:
                return None
        return self.fast.search(low, pos, endpos)

    def _pick_in(self, s: str, start: int, end: int) -> tuple[re.Pattern[str], str] | None:
        """_pick for the part s[start:end], with s lowercased once for all the parts of it searched (the sentences
        and clauses of a page, the windows of a line): the pattern and the text to run it on (offsets count from
        start), or None when no needle is in the part."""
        last = _last  # _lowered's cache, read inline: the rules ask some 300 parts per plan
        _, low, odd, sliceable = last if last[0] is s else _lowered(s)
        if low is None or not sliceable or (odd and self.strict):
            return self._pick(s[start:end])  # the part alone may lowercase otherwise than within s
        part = low[start:end]
        needles = self.needles
        if needles is not None:
            for n in needles:
                if n in part:
                    break
            else:
                return None
        return self.fast, part

    def search_in(self, s: str, start: int, end: int) -> re.Match | None:
        """self.search(s[start:end]), the same match (its offsets count from start)."""
        picked = self._pick_in(s, start, end)
        return picked[0].search(picked[1]) if picked else None

    def match_in(self, s: str, start: int, end: int) -> re.Match | None:
        """self.match(s[start:end]), found as search_in finds it."""
        picked = self._pick_in(s, start, end)
        return picked[0].match(picked[1]) if picked else None

    def match(self, s: str, pos: int = 0, endpos: int = 2 ** 62) -> re.Match | None:
        picked = self._pick(s)
        return picked[0].match(picked[1], pos, endpos) if picked else None

    def finditer(self, s: str, pos: int = 0, endpos: int = 2 ** 62) -> Iterator[re.Match]:
        picked = self._pick(s)
        return picked[0].finditer(picked[1], pos, endpos) if picked else iter(())

    def sub(self, repl, s: str, count: int = 0) -> str:
        """Substitution keeps the original text between matches (only the matched parts are replaced)."""
        out, last = [], 0
        for n, m in enumerate(self.finditer(s)):
            if count and n >= count:
                break
            out.append(s[last:m.start()])
            out.append(repl(m) if callable(repl) else m.expand(repl))
            last = m.end()
        out.append(s[last:])
        return "".join(out)

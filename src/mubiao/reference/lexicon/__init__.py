"""The words of the genre, one place each: what the extraction rules read, kept as data.

Each module holds word lists (tuples, in the order the rules try them: longest or most specific
first where it matters) and, where a word only counts in some company, a pattern fragment beside
it.  The rules in :mod:`mubiao.extract` compile their patterns from these lists; a word added here
is read everywhere the list is.  Nothing here imports from the rest of mubiao.

* :mod:`.numerals` — Chinese digits, multipliers and scales;
* :mod:`.units` — units of measure, and the nouns that say what a bare scale counts;
* :mod:`.qualifiers` — 约, 超过, 以上, 左右 …;
* :mod:`.cues` — the words that mark a sentence as a target or a result, and their weights;
* :mod:`.verbs` — verbs of change, of effort and of counting;
* :mod:`.aims` — the aims of qualitative targets and the openings of target lists;
* :mod:`.nonclaims` — numbers that are not quantities: figures of speech, streaks, ordinals, ranks.
"""

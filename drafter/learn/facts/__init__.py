"""Fact spotting: what in a sample report is specific to it (names, places, dates, counts, events).

Used by the skeleton stage (a phrase carrying a fact is not generic) and for the
leak guard's token list.  ``spot`` is the entry; ``patterns`` and ``words``
hold its data, ``names`` finds organisations, places and persons, ``lexical``
adds jieba's weak signals, ``tokens`` works over the whole corpus.
"""

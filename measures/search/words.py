"""Thai text cut into words the same way for the index and for queries.

pythainlp's newmm with a dictionary of its own words plus the catalog's names (tools,
indicators) and the organisation's (its names, its units), so that ทุ่งดาวเรือง or กองคลัง
stay one word. Thai digits become Arabic and letters lower case, so ๒๕๖๖ finds 2566.
"""

import re
import threading
from functools import lru_cache

from pythainlp.corpus import thai_words
from pythainlp.tokenize import word_tokenize
from pythainlp.util import Trie

from itaportal import thai

# Word characters, Thai vowel and tone marks included (Python's \w leaves them out).
_WORD = re.compile(r"[\w\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]+")
# Pieces of a name worth a dictionary entry: Thai, and short enough to be a name, not a sentence.
_NAME_PIECE = re.compile(r"[\u0e01-\u0e4e]{2,40}")
# One lock for the shared trie: the extra words of a text are added for it and removed after.
_trie_lock = threading.Lock()


@lru_cache(maxsize=1)
def _base_words():
    return frozenset(thai_words())


@lru_cache(maxsize=1)
def _base_trie():
    return Trie(_base_words())


def name_pieces(*names):
    """The Thai runs of names (อบต.ทุ่งดาวเรือง gives ทุ่งดาวเรือง) as dictionary words."""
    return {piece for name in names for piece in _NAME_PIECE.findall(name or "")}


def normalised(text):
    return thai.to_arabic_digits(text or "").lower()


def _cut(text, added):
    """newmm over the base dictionary plus ``added`` (words that occur in the text)."""
    trie = _base_trie()
    with _trie_lock:
        for word in added:
            trie.add(word)
        try:
            tokens = word_tokenize(text, custom_dict=trie, engine="newmm", keep_whitespace=False)
        finally:
            for word in added:
                trie.remove(word)
    return [w for token in tokens for w in _WORD.findall(token)]


@lru_cache(maxsize=50_000)
def _indexed(text, added):
    words = _cut(text, added)
    parts = [part for word in words if word in added for part in _cut(word, ())]
    return " ".join(words + parts)


class Segmenter:
    """Cuts text into words with the base dictionary plus ``extra_words``.

    Rather than build a trie per organisation (most of a second for 62,000 words), the shared
    trie takes, while it cuts a text, those extra words that occur in it: newmm only ever looks
    up words found in the text, so the words are cut as with a whole dictionary of its own, and
    texts that repeat (across entries and organisations) are cut once."""

    def __init__(self, extra_words=()):
        self.extra = frozenset(extra_words) - _base_words()

    def _in(self, text):
        return frozenset(word for word in self.extra if word in text)

    def words(self, text):
        """The words of a text (for a query), digits folded, lower case, no punctuation."""
        text = normalised(text)
        return _cut(text, self._in(text))

    def indexed(self, text):
        """The text as the index stores it: its words, and for an added name also the words
        the base dictionary cuts it into, so ดาวเรือง still finds ทุ่งดาวเรือง."""
        text = normalised(text)
        return _indexed(text, self._in(text))

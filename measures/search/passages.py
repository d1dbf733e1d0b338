"""The passage a result shows: the part of the text around the first word found, every found
word in <mark>. Each piece of the text is escaped on its own, so the marks are the only HTML."""

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from .words import normalised

AROUND = 90  # characters shown on each side of the first match


def _spans(folded, words):
    spans = []
    for word in words:
        start = folded.find(word)
        while start != -1:
            spans.append((start, start + len(word)))
            start = folded.find(word, start + len(word))
    spans.sort()
    merged = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def passage(text, words):
    """HTML: the text near its first match, matches marked; the start of the text if none."""
    text = " ".join(text.split())
    # Folded one character at a time so positions stay those of the original text.
    folded = "".join(normalised(c)[:1] or c for c in text)
    spans = _spans(folded, words)
    first = spans[0][0] if spans else 0
    start, end = max(0, first - AROUND), min(len(text), first + 2 * AROUND)
    pieces = ["…" if start else ""]
    position = start
    for span_start, span_end in spans:
        if span_end <= start or span_start >= end:
            continue
        span_start, span_end = max(span_start, start), min(span_end, end)
        pieces.append(escape(text[position:span_start]))
        pieces.append(format_html("<mark>{}</mark>", text[span_start:span_end]))
        position = span_end
    pieces.append(escape(text[position:end]))
    pieces.append("…" if end < len(text) else "")
    return mark_safe("".join(pieces))  # noqa: S308 (every piece escaped above)

"""Column widths of a measures table, fitted to what the columns hold.

A fixed split serves one plan and wastes another: a report with four long results per measure
needs a wide result column, a plan with long steps and one short result a wide step column.
Word's "autofit" does this by eye; here the widths (whole percents of the table) are chosen to
make the table short: a row is as tall as its tallest cell, so the widths are moved, one
percent at a time, to where they lower the sum of the rows' estimated heights the most.

The estimate counts lines: a paragraph of n spacing characters (Thai vowel and tone marks sit
above or below a letter and take no width) in a column w percent wide takes
max(1, n / chars_per_line(w)) lines, a fraction rather than a whole number so that every
percent moved shows in the sum. It only has to rank widths, not predict pages.
"""

import math

MIN_WIDTH = 9  # percent: a unit name such as กองการศึกษา still fits on a line
MAX_WIDTH = 45
# Landscape A4 less margins: 26.7 cm of table; cell padding 12 pt (pdf.css); an average Sarabun
# character at 10 pt is about 0.2 cm wide, and a line broken between words ends on average
# five characters short (measured on rendered reports), which narrow columns feel the most.
TABLE_CM = 26.7
PADDING_CM = 0.42
CHAR_CM = 0.2
WRAP_LOSS = 5
MAX_STEPS = 400  # each step moves one percent; a table of 6 columns needs far fewer


def _lines(lengths, width):
    per_line = max((width * TABLE_CM / 100 - PADDING_CM) / CHAR_CM - WRAP_LOSS, 1)
    return sum(max(1.0, n / per_line) for n in lengths)


def unbroken_width(length):
    """The percent width a column needs to hold ``length`` spacing characters on one line
    (a part of a unit's name never breaks, thai.kept_whole); a tenth more than the
    average character width, since a name's letters may be wider than the average."""
    return math.ceil((length * CHAR_CM * 1.1 + PADDING_CM) * 100 / TABLE_CM)


def fit_widths(rows, floors=()):
    """Percent widths (summing to 100) for a table whose rows are given as lists of cells,
    each cell a list of (paragraph length, size factor) pairs, the factor being the
    paragraph's font size relative to the table's (0.9 for the small evidence lines).

    ``floors``: {column: the least percent it may have} for columns that print text that
    never breaks (unbroken_width), at most MAX_WIDTH."""
    if not rows:
        return []
    count = len(rows[0])
    if not count * MIN_WIDTH <= 100 <= count * MAX_WIDTH:
        raise ValueError(f"{count} columns cannot share 100% within the width bounds")
    least = [min(max(MIN_WIDTH, dict(floors).get(c, 0)), MAX_WIDTH) for c in range(count)]
    if sum(least) > 100:
        raise ValueError(f"columns of at least {least} percent cannot share 100%")
    cells = [[[n * factor for n, factor in row[c]] for row in rows] for c in range(count)]
    # lines[c][w][r]: lines of row r in column c at width w, computed once per width.
    lines = [
        {w: [_lines(cell, w) for cell in cells[c]] for w in range(MIN_WIDTH, MAX_WIDTH + 1)}
        for c in range(count)
    ]

    def height(widths):
        columns = [lines[c][widths[c]] for c in range(count)]
        return sum(max(row) for row in zip(*columns, strict=True))

    widths = [100 // count] * count
    for c in range(100 - sum(widths)):
        widths[c] += 1
    for c in range(count):  # raise a column to its floor with room from the widest others
        while widths[c] < least[c]:
            widest = max((o for o in range(count) if widths[o] > least[o]), key=lambda o: widths[o])
            widths[widest] -= 1
            widths[c] += 1
    best = height(widths)
    for _ in range(MAX_STEPS):
        move = None
        for to in range(count):
            for frm in range(count):
                if to == frm or widths[to] >= MAX_WIDTH or widths[frm] <= least[frm]:
                    continue
                widths[to] += 1
                widths[frm] -= 1
                tried = height(widths)
                widths[to] -= 1
                widths[frm] += 1
                if tried < best:
                    best, move = tried, (to, frm)
        if move is None:
            break
        widths[move[0]] += 1
        widths[move[1]] -= 1
    return widths


def row_lines(cells, widths):
    """Estimated lines of a row (cells as fit_widths takes them) in columns of ``widths``
    percent: the DOCX writer lets a row break across pages only when it may not fit on one."""
    pairs = zip(cells, widths, strict=True)
    return max((_lines([n * f for n, f in cell], width) for cell, width in pairs), default=0.0)

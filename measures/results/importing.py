"""Importing a result from a file's lines: what the command runs (the web pages run the same
reading and saving, with a preview confirmed in between)."""

from dataclasses import dataclass

from .parsing import result_from_lines
from .scoring import Computed, Shape, scores_compute
from .services import framework_for_assessment, result_save


@dataclass
class Imported:
    typed: object
    computed: Computed
    result: object  # the saved ItaResult, None on a dry run


def result_import(*, organisation, fiscal_year, lines, dry_run=False):
    """Read every line (ResultTextError if any is not understood), then save unless dry_run."""
    shape = Shape.of(framework_for_assessment(fiscal_year))
    reading = result_from_lines(shape=shape, lines=lines)
    computed = scores_compute(shape=shape, typed=reading.typed.scores)
    result = None
    if not dry_run:
        result = result_save(
            organisation=organisation, fiscal_year=fiscal_year, typed=reading.typed, shape=shape
        )
    return Imported(typed=reading.typed, computed=computed, result=result)

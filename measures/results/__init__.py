"""ITA results: their scores, how they are entered, and their analysis."""

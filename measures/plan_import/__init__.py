"""Plans brought in from what organisations already have (.xlsx, .csv, text copied from a Word or
PDF report) and taken out again in the same columns: read → preview → confirm → one save."""

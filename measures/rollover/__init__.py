"""Next year's plan from this year's: the measures carried over, their questions mapped to the
next framework's codes (services.py), the coordinator's page (views.py)."""

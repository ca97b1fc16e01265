"""ledger-engine: books, loan rules and coverage reports for self-help clubs' loan funds."""

__version__ = "0.1.0"

"""Who may see and change what in ``ledger-engine serve``, and the trail of every change.

- ``users``: the users file (``users.toml``) beside the books, passwords only as salted
  scrypt hashes, and the session secret kept beside it;
- ``policy``: what each role may do with a club's pages, its source and its writes (pure);
- ``throttle``: failed logins slowed per user and address;
- ``audit``: ``audit.log`` beside each book, one line per write, chained by sha256;
- ``guard``: the Flask hook that checks every request before Fava handles it, the login
  page, and the audit of every write that reaches a book.
"""

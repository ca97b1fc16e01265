"""The treasurer's registers (SPEC §7): reading them, importing them, writing them.

Reading (the document layer):

- ``importers.kinds``: the four register kinds and their columns, declared as data.
- ``importers.document.read_document(path, kind=None)``: open a CSV or XLSX register, find
  its header row and kind, give its non-empty rows as raw cells.
- ``importers.rows.read_register(path, kind=None)``: open and validate in one step, giving
  typed rows (``MemberRow``, ``LoanRow``, ``RepaymentRow``, ``CashbookRow``) and every
  ``RowError`` (``file:row: column: what is wrong``).

Importing (see README.md):

- ``importers.members``, ``.loans``, ``.repayments``, ``.cashbook``: each a ``build`` function
  (one typed row → entries, checked against the book's ``importers.state.BookState``) and a
  beangulp ``Importer`` given the book at construction; ``importers.fava_config`` lists them
  for Fava's import page.
- ``importers.pipeline.import_documents(book, documents, dry_run=False)``: all rows of all
  documents into the book, or nothing; what ``ledger-engine import`` runs.
- ``importers.categories``: what a cashbook *Khoản mục* means (defaults, and the club's own
  ``custom "import-category"`` directives).

Writing:

- ``importers.templates.write_register(kind, rows, path)``: write rows as CSV or XLSX in the
  same form; ``write_template(kind, path)`` writes an empty one.
- ``importers.exporting.export_rows(kind, book)``: a book's data as a register's rows
  (``ledger-engine export``).
"""

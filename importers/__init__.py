"""The treasurer's registers (SPEC §7): reading them, checking them, writing them.

- ``importers.kinds``: the four register kinds and their columns, declared as data.
- ``importers.document.read_document(path, kind=None)``: open a CSV or XLSX register, find
  its header row and kind, give its non-empty rows as raw cells.
- ``importers.rows.read_register(path, kind=None)``: open and validate in one step, giving
  typed rows (``MemberRow``, ``LoanRow``, ``RepaymentRow``, ``CashbookRow``) and every
  ``RowError`` (``file:row: column: what is wrong``).
- ``importers.templates.write_register(kind, rows, path)``: write rows as CSV or XLSX in the
  same form; ``write_template(kind, path)`` writes an empty one.
"""

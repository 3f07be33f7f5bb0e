"""Excel import and export of residents and sector records (issue 6).

file → `core.excel.workbook` rows → `core.excel.header` finds the table → `mapping` suggests
columns → a target (`persons` or `records`) validates and matches every row into a `plan.Plan`
(new / update / unchanged / review / error, with diffs) → `commit` writes all-or-nothing (or the
valid rows only) in one transaction → `report` writes the rejected rows back to .xlsx with a
column explaining each problem. `export` writes lists that import back onto the same rows.
"""

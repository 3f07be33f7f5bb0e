"""Reports: the indicator catalogue and its computations (`indicators`, `catalogue`), periods,
the report for a period (`compute`), manual overrides, templates and the .xlsx (`templates`,
`excel`, `export`), and the dashboard's figures (`dashboard`). Aggregates only; see
docs/REPORTS.md."""

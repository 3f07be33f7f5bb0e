"""The sync hub (issue 7): FastAPI server on SQLite or PostgreSQL; docs/SYNC.md is the contract.

- `app`: HTTP API (`create_app(config)`); `intake`: push/bundle path and request authentication.
- `ledger`: per-op apply and pull; `schema`: tables; `db`: engines and transactions.
- `admin`: communes, enrollment codes, devices, hub users; `keys`: the hub's key pair.
- `attachments`: resumable content-addressed files; `bundles`: USB import and signed acks.
- `report_store`: the report figures communes send (PUT /v1/report); `reports`: province
  totals from them; `activity`: last push/pull/report per device, refusals per commune.
- `web/`: the dashboard for hub users (login, overview, commune, province report, .xlsx).
- `ratelimit`, `reference`, `config`, `errors`, `models`: the small pieces around them.
"""

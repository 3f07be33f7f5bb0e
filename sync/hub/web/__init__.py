"""The hub's web dashboard (issue 8): hub users log in and see each commune's sync and report
figures, the province's indicator table for a period, and download it as .xlsx.

- `pages`: the routes (`dashboard_router(hub)`), security headers, login and logout.
- `sessions`: server-side sessions and CSRF tokens; `queries`: what the pages read.
- `workbook`: the .xlsx; `i18n`: Vietnamese texts and their English (?lang=en).
- `templates/`, `static/hub.css`: served by the hub itself (no CDN, no JavaScript).
"""

from sync.hub.web.pages import dashboard_router

__all__ = ["dashboard_router"]

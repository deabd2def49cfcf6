"""The report page's look and its one behaviour (the "only problems" filter), inline.

Both live as package files next to this module (``report.css``, ``report.js``) and are inlined
into the page by its template: the page is sent as a webhook body, saved to disk and opened
offline, so it loads nothing from elsewhere. The API's Content-Security-Policy hashes these
exact strings. Colours are chosen for contrast (text on every tinted background is at least
4.5:1, WCAG AA) and never carry meaning alone: verdicts are spelled out in badges, and changed
words are also struck through or underlined. Without JavaScript the page shows everything; the
script only toggles a class and announces how many quotations are shown.
"""

from __future__ import annotations

from worker.render.html_markup import package_text

CSS = package_text("report.css")
SCRIPT = package_text("report.js")

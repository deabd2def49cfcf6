"""Human-readable views of a report: terminal text and a self-contained HTML page.

Both take the ``Report`` model (as built, or read back with ``Report.from_dict``) and share their
reading of it through ``common``, so the CLI, the API and webhook bodies show the same findings.
"""

from worker.render.html_page import render_html
from worker.render.text import render_text

__all__ = ["render_html", "render_text"]

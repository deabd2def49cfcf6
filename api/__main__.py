"""``python -m api``: serve the API with uvicorn on ``API_HOST``:``API_PORT``.

A convenience for ``make run`` and local use; production can call uvicorn directly with
``api.main:app``. Migrations are not run here (``python -m worker.storage.migrate``).
"""

from __future__ import annotations

import uvicorn

from worker.settings import get_settings


def main() -> None:
    settings = get_settings()
    uvicorn.run("api.main:app", host=settings.api_host, port=settings.api_port, proxy_headers=True)


if __name__ == "__main__":
    main()

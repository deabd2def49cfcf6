"""Request and response bodies of the API, one module per resource.

``common`` holds what every body shares (strict requests, the error shape, the text and URL
rules); ``keys``, ``stories``, ``articles``, ``deliveries`` and ``shares`` the bodies of their
routes.
"""

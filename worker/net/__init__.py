"""Outbound HTTP safety shared by everything that connects to a URL a client gave us.

Webhook delivery and article fetching both send requests to addresses chosen by tenants, so
both must refuse internal networks (SSRF) and both must connect to exactly the address they
checked. ``addresses`` decides which addresses are acceptable; ``pinning`` makes a request go
to a checked address without a second DNS lookup.
"""

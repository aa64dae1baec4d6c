"""Load benchmark of the chat API (`scheduling-agent bench`); see PERFORMANCE.md.

It drives N concurrent sessions (one bulk customer each) through a scripted,
realistic conversation against a live service with the real PostgreSQL, Redis and
the PF360 sandbox as its own process, then reads every session's history back and
proves no message was lost or stored twice.
"""

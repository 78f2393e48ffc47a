"""Presenting: the command line, the REST API, the dashboard and the reports — thin faces over the core."""

"""The read-only JSON API (/api/v1) and the commands that keep reporters' downloads current."""

"""The observatory stores nothing: its charts are registered by the other apps
(``register_observatory_chart``, portal/observatory.py) and their rows are cached
(observatory/selectors.py)."""

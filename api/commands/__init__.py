"""The `nutrikg` command's parts beside `api/cli.py` (which builds the app and runs it): what
every command shares (`common.py`) and the commands that score and train the extractor
(`quality.py`)."""

"""`python -m nutrikg`: the `nutrikg` command."""

from nutrikg.api.cli import main

if __name__ == "__main__":
    main()

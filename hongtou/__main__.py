"""`python -m hongtou` and the `hongtou` console script."""

from .cli import main

if __name__ == "__main__":
    main()

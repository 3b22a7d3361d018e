#!/usr/bin/env python3
"""红头 hongtou: `python pipeline.py` builds the example in data/ into output/.

See README.md, or `python pipeline.py --help`.
"""

from hongtou.cli import main

if __name__ == "__main__":
    main()

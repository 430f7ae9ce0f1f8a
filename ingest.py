"""Build or update the guidance index: `python ingest.py [--knowledge DIR] [--db DIR] [--json]`."""

import sys

from advisor.cli.ingest import main

if __name__ == "__main__":
    sys.exit(main())

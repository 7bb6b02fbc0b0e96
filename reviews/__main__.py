"""Command line: ``python -m reviews {users,audit,rank-fit,curate,export,verify-bundle,key,datasets,worker}``.

Honours ``SYNTHREVIEW_HOME`` and ``SYNTHREVIEW_DATABASE_URL``. A user error is one line on
stderr and exit code 2; an unexpected error (a bug) is one line naming a log, and exit 1.
"""

from __future__ import annotations

import sys

from reviews.cli import main

if __name__ == "__main__":
    sys.exit(main())

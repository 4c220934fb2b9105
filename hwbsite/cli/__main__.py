"""`python -m hwbsite.cli`, as the benchmark and CI run it."""

import sys

from hwbsite.cli import main

sys.exit(main())

import sys

from nabij.cli import main

sys.exit(main())

import os
import sys

# ``python -m codemods`` puts the current folder first on sys.path; the console
# script does not. Drop it, so that a checkout's ``*.dist-info`` cannot register an
# entry-point plugin and its modules cannot shadow installed ones (this package is
# already imported). A ``--select module:Name`` the user names is still imported
# from the current folder (``registry._import_from_here``).
if sys.path and sys.path[0] in ("", os.getcwd()):
    del sys.path[0]

from codemods.cli import main  # noqa: E402

sys.exit(main())

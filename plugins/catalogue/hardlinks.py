"""Files the build keeps in its cache and places in the output as hard links: pages, photo derivatives, QR codes.

A link makes no new file, so a warm build of 10,000 products creates almost none. The rule that makes it safe:
nothing writes into a file once it is placed (make publish writes minified files anew; a page rendered over an
earlier build's is removed first), so the cache keeps the bytes it was stored with.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path


def place(source: str | Path, target: str | Path) -> None:
    """Hard-link ``source`` as ``target``, replacing any file there and making its folder; copy it across file
    systems. Raises FileNotFoundError when there is no ``source``."""
    try:
        os.link(source, target)
    except FileExistsError:
        if not os.path.samefile(source, target):
            os.unlink(target)
            place(source, target)
    except FileNotFoundError:
        if not os.path.isfile(source):
            raise
        os.makedirs(os.path.dirname(target), exist_ok=True)
        place(source, target)
    except OSError:  # another file system, or links not allowed
        shutil.copyfile(source, target)

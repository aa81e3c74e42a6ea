"""aiosmtpd, imported beside this project's ``public`` app.

aiosmtpd imports ``public`` (the atpublic package, for its ``@public`` decorator), a top-level
name this project's ``public`` app takes. While aiosmtpd is imported, atpublic's module stands
in under that name; afterwards the app is ``public`` again. The one place this is done: the
portal's listener and the test suite's SMTP server both import aiosmtpd through here.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import sysconfig
from pathlib import Path
from types import ModuleType


def aiosmtpd_module(name: str) -> ModuleType:
    """``aiosmtpd.<name>`` (``controller``, ``lmtp``, ``smtp``)."""
    full = f"aiosmtpd.{name}"
    if full not in sys.modules:
        with _atpublic_as_public():
            importlib.import_module(full)
    return sys.modules[full]


class _atpublic_as_public:
    def __enter__(self):
        package = Path(sysconfig.get_paths()["purelib"]) / "public"
        spec = importlib.util.spec_from_file_location(
            "public", package / "__init__.py", submodule_search_locations=[str(package)]
        )
        if spec is None or spec.loader is None:
            raise ImportError("aiosmtpd needs the atpublic package (requirements.txt)")
        atpublic = importlib.util.module_from_spec(spec)
        self.ours = sys.modules.get("public")
        sys.modules["public"] = atpublic
        spec.loader.exec_module(atpublic)
        # aiosmtpd's own modules import each other: load them all while atpublic stands in.
        for module in ("smtp", "controller", "lmtp", "handlers"):
            importlib.import_module(f"aiosmtpd.{module}")
        return atpublic

    def __exit__(self, *exc):
        if self.ours is not None:
            sys.modules["public"] = self.ours
        else:
            sys.modules.pop("public", None)
        return False

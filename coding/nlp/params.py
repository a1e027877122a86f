"""What a cluster run stores about each of its stages: the stage's parameters, in the order of its ``__init__``.

scikit-learn's ``get_params`` returns the same values sorted by name and keeps tuples; a stored run has kept them
in ``__init__`` order, as JSON lists, since before the stages were estimators, so runs stay comparable.
"""

from __future__ import annotations

import inspect
from typing import Any, ClassVar


class RunParams:
    """Mixin for a stage whose ``__init__`` only stores its parameters (the scikit-learn rule)."""

    #: The stage's name in a stored run (``{"stage": …, **parameters}``), or None to store the parameters alone.
    stage: ClassVar[str | None] = None

    def run_params(self) -> dict[str, Any]:
        """The parameters as stored with a cluster run."""
        names = [n for n in inspect.signature(type(self).__init__).parameters if n != "self"]
        params = {n: list(v) if isinstance(v, tuple) else v for n in names for v in [getattr(self, n)]}
        return {"stage": self.stage, **params} if self.stage else params

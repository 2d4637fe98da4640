"""All actions of the extension, one module per concern (registered by the plugin's blanket)."""

from __future__ import annotations

__all__: list[str] = []

from . import workflow
from .workflow import *  # noqa: F403

__all__ += workflow.__all__

from . import reports  # noqa: E402
from .reports import *  # noqa: E402, F403

__all__ += reports.__all__

from . import register  # noqa: E402
from .register import *  # noqa: E402, F403

__all__ += register.__all__

from . import metadata  # noqa: E402
from .metadata import *  # noqa: E402, F403

__all__ += metadata.__all__

from . import tabulation  # noqa: E402
from .tabulation import *  # noqa: E402, F403

__all__ += tabulation.__all__

from . import revisions  # noqa: E402
from .revisions import *  # noqa: E402, F403

__all__ += revisions.__all__

from . import embargo  # noqa: E402
from .embargo import *  # noqa: E402, F403

__all__ += embargo.__all__

from . import history  # noqa: E402
from .history import *  # noqa: E402, F403

__all__ += history.__all__

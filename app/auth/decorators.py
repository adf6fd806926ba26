"""Role checks for back-office views: clerks and admins, or admins only."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import abort, current_app
from flask_login import current_user

F = TypeVar("F", bound=Callable[..., Any])


def require_role(*roles: str) -> Any:
    """Send anonymous users to the login page and refuse (403) users without one of `roles`.

    Returns None when the current user may go on, so it also works as a before_request hook.
    """
    if not current_user.is_authenticated:
        return current_app.login_manager.unauthorized()  # type: ignore[attr-defined]
    if current_user.role not in roles:
        abort(403)
    return None


def _role_decorator(*roles: str) -> Callable[[F], F]:
    def decorator(view: F) -> F:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            refused = require_role(*roles)
            if refused is not None:
                return refused
            return view(*args, **kwargs)

        return wrapped  # type: ignore[return-value]

    return decorator


clerk_required = _role_decorator("clerk", "admin")
clerk_required.__doc__ = "Only clerks and admins may use the view."
admin_required = _role_decorator("admin")
admin_required.__doc__ = "Only admins may use the view."

"""The web application: finance bureaus issue tasks, departments fill in, reviewers review.

``create_app(Database(url))`` builds the FastAPI app; ``jixiao serve`` runs it.
"""

from jixiao.web.app import create_app

__all__ = ["create_app"]

"""``python -m reviews.workspace.prepare``: create or migrate the workspace's store before the app starts."""

from reviews.store import open_store
from reviews.workspace.config import load_settings
from reviews.workspace.demo import seed_demo

if __name__ == "__main__":
    settings = load_settings()
    store = open_store(settings)
    if settings.demo:
        seed_demo(store)
    print(f"workspace ready: {settings.home} ({settings.database_url.split('://', 1)[0]})")

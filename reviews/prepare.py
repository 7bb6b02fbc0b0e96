"""``python -m reviews.prepare``: create or migrate the workspace's store before the app starts."""

from reviews.config import load_settings
from reviews.demo_seed import seed_demo
from reviews.store import open_store

if __name__ == "__main__":
    settings = load_settings()
    store = open_store(settings)
    if settings.demo:
        seed_demo(store)
    print(f"workspace ready: {settings.home} ({settings.database_url.split('://', 1)[0]})")

from advisor.store.client import StoreUnavailable, connect
from advisor.store.collection import SourceState, Store
from advisor.store.hit import Hit

__all__ = ["Hit", "SourceState", "Store", "StoreUnavailable", "connect", "open_store"]


def open_store(settings) -> Store:
    return Store(connect(settings), settings.collection)

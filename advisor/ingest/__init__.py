from advisor.ingest.lock import IngestLocked
from advisor.ingest.pipeline import Ingester, ingest
from advisor.ingest.report import Failure, IngestReport

__all__ = ["Failure", "IngestLocked", "IngestReport", "Ingester", "ingest"]

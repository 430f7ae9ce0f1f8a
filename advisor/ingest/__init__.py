from advisor.ingest.lock import IngestLocked
from advisor.ingest.pipeline import Ingester, ingest
from advisor.ingest.report import Failure, FileWarning, IngestReport

__all__ = ["Failure", "FileWarning", "IngestLocked", "IngestReport", "Ingester", "ingest"]

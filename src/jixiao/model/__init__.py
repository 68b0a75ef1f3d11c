"""The pure core model: the record contract, the neutral document and provenance.

Nothing in this package imports any other part of jixiao, nor any I/O library.
"""

from jixiao.model.document import Block, Cell, Document, Position, Table
from jixiao.model.provenance import Provenance, SourceRef
from jixiao.model.record import (
    SCHEMA_ID,
    BudgetActual,
    BudgetSplit,
    Indicator,
    Project,
    Record,
    SelfEvaluation,
    Staffing,
    ThreePublic,
    ThreeSplit,
)

__all__ = [
    "SCHEMA_ID",
    "Block",
    "BudgetActual",
    "BudgetSplit",
    "Cell",
    "Document",
    "Indicator",
    "Position",
    "Project",
    "Provenance",
    "Record",
    "SelfEvaluation",
    "SourceRef",
    "Staffing",
    "Table",
    "ThreePublic",
    "ThreeSplit",
]

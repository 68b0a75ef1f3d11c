"""jixiao (绩效): read, score, review and write budget performance self-evaluations.

The package follows one direction of data flow::

    readers (file -> Document) -> extract (Document -> Record + provenance)
        -> score / review (pure rules over the Record) -> render / store -> cli / web

`jixiao.model` is the pure core and imports nothing else of the project.
"""

from jixiao.model.record import Record

__all__ = ["Record", "__version__"]
__version__ = "0.1.0"

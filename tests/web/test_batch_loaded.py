"""Submissions loaded by ``jixiao review --db URL --region NAME``, as a reviewer meets them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select

from jixiao.batch import BatchOptions, run_batch
from jixiao.store.models import Submission
from jixiao.store.records import document_of, record_of, record_text
from webworld import EXAMPLES, Browser, World


def _load(world: World, tmp_path: Path) -> Submission:
    stats = run_batch([EXAMPLES], BatchOptions(out=tmp_path / "out", jobs=0, db=world.db.url, region="甲区"))
    assert stats.reviewed == 3
    with world.db.session() as session:
        found = session.scalars(select(Submission).where(Submission.origin == "batch")).all()
        assert len(found) == 3
        chosen = next(s for s in found if s.name.endswith("qinglan-agri-2025.txt"))
        assert chosen.unit is not None and chosen.unit.region is not None
        assert chosen.unit.region.name == "甲区"
        session.expunge_all()
    return chosen


def _only_in_source(world: World, submission_id: int) -> str:
    """A phrase of the source document that neither the record nor the file name holds."""
    with world.db.session() as session:
        submission = session.get_one(Submission, submission_id)
        document = document_of(submission)
        words = record_text(record_of(submission)) + submission.name
    assert document is not None
    for block in document.blocks:
        phrase = block.text.strip()[:8]
        if block.table is None and len(phrase) == 8 and phrase not in words:
            return phrase
    raise AssertionError("no phrase of the source outside the record")


def test_reviewer_sees_source_provenance_and_findings_places(
    world: World, browser: Callable[..., Browser], tmp_path: Path
) -> None:
    submission = _load(world, tmp_path)
    page = browser("rev_a").get(f"/submissions/{submission.id}")
    assert page.status_code == 200
    html = page.text
    assert 'id="source"' in html and 'class="src-table"' in html  # the source pane
    assert 'class="field has-src" data-src="b' in html  # fields highlight where they came from
    assert 'data-anchors="b' in html  # findings point at their places in the source
    assert "总分" in html  # the recomputed score is shown
    assert browser("rev_b").get(f"/submissions/{submission.id}").status_code == 404


def test_search_finds_words_only_the_source_holds(
    world: World, browser: Callable[..., Browser], tmp_path: Path
) -> None:
    submission = _load(world, tmp_path)
    phrase = _only_in_source(world, submission.id)
    found = browser("rev_a").get("/search", params={"q": phrase})
    assert f'href="/submissions/{submission.id}"' in found.text

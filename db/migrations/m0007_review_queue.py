"""Review queue: ``statements.review_margin``, how near the model's decision a statement is.

The Datasette queue ``att_granska`` shows reviewers the statements where a verdict
teaches the model most. Reading every statement's evidence JSON for it took about 20 s
at 3M statements, so the distance is a virtual generated column with a partial index:
the queue reads the index in order and stops after its page. NULL means "not worth a
review": a confident flag, a statement far from the threshold, or one the gate blocks
for a reason other than an unknown speaker.

Candidates (threshold from the evidence, 0.5 when the model has none):
- flagged with a score below threshold + 0.2;
- not flagged, through the gate, with a score from threshold - 0.25;
- not flagged, a regional target and a rejection cue, the model's score at or above the
  threshold, but no speaker role found (the misses the rules cannot attribute).
"""

from sqlite_utils import Database

_THRESHOLD = "coalesce(json_extract(evidence, '$.threshold'), 0.5)"
_SCORE = "coalesce(score, 0)"

REVIEW_MARGIN = f"""case when json_valid(evidence) then case
    when conflict = 1 and {_SCORE} < {_THRESHOLD} + 0.2
        then abs({_SCORE} - {_THRESHOLD})
    when conflict = 0 and json_extract(evidence, '$.gate.passed') = 1
        and {_SCORE} >= {_THRESHOLD} - 0.25
        then abs({_SCORE} - {_THRESHOLD})
    when conflict = 0 and json_extract(evidence, '$.gate.regional_target') = 1
        and json_extract(evidence, '$.speaker.role') is null
        and coalesce(json_array_length(evidence, '$.stance_cues'), 0) > 0
        and {_SCORE} >= {_THRESHOLD}
        then abs({_SCORE} - {_THRESHOLD})
    end end"""


def migrate(db: Database) -> None:
    db.execute(
        f"alter table statements add column review_margin real "
        f"generated always as ({REVIEW_MARGIN}) virtual"
    )
    db.execute(
        "create index statements_review_margin on statements(review_margin) "
        "where review_margin is not null"
    )

-- 0015: a review may carry the superior's note (umpan balik, issue 16). Optional for source systems; the in-app
-- review (POST /api/v1/team/reviews) requires it when returning an activity. Bounded by the validator
-- (ReviewValidator.MaxNote); stored verbatim, shown escaped.
alter table activity_review add column note text;

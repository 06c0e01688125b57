-- 0012: the ingest writer's hot path maintains employee_month itself (issue 3, ingest throughput).
--
-- The writer's activity rollup (src/Ingest/Pipeline/DirectActivities.cs) upserts employee_day and, in the
-- same statement, adds its per-month deltas to employee_month (a data-modifying CTE). The statement
-- triggers of 0003 would add them a second time, through transition tables, so the writer marks its
-- statement with the transaction-local setting kinerja.month_rollup = 'writer' and the insert/update
-- triggers stand aside while it is set. Every other writer of employee_day (merges of attendance and
-- reviews, rebuilds, deletes, tests) leaves the setting unset and keeps the triggers.
drop trigger employee_day_month_insert on employee_day;
drop trigger employee_day_month_update on employee_day;
create trigger employee_day_month_insert after insert on employee_day
    referencing new table as new_rows for each statement
    when (current_setting('kinerja.month_rollup', true) is distinct from 'writer')
    execute function employee_month_on_insert();
create trigger employee_day_month_update after update on employee_day
    referencing old table as old_rows new table as new_rows for each statement
    when (current_setting('kinerja.month_rollup', true) is distinct from 'writer')
    execute function employee_month_on_update();

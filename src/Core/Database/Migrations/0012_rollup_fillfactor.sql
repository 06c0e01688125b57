-- 0012: room on the rollup pages for HOT updates (issue 3, ingest throughput).
--
-- employee_month rows are updated by every writer batch that touches the employee in that month (the
-- employee_day statement triggers of 0003), and employee_day rows by every later activity, review and
-- attendance event of the day. With full pages each such update writes a new tuple elsewhere and new
-- entries into every index of the table; with free space on the page it is a heap-only (HOT) update
-- that touches no index (none of the updated columns is indexed, except attendance_status in the
-- partial TKS index). Measured on the ingest bench database (2,000 employees, 1 M activities): the
-- rollup statement of a batch of 8,000 new employee-days went from about 190 ms to about 115 ms with
-- employee_month at fillfactor 50. New pages use the setting at once; existing pages as they are
-- rewritten (VACUUM FULL / CLUSTER at a quiet hour).
alter table employee_month set (fillfactor = 50);
alter table employee_day set (fillfactor = 80);

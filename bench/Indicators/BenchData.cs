using System.Diagnostics;
using Kinerja.Core.Database;
using Npgsql;

namespace Kinerja.Bench.Indicators;

/// <summary>
/// Generates the benchmark population with set-based SQL (<c>generate_series</c>): 5 regions
/// (4 WIB, 1 WIT), 200 units, N employees, and one year of history up to "today": per working day
/// one activity and one attendance event (raw streams) and the matching <c>employee_day</c> rollup
/// row; monthly ratings (raw and rollup) and the rules' monthly predicates. Every random choice is
/// a hash of (employee, day), so the raw rows and the rollups agree without joining them.
/// Data are kept between runs (a <c>bench_meta</c> row says for which parameters).
/// </summary>
internal static class BenchData
{
    public static async Task EnsureAsync(NpgsqlDataSource db, int employees, DateOnly today)
    {
        await using var conn = await db.OpenConnectionAsync();
        await Exec(conn, "create table if not exists bench_meta (employees int, today date)");
        await using (var check = new NpgsqlCommand("select count(*) from bench_meta where employees = $1 and today = $2", conn))
        {
            check.Parameters.AddWithValue(employees);
            check.Parameters.AddWithValue(today);
            if ((long)(await check.ExecuteScalarAsync())! > 0)
            {
                Console.WriteLine($"Reusing generated data ({employees:N0} employees, today {today:yyyy-MM-dd}).");
                return;
            }
        }
        var from = today.AddYears(-1).AddDays(1);
        var total = Stopwatch.StartNew();
        await Step(conn, "reset", """
            truncate bench_meta, employee_period_level, rating_rollup, rating, employee_day, activity_review, activity,
                     attendance, event_registry, holiday, employee, unit, region cascade
            """);
        await Step(conn, "regions, units, holidays", $"""
            insert into region (id, name, tz) values
                ('pematangsiantar', 'Kota Pematangsiantar', 'Asia/Jakarta'),
                ('belawan', 'Belawan (Medan)', 'Asia/Jakarta'),
                ('pauh', 'Pauh (Padang)', 'Asia/Jakarta'),
                ('asemrowo', 'Asemrowo (Surabaya)', 'Asia/Jakarta'),
                ('manokwari', 'Kabupaten Manokwari', 'Asia/Jayapura');
            insert into unit (id, region_id, name)
            select 'opd-' || u, (array['pematangsiantar','belawan','pauh','asemrowo','manokwari'])[u % 5 + 1], 'Dinas ' || u
            from generate_series(0, 199) u;
            insert into holiday (region_id, day)
            select r.id, d::date from region r,
                unnest(array['2025-12-25','2026-01-01','2026-02-17','2026-03-19','2026-03-20','2026-04-03','2026-05-01',
                             '2026-05-14','2026-06-01','2026-08-17','2026-12-25']::date[]) d;
            """);
        await Step(conn, "employees", $"""
            insert into employee (nip, name, unit_id, status, tpp_ceiling)
            select to_char(date '1970-01-01' + (i / 1000 % 9000), 'YYYYMMDD')
                   || to_char(make_date(extract(year from date '1970-01-01' + (i / 1000 % 9000))::int + 22, 1 + i % 12, 1), 'YYYYMM')
                   || '1' || lpad((i % 1000)::text, 3, '0'),
                   'Pegawai ' || i, 'opd-' || (i % 200), (array['PNS','PNS','PNS','PPPK','CPNS'])[i % 5 + 1], 5000000
            from generate_series(0, {employees - 1}) i
            """);
        var status = """
            case when h < 900 then 'hadir' when h < 940 then 'terlambat' when h < 960 then 'izin'
                 when h < 970 then 'sakit' when h < 980 then 'cuti' when h < 990 then 'dinas_luar'
                 else 'tanpa_keterangan' end
            """;
        var verdict = "case when h % 50 < 47 then 'approved' when h % 50 < 49 then 'pending' else 'rejected' end";
        // Bulk load: foreign-key triggers off and the big indexes built once afterwards (same final schema).
        await Exec(conn, "set session_replication_role = replica");
        await Step(conn, "month partitions of the streams (migration 0006)", $"""
            select stream_partitions_ensure(m::date)
            from generate_series(date_trunc('month', date '{from:yyyy-MM-dd}'), date '{today:yyyy-MM-dd}', interval '1 month') m
            """);
        await Step(conn, "drop stream indexes for the load", """
            alter table activity_review drop constraint activity_review_activity_event_id_fkey;
            alter table activity drop constraint activity_pkey;
            drop index activity_nip_day_idx;
            alter table attendance drop constraint attendance_pkey;
            drop index attendance_nip_day_idx;
            alter table employee_day drop constraint employee_day_pkey;
            drop index employee_day_day_idx;
            drop index employee_day_tks_idx;
            """);
        await Step(conn, "employee index", "create temp table emp_i as select e.nip, rg.tz, row_number() over (order by e.nip) as i from employee e join unit u on u.id = e.unit_id join region rg on rg.id = u.region_id");
        // one month per statement, in day order, as ingest would have written them
        for (var month = new DateOnly(from.Year, from.Month, 1); month <= today; month = month.AddMonths(1))
        {
            var first = month < from ? from : month;
            var last = month.AddMonths(1).AddDays(-1) > today ? today : month.AddMonths(1).AddDays(-1);
            var grid = $"""
                with days as (
                    select d::date as day from generate_series(date '{first:yyyy-MM-dd}', date '{last:yyyy-MM-dd}', interval '1 day') d
                    where extract(isodow from d) < 6
                      and d::date not in (select day from holiday where region_id = 'pematangsiantar')
                ), g as (
                    select e.nip, e.tz, d.day, abs(hashint8(e.i * 100000 + (d.day - date '2000-01-01'))) % 1000 as h
                    from days d cross join emp_i e
                )
                """;
            await Step(conn, $"{month:yyyy-MM}: employee_day, activity, attendance", $"""
                {grid}
                insert into employee_day (nip, day, activity_count, minutes_pending, minutes_approved, minutes_rejected,
                                          attendance_status, late_minutes)
                select nip, day, 1,
                       case when {verdict} = 'pending' then 300 + h % 120 else 0 end,
                       case when {verdict} = 'approved' then 300 + h % 120 else 0 end,
                       case when {verdict} = 'rejected' then 300 + h % 120 else 0 end,
                       {status}, case when h between 900 and 939 then 5 + h % 55 else 0 end
                from g order by day, nip;
                {grid}
                insert into activity (event_id, nip, occurred_at, local_day, minutes, description, status)
                select gen_random_uuid(), nip, (day + time '09:00') at time zone tz, day, 300 + h % 120, 'Laporan harian', {verdict}
                from g order by day, nip;
                {grid}
                insert into attendance (event_id, nip, day, status, late_minutes)
                select gen_random_uuid(), nip, day, {status}, case when h between 900 and 939 then 5 + h % 55 else 0 end
                from g order by day, nip;
                """);
        }
        await Step(conn, "rebuild stream indexes", """
            alter table employee_day add constraint employee_day_pkey primary key (nip, day);
            create index employee_day_day_idx on employee_day (day);
            create index employee_day_tks_idx on employee_day (nip, day) where attendance_status = 'tanpa_keterangan';
            alter table activity add constraint activity_pkey primary key (event_id, local_day);
            create index activity_nip_day_idx on activity (nip, local_day);
            alter table attendance add constraint attendance_pkey primary key (event_id, day);
            create index attendance_nip_day_idx on attendance (nip, day, seq desc);
            alter table activity_review add constraint activity_review_activity_event_id_fkey
                foreign key (activity_event_id, activity_day) references activity (event_id, local_day);
            """);
        await Step(conn, "employee_month (backfill from employee_day)", MonthBackfill);
        await Step(conn, "ratings (raw + rollup), predicates", $"""
            with months as (
                select to_char(m, 'YYYY-MM') as period
                from generate_series(date_trunc('month', date '{from:yyyy-MM-dd}'), date '{today:yyyy-MM-dd}', interval '1 month') m
            ), r as (
                select e.nip, m.period, x.role, x.aspect,
                       1 + abs(hashint8(hashtext(e.nip || m.period || x.aspect))) % 5 as score
                from employee e cross join months m
                cross join (values ('atasan', 'hasil_kerja'), ('atasan', 'akuntabel'), ('rekan', 'kolaboratif')) x(role, aspect)
            ), ins as (
                insert into rating (event_id, ratee_nip, rater_role, aspect, score, period, occurred_at)
                select gen_random_uuid(), nip, role, aspect, score, period, now() from r
            )
            insert into rating_rollup (subject_kind, subject_id, period, rater_role, aspect, score_sum, score_count)
            select 'employee', nip, period, role, aspect, score, 1 from r;
            insert into employee_period_level (nip, period, predikat)
            select e.nip, to_char(m, 'YYYY-MM'),
                   (array['SANGAT_BAIK','BAIK','BAIK','BAIK','BUTUH_PERBAIKAN','KURANG_MISCONDUCT','SANGAT_KURANG'])
                       [1 + abs(hashint8(hashtext(e.nip) / 7)) % 7]
            from employee e
            cross join generate_series(date_trunc('month', date '{from:yyyy-MM-dd}'),
                                       date_trunc('month', date '{today:yyyy-MM-dd}') - interval '1 month', interval '1 month') m
            """);
        await Exec(conn, "set session_replication_role = origin");
        await Step(conn, "vacuum analyze", "vacuum analyze");
        await using (var meta = new NpgsqlCommand("insert into bench_meta values ($1, $2)", conn))
        {
            meta.Parameters.AddWithValue(employees);
            meta.Parameters.AddWithValue(today);
            await meta.ExecuteNonQueryAsync();
        }
        Console.WriteLine($"Generated in {total.Elapsed.TotalSeconds:F0} s.");
    }

    /// <summary>employee_month from employee_day (the load runs with triggers off, as a bulk backfill would).</summary>
    private const string MonthBackfill = """
        truncate employee_month;
        insert into employee_month (nip, month, activity_days, activity_count, minutes_pending, minutes_approved,
            minutes_rejected, hadir, terlambat, izin, sakit, cuti, dinas_luar, tanpa_keterangan, late_minutes)
        select nip, date_trunc('month', day)::date,
               count(*) filter (where activity_count > 0), sum(activity_count), sum(minutes_pending), sum(minutes_approved),
               sum(minutes_rejected),
               count(*) filter (where attendance_status = 'hadir'), count(*) filter (where attendance_status = 'terlambat'),
               count(*) filter (where attendance_status = 'izin'), count(*) filter (where attendance_status = 'sakit'),
               count(*) filter (where attendance_status = 'cuti'), count(*) filter (where attendance_status = 'dinas_luar'),
               count(*) filter (where attendance_status = 'tanpa_keterangan'), sum(late_minutes)
        from employee_day
        group by 1, 2
        order by 2, 1
        """;

    /// <summary>
    /// Data generated by a build whose migration 0003 had no <c>employee_month</c> yet: apply that part
    /// of the migration and backfill, instead of regenerating everything.
    /// </summary>
    public static async Task EnsureMonthRollupAsync(NpgsqlDataSource db)
    {
        await using var conn = await db.OpenConnectionAsync();
        await using (var probe = new NpgsqlCommand("select to_regclass('employee_month') is not null", conn))
        {
            if ((bool)(await probe.ExecuteScalarAsync())!)
            {
                return;
            }
        }
        var asm = typeof(MigrationRunner).Assembly;
        var name = asm.GetManifestResourceNames().Single(n => n.Contains("0003_", StringComparison.Ordinal));
        using var reader = new StreamReader(asm.GetManifestResourceStream(name)!);
        var script = await reader.ReadToEndAsync();
        var part = script[script.IndexOf("-- ---------------------------------------------------------------- employee_month", StringComparison.Ordinal)..];
        await Step(conn, "upgrade: employee_month (the migration backfills it from employee_day)", part);
        await Step(conn, "vacuum analyze employee_month", "vacuum analyze employee_month");
    }

    private static async Task Step(NpgsqlConnection conn, string name, string sql)
    {
        var watch = Stopwatch.StartNew();
        Console.Write($"  {name} ... ");
        await Exec(conn, sql);
        Console.WriteLine($"{watch.Elapsed.TotalSeconds:F1} s");
    }

    private static async Task Exec(NpgsqlConnection conn, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
        await cmd.ExecuteNonQueryAsync();
    }
}

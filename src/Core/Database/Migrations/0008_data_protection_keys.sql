-- 0008: shared data protection key ring (issue 8, several dashboard instances). Forward-only.
-- ASP.NET Core data protection key ring shared by every process of a deployment (sign-in and
-- antiforgery cookies issued by one instance are accepted by the others). Rows are the key XML
-- documents as the framework writes them; it never updates or deletes them (expired keys stay,
-- a few per 90 days).
create table data_protection_key (
    id            bigint generated always as identity primary key,
    friendly_name text        not null,
    xml           text        not null,
    created_at    timestamptz not null default now()
);

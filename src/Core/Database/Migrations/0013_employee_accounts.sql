-- 0013: employee accounts (issue 16): role pegawai bound to exactly one NIP, one account per NIP, a
-- "password must change" state for accounts provisioned in bulk, and their one-time activation codes.
-- Superior rights are not stored: they follow from employee.supervisor_nip. Forward-only: never edit once applied.

alter table app_user drop constraint app_user_role_check;
alter table app_user add constraint app_user_role_check check (role in ('pimpinan', 'sdm', 'admin', 'pegawai'));

alter table app_user
    add column nip char(18) references employee (nip),
    -- set for accounts created by provisioning: no password yet, the first sign-in is with an activation code
    add column must_change_password boolean not null default false;

-- a pegawai account has exactly one NIP; other roles have none
alter table app_user add constraint app_user_nip_role_check check ((role = 'pegawai') = (nip is not null));
create unique index app_user_nip_idx on app_user (nip) where nip is not null;

-- one live code per account; only the SHA-256 of the code is stored; deleted when used (single-use)
create table activation_code (
    user_id     bigint primary key references app_user (id) on delete cascade,
    code_hash   text not null unique,
    expires_at  timestamptz not null,
    created_at  timestamptz not null default now(),
    created_by  text not null default ''
);

-- V75: the demo users exist in demo mode only (issue 20 item 4).
-- V40 created six users with a published password (Demo-12345!, in the README) in every deployment, so
-- admin/Demo-12345! worked in production. From now on the server seeds them itself in demo mode only
-- (classpath db/demo/demo_users.sql, SchemaMigrator.seedDemoUsers), marked demo = true; `run` disables any
-- that are still there (a data directory first used by `demo`) and, with no active administrator, starts with
-- a one-time administrator setup (docs/security.md).
--
-- Here: the V40 users that still carry their published hash are marked demo and removed; one that other rows
-- refer to (an agent state history, a later table) cannot be removed and is disabled instead. A demo user whose
-- password was changed is a real account now and is left alone.

alter table app_user add column demo boolean not null default false;
comment on column app_user.demo is 'a demo-mode user with the published password; disabled by `run` at start';

update app_user set demo = true
where username in ('agent1','agent2','supervisor1','engineer1','admin','unit1')
  and password_hash in (
      'pbkdf2-sha256$210000$vfYU0VoCpVh+MWQGoPv/iw$rsGMFTq+CRwcmmp9Y1soC8cQB2I7yLQaydyMpwkM3TY',
      'pbkdf2-sha256$210000$jI6+hDbaDQfyEXJd3mGFHg$Q+Vge9Jv7H71tUUmzLs78ChSZGAjGcwhfNRqqxNFOO8',
      'pbkdf2-sha256$210000$4aqhy4SATpoycV5BmbAIVQ$L04lO94iRfYHCspxVZD8oNHAaJsZt1pRzMJ1B7eJUME',
      'pbkdf2-sha256$210000$Jh3KdQy9M2dQrouy3znb9g$8h+UTTSeS3RyRBr38ZeRsGBm0vaYtmhHxjB85FVZ5Ug',
      'pbkdf2-sha256$210000$2DrnBOXVIwe4cKG8z00ZpQ$IqPis9M8jji2GxtTJiUrh/xT5FtkLGGq5Lv9xk94PeA',
      'pbkdf2-sha256$210000$xYDtp6DwRgxm7xZpFK000w$g9XrZtNToU+AgISRz5SOQag5qHiojBVgfJGr7rnlCNM');

do $$
declare
    u record;
begin
    for u in select id from app_user where demo loop
        begin
            delete from app_user where id = u.id;
        exception when foreign_key_violation then
            update app_user set active = false where id = u.id;
        end;
    end loop;
    if not exists (select 1 from app_user where unit_id = 'demo-unit') then
        begin
            delete from handling_unit where id = 'demo-unit';
        exception when foreign_key_violation then
            null; -- matters were dispatched to it: keep the unit
        end;
    end if;
end $$;

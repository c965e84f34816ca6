-- V96: the demo co-handling unit of V86 (issue 24) follows V75's rule: demo users exist in demo mode only.
-- V86 ran after V75 and inserted 'unit2' (the published password Demo-12345!) in every deployment; the demo seed
-- (db/demo/demo_users.sql) now creates it, with the demo units and their phone numbers, in demo mode only.
-- A 'unit2' whose password was changed is a real account and is left alone.

update app_user set demo = true
where username = 'unit2'
  and password_hash = 'pbkdf2-sha256$210000$rgZE/qAG43ZblpJe85c8LQ$RIYZX868uVfzepeS9rRqV4zIfuHy4R6ohnnT/3BQPb8';

do $$
declare
    u record;
begin
    for u in select id from app_user where demo and username = 'unit2' loop
        begin
            delete from app_user where id = u.id;
        exception when foreign_key_violation then
            update app_user set active = false where id = u.id;
        end;
    end loop;
    if not exists (select 1 from app_user where unit_id = 'demo-unit-2') then
        begin
            delete from handling_unit where id = 'demo-unit-2';
        exception when foreign_key_violation then
            null; -- matters were shared with it: keep the unit
        end;
    end if;
end $$;

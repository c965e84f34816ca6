-- V86 (issue 24): a second demo handling unit and its user, so that a matter can be dispatched to a lead and a
-- co-handling unit on a demo installation and in tests. Password  Demo-12345!  like every demo user (V40);
-- a real deployment MUST change it or disable the user.
insert into handling_unit (id, name, level)
values ('demo-unit-2', '演示协办单位', 'county')
on conflict (id) do nothing;

insert into app_user (username, display_name, password_hash, role, unit_id, extension, can_unmask) values
    ('unit2', '协办单位用户', 'pbkdf2-sha256$210000$rgZE/qAG43ZblpJe85c8LQ$RIYZX868uVfzepeS9rRqV4zIfuHy4R6ohnnT/3BQPb8', 'unit', 'demo-unit-2', null, false)
on conflict (username) do nothing;

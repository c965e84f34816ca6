-- The demo users of `cti-server demo` (never run by `run`; see V75 and docs/security.md). Every demo user's
-- password is  Demo-12345!  (PBKDF2-HMAC-SHA256, 210,000 iterations, per-user salt), as the README says.
-- Idempotent: a demo user already there is enabled again; an account of the same name that is not a demo user
-- (its password was changed, or an administrator made it) is left as it is.

insert into handling_unit (id, name, level, phone)
values ('demo-unit', '演示承办单位', 'city', '05368880000'),
       ('demo-unit-2', '演示协办单位', 'county', null)
on conflict (id) do nothing;
update handling_unit set phone = '05368880000' where id = 'demo-unit' and phone is null;

insert into app_user (username, display_name, password_hash, role, unit_id, extension, can_unmask, demo) values
    ('agent1', '话务员一', 'pbkdf2-sha256$210000$vfYU0VoCpVh+MWQGoPv/iw$rsGMFTq+CRwcmmp9Y1soC8cQB2I7yLQaydyMpwkM3TY', 'agent', null, '1001', false, true),
    ('agent2', '话务员二', 'pbkdf2-sha256$210000$jI6+hDbaDQfyEXJd3mGFHg$Q+Vge9Jv7H71tUUmzLs78ChSZGAjGcwhfNRqqxNFOO8', 'agent', null, '1002', false, true),
    ('supervisor1', '班长一', 'pbkdf2-sha256$210000$4aqhy4SATpoycV5BmbAIVQ$L04lO94iRfYHCspxVZD8oNHAaJsZt1pRzMJ1B7eJUME', 'supervisor', null, '2001', true, true),
    ('engineer1', '工程师一', 'pbkdf2-sha256$210000$Jh3KdQy9M2dQrouy3znb9g$8h+UTTSeS3RyRBr38ZeRsGBm0vaYtmhHxjB85FVZ5Ug', 'engineer', null, null, false, true),
    ('admin', '管理员', 'pbkdf2-sha256$210000$2DrnBOXVIwe4cKG8z00ZpQ$IqPis9M8jji2GxtTJiUrh/xT5FtkLGGq5Lv9xk94PeA', 'admin', null, null, false, true),
    ('unit1', '承办单位用户', 'pbkdf2-sha256$210000$xYDtp6DwRgxm7xZpFK000w$g9XrZtNToU+AgISRz5SOQag5qHiojBVgfJGr7rnlCNM', 'unit', 'demo-unit', null, false, true),
    ('unit2', '协办单位用户', 'pbkdf2-sha256$210000$rgZE/qAG43ZblpJe85c8LQ$RIYZX868uVfzepeS9rRqV4zIfuHy4R6ohnnT/3BQPb8', 'unit', 'demo-unit-2', null, false, true)
on conflict (username) do update set active = true where app_user.demo;

-- supervisor1's own phone (2001, answered by the demo's simulated PBX) is where 监听/耳语/强插 ring (issue 23);
-- a demo database made before it had none
update app_user set extension = '2001' where username = 'supervisor1' and demo and extension is null;

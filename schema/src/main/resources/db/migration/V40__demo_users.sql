-- V40: demo users for the console, the wallboard and tests (issue 8).
-- Every demo user's password is  Demo-12345!  (PBKDF2-HMAC-SHA256, 210,000 iterations, per-user salt).
-- A real deployment MUST change these passwords or disable the users (admin API: POST /api/admin/users,
-- POST /api/admin/users/{id}/password, POST /api/admin/users/{id}/active); see docs/agent-desktop.md.

insert into handling_unit (id, name, level)
values ('demo-unit', '演示承办单位', 'city')
on conflict (id) do nothing;

insert into app_user (username, display_name, password_hash, role, unit_id, extension, can_unmask) values
    ('agent1',      '话务员一', 'pbkdf2-sha256$210000$vfYU0VoCpVh+MWQGoPv/iw$rsGMFTq+CRwcmmp9Y1soC8cQB2I7yLQaydyMpwkM3TY', 'agent',      null,        '1001', false),
    ('agent2',      '话务员二', 'pbkdf2-sha256$210000$jI6+hDbaDQfyEXJd3mGFHg$Q+Vge9Jv7H71tUUmzLs78ChSZGAjGcwhfNRqqxNFOO8', 'agent',      null,        '1002', false),
    ('supervisor1', '班长一',   'pbkdf2-sha256$210000$4aqhy4SATpoycV5BmbAIVQ$L04lO94iRfYHCspxVZD8oNHAaJsZt1pRzMJ1B7eJUME', 'supervisor', null,        null,   true),
    ('engineer1',   '工程师一', 'pbkdf2-sha256$210000$Jh3KdQy9M2dQrouy3znb9g$8h+UTTSeS3RyRBr38ZeRsGBm0vaYtmhHxjB85FVZ5Ug', 'engineer',   null,        null,   false),
    ('admin',       '管理员',   'pbkdf2-sha256$210000$2DrnBOXVIwe4cKG8z00ZpQ$IqPis9M8jji2GxtTJiUrh/xT5FtkLGGq5Lv9xk94PeA', 'admin',      null,        null,   false),
    ('unit1',       '承办单位用户', 'pbkdf2-sha256$210000$xYDtp6DwRgxm7xZpFK000w$g9XrZtNToU+AgISRz5SOQag5qHiojBVgfJGr7rnlCNM', 'unit',   'demo-unit', null,   false)
on conflict (username) do nothing;

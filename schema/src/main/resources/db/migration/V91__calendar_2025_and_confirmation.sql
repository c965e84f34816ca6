-- V91: the working-day calendar's missing year and a "confirmed" marker per year (issue 22 item 4).
--
-- 2025: 国务院办公厅关于2025年部分节假日安排的通知, 国办发明电〔2024〕12号, published 12 November 2024
--   on www.gov.cn. The 2024 revision of 《全国年节及纪念日放假办法》
--   added 除夕 and 5月2日 as statutory days off, so from 2025 the Spring Festival break is 8 days and Labour Day 5:
--   元旦 1/1 (Wed), no make-up day; 春节 1/28 (除夕, Tue) - 2/4 (Tue), work Sun 1/26 and Sat 2/8;
--   清明 4/4 (Fri) - 4/6; 劳动节 5/1 (Thu) - 5/5 (Mon), work Sun 4/27; 端午 5/31 (Sat) - 6/2 (Mon);
--   国庆节、中秋节 10/1 (Wed) - 10/8 (Wed), work Sun 9/28 and Sat 10/11.
-- 2026 (rows of V11): 国务院办公厅关于2026年部分节假日安排的通知, 国办发明电〔2025〕7号, published 4 November 2025
--   on www.gov.cn.
-- Both were checked day by day against independent transcriptions of the notices (holiday-cn's data, other
-- projects' tables, see docs/working-day-calendar.md); this machine has no internet, so the gov.cn pages
-- themselves were not read here.
-- 2027: NOT published when this was written (the State Council publishes it around November 2026): V11's rows
--   are the statutory days only, without bridging or make-up days, and stay unconfirmed. Deadlines that count
--   days of an unconfirmed year are marked provisional (V92), and from 1 November an unconfirmed next year raises
--   the calendar alarm (wallboard, /metrics, admin banner) until an administrator imports or confirms it.
create table calendar_year (
    year          integer primary key check (year between 2000 and 2100),
    confirmed     boolean not null default false,
    source        text not null default '',
    changed_at    timestamptz not null default now(),
    changed_by    text not null default ''
);

insert into calendar_day (day, kind, name) values
    (date '2025-01-01', 'holiday', '元旦'),
    (date '2025-01-26', 'workday', '春节调休上班'),
    (date '2025-01-28', 'holiday', '春节'),
    (date '2025-01-29', 'holiday', '春节'),
    (date '2025-01-30', 'holiday', '春节'),
    (date '2025-01-31', 'holiday', '春节'),
    (date '2025-02-01', 'holiday', '春节'),
    (date '2025-02-02', 'holiday', '春节'),
    (date '2025-02-03', 'holiday', '春节'),
    (date '2025-02-04', 'holiday', '春节'),
    (date '2025-02-08', 'workday', '春节调休上班'),
    (date '2025-04-04', 'holiday', '清明节'),
    (date '2025-04-05', 'holiday', '清明节'),
    (date '2025-04-06', 'holiday', '清明节'),
    (date '2025-04-27', 'workday', '劳动节调休上班'),
    (date '2025-05-01', 'holiday', '劳动节'),
    (date '2025-05-02', 'holiday', '劳动节'),
    (date '2025-05-03', 'holiday', '劳动节'),
    (date '2025-05-04', 'holiday', '劳动节'),
    (date '2025-05-05', 'holiday', '劳动节'),
    (date '2025-05-31', 'holiday', '端午节'),
    (date '2025-06-01', 'holiday', '端午节'),
    (date '2025-06-02', 'holiday', '端午节'),
    (date '2025-09-28', 'workday', '国庆节、中秋节调休上班'),
    (date '2025-10-01', 'holiday', '国庆节、中秋节'),
    (date '2025-10-02', 'holiday', '国庆节、中秋节'),
    (date '2025-10-03', 'holiday', '国庆节、中秋节'),
    (date '2025-10-04', 'holiday', '国庆节、中秋节'),
    (date '2025-10-05', 'holiday', '国庆节、中秋节'),
    (date '2025-10-06', 'holiday', '国庆节、中秋节'),
    (date '2025-10-07', 'holiday', '国庆节、中秋节'),
    (date '2025-10-08', 'holiday', '国庆节、中秋节'),
    (date '2025-10-11', 'workday', '国庆节、中秋节调休上班')
on conflict (day) do nothing;

insert into calendar_year (year, confirmed, source, changed_by) values
    (2025, true, '国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号，2024年11月12日）', 'migration V91'),
    (2026, true, '国务院办公厅关于2026年部分节假日安排的通知（国办发明电〔2025〕7号，2025年11月4日）', 'migration V91'),
    (2027, false, '仅列出《全国年节及纪念日放假办法》规定的法定节假日；国务院2027年放假安排尚未公布', 'migration V91')
on conflict (year) do nothing;

-- V11: the working-day calendar for 2026 and 2027 (art. 20 deadlines count working days).
-- Weekends are non-working unless listed as 'workday' (调休 make-up day); weekdays are working unless
-- listed as 'holiday'. Administrators maintain the rows through PUT/DELETE /api/admin/calendar/{day}.
--
-- 2026: the State Council General Office notice on the 2026 holiday arrangement (国办发明电, 2025-11-04):
--   元旦 1/1-1/3, work 1/4; 春节 2/15-2/23, work 2/14 and 2/28; 清明 4/4-4/6; 劳动节 5/1-5/5, work 5/9;
--   端午 6/19-6/21; 中秋 9/25-9/27; 国庆 10/1-10/7, work 9/20 and 10/10.
--
-- 2027: NOT OFFICIAL. The State Council publishes the 2027 arrangement around November 2026. Until then
-- only the statutory holidays of 《全国年节及纪念日放假办法》(2024 revision) are listed, on their 2027
-- dates (春节 = 除夕 and 正月初一..初三: 2027-02-05..02-08; 清明 2027-04-05; 端午 2027-06-09; 中秋 2027-09-15).
-- No make-up working days and no bridging days are known yet: an administrator must replace these rows
-- with the official arrangement when it is published.
insert into calendar_day (day, kind, name) values
    (date '2026-01-01', 'holiday', '元旦'),
    (date '2026-01-02', 'holiday', '元旦'),
    (date '2026-01-03', 'holiday', '元旦'),
    (date '2026-01-04', 'workday', '元旦调休上班'),
    (date '2026-02-14', 'workday', '春节调休上班'),
    (date '2026-02-15', 'holiday', '春节'),
    (date '2026-02-16', 'holiday', '春节'),
    (date '2026-02-17', 'holiday', '春节'),
    (date '2026-02-18', 'holiday', '春节'),
    (date '2026-02-19', 'holiday', '春节'),
    (date '2026-02-20', 'holiday', '春节'),
    (date '2026-02-21', 'holiday', '春节'),
    (date '2026-02-22', 'holiday', '春节'),
    (date '2026-02-23', 'holiday', '春节'),
    (date '2026-02-28', 'workday', '春节调休上班'),
    (date '2026-04-04', 'holiday', '清明节'),
    (date '2026-04-05', 'holiday', '清明节'),
    (date '2026-04-06', 'holiday', '清明节'),
    (date '2026-05-01', 'holiday', '劳动节'),
    (date '2026-05-02', 'holiday', '劳动节'),
    (date '2026-05-03', 'holiday', '劳动节'),
    (date '2026-05-04', 'holiday', '劳动节'),
    (date '2026-05-05', 'holiday', '劳动节'),
    (date '2026-05-09', 'workday', '劳动节调休上班'),
    (date '2026-06-19', 'holiday', '端午节'),
    (date '2026-06-20', 'holiday', '端午节'),
    (date '2026-06-21', 'holiday', '端午节'),
    (date '2026-09-20', 'workday', '国庆节调休上班'),
    (date '2026-09-25', 'holiday', '中秋节'),
    (date '2026-09-26', 'holiday', '中秋节'),
    (date '2026-09-27', 'holiday', '中秋节'),
    (date '2026-10-01', 'holiday', '国庆节'),
    (date '2026-10-02', 'holiday', '国庆节'),
    (date '2026-10-03', 'holiday', '国庆节'),
    (date '2026-10-04', 'holiday', '国庆节'),
    (date '2026-10-05', 'holiday', '国庆节'),
    (date '2026-10-06', 'holiday', '国庆节'),
    (date '2026-10-07', 'holiday', '国庆节'),
    (date '2026-10-10', 'workday', '国庆节调休上班'),
    (date '2027-01-01', 'holiday', '元旦（法定假日，2027年官方调休安排未公布）'),
    (date '2027-02-05', 'holiday', '春节（除夕）（法定假日，2027年官方调休安排未公布）'),
    (date '2027-02-06', 'holiday', '春节（法定假日，2027年官方调休安排未公布）'),
    (date '2027-02-07', 'holiday', '春节（法定假日，2027年官方调休安排未公布）'),
    (date '2027-02-08', 'holiday', '春节（法定假日，2027年官方调休安排未公布）'),
    (date '2027-04-05', 'holiday', '清明节（法定假日，2027年官方调休安排未公布）'),
    (date '2027-05-01', 'holiday', '劳动节（法定假日，2027年官方调休安排未公布）'),
    (date '2027-05-02', 'holiday', '劳动节（法定假日，2027年官方调休安排未公布）'),
    (date '2027-06-09', 'holiday', '端午节（法定假日，2027年官方调休安排未公布）'),
    (date '2027-09-15', 'holiday', '中秋节（法定假日，2027年官方调休安排未公布）'),
    (date '2027-10-01', 'holiday', '国庆节（法定假日，2027年官方调休安排未公布）'),
    (date '2027-10-02', 'holiday', '国庆节（法定假日，2027年官方调休安排未公布）'),
    (date '2027-10-03', 'holiday', '国庆节（法定假日，2027年官方调休安排未公布）');

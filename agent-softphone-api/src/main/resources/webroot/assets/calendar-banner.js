// The calendar banner (issue 22 item 4): shown while a year's holiday arrangement is unconfirmed and deadlines
// count its days. Any page of a logged-in supervisor or administrator may mount it:
//   import { mountCalendarBanner } from '/assets/calendar-banner.js';
//   await loadCatalogue(); mountCalendarBanner(document.getElementById('some-div'));
// It reads GET /api/calendar/status (every ten minutes) and writes text only.

import { el, clear } from '/assets/dom.js';
import { api } from '/assets/session.js';
import { t } from '/assets/i18n.js';

/** Renders the banner into `container` once; returns the status read (or null when it could not be read). */
export async function renderCalendarBanner(container) {
  let status = null;
  try {
    status = await api('GET', '/api/calendar/status');
  } catch (e) {
    return null; // the page's own requests report a lost session or server; the banner stays as it was
  }
  clear(container);
  const alarm = status && status.alarm;
  container.hidden = !alarm;
  if (alarm) {
    container.append(el('strong', { text: t('calendar.banner.title') }), ' ',
      el('span', { class: 'calendar-banner-text', text: t('calendar.alarm', { year: alarm.year }) }));
  }
  return status;
}

/** Renders now and every ten minutes. */
export function mountCalendarBanner(container) {
  container.classList.add('calendar-banner');
  container.setAttribute('role', 'alert');
  renderCalendarBanner(container);
  return setInterval(() => renderCalendarBanner(container), 600000);
}

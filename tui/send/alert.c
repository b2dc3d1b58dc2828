#include "send/alert.h"
#include "care/due.h"
#include "send/notifier.h"
#include "base/i18n.h"
#include "base/util.h"

#include <stdlib.h>

static bool deliver(const struct notification *n, enum alert_mode m, char **why)
{
	if (m == ALERT_WAIT)
		return notifier_send(n, why) == NOTIFY_SENT;
	if (notifier_send_async(n) >= 0)
		return true;
	*why = xstrdup(_("the notification could not be started"));
	return false;
}

bool alert_warning(const struct checkin_warning *w, enum alert_mode m, char **why)
{
	if (!w->n)
		return true;
	struct notification n = {w->notice.summary, w->notice.body,
	                   (enum urgency)w->notice.urgency};
	return deliver(&n, m, why);
}

bool alert_booking(const struct protocol *proto, const struct config *c,
                   time_t start, time_t now, enum alert_mode m, size_t *count,
                   char **why)
{
	struct due_notification news = due_booking_news(proto, c, start, now, c->discreet);
	*count = news.count;
	bool ok = true;
	if (news.count) {
		struct notification n = {news.summary, news.body, news.urgency};
		ok = deliver(&n, m, why);
	}
	free(news.summary);
	free(news.body);
	return ok;
}

#include "care/due.h"
#include "base/i18n.h"
#include "base/dates.h"
#include "care/format.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

time_t due_time(const struct config *c, time_t when)
{
	int qs = c->quiet_start, qe = c->quiet_end;
	if (qs == qe)
		return when;
	struct civil w = dates_civil(when);
	int m = w.hour * 60 + w.min;
	bool inside = qs < qe ? m >= qs && m < qe : m >= qs || m < qe;
	if (!inside)
		return when;
	/* The quiet hours end today, or tomorrow when they began this
	 * evening. */
	time_t day = qs > qe && m >= qs ? dates_step(when, (struct offset){1, UNIT_DAY}, 0)
	                                : when;
	struct civil end = dates_civil(day);
	end.hour = qe / 60;
	end.min = qe % 60;
	end.sec = 0;
	return dates_resolve(&end);
}

bool due_announced(const struct plan *p, const struct timeline_event *e)
{
	if (!e->entry->m->notify)
		return false;
	/* What was already past when the session was booked (or moved) is
	 * history, not news. */
	time_t booked = p->booked[e->entry->session - 1];
	return !booked || e->when >= booked;
}

/* When an event may be announced, seen from now: its due_time(), and a
 * routine one that is late waits, like the others, until the quiet hours
 * that now is in have ended. An urgent one does not. */
static time_t announce_at(const struct config *c, const struct timeline_event *e, time_t now)
{
	time_t at = due_time(c, e->when);
	if (at <= now && e->entry->m->urgency < URGENCY_CRITICAL) {
		time_t quiet_end = due_time(c, now);
		if (quiet_end > now)
			return quiet_end;
	}
	return at;
}

static enum mark_kind mark_of(const struct timeline_event *e)
{
	return e->is_end ? MARK_SENT_END : MARK_SENT_START;
}

static bool sent(const struct plan *p, const struct state *s, const struct timeline_event *e)
{
	return state_find(s, mark_of(e), plan_session_key(p, e->entry->session),
	                  e->entry->m->id) != NULL;
}

static int cmp_due(const void *a, const void *b)
{
	const struct due *x = a, *y = b;
	if (x->at != y->at)
		return x->at < y->at ? -1 : 1;
	return x->event < y->event ? -1 : x->event > y->event;
}

void due_collect(const struct plan *p, const struct state *s, time_t now,
                 struct due_list *out)
{
	out->v = xcalloc(p->tl.nevents, sizeof *out->v);
	out->n = 0;
	for (size_t i = 0; i < p->tl.nevents; i++) {
		const struct timeline_event *e = &p->tl.events[i];
		if (e->when > now)
			break; /* events are sorted, and quiet hours only delay */
		if (!due_announced(p, e) || sent(p, s, e))
			continue;
		time_t at = due_time(&p->cfg, e->when);
		if (announce_at(&p->cfg, e, now) > now)
			continue;
		out->v[out->n++] = (struct due){e, at, now - at > DUE_LATE_AFTER};
	}
	qsort(out->v, out->n, sizeof *out->v, cmp_due);
}

void due_list_free(struct due_list *l)
{
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

time_t due_next(const struct plan *p, const struct state *s, time_t now)
{
	time_t best = 0;
	for (size_t i = 0; i < p->tl.nevents; i++) {
		const struct timeline_event *e = &p->tl.events[i];
		if (!due_announced(p, e) || sent(p, s, e))
			continue;
		time_t at = announce_at(&p->cfg, e, now);
		if (at > now && (!best || at < best))
			best = at;
	}
	return best;
}

/* A growing text. */
struct due_text {
	char *s;
	size_t n, cap;
};

static void add(struct due_text *t, const char *fmt, ...) PRINTF_LIKE(2, 3);

static void add(struct due_text *t, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n <= 0)
		return;
	xgrow(&t->s, &t->cap, t->n + (size_t)n + 1, 1);
	va_start(ap, fmt);
	vsnprintf(t->s + t->n, (size_t)n + 1, fmt, ap);
	va_end(ap);
	t->n += (size_t)n;
}

static bool urgent(const struct due *d)
{
	return d->event->entry->m->urgency >= URGENCY_CRITICAL;
}

static void message(struct due_notification *out, const struct due_list *l, size_t first,
                    size_t count, const struct config *c, bool catch_up, time_t now)
{
	bool discreet = c->discreet;
	struct due_text body = {0};
	enum urgency u = URGENCY_LOW;
	for (size_t i = first; i < first + count; i++)
		if (l->v[i].event->entry->m->urgency > u)
			u = l->v[i].event->entry->m->urgency;
	out->first = first;
	out->count = count;
	out->urgency = u;
	if (discreet) {
		out->summary = count == 1 ? xstrdup(_("needlecare: a care reminder is due"))
		                          : xasprintf(P_("needlecare: %zu care reminder is due",
		                                         "needlecare: %zu care reminders are due",
		                                         count), count);
		out->body = xstrdup(count == 1 ? _("Open needlecare to read it.")
		                               : _("Open needlecare to read them."));
		return;
	}
	char when[40];
	if (count == 1) {
		const struct due *d = &l->v[first];
		out->summary = format_event_title(d->event);
		char *text = format_body(d->event->entry->m, d->event->is_end, c);
		if (d->late) {
			format_when(d->event->when, now, when, sizeof when);
			add(&body, _("Late: this was due %s."), when);
			if (text)
				add(&body, " ");
		}
		if (text)
			add(&body, "%s", text);
		free(text);
		out->body = body.s ? body.s : xstrdup("");
		return;
	}
	out->summary = catch_up
	               ? xasprintf(P_("%zu care reminder while needlecare was not running",
	                              "%zu care reminders while needlecare was not running",
	                              count), count)
	               : xasprintf(P_("%zu care reminder", "%zu care reminders", count), count);
	for (size_t i = first; i < first + count; i++) {
		const struct timeline_event *e = l->v[i].event;
		char *title = format_event_title(e);
		/* A pause says until when, as Today does. */
		char until[48] = "";
		if (!e->is_end && e->entry->m->kind == KIND_RESTRICTION && e->entry->m->window) {
			format_when(e->entry->end, now, when, sizeof when);
			snprintf(until, sizeof until, _(", until %s"), when);
		}
		if (catch_up) {
			format_when(e->when, now, when, sizeof when);
			add(&body, "%s- %s: %s%s", i > first ? "\n" : "", when, title, until);
		} else {
			add(&body, "%s- %s%s", i > first ? "\n" : "", title, until);
		}
		free(title);
	}
	out->body = body.s;
}

/* At one moment, the urgent ones before the others. */
static int cmp_message(const void *a, const void *b)
{
	const struct due *x = a, *y = b;
	if (x->at != y->at)
		return x->at < y->at ? -1 : 1;
	if (urgent(x) != urgent(y))
		return urgent(x) ? -1 : 1;
	return x->event < y->event ? -1 : x->event > y->event;
}

size_t due_compose(struct due_list *l, const struct config *c, time_t now,
                   struct due_notification **out)
{
	*out = xcalloc(l->n + 1, sizeof **out);
	size_t late = 0, n = 0;
	for (size_t i = 0; i < l->n; i++)
		late += l->v[i].late && !urgent(&l->v[i]);
	size_t i = 0;
	if (late > DUE_CATCH_UP_MAX) {
		/* The late routine ones first, in their order, for one summary. */
		struct due *v = xcalloc(l->n, sizeof *v);
		size_t k = 0;
		for (size_t pass = 0; pass < 2; pass++)
			for (size_t j = 0; j < l->n; j++)
				if ((l->v[j].late && !urgent(&l->v[j])) == (pass == 0))
					v[k++] = l->v[j];
		memcpy(l->v, v, l->n * sizeof *v);
		free(v);
		message(&(*out)[n++], l, 0, late, c, true, now);
		i = late;
	}
	qsort(l->v + i, l->n - i, sizeof *l->v, cmp_message);
	/* An urgent one goes alone, so that its alert is never borrowed by
	 * the routine reminders of the same moment. */
	while (i < l->n) {
		size_t j = i + 1;
		while (j < l->n && !urgent(&l->v[i]) && !urgent(&l->v[j]) &&
		       l->v[j].at == l->v[i].at && l->v[j].late == l->v[i].late)
			j++;
		message(&(*out)[n++], l, i, j - i, c, false, now);
		i = j;
	}
	return n;
}

struct due_notification due_booking_news(const struct protocol *proto, const struct config *c,
                                time_t start, time_t now, bool discreet)
{
	struct due_notification m = {NULL, NULL, URGENCY_NORMAL, 0, 0};
	if (start <= now)
		return m;
	time_t *s = xcalloc(c->nsessions + 1, sizeof *s);
	for (size_t i = 0; i < c->nsessions; i++)
		s[i] = c->sessions[i].start;
	size_t nyes;
	const char **yes = config_yes_answers(c, &nyes);
	struct plan_input in = {proto, s, c->nsessions, c->reminder_minute, yes, nyes};
	struct timeline t;
	struct diags d = {0};
	timeline_build(&t, &in, &d);
	diags_free(&d);
	unsigned session = 0;
	for (size_t i = 0; i < t.nsessions; i++)
		if (t.sessions[i] == start)
			session = (unsigned)(i + 1);
	struct due_text body = {0};
	char when[40];
	for (size_t i = 0; i < t.count; i++) {
		const struct timeline_entry *e = &t.entries[i];
		/* A pause joined to an earlier session's is that one's news. */
		if (e->session != session || e->m->kind != KIND_RESTRICTION ||
		    !timeline_in_force(e, now))
			continue;
		format_when(e->end, now, when, sizeof when);
		add(&body, "%s- %s", m.count ? "\n" : "", e->m->title);
		add(&body, _(", until %s"), when);
		m.count++;
	}
	timeline_free(&t);
	free(yes);
	free(s);
	if (m.count == 0)
		return m;
	if (discreet) {
		free(body.s);
		m.summary = xstrdup(_("needlecare: your booking has care reminders"));
		m.body = xstrdup(_("Open needlecare to read them."));
		return m;
	}
	m.summary = m.count == 1 ? xstrdup(_("Booked: one pause already applies"))
	                         : xasprintf(P_("Booked: %zu pause already applies",
	                                        "Booked: %zu pauses already apply", m.count),
	                                     m.count);
	m.body = body.s;
	return m;
}

void due_record(const struct plan *p, const struct due_list *l,
                const struct due_notification *m, struct state *s, time_t now)
{
	for (size_t k = m->first; k < m->first + m->count; k++) {
		const struct timeline_event *e = l->v[k].event;
		state_set(s, mark_of(e), plan_session_key(p, e->entry->session),
		          e->entry->m->id, now);
	}
}

void due_notifications_free(struct due_notification *m, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(m[i].summary);
		free(m[i].body);
	}
	free(m);
}

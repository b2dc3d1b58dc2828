#include "base/i18n.h"
#include "base/util.h"

#include <langinfo.h>
#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#ifndef LOCALEDIR
#define LOCALEDIR "/usr/local/share/locale"
#endif

bool i18n_on;

/* Room for LANGUAGE's list: each entry gives up to four names. */
#define MAX_LANGS 32
static const char *langs[MAX_LANGS + 1];
static size_t nlangs;
static char key[256];
static int clock_12h = -1;

/* What setlocale(cat, "") would take: LC_ALL, then the category's own
 * variable, then LANG. */
static const char *locale_of(const char *var)
{
	static const char *const order[] = {"LC_ALL", NULL, "LANG"};
	for (size_t i = 0; i < ARRAY_LEN(order); i++) {
		const char *v = getenv(order[i] ? order[i] : var);
		if (v && *v)
			return v;
	}
	return NULL;
}

static bool is_c(const char *l)
{
	return !l || strcmp(l, "C") == 0 || strcmp(l, "POSIX") == 0 || strncmp(l, "C.", 2) == 0;
}

static void add(char *name)
{
	for (size_t i = 0; i < nlangs; i++)
		if (strcmp(langs[i], name) == 0) {
			free(name);
			return;
		}
	if (nlangs < MAX_LANGS)
		langs[nlangs++] = name;
	else
		free(name);
}

/* How many of l's first n bytes hold none of stop. */
static size_t span(const char *l, size_t n, const char *stop)
{
	size_t i = 0;
	while (i < n && !strchr(stop, l[i]))
		i++;
	return i;
}

struct i18n_locale i18n_locale_parts(const char *l, size_t n)
{
	struct i18n_locale p = {.ll = l, .cc = "", .mod = ""};
	const char *end = l + n, *at;
	p.nll = span(l, n, "_.@");
	at = l + p.nll;
	if (at < end && *at == '_') {
		p.cc = at + 1;
		p.ncc = span(p.cc, (size_t)(end - p.cc), ".@");
		at = p.cc + p.ncc;
	}
	at = memchr(at, '@', (size_t)(end - at));
	if (at) {
		p.mod = at + 1;
		p.nmod = (size_t)(end - p.mod);
	}
	return p;
}

/* ll_CC.codeset@mod: ll_CC@mod, ll_CC, ll@mod, ll, as the desktop entry
 * specification tries them. */
static void add_locale(const char *l, size_t n)
{
	struct i18n_locale p = i18n_locale_parts(l, n);
	int ll = (int)p.nll, cc = (int)p.ncc, mod = (int)p.nmod;
	if (ll == 0 || (ll == 1 && l[0] == 'C') || (n == 5 && strncmp(l, "POSIX", 5) == 0))
		return;
	if (cc && mod)
		add(xasprintf("%.*s_%.*s@%.*s", ll, l, cc, p.cc, mod, p.mod));
	if (cc)
		add(xasprintf("%.*s_%.*s", ll, l, cc, p.cc));
	if (mod)
		add(xasprintf("%.*s@%.*s", ll, l, mod, p.mod));
	add(xstrndup(l, p.nll));
}

void i18n_init(void)
{
	const char *messages = locale_of("LC_MESSAGES");
	if (is_c(messages) && is_c(locale_of("LC_TIME")) && is_c(locale_of("LC_CTYPE")))
		return;
	i18n_on = true;
	/* Not LC_CTYPE: the protocols' texts are UTF-8 and printed as they
	 * are, so the catalogue's are asked for in UTF-8 too, and the 70,000
	 * instructions of loading a character set are saved. The interface
	 * takes LC_CTYPE when it starts (draw_start). */
	setlocale(LC_TIME, "");
	if (!setlocale(LC_MESSAGES, "") || is_c(messages))
		return;
	const char *dir = getenv("NEEDLECARE_LOCALEDIR");
	bindtextdomain(I18N_DOMAIN, dir && *dir ? dir : LOCALEDIR);
	bind_textdomain_codeset(I18N_DOMAIN, "UTF-8");
	textdomain(I18N_DOMAIN);
	/* gettext reads LANGUAGE only when the messages' locale is not C. */
	const char *list = getenv("LANGUAGE");
	for (const char *p = list && *list ? list : messages; *p;) {
		size_t n = strcspn(p, ":");
		add_locale(p, n);
		p += n + (p[n] == ':');
	}
	if (list && *list)
		add_locale(messages, strlen(messages));
	size_t used = 0;
	for (size_t i = 0; i < nlangs && used < sizeof key - 1; i++) {
		size_t w = strlen(langs[i]) + 1;
		if (used + w >= sizeof key)
			break;
		memcpy(key + used, langs[i], w - 1);
		key[used + w - 1] = ':';
		used += w;
	}
	key[used] = '\0';
}

/* gettext() costs some 3,700 instructions a call (a lock, the
 * environment, a search tree), and a day's view asks for the same few
 * dozen messages again and again: each is remembered by its address. */
#define MEMO_SIZE 256
static struct {
	const char *msgid, *text;
} memo[MEMO_SIZE];

const char *i18n_gettext(const char *msgid)
{
	size_t h = (size_t)((uintptr_t)msgid >> 3) % MEMO_SIZE;
	for (size_t i = 0; i < MEMO_SIZE; i++, h = (h + 1) % MEMO_SIZE) {
		if (memo[h].msgid == msgid)
			return memo[h].text;
		if (!memo[h].msgid) {
			memo[h].msgid = msgid;
			return memo[h].text = gettext(msgid);
		}
	}
	return gettext(msgid);
}

const char *const *i18n_languages(void)
{
	return langs;
}

const char *i18n_language_key(void)
{
	return key;
}

bool i18n_clock_12h(void)
{
	if (clock_12h < 0) {
		const char *f = i18n_on ? nl_langinfo(T_FMT) : "";
		clock_12h = strstr(f, "%p") || strstr(f, "%r") || strstr(f, "%I") || strstr(f, "%l");
	}
	return clock_12h;
}

/* i18n: the patient's language. Messages go through gettext, dates through
 * the C library's locale data, protocol texts through the language list
 * (care/protocol reads "title[es]").
 *
 * Under the C locale (or none) nothing is set up and _() returns its
 * argument: the status-bar run reads no locale file and costs what it did
 * before translations existed. */
#ifndef NEEDLECARE_I18N_H
#define NEEDLECARE_I18N_H

#include <libintl.h>
#include <stdbool.h>
#include <stddef.h>

#define I18N_DOMAIN "needlecare"

/* True once i18n_init() found a locale other than C or POSIX for messages,
 * dates or the character set. */
extern bool i18n_on;

/* Reads LC_ALL, LC_MESSAGES, LC_TIME, LC_CTYPE, LANG and LANGUAGE; sets
 * LC_MESSAGES and LC_TIME (never LC_NUMERIC: TSV and JSON keep their dot),
 * and binds the message catalogue from NEEDLECARE_LOCALEDIR, or else the
 * folder it was built for. Call once, first. */
void i18n_init(void);

#if defined(__GNUC__)
#define I18N_FORMAT_ARG(n) __attribute__((format_arg(n)))
#else
#define I18N_FORMAT_ARG(n)
#endif

/* gettext(), remembered. */
I18N_FORMAT_ARG(1) const char *i18n_gettext(const char *msgid);

static inline I18N_FORMAT_ARG(1) const char *i18n_text(const char *s)
{
	return i18n_on ? i18n_gettext(s) : s;
}

static inline I18N_FORMAT_ARG(1) I18N_FORMAT_ARG(2) const char *
i18n_plural(const char *one, const char *many, unsigned long n)
{
	return i18n_on ? ngettext(one, many, n) : n == 1 ? one : many;
}

/* _("text"): translated. N_("text"): marked for xgettext only, translated
 * where it is used with _(). P_("%d day", "%d days", n): the plural form
 * the language wants for n. */
#define _(s) i18n_text(s)
#define N_(s) s
#define P_(one, many, n) i18n_plural(one, many, (unsigned long)(n))

/* The languages of protocol texts, most specific first, as the desktop
 * entry specification orders them: "es_MX.UTF-8@x" gives es_MX@x, es_MX,
 * es@x, es; LANGUAGE=pt_BR:es adds each of its entries the same way.
 * Empty (first element NULL) under the C locale. Valid for the whole run. */
const char *const *i18n_languages(void);

/* The parts of a locale name of n bytes, ll_CC.codeset@mod, each
 * without its mark ("" and 0 when not given); the codeset is left out:
 * it names bytes, not a language. */
struct i18n_locale {
	const char *ll, *cc, *mod;
	size_t nll, ncc, nmod;
};
struct i18n_locale i18n_locale_parts(const char *l, size_t n);

/* One string naming the language of texts chosen, for cache keys: "" under
 * the C locale. */
const char *i18n_language_key(void);

/* The time of day as the locale writes it: true for a 12-hour clock
 * (its T_FMT uses %p, %r, %I or %l). False under the C locale. */
bool i18n_clock_12h(void);

#endif

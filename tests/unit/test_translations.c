/* Protocol texts per language: the key[LANG] lines chosen by the language
 * list, each text on its own; a translation inherited from a base only
 * while the text it translates is the base's; brackets refused where they
 * do not belong; the translations check asks for (check --lang) and the
 * ones it finds half done. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "care/protocol.h"
#include "unit.h"

#define FIX "tests/fixtures/protocols/"

static const char *const english[] = {NULL};
static const char *const spanish[] = {"es_ES", "es", NULL};
static const char *const mexican[] = {"es_MX", "es", NULL};

static struct protocol *open_in(const char *path, const char *const *langs, bool texts)
{
	struct diags d = {0};
	struct protocol *p = protocol_open_in(path, langs, texts, &d);
	if (!p)
		diags_print(&d, stderr);
	assert_non_null(p);
	diags_free(&d);
	return p;
}

static void the_language_list_chooses(void **state)
{
	(void)state;
	struct protocol *p = open_in(FIX "translated.ini", spanish, false);
	assert_string_equal(p->name, "Protocolo traducido");
	assert_string_equal(p->description, "Dos pasos y una regla.");
	const struct milestone *m = find_milestone(p, "stop-retinol");
	assert_string_equal(m->title, "Sin retinol");
	assert_string_equal(m->body, "Deje el retinol en la zona.");
	assert_string_equal(m->end_title, "Puede volver al retinol");
	assert_string_equal(find_milestone(p, "wash")->title, "Primer lavado suave");
	/* Untranslated texts stay as written. */
	assert_string_equal(find_milestone(p, "session")->title, "Your session");
	const struct redflag *f = find_rule(p, "pus");
	assert_string_equal(f->title, "Pus o costras amarillas");
	assert_string_equal(f->action, "Llame hoy a su profesional.");
	protocol_free(p);

	/* The most specific language first, the next one for the rest. */
	p = open_in(FIX "translated.ini", mexican, false);
	assert_string_equal(find_milestone(p, "wash")->title, "Primera lavada suave");
	assert_string_equal(find_milestone(p, "wash")->body, "Solo agua tibia.");
	protocol_free(p);

	p = open_in(FIX "translated.ini", english, false);
	assert_string_equal(p->name, "Translated protocol");
	assert_string_equal(find_milestone(p, "stop-retinol")->title, "No retinol");
	assert_string_equal(find_milestone(p, "wash")->title, "First gentle wash");
	assert_string_equal(find_rule(p, "pus")->title, "Possible infection");
	protocol_free(p);
	p = open_in(FIX "translated.ini", NULL, false);
	assert_string_equal(find_milestone(p, "wash")->title, "First gentle wash");
	protocol_free(p);

	/* A language the file does not have: the texts as written. */
	static const char *const french[] = {"fr_FR", "fr", NULL};
	p = open_in(FIX "translated.ini", french, false);
	assert_string_equal(find_milestone(p, "wash")->title, "First gentle wash");
	protocol_free(p);
}

static void order_in_a_file_does_not_matter(void **state)
{
	(void)state;
	struct protocol *p = open_in(FIX "translated.ini", spanish, false);
	const struct milestone *m = find_milestone(p, "aftercare");
	assert_string_equal(m->title, "Cuidados posteriores");
	/* An empty translation is none, for the reader and for check. */
	assert_string_equal(find_milestone(p, "next")->title, "Earliest next session");
	protocol_free(p);
	p = open_in(FIX "translated.ini", spanish, true);
	struct diags d = {0};
	protocol_untranslated(p, "es", &d);
	assert_true(has_diag(&d, "good.ini", 48, "[next] title has no translation for es"));
	assert_false(has_diag(&d, NULL, 0, "[aftercare]"));
	diags_free(&d);
	protocol_free(p);
}

static void an_english_override_beats_the_base_translation(void **state)
{
	(void)state;
	struct protocol *p = open_in(FIX "translated-stale.ini", spanish, false);
	/* The clinic rewrote the title in English: the base's Spanish is for
	 * the old title. */
	assert_string_equal(find_milestone(p, "wash")->title, "First wash, lukewarm water");
	/* The body is still the base's, and so is its translation. */
	assert_string_equal(find_milestone(p, "wash")->body, "Solo agua tibia.");
	/* A translation of the base's own text, given by the clinic, counts. */
	const struct milestone *m = find_milestone(p, "stop-retinol");
	assert_string_equal(m->title, "Sin retinol");
	assert_string_equal(m->body, "Deje el retinol y los ácidos AHA/BHA en la zona.");
	protocol_free(p);
}

static void brackets_are_for_languages_on_texts(void **state)
{
	(void)state;
	struct diags d = {0};
	assert_null(protocol_open_in(FIX "translated-bad-key.ini", spanish, false, &d));
	assert_true(has_diag(&d, NULL, 4, "\"base[es]\" in [protocol]: only name"));
	assert_true(has_diag(&d, NULL, 7, "\"fact[es]\" in [wash]: only name"));
	assert_true(has_diag(&d, NULL, 8, "\"title[]\" in [wash]: expected a language"));
	assert_true(has_diag(&d, NULL, 9, "\"body[es\" in [wash]: expected a language"));
	assert_true(has_diag(&d, NULL, 10, "unknown key \"nosuch[es]\" in [wash]"));
	assert_int_equal(d.n, 5);
	diags_free(&d);

	assert_true(protocol_translatable(PSEC_MILESTONE, "title"));
	assert_true(protocol_translatable(PSEC_MILESTONE, "end-body"));
	assert_false(protocol_translatable(PSEC_MILESTONE, "action"));
	assert_true(protocol_translatable(PSEC_REDFLAG, "action"));
	assert_false(protocol_translatable(PSEC_REDFLAG, "body"));
	assert_true(protocol_translatable(PSEC_PROTOCOL, "description"));
	assert_false(protocol_translatable(PSEC_PROTOCOL, "base"));
	assert_false(protocol_translatable(PSEC_NORMAL, "redness"));
	assert_true(protocol_language_valid("es"));
	assert_true(protocol_language_valid("es_MX"));
	assert_true(protocol_language_valid("sr@latin"));
	assert_true(protocol_language_valid("pt_BR.UTF-8"));
	assert_false(protocol_language_valid(""));
	assert_false(protocol_language_valid("e s"));
	assert_false(protocol_language_valid("es]"));
	assert_false(protocol_language_valid("_es"));
}

static void check_lang_lists_what_is_missing(void **state)
{
	(void)state;
	struct protocol *p = open_in(FIX "translated-stale.ini", spanish, true);
	struct diags d = {0};
	protocol_untranslated(p, "es", &d);
	/* The rewritten title, at the clinic's line. */
	assert_true(has_diag(&d, "translated-stale.ini", 8, "[wash] title has no translation for es"));
	/* Texts never translated, where they are written. */
	assert_true(has_diag(&d, "good.ini", 21, "[session] title has no translation for es"));
	assert_true(has_diag(&d, "good.ini", 40, "[antiviral] body"));
	/* Translated texts are not listed. */
	assert_false(has_diag(&d, NULL, 0, "[stop-retinol]"));
	assert_false(has_diag(&d, NULL, 0, "[wash] body"));
	assert_false(has_diag(&d, NULL, 0, "[redflag.pus]"));
	assert_false(has_diag(&d, NULL, 0, "[protocol]"));
	size_t for_es = d.n;
	diags_free(&d);

	/* es reaches a reader of es_MX; es_MX counts for es (more specific),
	 * es_AR does not reach es_MX. */
	protocol_untranslated(p, "es_MX", &d);
	assert_int_equal(d.n, for_es);
	diags_free(&d);
	protocol_untranslated(p, "fr", &d);
	assert_true(d.n > for_es);
	assert_true(has_diag(&d, NULL, 0, "[stop-retinol] title has no translation for fr (title[fr])"));
	diags_free(&d);
	protocol_free(p);

	p = open_in(FIX "translated-half.ini", english, true);
	protocol_untranslated(p, "es", &d);
	/* Only es_MX for the wash's title: a reader of plain es lacks it,
	 * but check --lang es counts the more specific one. */
	assert_false(has_diag(&d, NULL, 0, "[wash] title"));
	diags_free(&d);
	protocol_untranslated(p, "es_AR", &d);
	assert_true(has_diag(&d, NULL, 0, "[wash] title has no translation for es_AR"));
	diags_free(&d);
	protocol_free(p);
}

static void check_finds_translations_half_done(void **state)
{
	(void)state;
	struct protocol *p = open_in(FIX "translated-half.ini", english, true);
	struct diags e = {0}, w = {0};
	protocol_lint(p, &e, &w);
	assert_true(has_diag(&e, "translated-half.ini", 6,
	                     "[stop-retinol] has title[es] but no body[es]"));
	assert_true(has_diag(&e, "translated-half.ini", 17,
	                     "[redflag.pus-again] has title[es] but no action[es]"));
	assert_true(has_diag(&e, "translated-half.ini", 14,
	                     "[session] has end-body[es] but no end-body"));
	/* end-title[es] with no end-body to translate; title[es_MX] with
	 * body[es], which a reader of es_MX gets: both fine. */
	assert_int_equal(e.n, 3);
	diags_free(&e);
	diags_free(&w);
	protocol_free(p);

	/* A whole translation is clean; without texts, nothing is looked at. */
	p = open_in(FIX "translated.ini", english, true);
	protocol_lint(p, &e, &w);
	assert_int_equal(e.n, 0);
	diags_free(&e);
	diags_free(&w);
	protocol_free(p);
	p = open_in(FIX "translated-half.ini", english, false);
	assert_null(p->texts);
	protocol_lint(p, &e, &w);
	assert_int_equal(e.n, 0);
	diags_free(&e);
	diags_free(&w);
	protocol_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_language_list_chooses),
		cmocka_unit_test(order_in_a_file_does_not_matter),
		cmocka_unit_test(an_english_override_beats_the_base_translation),
		cmocka_unit_test(brackets_are_for_languages_on_texts),
		cmocka_unit_test(check_lang_lists_what_is_missing),
		cmocka_unit_test(check_finds_translations_half_done),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

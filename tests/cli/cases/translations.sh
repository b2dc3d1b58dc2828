#!/usr/bin/env bash
# Protocol texts per language: check accepts title[es] and its kind, names
# brackets where they do not belong and translations half done, check
# --lang lists what has no translation; a Spanish run reads the Spanish
# texts, and never a plan cached in English.
# usage: tests/cli/cases/translations.sh path/to/needlecare
. "$(dirname "$0")/../setup.sh"

P=$FIX/protocols
run --protocol "$P/translated.ini" check
that "check takes translated keys" [ "$RC" -eq 0 ] && ! grep -q 'unknown key' "$TMP/err" && grep -q 'warning-sign rules' "$TMP/out"
status "brackets on a key that takes no language" 3 'translated-bad-key.ini:7: "fact[es]" in [wash]: only name, description, title' --protocol "$P/translated-bad-key.ini" check
that "brackets that hold no language" grep -q 'translated-bad-key.ini:8: "title\[\]" in \[wash\]: expected a language' "$TMP/err"
that "brackets on a key of [protocol] that takes none" grep -q 'translated-bad-key.ini:4: "base\[es\]"' "$TMP/err"
status "a title translated without its body" 3 "translated-half.ini:6: [stop-retinol] has title[es] but no body[es]" --protocol "$P/translated-half.ini" check
that "a rule's title translated without its action" grep -qF "translated-half.ini:17: [redflag.pus-again] has title[es] but no action[es]" "$TMP/err"
that "a translation of a text not written" grep -qF "translated-half.ini:14: [session] has end-body[es] but no end-body" "$TMP/err"
that "three problems, the es_MX title over an es body is fine" grep -q '^3 problems found' "$TMP/out"

run --protocol "$P/translated-stale.ini" check --lang es
that "check --lang fails on a missing translation" [ "$RC" -eq 3 ]
that "check --lang names a title rewritten in English at its line" grep -qF "translated-stale.ini:8: [wash] title has no translation for es (title[es])" "$TMP/out"
that "check --lang leaves out what is translated" bash -c "! grep -qF '[stop-retinol]' '$TMP/out' && ! grep -qF '[wash] body' '$TMP/out'"
that "check --lang counts them" grep -Eq '^[0-9]+ texts have no translation for es$' "$TMP/out"
that "check --lang: the protocol itself is fine" bash -c "! grep -q problem '$TMP/out' && ! grep -v warning: '$TMP/err' | grep -q ."
run --protocol "$P/good.ini" check --lang fr
that "check --lang names shared rules not translated" grep -qF "warning-signs.ini (built in):" "$TMP/out"
run --protocol "$P/translated-stale.ini" check --lang es_MX
that "an es translation serves es_MX" bash -c "[ $RC -eq 3 ] && ! grep -qF '[stop-retinol]' '$TMP/out'"
status "check --lang takes a language" 2 "--lang e s: expected a language" --protocol "$P/translated.ini" check --lang 'e s'
status "only check takes --lang" 2 "today does not take --lang" today --lang es
status "--lang needs a value" 2 "--lang needs a value" check --lang

# A Spanish locale of the test's own; without localedef, nothing to run in.
mkdir -p "$TMP/loc"
if localedef -i es_ES -f UTF-8 "$TMP/loc/es_ES.UTF-8" >/dev/null 2>&1; then
	es() { LOCPATH=$TMP/loc LC_ALL= LANG=es_ES.UTF-8 "$@"; }
	T=(--protocol "$P/translated.ini" --session "$S" --now '2026-12-02 08:00' timeline)
	for round in 1 2; do
		run "${T[@]}"
		that "English texts in C ($round)" grep -q 'First gentle wash' "$TMP/out"
		es run "${T[@]}"
		that "Spanish texts in Spanish, never the English plan cached ($round)" \
			bash -c "grep -q 'Primer lavado suave' '$TMP/out' && grep -q 'Sin retinol' '$TMP/out' && ! grep -q 'First gentle wash' '$TMP/out'"
	done
	LANGUAGE=es_MX:es es run "${T[@]}"
	that "LANGUAGE=es_MX:es: es_MX first, es for the rest" bash -c "grep -q 'Primera lavada suave' '$TMP/out' && grep -q 'Sin retinol' '$TMP/out'"
	es run --protocol "$P/translated-stale.ini" --session "$S" --now '2026-12-02 08:00' timeline
	that "an English override beats the base's Spanish" bash -c "grep -q 'First wash, lukewarm water' '$TMP/out' && grep -q 'Sin retinol' '$TMP/out'"
	es run --protocol "$P/translated.ini" check --lang es
	that "check --lang under a Spanish locale" bash -c "[ $RC -eq 3 ] && grep -qF '[session] title' '$TMP/out'"
fi

summary

#!/usr/bin/env bash
# The translations: every catalogue compiles clean, the committed template
# holds exactly the messages of the sources, every message has a Spanish
# translation (none missing, none fuzzy), and every text of the shipped
# protocols and warning-sign rules has one too (check --lang es).
# usage: tests/i18n/run.sh path/to/needlecare
set -u
NC=$(realpath "$1")
cd "$(dirname "$0")/../.."
. tests/lib.sh
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
private_home "$TMP"

for po in po/*.po; do
	that "$po compiles: msgfmt --check" msgfmt --check -o /dev/null "$po"
	l=$(basename "$po" .po)
	that "$po is listed in po/LINGUAS" grep -qx "$l" po/LINGUAS
done

# The template, made again from the sources: the same messages, comments
# and places aside.
make -s pot POT="$TMP/fresh.pot" >/dev/null 2>&1
msgids() { msgcat --no-location --no-wrap --sort-output "$1" | grep -v '^#'; }
that "po/needlecare.pot is up to date with the sources (make pot)" \
	cmp -s <(msgids po/needlecare.pot) <(msgids "$TMP/fresh.pot")

# Every message of the sources in Spanish.
msgmerge --quiet --no-fuzzy-matching -o "$TMP/es.po" po/es.po "$TMP/fresh.pot"
untranslated=$(msgattrib --untranslated --no-obsolete --no-wrap "$TMP/es.po" | grep -c '^msgid ' || true)
fuzzy=$(msgattrib --only-fuzzy --no-obsolete --no-wrap "$TMP/es.po" | grep -c '^msgid ' || true)
# The header is an entry of each list that has any.
[ "$untranslated" -gt 0 ] && untranslated=$((untranslated - 1))
[ "$fuzzy" -gt 0 ] && fuzzy=$((fuzzy - 1))
if [ "$untranslated" -eq 0 ] && [ "$fuzzy" -eq 0 ]; then
	ok
else
	bad "every message has a Spanish translation: $untranslated missing, $fuzzy fuzzy" \
		"$(msgattrib --untranslated --only-fuzzy --no-obsolete "$TMP/es.po" | grep '^msgid' | head -5)"
fi

# Every text of each shipped protocol, and of the rules they start from.
for p in data/protocols/*.ini; do
	name=$(basename "$p" .ini)
	if "$NC" --protocol "$name" check --lang es >"$TMP/out" 2>&1; then
		ok
	else
		bad "protocol $name: every text has a Spanish translation (check --lang es)" \
			"$(head -5 "$TMP/out")"
	fi
done

summary

#!/usr/bin/env bash
# Shell completion tests: runs the bash, fish and zsh completions for real
# and checks what they offer against the program itself: the commands and
# options of needlecare --help, the names of needlecare screen --list and of
# needlecare log, and the shipped protocols of data/protocols/*.ini, so that
# none of their static lists can drift silently.
# usage: tests/completion/run.sh path/to/needlecare
set -u
NC=$(realpath "$1")
cd "$(dirname "$0")/../.." || exit 2
ROOT=$PWD
DIR=$ROOT/data/completions
HERE=$ROOT/tests/completion
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
. tests/lib.sh
private_home "$TMP"
words() { printf '%s\n' $* | sed '/^$/d' | sort -u; }
oneline() { tr '\n' ' ' | sed 's/ $//'; }

# --- the truth, from the program and the sources
# A user protocol, a folder to complete files in, and an empty one.
mkdir -p "$HOME" "$XDG_DATA_HOME/needlecare/protocols" "$TMP/work/folder" "$TMP/empty"
cp data/protocols/prp.ini "$XDG_DATA_HOME/needlecare/protocols/my-clinic.ini"
touch "$TMP/work/notes.txt" "$TMP/work/course.ini"
USERPROTO=my-clinic

"$NC" --help >"$TMP/help"
# The commands: the first word of each line of "commands:" with two spaces.
COMMANDS=$(awk '/^commands:/ { on = 1; next } on && /^$/ { exit }
	on && /^  [a-z]/ { print $1 }' "$TMP/help" | sort -u)
# Each command's own options, from its usage line.
cmd_options() {
	awk -v c="$1" '/^commands:/ { on = 1; next } on && /^$/ { exit }
		on && /^  [a-z]/ && $1 == c' "$TMP/help" | grep -o -- '--[a-z-]*' | sort -u
}
LOCAL=$(for c in $COMMANDS; do cmd_options "$c"; done | sort -u)
# The global options: those of "options" that no command has for itself.
GLOBAL=$(sed -n '/^options/,$p' "$TMP/help" | grep -oE -- '^  -[^ ]*(, --[a-z-]+)?|^  --[a-z-]+' |
	grep -oE -- '--?[a-zA-Z-]+' | sort -u | comm -23 - <(echo "$LOCAL"))
GLOBAL_LONG=$(echo "$GLOBAL" | grep -- '^--')
PROTOCOLS=$(for f in data/protocols/*.ini; do basename "$f" .ini; done | sort -u)
SCREENING=$("$NC" screen --list | awk '{ print $1 }' | sort -u)
# The log names, from the message for an unknown one: "expected redness,
# swelling, ... pain (0-3), pus, ... dark-patches (yes/no), note or photo".
"$NC" log bogus=1 2>"$TMP/err" >/dev/null
LOGNAMES=$(sed -n 's/.*expected //p' "$TMP/err" | sed 's/ ([^)]*)//g; s/ or /, /g' |
	tr ',' '\n' | tr -d ' ' | sed '/^$/d' | sort -u)
# What each takes, from the program's answer to an empty value (note= is
# saved, in the private folders).
declare -A KIND
for n in $LOGNAMES; do
	"$NC" log "$n=" >/dev/null 2>"$TMP/err"
	if grep -q 'expected 0 (none)' "$TMP/err"; then KIND[$n]=rating
	elif grep -q 'expected yes or no' "$TMP/err"; then KIND[$n]=sign
	elif grep -q 'path of a photo file' "$TMP/err"; then KIND[$n]="file"
	elif [ ! -s "$TMP/err" ]; then KIND[$n]=text
	else KIND[$n]="unknown ($(head -1 "$TMP/err"))"
	fi
done

that "needlecare --help lists commands" [ "$(echo "$COMMANDS" | wc -l)" -ge 10 ]
that "needlecare --help lists global options" [ -n "$GLOBAL_LONG" ]
that "data/protocols has protocols" [ -n "$PROTOCOLS" ]
that "screen --list lists questions" [ "$(echo "$SCREENING" | wc -l)" -ge 5 ]
that "log names its names" [ "$(echo "$LOGNAMES" | wc -l)" -ge 5 ]
that "screen --list is the list of tui/care/screening.c" [ "$SCREENING" = \
	"$(grep -oE '^	\{"[a-z0-9-]+",' tui/care/screening.c | tr -d '\t{",' | sort -u)" ]
# The user protocol is where needlecare looks for it.
quiet() { "$@" >/dev/null 2>&1; }
that "needlecare finds the user protocol by its name" \
	quiet "$NC" --protocol "$USERPROTO" check

# same NAME WANT: the words offered ($TMP/got) are exactly WANT.
same() {
	local name=$1 want got
	want=$(words "$2")
	got=$(words "$(cat "$TMP/got")")
	if [ "$got" = "$want" ]; then
		ok "$name"
	else
		bad "$name" "wanted: $(echo "$want" | oneline)" "got:    $(echo "$got" | oneline)"
	fi
}
# has NAME WORD...: each WORD is offered.
has() {
	local name=$1 w missing=""
	shift
	for w in "$@"; do
		grep -qxF -- "$w" "$TMP/got" || missing+=" $w"
	done
	if [ -z "$missing" ]; then
		ok "$name"
	else
		bad "$name" "missing:$missing" "got: $(oneline <"$TMP/got")"
	fi
}
# hasnot NAME WORD...: no WORD is offered.
hasnot() {
	local name=$1 w found=""
	shift
	for w in "$@"; do
		grep -qxF -- "$w" "$TMP/got" && found+=" $w"
	done
	if [ -z "$found" ]; then ok "$name"; else bad "$name" "offered:$found"; fi
}

# The checks every shell passes. complete LINE [FOLDER] fills $TMP/got with
# what the shell offers at the end of LINE, in FOLDER ($TMP/work by default).
common() {
	local sh=$1 c n kind vals
	complete "needlecare "
	same "$sh: the commands of --help after 'needlecare '" "$COMMANDS"
	complete "needlecare ne"
	same "$sh: 'ne' completes to next" next
	complete "needlecare book --"
	has "$sh: the options of book" --move --cancel --force
	complete "needlecare book --move 2026-12-02 --"
	hasnot "$sh: no --cancel after --move" --cancel
	for c in $COMMANDS; do
		complete "needlecare $c --"
		same "$sh: $c -- offers the global options and those of its usage" \
			"$GLOBAL_LONG $(cmd_options "$c")"
	done
	complete "needlecare --"
	same "$sh: before the command, the global options" "$GLOBAL_LONG"
	complete "needlecare today --"
	has "$sh: the global options after a command" $GLOBAL_LONG
	complete "needlecare timeline --format "
	same "$sh: --format values" "text tsv"
	complete "needlecare next --format "
	same "$sh: --format values of next" "text tsv json"
	complete "needlecare --format tsv ti"
	same "$sh: the command after --format VALUE" timeline
	complete "needlecare --protocol " "$TMP/empty"
	same "$sh: --protocol offers the shipped and the user's protocols" \
		"$PROTOCOLS $USERPROTO"
	complete "needlecare --protocol "
	has "$sh: --protocol offers protocol files" course.ini
	complete "needlecare today --protocol p"
	has "$sh: --protocol after a command" prp
	complete "needlecare --config "
	has "$sh: --config offers files" course.ini notes.txt
	complete "needlecare journal --export "
	has "$sh: --export offers files" course.ini notes.txt
	complete "needlecare export --ics "
	has "$sh: --ics offers files" course.ini notes.txt
	complete "needlecare --session '2026-12-02 10:30' "
	same "$sh: the commands after --session 'DATE TIME'" "$COMMANDS"
	complete "needlecare log red"
	same "$sh: log red completes to redness=" redness=
	complete "needlecare log "
	same "$sh: log offers every name of the program" "$(echo "$LOGNAMES" | sed 's/$/=/')"
	complete "needlecare --config x.ini log redness=1 "
	hasnot "$sh: log offers a name once" redness=
	for n in $LOGNAMES; do
		kind=${KIND[$n]}
		complete "needlecare log $n="
		case $kind in
			rating) vals="0 1 2 3" ;;
			sign) vals="yes no" ;;
			file) vals="course.ini folder notes.txt" ;;
			text) vals="" ;;
			*) vals="?" ;;
		esac
		sed -i "s|^$n=||; s|/$||" "$TMP/got"
		same "$sh: log $n= offers what the program takes ($kind)" "$vals"
	done
	complete "needlecare screen "
	same "$sh: screen offers every question of screen --list" \
		"$(echo "$SCREENING" | sed 's/$/=/')"
	complete "needlecare screen cold"
	same "$sh: screen cold completes to cold-sores=" cold-sores=
	complete "needlecare screen pregnant="
	sed -i 's|^pregnant=||' "$TMP/got"
	same "$sh: screen NAME= offers yes and no" "yes no"
	complete "needlecare -- log red"
	same "$sh: after --, the command" redness=
}

# --- bash: bash-completion's own functions, readline's words
if [ -r /usr/share/bash-completion/bash_completion ]; then
	complete() {
		(cd "${2:-$TMP/work}" && bash "$HERE/bash-complete.bash" "$DIR/needlecare.bash" "$1") \
			>"$TMP/got" 2>"$TMP/err"
		[ -s "$TMP/err" ] && bad "bash: errors for '$1'" "$(head -5 "$TMP/err")"
	}
	that "bash: the file is bash" bash -n "$DIR/needlecare.bash"
	bash -c 'source /usr/share/bash-completion/bash_completion; source "$1"; complete -p needlecare' \
		bash "$DIR/needlecare.bash" >"$TMP/got" 2>&1
	that "bash: complete -F _needlecare needlecare" grep -q -- '-F _needlecare needlecare$' "$TMP/got"
	common bash
	complete "needlecare --protocol=mi" "$TMP/empty"
	same "bash: --protocol=VALUE" microneedling
	complete "needlecare today --config=no"
	same "bash: --config=VALUE" notes.txt
	# A relative XDG_DATA_HOME does not count: ~/.local/share then.
	mkdir -p "$HOME/.local/share/needlecare/protocols"
	touch "$HOME/.local/share/needlecare/protocols/home.ini"
	XDG_DATA_HOME=relative complete "needlecare --protocol " "$TMP/empty"
	same "bash: a relative XDG_DATA_HOME means ~/.local/share" "$PROTOCOLS home"
	rm "$HOME/.local/share/needlecare/protocols/home.ini"
else
	bad "bash: /usr/share/bash-completion/bash_completion is missing (package bash-completion)"
fi

# --- fish: complete -C, the first field of each line
if command -v fish >/dev/null; then
	complete() {
		(cd "${2:-$TMP/work}" && fish --no-config -c \
			'source $argv[1]; complete -C $argv[2]' "$DIR/needlecare.fish" "$1") \
			>"$TMP/got.fish" 2>"$TMP/err"
		cut -f1 "$TMP/got.fish" | sed 's|/$||' >"$TMP/got"
		[ -s "$TMP/err" ] && bad "fish: errors for '$1'" "$(head -5 "$TMP/err")"
	}
	that "fish: the file is fish" fish --no-config -n "$DIR/needlecare.fish"
	common fish
	complete "needlecare "
	that "fish: every command has a description" [ "$(cut -f2 -s "$TMP/got.fish" | grep -c .)" \
		-eq "$(echo "$COMMANDS" | wc -l)" ]
else
	bad "fish: not installed"
fi

# --- zsh: compinit on a pseudo-terminal (zsh/zpty), the words compadd got
if command -v zsh >/dev/null; then
	that "zsh: the file is zsh" zsh -n "$DIR/_needlecare"
	that "zsh: #compdef needlecare" [ "$(head -1 "$DIR/_needlecare")" = "#compdef needlecare" ]
	# The lines of common(), collected first, then completed by one zsh each
	# in their folder; complete() then reads the answers in order.
	LINES=()
	FOLDERS=()
	complete() {
		LINES+=("$1")
		FOLDERS+=("${2:-$TMP/work}")
	}
	# (A dry run: its checks do not count.)
	saved="$pass $fail"
	common zsh >/dev/null
	read -r pass fail <<<"$saved"
	zsh_run() { # FOLDER OUT: complete the lines of FOLDER
		local i lines=()
		for i in "${!LINES[@]}"; do
			[ "${FOLDERS[i]}" = "$1" ] && lines+=("${LINES[i]}")
		done
		(cd "$1" && timeout 120 zsh -f "$HERE/zsh-complete.zsh" "$DIR" "$2" "${lines[@]}") \
			>/dev/null 2>"$TMP/err"
		[ "$(grep -c '^--END--$' "$2")" -eq "${#lines[@]}" ]
	}
	: >"$TMP/zsh.work"
	: >"$TMP/zsh.empty"
	if zsh_run "$TMP/work" "$TMP/zsh.work" && zsh_run "$TMP/empty" "$TMP/zsh.empty"; then
		ok "zsh: completion ran on a pseudo-terminal"
		declare -A at=([work]=1 [empty]=1)
		complete() {
			local f=work
			[ "${2:-}" = "$TMP/empty" ] && f=empty
			# zsh offers --config= for --config FILE.
			awk -v n="${at[$f]}" '/^--END--$/ { k++; next } k + 1 == n' "$TMP/zsh.$f" |
				sed 's|/$||; s|^\(--[a-z-]*\)=$|\1|' >"$TMP/got"
			at[$f]=$((at[$f] + 1))
		}
		common zsh
	else
		bad "zsh: completion did not run on a pseudo-terminal (zsh/zpty)" "$(head -5 "$TMP/err")"
	fi
else
	bad "zsh: not installed"
fi

summary

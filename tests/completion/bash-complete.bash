# Runs bash's completion for needlecare as readline would: loads
# bash-completion and the completion file, splits LINE (the line up to the
# cursor) into COMP_WORDS as bash does, calls _needlecare and prints
# COMPREPLY, one word a line.
# usage: bash bash-complete.bash COMPLETION-FILE LINE
file=$1 line=$2
source /usr/share/bash-completion/bash_completion || exit 3
source "$file" || exit 3
# Unset in a shell that is not interactive: bash's default.
[[ -n ${COMP_WORDBREAKS+set} ]] || COMP_WORDBREAKS=$' \t\n"\'><=;|&(:'

# COMP_WORDS as bash makes them: blanks separate words, quotes keep what
# they hold together (quotes included), and each run of the other
# COMP_WORDBREAKS characters (= and : among them) is a word of its own; the
# word at the cursor comes last, empty after a blank.
split_line() {
	local s=$1 w="" q="" c i started=0 inbreak=0
	local breaks=${COMP_WORDBREAKS//[\"\' $'\t\n']/}
	COMP_WORDS=()
	for ((i = 0; i < ${#s}; i++)); do
		c=${s:i:1}
		if [[ -n $q ]]; then
			w+=$c
			[[ $c == "$q" ]] && q=""
			continue
		fi
		case $c in
			' ' | $'\t')
				((started)) && COMP_WORDS+=("$w")
				w="" started=0 inbreak=0
				continue
				;;
			"'" | '"') q=$c ;;
			'\') c+=${s:i+1:1}; ((i++)) ;;
		esac
		if [[ ${#c} -eq 1 && $c != [\'\"] && $breaks == *"$c"* ]]; then
			((started && !inbreak)) && { COMP_WORDS+=("$w"); w=""; }
			inbreak=1
		else
			((started && inbreak)) && { COMP_WORDS+=("$w"); w=""; }
			inbreak=0
		fi
		w+=$c
		started=1
	done
	COMP_WORDS+=("$w")
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
}

split_line "$line"
COMP_LINE=$line
COMP_POINT=${#line}
COMP_TYPE=9 COMP_KEY=9
COMPREPLY=()
_needlecare needlecare "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
((${#COMPREPLY[@]})) && printf '%s\n' "${COMPREPLY[@]}"
exit 0

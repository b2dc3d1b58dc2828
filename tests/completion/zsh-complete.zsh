#!/usr/bin/env zsh
# Runs zsh's completion for real: an interactive zsh -f on a pseudo-terminal
# (zsh/zpty) with compinit and FPATH-DIR first in $fpath types each LINE and
# a Tab. A compadd wrapper writes the words offered, one a line (with their
# -P/-p prefixes and -S suffix), to OUT, and "--END--" after each LINE.
# usage: zsh-complete.zsh FPATH-DIR OUT LINE...
emulate -L zsh
zmodload zsh/zpty || exit 2
local dir=$1 out=$2
shift 2
: >$out

# Wrapper: what compadd would offer, then offers it for real (so that the
# completion functions see the matches they added, as usual).
local wrapper='
compadd() {
  if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then
    builtin compadd "$@"
    return
  fi
  local -a __hits o __args=("$@")
  builtin compadd -O __hits "$@"
  # The prefix (-P, -p) and suffix (-S, -s) options, which may be glued to
  # their value: every option of compadd is named so as to skip the values.
  zparseopts -E -D -a o a k q Q f e n U l 1 2 C o:: F: P: S: p: s: i: I: W: d: J: X: x: V: \
    r: R: D: O: A: E: M: 2>/dev/null
  local pre= suf= h
  integer j
  for (( j = 1; j <= $#o; j++ )); do
    case $o[j] in
      -P|-p) pre+=$o[j+1]; (( j++ )) ;;
      -S|-s) suf=$o[j+1]$suf; (( j++ )) ;;
      -[Pp]?*) pre+=${o[j]#-?} ;;
      -[Ss]?*) suf=${o[j]#-?}$suf ;;
      -[FiIWdJXxVrRDOAEM]) (( j++ )) ;;
    esac
  done
  for h in $__hits; do
    print -r -- "$pre$h$suf" >>$__OUT
  done
  builtin compadd "${__args[@]}"
}
# Ctrl-X Ctrl-T: complete, mark the end, empty the line.
__nc_complete() {
  zle complete-word
  print -r -- --END-- >>$__OUT
  BUFFER=
}
zle -N __nc_complete
bindkey "^X^T" __nc_complete'

zpty nczsh env TERM=xterm __OUT=$out zsh -f -i
zpty -w nczsh "PS1='> '; setopt interactivecomments; unsetopt beep; fpath=(${(q)dir} \$fpath)"
zpty -w nczsh "autoload -Uz compinit && compinit -u -D"
zpty -w nczsh "$wrapper"
local line
for line in "$@"; do
  # Ctrl-X Ctrl-T completes (no Tab, no Ctrl-U: the typed-ahead keys may
  # meet the terminal in its line mode, where Ctrl-U erases them).
  zpty -w -n nczsh "$line"$'\C-x\C-t'
done
zpty -w nczsh 'exit'
# Read (and drop) what the terminal shows until the shell has gone.
local junk
while zpty -r nczsh junk; do :; done
zpty -d nczsh 2>/dev/null
return 0

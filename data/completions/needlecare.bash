# bash completion for needlecare                              -*- shell-script -*-
# Installed as $datadir/bash-completion/completions/needlecare.
# The lists below are static; tests/completion/run.sh checks them against
# needlecare --help, needlecare screen --list, needlecare log and
# data/protocols/*.ini, so they cannot drift silently.
# shellcheck disable=SC2207 # COMPREPLY=($(compgen ...)), as bash-completion does

_needlecare_commands="today timeline next book log journal screen sessions notify
    daemon export check forget help"
_needlecare_global_options="-h --help -V --version --config --protocol --session --now"
# The shipped protocols (data/protocols/*.ini).
_needlecare_protocols="microneedling prp rf at-home"
# log NAME=VALUE: ratings 0-3, warning signs yes/no, a note and a photo.
_needlecare_ratings="redness swelling dryness pain"
_needlecare_signs="pus fever blisters hives bumps dark-patches spreading breathing lines raised-scars bruises dents numbness"
# screen NAME=yes|no: the screening questions (tui/screening.c).
_needlecare_screening="pregnant isotretinoin cold-sores bleeding-disorder blood-thinners
    keloids skin-problem-now skin-condition autoimmune cancer-treatment diabetes allergy
    moles recent-procedure tattoo implant darker-skin under-22 blood-count"

# The options a command takes besides the global ones.
_needlecare_command_options()
{
    case $1 in
        today | timeline | next) echo --format ;;
        book) echo --move --cancel --force ;;
        journal) echo --format --export --summary ;;
        screen) echo --list ;;
        export) echo --ics ;;
        forget) echo --yes ;;
        log) echo --ack ;;
        check) echo --lang ;;
    esac
}

# Completes the VALUE of the NAME=VALUE word in $cur from the words given.
_needlecare_value()
{
    local name=${cur%%=*}
    cur=${cur#*=}
    if [[ $1 == -f ]]; then
        _filedir
    else
        COMPREPLY=($(compgen -W "$*" -- "$cur"))
    fi
    # readline completes only what follows the '=' when it breaks words there.
    if [[ $COMP_WORDBREAKS != *=* ]]; then
        COMPREPLY=("${COMPREPLY[@]/#/$name=}")
    fi
}

_needlecare()
{
    local cur prev words cword split
    _init_completion -s -n : || return

    # Find the command and its arguments: options may stand anywhere, and
    # --config, --protocol, --session, --now, --format, --export, --ics and
    # --lang take the next word unless written --option=VALUE.
    local i w cmd="" dashdash="" args=() given=()
    for ((i = 1; i < cword; i++)); do
        w=${words[i]}
        if [[ -z $dashdash ]]; then
            case $w in
                --) dashdash=1; continue ;;
                --config | --protocol | --session | --now | --format | --export | --ics | --lang)
                    given+=("$w"); ((i++)); continue ;;
                --*=*) given+=("${w%%=*}"); continue ;;
                -?*) given+=("$w"); continue ;;
            esac
        fi
        if [[ -z $cmd ]]; then
            cmd=$w
        else
            args+=("$w")
        fi
    done

    case $prev in
        --config | --export | --ics)
            _filedir
            return
            ;;
        --protocol)
            local dir=${XDG_DATA_HOME-}
            [[ $dir == /* ]] || dir=$HOME/.local/share
            local f names=$_needlecare_protocols
            for f in "$dir"/needlecare/protocols/*.ini; do
                [[ -f $f ]] || continue
                f=${f##*/}
                names+=" ${f%.ini}"
            done
            COMPREPLY=($(compgen -W "$names" -- "$cur"))
            _filedir ini
            return
            ;;
        --format)
            case $cmd in
                "" | next) COMPREPLY=($(compgen -W "text tsv json" -- "$cur")) ;;
                *) COMPREPLY=($(compgen -W "text tsv" -- "$cur")) ;;
            esac
            return
            ;;
        --lang)
            # The languages needlecare is translated to (po/LINGUAS).
            COMPREPLY=($(compgen -W "es" -- "$cur"))
            return
            ;;
        --session | --now)
            # A moment, 'YYYY-MM-DD HH:MM': nothing to offer.
            return
            ;;
    esac
    $split && return

    # The options not given yet; --move and --cancel exclude each other.
    local o options=""
    for o in $_needlecare_global_options $(_needlecare_command_options "$cmd"); do
        case " ${given[*]} " in
            *" $o "*) continue ;;
            *" --move "* | *" --cancel "*) [[ $o == --move || $o == --cancel ]] && continue ;;
        esac
        options+=" $o"
    done
    if [[ -z $dashdash && $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$options" -- "$cur"))
        return
    fi

    case $cmd in
        "")
            COMPREPLY=($(compgen -W "$_needlecare_commands" -- "$cur"))
            ;;
        log)
            case $cur in
                *=*)
                    local name=${cur%%=*}
                    if [[ " $_needlecare_ratings " == *" $name "* ]]; then
                        _needlecare_value 0 1 2 3
                    elif [[ " $_needlecare_signs " == *" $name "* ]]; then
                        _needlecare_value yes no
                    elif [[ $name == photo ]]; then
                        _needlecare_value -f
                    fi
                    ;;
                *)
                    # Each name once.
                    local n names=""
                    for n in $_needlecare_ratings $_needlecare_signs note photo; do
                        [[ " ${args[*]%%=*} " == *" $n "* ]] || names+=" $n="
                    done
                    COMPREPLY=($(compgen -W "$names" -- "$cur"))
                    compopt -o nospace 2>/dev/null
                    ;;
            esac
            ;;
        screen)
            case $cur in
                *=*) _needlecare_value yes no ;;
                *)
                    local n names=""
                    for n in $_needlecare_screening; do
                        [[ " ${args[*]%%=*} " == *" $n "* ]] || names+=" $n="
                    done
                    COMPREPLY=($(compgen -W "$names" -- "$cur"))
                    compopt -o nospace 2>/dev/null
                    ;;
            esac
            ;;
        book)
            # Dates and times: nothing to offer but the options, first.
            [[ -z $cur && ${#args[@]} -eq 0 ]] && COMPREPLY=($(compgen -W "$options" -- "$cur"))
            ;;
        *)
            # A command without arguments: its options, even without a dash.
            COMPREPLY=($(compgen -W "$options" -- "$cur"))
            ;;
    esac
} &&
    complete -F _needlecare needlecare

# ex: filetype=sh

# fish completion for needlecare
# Installed as $datadir/fish/vendor_completions.d/needlecare.fish.
# The lists below are static; tests/completion/run.sh checks them against
# needlecare --help, needlecare screen --list, needlecare log and
# data/protocols/*.ini, so they cannot drift silently.

# The command on the line, if there is one yet. Options may stand anywhere;
# --config, --protocol, --session, --now, --format, --export, --ics and --lang take
# the next word unless written --option=VALUE.
function __needlecare_command
    set -l tokens (commandline -opc)
    set -e tokens[1]
    set -l skip 0
    set -l dashdash 0
    for t in $tokens
        if test $skip = 1
            set skip 0
            continue
        end
        if test $dashdash = 0
            switch $t
                case --
                    set dashdash 1
                    continue
                case --config --protocol --session --now --format --export --ics --lang
                    set skip 1
                    continue
                case '-?*'
                    continue
            end
        end
        echo $t
        return 0
    end
    return 1
end

# True when the command on the line is one of the arguments.
function __needlecare_using
    set -l cmd (__needlecare_command)
    or return 1
    contains -- $cmd $argv
end

# True when the word before the one being completed is one of the arguments.
function __needlecare_after
    set -l tokens (commandline -opc)
    contains -- $tokens[-1] $argv
end

# The words given so far after the command (for log and screen).
function __needlecare_given
    set -l tokens (commandline -opc)
    string match -r -- '^[a-z0-9-]+(?==)' $tokens
end

function __needlecare_protocols
    # The shipped protocols (data/protocols/*.ini).
    printf '%s\tshipped protocol\n' microneedling prp rf at-home
    set -l dir $XDG_DATA_HOME
    string match -q -- '/*' "$dir"; or set dir $HOME/.local/share
    for f in $dir/needlecare/protocols/*.ini
        test -f $f; or continue
        printf '%s\tyour protocol\n' (string replace -r '\.ini$' '' -- (string replace -r '.*/' '' -- $f))
    end
    __fish_complete_suffix .ini
end

# log NAME=VALUE: ratings 0-3, warning signs yes/no, a note and a photo.
function __needlecare_log
    set -l ratings redness swelling dryness pain
    set -l signs pus fever blisters hives bumps dark-patches spreading breathing lines raised-scars bruises dents numbness
    set -l tok (commandline -ct)
    if string match -q -- '*=*' $tok
        set -l name (string split -m1 = -- $tok)[1]
        if contains -- $name $ratings
            for v in 0\tnone 1\tmild 2\tmoderate 3\tmarked
                echo $name=$v
            end
        else if contains -- $name $signs
            printf '%s\n' $name'=yes' $name'=no'
        else if test $name = photo
            set -l path (string replace -- 'photo=' '' $tok)
            printf 'photo=%s\n' (__fish_complete_path $path)
        end
        return
    end
    set -l given (__needlecare_given)
    for n in $ratings
        contains -- $n $given; or printf '%s=\trating 0-3\n' $n
    end
    for n in $signs
        contains -- $n $given; or printf '%s=\twarning sign yes/no\n' $n
    end
    contains -- note $given; or printf 'note=\ta note\n'
    contains -- photo $given; or printf 'photo=\ta photo file\n'
end

# screen NAME=yes|no: the screening questions (tui/screening.c).
function __needlecare_screening
    set -l tok (commandline -ct)
    if string match -q -- '*=*' $tok
        set -l name (string split -m1 = -- $tok)[1]
        printf '%s\n' $name'=yes' $name'=no'
        return
    end
    set -l given (__needlecare_given)
    for n in pregnant isotretinoin cold-sores bleeding-disorder blood-thinners \
            keloids skin-problem-now skin-condition autoimmune cancer-treatment diabetes \
            allergy moles recent-procedure tattoo implant darker-skin under-22 blood-count
        contains -- $n $given; or printf '%s=\tscreening question\n' $n
    end
end

complete -c needlecare -f

# The commands.
set -l nocmd 'not __needlecare_command'
complete -c needlecare -n $nocmd -a today -d 'What applies today'
complete -c needlecare -n $nocmd -a timeline -d 'Every milestone, with a countdown'
complete -c needlecare -n $nocmd -a next -d 'One line: the next milestone'
complete -c needlecare -n $nocmd -a book -d 'Add, move or cancel a session'
complete -c needlecare -n $nocmd -a log -d 'A check-in: ratings and warning signs'
complete -c needlecare -n $nocmd -a journal -d 'The healing journal'
complete -c needlecare -n $nocmd -a screen -d 'Questions for your practitioner'
complete -c needlecare -n $nocmd -a sessions -d 'List the booked sessions'
complete -c needlecare -n $nocmd -a notify -d 'Send the notifications that are due'
complete -c needlecare -n $nocmd -a daemon -d 'Stay running and notify when due'
complete -c needlecare -n $nocmd -a export -d 'Write the course as an iCalendar file'
complete -c needlecare -n $nocmd -a check -d 'Validate the configuration and protocol'
complete -c needlecare -n $nocmd -a forget -d 'Delete everything needlecare keeps'
complete -c needlecare -n $nocmd -a help -d 'Show the help'

# The global options, anywhere on the line.
complete -c needlecare -s h -l help -d 'Show the help'
complete -c needlecare -s V -l version -d 'Show the version'
complete -c needlecare -l config -r -F -d 'Use this configuration file'
complete -c needlecare -l protocol -x -a '(__needlecare_protocols)' -d 'Use this care protocol'
complete -c needlecare -l session -x -d "This one session: 'YYYY-MM-DD HH:MM'"
complete -c needlecare -l now -x -d "Pretend it is 'YYYY-MM-DD HH:MM[:SS]'"

# Each command's own options; those with a value are also known right after
# them, so that "needlecare --format <Tab>" before the command works.
complete -c needlecare -n '__needlecare_using today timeline journal; or begin; not __needlecare_command; and __needlecare_after --format; end' \
    -l format -x -a 'text tsv' -d 'Output format'
complete -c needlecare -n '__needlecare_using next; or begin; not __needlecare_command; and __needlecare_after --format; end' \
    -l format -x -a 'text tsv json' -d 'Output format'
complete -c needlecare -n '__needlecare_using book; and not __fish_seen_argument -l cancel -l move' -l move -d 'Move the session of DATE'
complete -c needlecare -n '__needlecare_using book; and not __fish_seen_argument -l move -l cancel' -l cancel -d 'Cancel the session of DATE'
complete -c needlecare -n '__needlecare_using book' -l force -d 'Book closer than the interval'
complete -c needlecare -n '__needlecare_using screen' -l list -d 'List the questions and answers'
complete -c needlecare -n '__needlecare_using journal; or __needlecare_after --export' -l export -r -F -d 'Write a CSV file'
complete -c needlecare -n '__needlecare_using journal' -l summary -d 'A summary for your practitioner'
complete -c needlecare -n '__needlecare_using export; or __needlecare_after --ics' -l ics -r -F -d 'Write this iCalendar file'
complete -c needlecare -n '__needlecare_using forget' -l yes -d 'Do not ask'
complete -c needlecare -n '__needlecare_using log' -l ack -d 'The warnings were read'
complete -c needlecare -n '__needlecare_using check; or __needlecare_after --lang' -l lang -x -a 'es' -d 'List the texts not translated to LANG'

# The arguments of log and screen.
complete -c needlecare -n '__needlecare_using log' -a '(__needlecare_log)'
complete -c needlecare -n '__needlecare_using screen' -a '(__needlecare_screening)'

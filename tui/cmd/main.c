/* needlecare: option parsing and wiring. */
#include "cmd/cli.h"
#include "base/dates.h"
#include "care/format.h"
#include "screens/ui.h"
#include "base/i18n.h"
#include "base/util.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef VERSION
#define VERSION "0.1"
#endif

/* Which command takes which of the options that are not global. */
enum { OPT_FORMAT = 1, OPT_MOVE = 2, OPT_CANCEL = 4, OPT_FORCE = 8, OPT_LIST = 16,
       OPT_EXPORT = 32, OPT_SUMMARY = 64, OPT_YES = 128, OPT_ICS = 256, OPT_ACK = 512,
       OPT_LANG = 1024,
       ARGS = 1u << 15 /* the command takes arguments */ };

/* The options that only some commands take, for the messages. */
static const struct { unsigned bit; const char *name; } local_options[] = {
	{OPT_FORMAT, "--format"}, {OPT_MOVE, "--move"}, {OPT_CANCEL, "--cancel"},
	{OPT_FORCE, "--force"}, {OPT_LIST, "--list"}, {OPT_EXPORT, "--export"},
	{OPT_SUMMARY, "--summary"}, {OPT_YES, "--yes"}, {OPT_ICS, "--ics"},
	{OPT_ACK, "--ack"}, {OPT_LANG, "--lang"},
};

static const struct command {
	const char *name;
	int (*run)(const struct cli *);
	unsigned opts;
	const char *usage;
	const char *summary;
} commands[] = {
	{"today", cli_today, OPT_FORMAT, "today [--format tsv]",
	 N_("what applies today: restrictions in force, what to expect, what to do")},
	{"timeline", cli_timeline, OPT_FORMAT, "timeline [--format tsv]",
	 N_("every milestone of every session, with a countdown")},
	{"next", cli_next, OPT_FORMAT, "next [--format tsv|json]",
	 N_("one line: the next milestone and how far away it is (json: for waybar)")},
	{"book", cli_book, OPT_MOVE | OPT_CANCEL | OPT_FORCE | ARGS,
	 "book [--force] YYYY-MM-DD HH:MM | book --move DATE YYYY-MM-DD HH:MM | book --cancel DATE",
	 N_("add, move or cancel a session of the course")},
	{"log", cli_log, OPT_ACK | ARGS, "log NAME=VALUE ... | log --ack",
	 /* TRANSLATORS: redness, swelling ... photo are the NAMEs the patient
	  * types (log redness=2): keep them in English. */
	 N_("a check-in: redness, swelling, dryness, pain (0-3), pus, fever, spreading, "
	 "blisters, hives, breathing, bumps, dark-patches, lines, raised-scars, bruises, "
	 "dents, numbness (yes/no), note, photo; --ack: the warnings are read")},
	{"journal", cli_journal, OPT_FORMAT | OPT_EXPORT | OPT_SUMMARY,
	 "journal [--format tsv] [--export FILE.csv] [--summary]",
	 N_("the healing journal: every check-in, a CSV for your practitioner, or a summary")},
	{"screen", cli_screening, OPT_LIST | ARGS, "screen [--list] [NAME=yes|no ...]",
	 N_("the questions to discuss with your practitioner before treatment")},
	{"sessions", cli_sessions, 0, "sessions", N_("list the booked sessions")},
	{"notify", cli_notify, 0, "notify",
	 N_("one pass: send the notifications that are due and not sent yet")},
	{"daemon", cli_daemon, 0, "daemon",
	 N_("stay running and send each notification when it falls due")},
	{"export", cli_export, OPT_ICS, "export --ics FILE",
	 N_("write the whole course as an iCalendar file for a phone or desktop calendar")},
	{"check", cli_check, OPT_LANG, "check [--lang LANG]",
	 N_("validate the configuration and the protocol, reporting every problem; "
	    "--lang: list the protocol's texts not yet translated into LANG")},
	{"forget", cli_forget, OPT_YES, "forget [--yes]",
	 N_("delete everything needlecare keeps about you, after asking")},
	{"help", NULL, 0, "help", N_("this help (also -h, --help)")},
};

/* Edits from a to b: insertions, deletions, changes and swaps of two
 * neighbours ("todya" is one from "today"). Words of at most 31 bytes. */
static int distance(const char *a, const char *b)
{
	enum { MAX = 32 };
	size_t n = strlen(a), m = strlen(b);
	if (n >= MAX || m >= MAX)
		return MAX;
	int d[MAX][MAX];
	for (size_t i = 0; i <= n; i++)
		d[i][0] = (int)i;
	for (size_t j = 0; j <= m; j++)
		d[0][j] = (int)j;
	for (size_t i = 1; i <= n; i++)
		for (size_t j = 1; j <= m; j++) {
			int best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
			if (d[i - 1][j] + 1 < best)
				best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	return d[n][m];
}

/* The word of names[0..n) closest to word, two edits at most, or NULL. */
static const char *nearest(const char *word, const char *const *names, size_t n)
{
	const char *best = NULL;
	int least = 3;
	for (size_t i = 0; i < n; i++) {
		int k = distance(word, names[i]);
		if (k < least) {
			least = k;
			best = names[i];
		}
	}
	return best;
}

/* " (did you mean \"today\"?)" or "". Allocated. */
static char *did_you_mean(const char *word, const char *const *names, size_t n,
                          const char *prefix)
{
	const char *near = nearest(word, names, n);
	if (!near)
		return xstrdup("");
	/* TRANSLATORS: the closest command or option to a word not known, as
	 * "--help" or "today": typed as it is, so it stays as it is. */
	char *ask = xasprintf(_("did you mean \"%s%s\"?"), prefix, near);
	char *hint = xasprintf(" (%s)", ask);
	free(ask);
	return hint;
}

static void usage(FILE *out)
{
	/* The synopses and the options are what is typed: only what they do
	 * is translated. */
	static const struct { const char *option, *what; } options[] = {
		{"-h, --help                 ", N_("show this help")},
		{"-V, --version              ", N_("show the version")},
		{"--config FILE              ", N_("use this configuration file")},
		{"--protocol NAME-OR-FILE    ", N_("use this care protocol")},
		{"--session 'YYYY-MM-DD HH:MM'  ", N_("this one session instead of the course")},
		{"--now 'YYYY-MM-DD HH:MM[:SS]' ", N_("pretend it is this moment")},
		{"--format tsv               ", N_("tab-separated output for scripts")},
		{"--format json              ", N_("next only: a JSON object for waybar")},
	};
	fprintf(out, "%s\n\n%s\n%s\n\n%s\n",
	        /* TRANSLATORS: needlecare is typed as it is; the words in
	         * brackets are placeholders. */
	        _("usage: needlecare [options] [command] [arguments]"),
	        _("A countdown of care milestones around microneedling sessions."),
	        format_practitioner_line, _("commands:"));
	for (size_t i = 0; i < ARRAY_LEN(commands); i++)
		fprintf(out, "  %s\n      %s\n", commands[i].usage, _(commands[i].summary));
	fprintf(out, "\n%s\n", _("options (before or after the command):"));
	for (size_t i = 0; i < ARRAY_LEN(options); i++)
		fprintf(out, "  %s%s\n", options[i].option, _(options[i].what));
	fprintf(out, "\n%s\n", _("See needlecare(1) and needlecare(5)."));
}

int main(int argc, char **argv)
{
	/* Only the categories of messages and dates are taken from the
	 * locale, and none under C: parsing and the TSV and JSON output are
	 * the same under any locale, and a status-bar run in the C locale
	 * reads no locale file. */
	i18n_init();
	enum { O_CONFIG = 256, O_PROTOCOL, O_SESSION, O_NOW, O_FORMAT, O_MOVE, O_CANCEL,
	       O_FORCE, O_LIST, O_EXPORT, O_SUMMARY, O_YES, O_ICS, O_ACK, O_LANG };
	static const struct option longopts[] = {
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{"config", required_argument, NULL, O_CONFIG},
		{"protocol", required_argument, NULL, O_PROTOCOL},
		{"session", required_argument, NULL, O_SESSION},
		{"now", required_argument, NULL, O_NOW},
		{"format", required_argument, NULL, O_FORMAT},
		{"move", no_argument, NULL, O_MOVE},
		{"cancel", no_argument, NULL, O_CANCEL},
		{"force", no_argument, NULL, O_FORCE},
		{"list", no_argument, NULL, O_LIST},
		{"export", required_argument, NULL, O_EXPORT},
		{"summary", no_argument, NULL, O_SUMMARY},
		{"yes", no_argument, NULL, O_YES},
		{"ics", required_argument, NULL, O_ICS},
		{"ack", no_argument, NULL, O_ACK},
		{"lang", required_argument, NULL, O_LANG},
		{NULL, 0, NULL, 0},
	};
	struct cli c = {0};
	unsigned given = 0;
	/* Words that are not options, in order: the command, then its
	 * arguments. Collected here so that options may follow the command
	 * even under POSIXLY_CORRECT. */
	char **words = xcalloc((size_t)argc + 1, sizeof *words);
	size_t nwords = 0;
	const char *now = NULL;
	opterr = 0;
	int opt;
	while ((opt = getopt_long(argc, argv, "-:hV", longopts, NULL)) != -1) {
		switch (opt) {
		case 1:
			words[nwords++] = optarg;
			break;
		case 'h':
			usage(stdout);
			free(words);
			return STATUS_OK;
		case 'V':
			printf("needlecare %s\n", VERSION);
			free(words);
			return STATUS_OK;
		case O_CONFIG:
			c.config_path = optarg;
			break;
		case O_PROTOCOL:
			c.protocol = optarg;
			break;
		case O_SESSION:
			c.session = optarg;
			break;
		case O_NOW:
			now = optarg;
			break;
		case O_FORMAT:
			if (strcmp(optarg, "tsv") != 0 && strcmp(optarg, "text") != 0 &&
			    strcmp(optarg, "json") != 0)
				die(STATUS_USAGE, _("--format %s: expected text, tsv or json"), optarg);
			c.tsv = strcmp(optarg, "tsv") == 0;
			c.json = strcmp(optarg, "json") == 0;
			given |= OPT_FORMAT;
			break;
		case O_MOVE:
			c.move = true;
			given |= OPT_MOVE;
			break;
		case O_CANCEL:
			c.cancel = true;
			given |= OPT_CANCEL;
			break;
		case O_FORCE:
			c.force = true;
			given |= OPT_FORCE;
			break;
		case O_LIST:
			c.list = true;
			given |= OPT_LIST;
			break;
		case O_EXPORT:
			c.export_file = optarg;
			given |= OPT_EXPORT;
			break;
		case O_SUMMARY:
			c.summary = true;
			given |= OPT_SUMMARY;
			break;
		case O_YES:
			c.yes = true;
			given |= OPT_YES;
			break;
		case O_ICS:
			c.ics_file = optarg;
			given |= OPT_ICS;
			break;
		case O_ACK:
			c.ack = true;
			given |= OPT_ACK;
			break;
		case O_LANG:
			c.lang = optarg;
			given |= OPT_LANG;
			break;
		case ':':
			die(STATUS_USAGE, _("%s needs a value: see needlecare --help"),
			    argv[optind - 1]);
		default:
			if (optopt)
				die(STATUS_USAGE, _("unknown option -%c: see needlecare --help"), optopt);
		{
			const char *word = argv[optind - 1];
			const char *names[ARRAY_LEN(longopts)];
			size_t n = 0;
			for (size_t i = 0; longopts[i].name; i++)
				names[n++] = longopts[i].name;
			char *bare = xstrndup(word, strcspn(word, "="));
			char *hint = strncmp(bare, "--", 2) == 0
			             ? did_you_mean(bare + 2, names, n, "--") : xstrdup("");
			/* TRANSLATORS: the option, then " (did you mean ...?)" or nothing. */
			die(STATUS_USAGE, _("unknown option %s%s: see needlecare --help"), word, hint);
		}
		}
	}
	if (now) {
		struct civil w;
		char why[DATES_WHY];
		if (!dates_parse_moment(now, true, &w, why, sizeof why))
			die(STATUS_USAGE, "--now: %s", why);
		dates_set_now(dates_resolve(&w));
	}
	for (int i = optind; i < argc; i++) /* after "--" */
		words[nwords++] = argv[i];
	/* No command: the interface on a terminal; elsewhere today's view,
	 * and a word on how to open the interface. */
	if (nwords == 0 && !given) {
		const char *term = getenv("TERM");
		if (isatty(STDIN_FILENO) && isatty(STDOUT_FILENO) && term && *term &&
		    strcmp(term, "dumb") != 0) {
			struct plan_options o = {c.config_path, c.protocol, c.session};
			free(words);
			return ui_run(&o);
		}
		fprintf(stderr, "needlecare: %s\n",
		        _("showing the today view; run needlecare in a terminal "
		          "(TERM set, not dumb) to open the interface"));
	}
	const char *name = nwords ? words[0] : "today";
	const struct command *cmd = NULL;
	for (size_t i = 0; i < ARRAY_LEN(commands); i++)
		/* Words are getopt's optarg or argv: never NULL. */
		if (strcmp(commands[i].name, name) == 0) // NOLINT(clang-analyzer-core.NonNullParamChecker)
			cmd = &commands[i];
	if (cmd && !cmd->run) {
		usage(stdout);
		free(words);
		return STATUS_OK;
	}
	if (!cmd) {
		const char *names[ARRAY_LEN(commands)];
		for (size_t i = 0; i < ARRAY_LEN(commands); i++)
			names[i] = commands[i].name;
		char *hint = did_you_mean(name, names, ARRAY_LEN(commands), "");
		/* TRANSLATORS: the word given, then " (did you mean ...?)" or
		 * nothing. */
		die(STATUS_USAGE, _("unknown command \"%s\"%s: see needlecare --help"), name,
		    hint);
	}
	for (size_t i = 0; i < ARRAY_LEN(local_options); i++)
		if (given & ~cmd->opts & local_options[i].bit)
			/* TRANSLATORS: a command, then an option, as "today does not
			 * take --yes". */
			die(STATUS_USAGE, _("%s does not take %s"), name, local_options[i].name);
	if (c.json && cmd->run != cli_next)
		die(STATUS_USAGE, _("--format json: only next has it (%s takes text or tsv)"),
		    name);
	if (cmd->run == cli_export && !c.ics_file)
		die(STATUS_USAGE, "%s", _("export needs --ics FILE"));
	if (c.move && c.cancel)
		die(STATUS_USAGE, "%s", _("book takes --move or --cancel, not both"));
	c.args = words + (nwords ? 1 : 0);
	c.nargs = nwords ? nwords - 1 : 0;
	if (c.nargs && !(cmd->opts & ARGS))
		/* TRANSLATORS: a command, then the first word given after it. */
		die(STATUS_USAGE, _("%s takes no arguments, but \"%s\" was given"),
		    name, c.args[0]);
	int rc = cmd->run(&c);
	free(words);
	return rc;
}

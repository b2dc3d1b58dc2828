/* cli: the commands that print and exit. main.c parses the options into
 * struct cli; each command returns an exit status (util.h). Each is in
 * tui/cmd/ under its name (book.c also holds sessions, notify.c daemon),
 * and does its work through the engine: they only read the command line
 * and print. */
#ifndef NEEDLECARE_CLI_H
#define NEEDLECARE_CLI_H

#include <stdbool.h>
#include <stddef.h>

struct cli {
	const char *config_path; /* --config, or NULL for the default */
	const char *protocol;    /* --protocol, or NULL for the configured one */
	const char *session;     /* --session: this session instead of the course */
	bool tsv;                /* --format tsv */
	bool json;               /* --format json (next only) */
	bool move, cancel;       /* book --move / --cancel */
	bool force;              /* book --force: past the interval guard */
	bool list;               /* screen --list */
	const char *export_file; /* journal --export FILE */
	const char *ics_file;    /* export --ics FILE */
	bool summary;            /* journal --summary */
	bool yes;                /* forget --yes: without asking */
	bool ack;                /* log --ack: the warnings were read */
	const char *lang;        /* check --lang: the translation to look for */
	char **args;             /* the command's own arguments */
	size_t nargs;
};

int cli_timeline(const struct cli *c);
int cli_today(const struct cli *c);
int cli_next(const struct cli *c);
int cli_check(const struct cli *c);
int cli_book(const struct cli *c);
int cli_sessions(const struct cli *c);
int cli_notify(const struct cli *c);
int cli_screening(const struct cli *c);
int cli_log(const struct cli *c);
int cli_journal(const struct cli *c);
int cli_daemon(const struct cli *c);
/* Writes the course as an iCalendar file (export.c). */
int cli_export(const struct cli *c);
/* Deletes what needlecare keeps about the patient, after asking on the
 * terminal (or with --yes), and names each file deleted. */
int cli_forget(const struct cli *c);

#endif

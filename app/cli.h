/* cli.h — subcommands of the `tianfu` executable. Each takes argc/argv starting at the
 * subcommand name, supports --help, prints one clear error line on failure and returns
 * the process exit status (0 ok, 1 failure, 2 usage error). */
#ifndef TF_CLI_H
#define TF_CLI_H
int cmd_synth(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_cycle(int argc, char **argv);
int cmd_box(int argc, char **argv);
int cmd_scenario(int argc, char **argv);
int cmd_bulletin(int argc, char **argv);
int cmd_help(int argc, char **argv);
int cmd_bench(int argc, char **argv);
int cmd_version(int argc, char **argv);
/* True if argv[1..] contains --help or -h. */
int cli_wants_help(int argc, char **argv);
#endif

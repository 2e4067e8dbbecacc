/* cmd_stubs.c — placeholders replaced as each subcommand lands. */
#include "cli.h"
int cmd_synth(int argc, char **argv) { (void)argc; (void)argv; return 1; }
int cmd_check(int argc, char **argv) { (void)argc; (void)argv; return 1; }
int cmd_run(int argc, char **argv) { (void)argc; (void)argv; return 1; }
int cmd_box(int argc, char **argv) { (void)argc; (void)argv; return 1; }
int cmd_help(int argc, char **argv) { (void)argc; (void)argv; return 1; }

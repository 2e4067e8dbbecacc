/* cmd_stubs.c — placeholders replaced as each subcommand lands. */
#include "cli.h"
/* Transitional weak definitions, overridden as the real ones land (removed at integration). */
#include "run.h"
__attribute__((weak)) int bench_chem(int argc, char **argv) { (void)argc; (void)argv; return 1; }

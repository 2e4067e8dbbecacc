/* main.c — the `tianfu` command: dispatches subcommands (see app/cli.h). */
#include <stdio.h>
#include <string.h>
#include "cli.h"

static const struct { const char *name; int (*fn)(int, char **); const char *help; } cmds[] = {
  {"synth", cmd_synth, "make the built-in Sichuan case (WRF-format met, emissions, run.ini)"},
  {"check", cmd_check, "validate a run config and every input without running"},
  {"run", cmd_run, "run the chemistry-transport forecast described by a config"},
  {"cycle", cmd_cycle, "one day of the nightly forecast cycle: run, bulletin, publish"},
  {"scenario", cmd_scenario, "emission-reduction scenarios: `tianfu scenario check FILE`"},
  {"bulletin", cmd_bulletin, "early-warning bulletin of a forecast: `tianfu bulletin OUTPUT_DIR`"},
  {"box", cmd_box, "run the chemistry box model described by a config"},
  {"bench", cmd_bench, "performance benchmarks: `tianfu bench chem|forecast`"},
  {"help", cmd_help, "help on a topic: `tianfu help config`"},
  {"version", cmd_version, "print the version and the libraries built in"},
};

static void usage(FILE *f)
{
  fprintf(f, "usage: tianfu <command> [options]   (tianfu <command> --help for details)\n\ncommands:\n");
  for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) fprintf(f, "  %-8s %s\n", cmds[i].name, cmds[i].help);
}

int main(int argc, char **argv)
{
  if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
    usage(argc < 2 ? stderr : stdout);
    return argc < 2 ? 2 : 0;
  }
  for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
    if (!strcmp(argv[1], cmds[i].name)) return cmds[i].fn(argc - 1, argv + 1);
  fprintf(stderr, "tianfu: unknown command '%s'\n", argv[1]);
  usage(stderr);
  return 2;
}

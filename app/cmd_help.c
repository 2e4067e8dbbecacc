/* cmd_help.c — `tianfu help <topic>`. The one topic so far is `config`: the reference of
 * every config key, printed from io/config's key table (cfg_print_help), as plain text or
 * as the Markdown tables of the README (`tianfu help config --markdown`). */
#include <stdio.h>
#include <string.h>
#include "cli.h"
#include "io/config/config.h"

static void usage(FILE *f)
{
  fprintf(f,
          "usage: tianfu help config [--markdown] [run|box|scenario|bulletin]\n"
          "       tianfu help scenario [--markdown]\n"
          "Print the reference of the config files: every section and key with its type,\n"
          "allowed values, unit, default and meaning. Without run|box|scenario|bulletin every kind is shown;\n"
          "`help scenario` shows the scenario file (tianfu scenario check FILE).\n"
          "  --markdown   Markdown tables (the README's config reference)\n");
}

int cmd_help(int argc, char **argv)
{
  if (cli_wants_help(argc, argv) || argc < 2) {
    usage(argc < 2 ? stderr : stdout);
    return argc < 2 ? 2 : 0;
  }
  int scenario = !strcmp(argv[1], "scenario");
  if (strcmp(argv[1], "config") && !scenario) {
    fprintf(stderr, "tianfu help: unknown topic '%s' (topics: config, scenario)\n", argv[1]);
    return 2;
  }
  int markdown = 0, kind = scenario ? CFG_KIND_SCENARIO : CFG_KIND_ALL;
  for (int i = 2; i < argc; i++) {
    if (!strcmp(argv[i], "--markdown")) markdown = 1;
    else if (!strcmp(argv[i], "run")) kind = CFG_KIND_RUN;
    else if (!strcmp(argv[i], "box")) kind = CFG_KIND_BOX;
    else if (!strcmp(argv[i], "scenario")) kind = CFG_KIND_SCENARIO;
    else if (!strcmp(argv[i], "bulletin")) kind = CFG_KIND_BULLETIN;
    else {
      fprintf(stderr, "tianfu help config: unexpected argument '%s' (expected --markdown, run, "
              "box, scenario or bulletin)\n", argv[i]);
      return 2;
    }
  }
  if (cfg_print_help(stdout, kind, markdown) != TF_OK) {
    fprintf(stderr, "tianfu help config: cannot write to stdout\n");
    return 1;
  }
  return 0;
}

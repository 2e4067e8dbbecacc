/* cmd_bulletin.c — `tianfu bulletin OUTPUT_DIR|FORECAST.nc [--config FILE]`: the early-
 * warning bulletin of a forecast run (app/bulletin.h). */
#include <stdio.h>
#include <string.h>
#include "bulletin.h"
#include "cli.h"

static void usage(FILE *f)
{
  fprintf(f,
          "usage: tianfu bulletin OUTPUT_DIR|FORECAST.nc [--config FILE] [--note TEXT]...\n"
          "Make the bulletin of a forecast run: for every city and Beijing day the O3 MDA8 and max 1-h,\n"
          "NO2/SO2/CO 24-h means and max 1-h, HJ 633 AQI, level, category, primary pollutant, the AQI and\n"
          "level range, warnings and ozone advisories, and the regional summary (Sichuan, Chongqing, basin).\n"
          "Writes bulletin.json and bulletin.html beside the forecast and prints the regional summary.\n"
          "  --config FILE  bulletin config (tianfu help config bulletin; default configs/bulletin/bulletin.ini)\n"
          "  --note TEXT    a line every product carries (repeatable)\n");
}

int cmd_bulletin(int argc, char **argv)
{
  if (cli_wants_help(argc, argv)) return usage(stdout), 0;
  const char *in = NULL, *config = NULL, *notes[16];
  int nnotes = 0;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--config") || !strcmp(argv[i], "--note")) {
      if (i + 1 >= argc) {
        fprintf(stderr, "tianfu bulletin: %s needs a value\n", argv[i]);
        return 2;
      }
      if (argv[i][2] == 'c') config = argv[++i];
      else if (nnotes < 16) notes[nnotes++] = argv[++i];
      else {
        fprintf(stderr, "tianfu bulletin: at most 16 --note\n");
        return 2;
      }
    } else if (argv[i][0] == '-') {
      fprintf(stderr, "tianfu bulletin: unknown option '%s' (expected --config FILE or --note TEXT)\n", argv[i]);
      return 2;
    } else if (in) {
      fprintf(stderr, "tianfu bulletin: one forecast expected, got '%s' and '%s'\n", in, argv[i]);
      return 2;
    } else in = argv[i];
  }
  if (!in) return usage(stderr), 2;
  tf_err err = {0};
  if (bulletin_make(in, config, notes, nnotes, stdout, &err) != TF_OK) {
    fprintf(stderr, "tianfu bulletin: %s\n", err.msg);
    return 1;
  }
  return 0;
}

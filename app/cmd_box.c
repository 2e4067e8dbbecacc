/* cmd_box.c — `tianfu box CONFIG`: run the chemistry box model of app/box.h and write a
 * CSV time series (header time_s,<variable species>) to stdout or to [box] output. */
#include <stdio.h>
#include <string.h>
#include "box.h"
#include "cli.h"
#include "io/config/box_config.h"

static void usage(FILE *f)
{
  fprintf(f,
          "usage: tianfu box CONFIG\n\n"
          "Integrates one air parcel with a chemical mechanism (KPP language) and writes a CSV\n"
          "time series (time_s,<species...>) to stdout, or to [box] output.\n"
          "CONFIG is an INI file with [box], [initial], [photolysis] and [emissions]\n"
          "sections; `tianfu help config` lists every key. Example:\n\n"
          "  [box]\n"
          "  mechanism = cb05            ; builtin name or path to a .def/.eqn\n"
          "  units = ppb                 ; ppb | molec/cm3 | none\n"
          "  temperature_K = 303\n"
          "  start = 2022-08-10T08:00:00+08:00\n"
          "  duration_s = 86400\n"
          "  photolysis = solar          ; solar | fixed | off\n"
          "  atol = 1e-6\n"
          "  [initial]\n"
          "  O3 = 40\n"
          "  NO2 = 20\n");
}

int cmd_box(int argc, char **argv)
{
  if (cli_wants_help(argc, argv)) { usage(stdout); return 0; }
  if (argc != 2) {
    fprintf(stderr, "tianfu box: expected one CONFIG argument, found %d\n", argc - 1);
    usage(stderr);
    return 2;
  }
  tf_err err;
  tf_err_clear(&err);
  box_model *b = NULL;
  if (!(b = box_create(argv[1], &err))) {
    fprintf(stderr, "tianfu box: %s\n", err.msg);
    return 1;
  }
  FILE *out = stdout;
  tf_err_clear(&err);
  box_config *cfg = box_config_load(argv[1], &err);
  const char *path = cfg ? cfg->output : NULL;
  if (path && !(out = fopen(path, "w"))) {
    fprintf(stderr, "tianfu box: %s:%d: [box] output: cannot write %s\n", argv[1], cfg->output_line, path);
    box_config_destroy(&cfg);
    box_destroy(&b);
    return 1;
  }
  int rc = box_run(b, out, &err);
  if (out != stdout && fclose(out) != 0 && !rc) {
    fprintf(stderr, "tianfu box: error writing %s\n", path);
    rc = TF_EIO;
  } else if (rc) fprintf(stderr, "tianfu box: %s\n", err.msg);
  box_config_destroy(&cfg);
  box_destroy(&b);
  return rc ? 1 : 0;
}

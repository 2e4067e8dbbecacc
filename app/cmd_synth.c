/* cmd_synth.c — `tianfu synth --out DIR [...]`: make the built-in Sichuan case directory
 * (app/synth/synth.h; layout in README.md (Input formats)). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "app/synth/synth.h"
#include "cli.h"
#include "datadir.h"

static void usage(FILE *f)
{
  fprintf(f,
          "usage: tianfu synth --out DIR [--resolution-km R] [--hours H] [--seed S]\n"
          "                    [--data DIR] [--compress on|off]\n\n"
          "Makes the built-in Sichuan case: a summer ozone episode modelled on the August 2022\n"
          "heat wave, starting %s, in DIR:\n"
          "  run.ini                              ready-to-run configuration\n"
          "  met/wrfout_d01_YYYY-MM-DD_hh:mm:ss   WRF-format meteorology, hourly, one file per 24 h\n"
          "  emis/emissions.nc                    gridded anthropogenic emissions (6 sectors)\n"
          "  emis/points.csv                      large point sources\n\n"
          "options:\n"
          "  --out DIR            case directory (created; existing files are overwritten)\n"
          "  --resolution-km R    grid spacing in km, 3..100 (default 27: 51 x 37 cells;\n"
          "                       36 km: 39 x 28; 12 km: 114 x 82)\n"
          "  --hours H            hours to simulate, 1..744 (default 72): frames at 0..H h\n"
          "  --seed S             random seed for clouds, wind perturbations, plant sizes\n"
          "                       (default 1; the same seed gives an identical case)\n"
          "  --data DIR           run-time data root holding sichuan/ (default $TIANFU_DATA_DIR\n"
          "                       or %s)\n"
          "  --compress on|off    netCDF-4 deflate level 1 for the met files (default off:\n"
          "                       64-bit-offset classic files, ~35 %% larger, written 2-3x faster)\n",
          SYNTH_DEFAULT_START, tf_data_dir());
}

static int parse_num(const char *opt, const char *s, double lo, double hi, double *v)
{
  char *end;
  errno = 0;
  double x = strtod(s, &end);
  if (errno || end == s || *end || !(x >= lo && x <= hi)) {
    fprintf(stderr, "tianfu synth: %s expects a number in [%g, %g], found '%s'\n", opt, lo, hi, s);
    return 0;
  }
  *v = x;
  return 1;
}

int cmd_synth(int argc, char **argv)
{
  if (cli_wants_help(argc, argv)) { usage(stdout); return 0; }
  synth_opts o;
  synth_opts_default(&o);
  o.data_dir = tf_data_dir();
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (i + 1 >= argc) {
      fprintf(stderr, "tianfu synth: option '%s' %s\n", a, a[0] == '-' ? "needs a value" : "is not an option");
      usage(stderr);
      return 2;
    }
    const char *v = argv[++i];
    double x;
    if (!strcmp(a, "--out")) o.out_dir = v;
    else if (!strcmp(a, "--data")) o.data_dir = v;
    else if (!strcmp(a, "--resolution-km")) { if (!parse_num(a, v, 3, 100, &x)) return 2; o.res_km = x; }
    else if (!strcmp(a, "--hours")) {
      if (!parse_num(a, v, 1, 744, &x)) return 2;
      if (x != (int)x) { fprintf(stderr, "tianfu synth: --hours expects a whole number, found '%s'\n", v); return 2; }
      o.hours = (int)x;
    } else if (!strcmp(a, "--seed")) {
      char *end;
      errno = 0;
      unsigned long long s = strtoull(v, &end, 10);
      if (errno || end == v || *end || v[0] == '-') {
        fprintf(stderr, "tianfu synth: --seed expects a non-negative integer, found '%s'\n", v);
        return 2;
      }
      o.seed = (uint64_t)s;
    } else if (!strcmp(a, "--compress")) {
      if (!strcmp(v, "on")) o.compress = 1;
      else if (!strcmp(v, "off")) o.compress = 0;
      else { fprintf(stderr, "tianfu synth: --compress expects on or off, found '%s'\n", v); return 2; }
    } else {
      fprintf(stderr, "tianfu synth: unknown option '%s'\n", a);
      usage(stderr);
      return 2;
    }
  }
  if (!o.out_dir) {
    fprintf(stderr, "tianfu synth: --out DIR is required\n");
    usage(stderr);
    return 2;
  }
  tf_err err;
  tf_err_clear(&err);
  synth_report rep;
  if (synth_run(&o, stdout, &rep, &err)) {
    fprintf(stderr, "tianfu synth: %s\n", err.msg);
    return 1;
  }
  return 0;
}

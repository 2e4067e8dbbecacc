/* cmd_run.c — `tianfu run CONFIG` and `tianfu check CONFIG`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "run.h"
#include "run_ctx.h"

static void run_usage(FILE *f)
{
  fprintf(f, "usage: tianfu run CONFIG [--threads N] [--hours H] [--output DIR] [--progress auto|on|off]\n"
             "Run the chemistry-transport forecast described by CONFIG (an INI file; `tianfu help config`).\n"
             "Outputs go to [run] output_dir (default: output/ beside the config): the CF NetCDF forecast,\n"
             "the hourly mass budget, the city table (CSV, also printed) and restart files.\n");
}

static int parse_common(int argc, char **argv, run_opts *o, void (*usage)(FILE *))
{
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    /* values are validated with the config's own rules (run_config_load) */
    if (!strcmp(a, "--threads") && i + 1 < argc) o->ov.threads = argv[++i];
    else if (!strcmp(a, "--hours") && i + 1 < argc) o->ov.hours = argv[++i];
    else if (!strcmp(a, "--output") && i + 1 < argc) o->ov.output_dir = argv[++i];
    else if (!strcmp(a, "--progress") && i + 1 < argc) o->ov.progress = argv[++i];
    else if (a[0] == '-') {
      fprintf(stderr, "tianfu %s: unknown option '%s'\n", argv[0], a);
      usage(stderr);
      return 2;
    } else if (!o->config) o->config = a;
    else {
      fprintf(stderr, "tianfu %s: more than one CONFIG given ('%s', '%s')\n", argv[0], o->config, a);
      return 2;
    }
  }
  if (!o->config) {
    usage(stderr);
    return 2;
  }
  return 0;
}

int cmd_run(int argc, char **argv)
{
  if (cli_wants_help(argc, argv)) { run_usage(stdout); return 0; }
  run_opts o = {0};
  int u = parse_common(argc, argv, &o, run_usage);
  if (u) return u;
  run_report rep;
  tf_err err;
  tf_err_clear(&err);
  if (run_forecast(&o, &rep, &err)) {
    fprintf(stderr, "tianfu run: %s\n", err.msg);
    return 1;
  }
  return 0;
}

static void check_usage(FILE *f)
{
  fprintf(f, "usage: tianfu check CONFIG\n"
             "Validate CONFIG and every input it names (met files, mechanism, emissions, tables) without\n"
             "running; print the domain, period, species and files. Exits non-zero on the first problem.\n");
}

int cmd_check(int argc, char **argv)
{
  if (cli_wants_help(argc, argv)) { check_usage(stdout); return 0; }
  run_opts o = {0};
  int u = parse_common(argc, argv, &o, check_usage);
  if (u) return u;
  o.check_only = 1;
  run_ctx r;
  tf_err err;
  tf_err_clear(&err);
  int rc = run_setup(&r, &o, &err);
  if (rc) {
    fprintf(stderr, "tianfu check: %s\n", err.msg);
    run_free(&r);
    return 1;
  }
  run_print_summary(&r, stdout);
  printf("check      OK\n");
  run_free(&r);
  return 0;
}

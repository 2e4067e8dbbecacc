/* cmd_scenario.c — `tianfu scenario check FILE` (the tonnes each scenario removes, before
 * anything runs) and `tianfu scenario projects RUN.INI --out FILE` (the illustrative project
 * list of the built-in case). The run of the members is the multi-member engine's part. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "cli.h"
#include "io/config/scenario_config.h"
#include "run.h"
#include "run_ctx.h"
#include "scenario.h"

static void usage(FILE *f)
{
  fprintf(f,
          "usage: tianfu scenario check FILE\n"
          "       tianfu scenario projects RUN.INI --out FILE [--count N] [--seed S] [--year Y]\n"
          "\n"
          "check     read the scenario file (tianfu help scenario), set up its baseline run and print, per\n"
          "          scenario, the tonnes per year removed by region x pollutant x sector x industry and as a\n"
          "          percentage of the region's total, then a warning for every measure that matched nothing.\n"
          "          Exit status 0 (1 on an error; warnings do not fail).\n"
          "projects  write the illustrative project list of the built-in case (default 1557 projects in the\n"
          "          14 industry classes, seed 1, completion days in 2022): configs/scenarios/projects_illustrative.csv\n"
          "          is made by `tianfu scenario projects cases/sichuan/run.ini --out ...` on the 27 km case.\n");
}

static double now_s(void)
{
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static int check(const char *file)
{
  double t0 = now_s();
  tf_err err;
  tf_err_clear(&err);
  scenario_config *sc = scenario_config_load(file, &err);
  if (!sc) { fprintf(stderr, "tianfu scenario check: %s\n", err.msg); return 1; }
  run_opts o = {.config = sc->baseline, .check_only = 1, .quiet = 1};
  run_ctx r;
  int rc = run_setup(&r, &o, &err);
  scen_ctx *s = NULL;
  int nwarn = 0;
  if (rc) {
    scenario_config_key_err(sc, "scenarios", "baseline", &err);
  } else {
    s = scen_create(sc, &r, &err);
    rc = s ? scen_print_check(s, stdout, &nwarn, &err) : err.code;
  }
  if (rc) fprintf(stderr, "tianfu scenario check: %s\n", err.msg);
  else printf("\ncheck OK: %d scenario(s), %d warning(s), %.2f s\n", scen_count(s), nwarn, now_s() - t0);
  scen_destroy(&s);
  run_free(&r);
  scenario_config_destroy(&sc);
  return rc ? 1 : 0;
}

static int projects(int argc, char **argv)
{
  const char *cfg = NULL, *out = NULL;
  long count = 1557, seed = 1, year = 2022;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    long *dst = !strcmp(a, "--count") ? &count : !strcmp(a, "--seed") ? &seed : !strcmp(a, "--year") ? &year : NULL;
    if (!strcmp(a, "--out") && i + 1 < argc) out = argv[++i];
    else if (dst && i + 1 < argc) {
      char *end;
      *dst = strtol(argv[++i], &end, 10);
      if (*end || *dst < 0 || (dst == &count && (*dst < 1 || *dst > 100000)) || (dst == &year && (*dst < 1900 || *dst > 2200))) {
        fprintf(stderr, "tianfu scenario projects: %s %s: expected a %s\n", a, argv[i],
                dst == &count ? "count in 1..100000" : dst == &year ? "year in 1900..2200" : "seed >= 0");
        return 2;
      }
    } else if (a[0] == '-') {
      fprintf(stderr, "tianfu scenario projects: unknown option '%s'\n", a);
      return 2;
    } else if (!cfg) cfg = a;
    else { fprintf(stderr, "tianfu scenario projects: more than one RUN.INI ('%s', '%s')\n", cfg, a); return 2; }
  }
  if (!cfg || !out) { usage(stderr); return 2; }
  tf_err err;
  tf_err_clear(&err);
  run_opts o = {.config = cfg, .check_only = 1, .quiet = 1};
  run_ctx r;
  int rc = run_setup(&r, &o, &err);
  if (!rc) rc = scen_make_projects(&r, out, (int)count, (uint64_t)seed, (int)year, stdout, &err);
  if (rc) fprintf(stderr, "tianfu scenario projects: %s\n", err.msg);
  run_free(&r);
  return rc ? 1 : 0;
}

int cmd_scenario(int argc, char **argv)
{
  if (argc < 2) { usage(stderr); return 2; }
  if (cli_wants_help(argc, argv)) { usage(stdout); return 0; }
  if (!strcmp(argv[1], "check")) {
    if (argc != 3) { usage(stderr); return 2; }
    return check(argv[2]);
  }
  if (!strcmp(argv[1], "projects")) return projects(argc - 1, argv + 1);
  fprintf(stderr, "tianfu scenario: unknown action '%s' (expected check or projects; running the members is "
          "`tianfu scenario FILE`, the multi-member engine)\n", argv[1]);
  return 2;
}

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
#include "scenario_report.h"
#include "datadir.h"

#include <glob.h>
#include <math.h>

static void usage(FILE *f)
{
  fprintf(f,
          "usage: tianfu scenario check FILE\n"
          "       tianfu scenario projects RUN.INI --out FILE [--count N] [--seed S] [--year Y]\n"
          "       tianfu scenario report [--out DIR] [--cities FILE] BASELINE_DIR MEMBER_DIR...\n"
          "       tianfu scenario [run] FILE [--hours H] [--threads N] [--output DIR] [--progress auto|on|off]\n"
          "\n"
          "check     read the scenario file (tianfu help scenario), set up its baseline run and print, per\n"
          "          scenario, the tonnes per year removed by region x pollutant x sector x industry and as a\n"
          "          percentage of the region's total, then a warning for every measure that matched nothing.\n"
          "          Exit status 0 (1 on an error; warnings do not fail).\n"
          "projects  write the illustrative project list of the built-in case (default 1557 projects in the\n"
          "          14 industry classes, seed 1, completion days in 2022): configs/scenarios/projects_illustrative.csv\n"
          "          is made by `tianfu scenario projects cases/sichuan/run.ini --out ...` on the 27 km case.\n"
          "run       print the check table, then run the baseline and every scenario of FILE in one process\n"
          "          over the same met (tianfu run --member: outputs in <output_dir>/<name>/, each equal to the\n"
          "          scenario run alone), then write the report below into <output_dir>.\n"
          "report    compare run output directories (each holds one <stem>_cities.csv) against the first, the\n"
          "          baseline: per city and region dMDA8 (mean, worst day), dmax 1-h, exceedance days avoided,\n"
          "          the O3 index term P90(MDA8)/160, good days; writes scenario_cities.csv, scenario_summary.json\n"
          "          and scenario_summary.md into --out (default: the baseline directory's parent). Member names\n"
          "          are the directory names; --cities defaults to the built-in configs/sichuan/cities.csv.\n");
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

/* The one <stem>_cities.csv of a run output directory. */
static int find_city_table(const char *dir, char *out, size_t n, tf_err *err)
{
  char pat[1100];
  snprintf(pat, sizeof pat, "%s/*_cities.csv", dir);
  glob_t g;
  int r = glob(pat, 0, NULL, &g), rc = TF_OK;
  if (r != 0 || g.gl_pathc == 0) rc = tf_err_set(err, TF_EINVAL, "%s: no <stem>_cities.csv in this directory (is it a run's output_dir?)", dir);
  else if (g.gl_pathc > 1) rc = tf_err_set(err, TF_EINVAL, "%s: %zu city tables (%s, %s, ...); give a directory of one run", dir, (size_t)g.gl_pathc, g.gl_pathv[0], g.gl_pathv[1]);
  else snprintf(out, n, "%s", g.gl_pathv[0]);
  if (r == 0) globfree(&g);
  return rc;
}

static int report(int argc, char **argv)
{
  const char *out = NULL, *cities = NULL;
  int nd = 0;
  const char **dirs = calloc((size_t)argc + 1, sizeof *dirs);
  if (!dirs) return 1;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--out") && i + 1 < argc) out = argv[++i];
    else if (!strcmp(argv[i], "--cities") && i + 1 < argc) cities = argv[++i];
    else if (argv[i][0] == '-') { fprintf(stderr, "tianfu scenario report: unknown option '%s'\n", argv[i]); free(dirs); return 2; }
    else dirs[nd++] = argv[i];
  }
  if (nd < 2) { usage(stderr); free(dirs); return 2; }
  tf_err err;
  tf_err_clear(&err);
  char (*paths)[1200] = calloc((size_t)nd, sizeof *paths), (*names)[256] = calloc((size_t)nd, sizeof *names);
  scenrep_member *m = calloc((size_t)nd, sizeof *m);
  char cpath[1024], odir[1200];
  int rc = paths && names && m ? TF_OK : tf_err_set(&err, TF_ENOMEM, "out of memory");
  for (int k = 0; k < nd && !rc; k++) {
    rc = find_city_table(dirs[k], paths[k], sizeof paths[k], &err);
    size_t l = strlen(dirs[k]);
    while (l > 1 && dirs[k][l - 1] == '/') l--;
    const char *b = dirs[k] + l;
    while (b > dirs[k] && b[-1] != '/') b--;
    snprintf(names[k], sizeof names[k], "%.*s", (int)(dirs[k] + l - b), b);
    m[k] = (scenrep_member){.name = names[k], .cities_csv = paths[k],
                            .removed_t_yr = {NAN, NAN, NAN, NAN, NAN}};
  }
  if (!rc) {
    if (!cities) cities = tf_resolve_builtin(cpath, sizeof cpath, 1, NULL, "sichuan/cities.csv");
    if (!out) {
      snprintf(odir, sizeof odir, "%s/..", dirs[0]);
      out = odir;
    }
    rc = scenrep_write(out, cities, nd, m, &err);
  }
  if (rc) fprintf(stderr, "tianfu scenario report: %s\n", err.msg);
  else printf("scenario report: %s/scenario_summary.{json,md}, %s/scenario_cities.csv (%d member(s) vs %s)\n", out, out, nd - 1, names[0]);
  free(paths), free(names), free(m), free(dirs);
  return rc ? 1 : 0;
}

/* tianfu scenario [run] FILE: check table, all members in one process, report. */
static int run_scen(int argc, char **argv)
{
  run_opts o = {.quiet = 0};
  const char *file = NULL;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i], **dst = !strcmp(a, "--hours") ? &o.ov.hours : !strcmp(a, "--threads") ? &o.ov.threads
                                     : !strcmp(a, "--output") ? &o.ov.output_dir : !strcmp(a, "--progress") ? &o.ov.progress : NULL;
    if (dst && i + 1 < argc) *dst = argv[++i];
    else if (a[0] == '-') { fprintf(stderr, "tianfu scenario: unknown option '%s'\n", a); return 2; }
    else if (!file) file = a;
    else { fprintf(stderr, "tianfu scenario: more than one FILE ('%s', '%s')\n", file, a); return 2; }
  }
  if (!file) { usage(stderr); return 2; }
  tf_err err;
  tf_err_clear(&err);
  scenario_config *sc = scenario_config_load(file, &err);
  if (!sc) { fprintf(stderr, "tianfu scenario: %s\n", err.msg); return 1; }
  run_opts bo = {.config = sc->baseline, .check_only = 1, .quiet = 1, .ov = o.ov};
  run_ctx base;
  int rc = run_setup(&base, &bo, &err), nwarn = 0, n = 0;
  scen_ctx *s = NULL;
  run_member *mem = NULL;
  emis_scale_rule *brules = NULL;
  scenrep_member *rm = NULL;
  char (*cpath)[1200] = NULL;
  if (rc) scenario_config_key_err(sc, "scenarios", "baseline", &err);
  if (!rc && !(s = scen_create(sc, &base, &err))) rc = err.code;
  if (!rc) rc = scen_print_check(s, stdout, &nwarn, &err);
  if (!rc) {
    n = scen_count(s) + 1;
    mem = calloc((size_t)n, sizeof *mem);
    rm = calloc((size_t)n, sizeof *rm);
    cpath = calloc((size_t)n, sizeof *cpath);
    int nb = base.cfg->emis.nscale;
    brules = calloc((size_t)nb + 1, sizeof *brules);
    if (!mem || !rm || !cpath || !brules) rc = tf_err_set(&err, TF_ENOMEM, "out of memory");
    for (int i = 0; !rc && i < nb; i++) {
      const rc_scale *b = &base.cfg->emis.scale[i];
      brules[i] = (emis_scale_rule){.sector = b->sector, .species = b->species, .factor = b->factor};
    }
    if (!rc) mem[0] = (run_member){.name = "baseline", .nrules = nb, .rules = brules};
    for (int k = 0; !rc && k < n - 1; k++) {
      const emis_scale_rule *r;
      int nr;
      rc = scen_rules(s, k, &r, &nr);
      if (!strcmp(sc->scen[k].name, "baseline"))
        rc = tf_err_set(&err, TF_EINVAL, "%s: [scenario baseline]: the name 'baseline' is the baseline's own output folder; rename the scenario", file);
      mem[k + 1] = (run_member){.name = sc->scen[k].name, .nrules = nr, .rules = r};
    }
  }
  run_report rep;
  o.config = sc->baseline;
  if (!rc) {
    printf("\nrunning the baseline and %d scenario(s) in one process\n", n - 1);
    fflush(stdout);
    rc = run_members(&o, n, mem, &rep, &err);
  }
  for (int k = 0; !rc && k < n; k++) {
    char dir[1200];
    snprintf(dir, sizeof dir, "%.900s/%.200s", rep.output_path, mem[k].name);
    rc = find_city_table(dir, cpath[k], sizeof cpath[k], &err);
    rm[k] = (scenrep_member){.name = mem[k].name, .cities_csv = cpath[k]};
    for (int p = 0; p < 5; p++) rm[k].removed_t_yr[p] = k ? scen_removed_t_yr(s, k - 1, "domain", p) : 0.0;
  }
  if (!rc) {
    char cities[1024];
    rc = scenrep_write(rep.output_path, tf_resolve_builtin(cities, sizeof cities, !strcmp(sc->cities, "builtin"), sc->cities, "sichuan/cities.csv"), n, rm, &err);
  }
  if (rc) fprintf(stderr, "tianfu scenario: %s\n", err.msg);
  else printf("\nscenario report: %s/scenario_summary.md, scenario_summary.json, scenario_cities.csv\n", rep.output_path);
  free(mem), free(rm), free(cpath), free(brules);
  scen_destroy(&s);
  run_free(&base);
  scenario_config_destroy(&sc);
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
  if (!strcmp(argv[1], "report")) return report(argc - 1, argv + 1);
  if (!strcmp(argv[1], "run")) return run_scen(argc - 1, argv + 1);
  if (argv[1][0] != '-' && strchr(argv[1], '.')) return run_scen(argc, argv); /* tianfu scenario FILE */
  fprintf(stderr, "tianfu scenario: unknown action '%s' (expected check, projects, report, run or a scenario FILE)\n", argv[1]);
  return 2;
}

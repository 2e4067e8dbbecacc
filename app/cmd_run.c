/* cmd_run.c — `tianfu run CONFIG` and `tianfu check CONFIG`.
 *
 * `tianfu run CONFIG --member NAME[:ITEMS] ...` runs several emission members in one
 * process through run_members (run_members.c), the engine `tianfu scenario FILE` will
 * call: member "baseline" (the config as it is) and one member per --member, whose
 * scaling is the config's [emissions] scale followed by ITEMS (the same grammar,
 * space-separated: "NOX=0.7 solvent:NMVOC=0.5"). Outputs in <output_dir>/<NAME>/. This
 * small front end exists for tests and `scripts/bench scenario`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "run.h"
#include "run_ctx.h"

static void run_usage(FILE *f)
{
  fprintf(f, "usage: tianfu run CONFIG [--threads N] [--hours H] [--output DIR] [--progress auto|on|off]\n"
             "                         [--member NAME[:ITEMS]]...\n"
             "Run the chemistry-transport forecast described by CONFIG (an INI file; `tianfu help config`).\n"
             "Outputs go to [run] output_dir (default: output/ beside the config): the CF NetCDF forecast,\n"
             "the hourly mass budget, the city table (CSV, also printed) and restart files.\n"
             "--member: run the config as member 'baseline' and each NAME with the config's [emissions]\n"
             "scale followed by ITEMS (same grammar, space-separated, e.g. 'nox30:NOX=0.7 solvent:NMVOC=0.5')\n"
             "in one process over the same met; each member's outputs go to <output_dir>/<NAME>/ and equal\n"
             "a run of that scaling alone. Restart: [run] restart_from = DIR/FILE reads DIR/<NAME>/FILE.\n");
}

#define MAX_MEMBERS 64

static int parse_common(int argc, char **argv, run_opts *o, void (*usage)(FILE *), const char **member, int *nmember)
{
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    /* values are validated with the config's own rules (run_config_load) */
    if (member && !strcmp(a, "--member") && i + 1 < argc) {
      if (*nmember >= MAX_MEMBERS) {
        fprintf(stderr, "tianfu run: at most %d --member\n", MAX_MEMBERS);
        return 2;
      }
      member[(*nmember)++] = argv[++i];
    } else if (!strcmp(a, "--threads") && i + 1 < argc) o->ov.threads = argv[++i];
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

/* --member NAME[:ITEMS] arguments -> members (baseline first) with the config's rules
 * followed by the member's items; the rule strings live in scale[]. */
static int members_from_args(const char *cfgpath, const char *const *arg, int narg, run_member *mem, rc_scale **scale,
                             emis_scale_rule **rules, char (*names)[104], tf_err *err)
{
  rc_overrides none = {0};
  run_config *cfg = run_config_load(cfgpath, &none, err);
  if (!cfg) return err->code;
  int nbase = cfg->emis.nscale, rc = TF_OK;
  for (int m = 0; !rc && m <= narg; m++) {
    const char *a = m ? arg[m - 1] : "baseline", *colon = strchr(a, ':');
    snprintf(names[m], sizeof names[m], "%.*s", colon ? (int)(colon - a) : (int)strlen(a), a);
    /* items: count words after the colon */
    char *items = strdup(colon ? colon + 1 : "");
    int nit = 0, cap = nbase + (int)strlen(items) / 2 + 1;
    scale[m] = calloc((size_t)cap, sizeof **scale);
    rules[m] = calloc((size_t)cap, sizeof **rules);
    if (!items || !scale[m] || !rules[m]) rc = tf_err_set(err, TF_ENOMEM, "out of memory");
    for (int i = 0; !rc && i < nbase; i++) scale[m][nit++] = cfg->emis.scale[i];
    for (char *tok = items ? strtok(items, " \t,") : NULL; !rc && tok; tok = strtok(NULL, " \t,"))
      if ((rc = rc_scale_parse(tok, &scale[m][nit], err))) tf_err_prefix(err, "--member %s", a);
      else nit++;
    for (int i = 0; !rc && i < nit; i++)
      rules[m][i] = (emis_scale_rule){.sector = scale[m][i].sector, .species = scale[m][i].species,
                                      .factor = scale[m][i].factor};
    mem[m] = (run_member){.name = names[m], .nrules = nit, .rules = rules[m]};
    free(items);
  }
  run_config_destroy(&cfg);
  return rc;
}

static int run_with_members(const run_opts *o, const char *const *arg, int narg, tf_err *err)
{
  int n = narg + 1, rc;
  run_member mem[MAX_MEMBERS + 1];
  rc_scale *scale[MAX_MEMBERS + 1] = {0};
  emis_scale_rule *rules[MAX_MEMBERS + 1] = {0};
  char names[MAX_MEMBERS + 1][104];
  rc = members_from_args(o->config, arg, narg, mem, scale, rules, names, err);
  run_report rep;
  if (!rc) rc = run_members(o, n, mem, &rep, err);
  for (int m = 0; m < n; m++) { free(scale[m]); free(rules[m]); }
  return rc;
}

int cmd_run(int argc, char **argv)
{
  if (cli_wants_help(argc, argv)) { run_usage(stdout); return 0; }
  run_opts o = {0};
  const char *member[MAX_MEMBERS];
  int nmember = 0;
  int u = parse_common(argc, argv, &o, run_usage, member, &nmember);
  if (u) return u;
  run_report rep;
  tf_err err;
  tf_err_clear(&err);
  if (nmember > 0) {
    if (run_with_members(&o, member, nmember, &err)) {
      fprintf(stderr, "tianfu run: %s\n", err.msg);
      return 1;
    }
    return 0;
  }
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
  int u = parse_common(argc, argv, &o, check_usage, NULL, NULL);
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

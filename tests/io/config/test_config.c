/* test_config.c — unit tests of io/config: the key table, the loader's values and
 * defaults, one specific error message per kind of bad input (file, line, key, expected,
 * found), path resolution, dump round trip and the help printer. The INI files are written
 * by the test into its temp folder; the error examples of the config issue are asserted
 * verbatim. */
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "io/config/config.h"
#include "model/core/tf_time.h"
#include "tf_test.h"

static char tmp[1024]; /* absolute temp folder; the test runs with it as working directory */

static void write_file(const char *name, const char *text)
{
  FILE *f = fopen(name, "w");
  if (!f) {
    fprintf(stderr, "cannot write %s/%s\n", tmp, name);
    exit(1);
  }
  fputs(text, f);
  fclose(f);
}

/* Load `text` as `name`; expect failure with `code` and every NULL-terminated substring. */
static void expect_error_at(int line, const char *name, int kind, const char *text, int code, ...)
{
  tf_err err;
  write_file(name, text);
  cfg_file *c = cfg_load(name, kind, &err);
  tf_test_count++;
  if (c) {
    tf_test_failures++;
    fprintf(stderr, "test_config.c:%d: FAILED: %s loaded although it is bad\n", line, name);
    cfg_destroy(&c);
    return;
  }
  printf("  error: %s\n", err.msg);
  TF_EXPECT_MSG(err.code == code, "line %d: code %d, expected %d", line, err.code, code);
  va_list ap;
  va_start(ap, code);
  for (const char *s; (s = va_arg(ap, const char *));)
    TF_EXPECT_MSG(strstr(err.msg, s) != NULL, "line %d: message '%s' lacks '%s'", line,
                  err.msg, s);
  va_end(ap);
}
#define EXPECT_ERROR(name, kind, text, ...) \
  expect_error_at(__LINE__, name, kind, text, TF_EINVAL, __VA_ARGS__, (const char *)NULL)

static cfg_file *load_ok(const char *name, int kind, const char *text)
{
  tf_err err;
  write_file(name, text);
  cfg_file *c = cfg_load(name, kind, &err);
  TF_EXPECT_MSG(c != NULL, "%s should load: %s", name, err.msg);
  return c;
}

/* ------------------------------------------------------------------ the table */

static void test_table(void)
{
  int n;
  const cfg_key *t = cfg_table(&n);
  TF_EXPECT(n > 40);
  for (int i = 0; i < n; i++) {
    const cfg_key *r = &t[i];
    TF_EXPECT(r->kind == CFG_KIND_RUN || r->kind == CFG_KIND_BOX || r->kind == CFG_KIND_SCENARIO ||
          r->kind == CFG_KIND_BULLETIN);
    TF_EXPECT_MSG(r->help && r->help[0], "row %d has no help", i);
    if (!r->key) {
      TF_EXPECT(r->type == CFG_SECTION || r->type == CFG_MAP);
      continue;
    }
    /* the key's section row comes first */
    int sec = -1;
    for (int j = 0; j < i; j++)
      if (t[j].kind == r->kind && !t[j].key && !strcmp(t[j].section, r->section)) sec = j;
    TF_EXPECT_MSG(sec >= 0 && t[sec].type == CFG_SECTION, "[%s] %s: no section row before it",
                  r->section, r->key);
    /* unique per kind and section */
    for (int j = 0; j < i; j++)
      TF_EXPECT_MSG(!(t[j].kind == r->kind && t[j].key && !strcmp(t[j].section, r->section) &&
                      !strcmp(t[j].key, r->key)), "[%s] %s twice", r->section, r->key);
    /* getters returning plain values need a value: a default or a required key */
    if (r->type == CFG_INT || r->type == CFG_BOOL || r->type == CFG_ENUM)
      TF_EXPECT_MSG(r->def || (r->flags & CFG_REQUIRED), "[%s] %s lacks a default", r->section,
                    r->key);
    if (r->type == CFG_ENUM) TF_EXPECT(r->choices && strchr(r->choices, '|'));
    if (r->def && r->type == CFG_ENUM) {
      char pat[80];
      snprintf(pat, sizeof pat, "|%s|", r->def);
      char ch[256];
      snprintf(ch, sizeof ch, "|%s|", r->choices);
      TF_EXPECT_MSG(strstr(ch, pat) != NULL, "[%s] %s default not a choice", r->section, r->key);
    }
    if (r->excludes) {
      int found = 0;
      for (int j = 0; j < n; j++)
        found |= t[j].kind == r->kind && t[j].key && !strcmp(t[j].section, r->section) &&
                 !strcmp(t[j].key, r->excludes);
      TF_EXPECT_MSG(found, "[%s] %s excludes unknown key %s", r->section, r->key, r->excludes);
    }
  }
  /* cond clauses name real keys of the same kind */
  for (int i = 0; i < n; i++) {
    if (!t[i].cond) continue;
    TF_EXPECT(t[i].flags & (CFG_REQ_IF | CFG_ONLY_IF));
    char c[256];
    snprintf(c, sizeof c, "%s", t[i].cond);
    for (char *save = NULL, *a = strtok_r(c, "|", &save); a; a = strtok_r(NULL, "|", &save)) {
      char *dot = strchr(a, '.'), *eq = strchr(a, '=');
      TF_EXPECT_MSG(dot && eq && dot < eq, "bad cond '%s'", t[i].cond);
      if (!dot || !eq) continue;
      *dot = *eq = '\0';
      int found = 0;
      for (int j = 0; j < n; j++)
        found |= t[j].kind == t[i].kind && t[j].key && !strcmp(t[j].section, a) &&
                 !strcmp(t[j].key, dot + 1);
      TF_EXPECT_MSG(found, "cond names unknown key [%s] %s", a, dot + 1);
    }
  }
}

/* Every key of the table is reachable through the getter of its type (no abort). */
static void walk_getters(const cfg_file *c)
{
  int n;
  const cfg_key *t = cfg_table(&n);
  for (int i = 0; i < n; i++) {
    const cfg_key *r = &t[i];
    if (r->kind != cfg_kind(c)) continue;
    if (!r->key) {
      (void)cfg_line(c, r->section, NULL);
      if (r->type == CFG_MAP) TF_EXPECT(cfg_map_count(c, r->section) >= 0);
      continue;
    }
    (void)cfg_has(c, r->section, r->key);
    (void)cfg_line(c, r->section, r->key);
    const char *const *items;
    switch (r->type) {
    case CFG_INT: (void)cfg_get_int(c, r->section, r->key); break;
    case CFG_DOUBLE: (void)cfg_get_double(c, r->section, r->key); break;
    case CFG_BOOL: (void)cfg_get_bool(c, r->section, r->key); break;
    case CFG_TIME: (void)cfg_get_time(c, r->section, r->key); break;
    case CFG_LIST:
    case CFG_PATH_LIST: (void)cfg_get_list(c, r->section, r->key, &items); break;
    case CFG_PATH: (void)cfg_is_builtin(c, r->section, r->key); break;
    default: break;
    }
    if (r->type != CFG_LIST && r->type != CFG_PATH_LIST) {
      const char *s = cfg_get_str(c, r->section, r->key);
      TF_EXPECT_MSG(s || !r->def, "[%s] %s: default '%s' not returned", r->section, r->key, r->def);
    }
  }
}

/* ------------------------------------------------------------------ good files */

static const char *good_run =
    "; a full run config exercising every type\n" /* 1 */
    "[run]\n"                                          /* 2 */
    "start = 2022-08-10T08:00:00+08:00   ; Beijing\n"  /* 3 */
    "hours = 48\n"                                     /* 4 */
    "  timestep_s = 300\n"                             /* 5: indented key stays a key */
    "restart_from =\n"                                 /* 6: empty = not set */
    "progress = off\n"                                 /* 7 */
    "[met]\n"                                          /* 8 */
    "files = met/wrfout_d01_2022-08-10_00:00:00, /abs/met/*.nc\n" /* 9 */
    "    ../other/wrfout_*\n"                          /* 10: continuation of a list */
    "\n"                                               /* 11 */
    "[chemistry]\n"                                    /* 12 */
    "mechanism = mech/my.def\n"                        /* 13 */
    "rtol = 1e-4\n"                                    /* 14 */
    "[emissions]\n"                                    /* 15 */
    "biogenic = No\n"                                  /* 16 */
    "# hash comment\n"                                 /* 17 */
    "[output]\n"                                       /* 18 */
    "species = O3,NO2 , ISOP\n"                        /* 19 */
    "fields_3d = yes\n";                               /* 20 */

static void test_good_run(void)
{
  cfg_file *c = load_ok("run.ini", CFG_KIND_RUN, good_run);
  if (!c) return;
  char exp[2048];
  TF_EXPECT(cfg_kind(c) == CFG_KIND_RUN);
  TF_EXPECT(!strcmp(cfg_filename(c), "run.ini"));
  TF_EXPECT(!strcmp(cfg_dir(c), tmp));
  /* time with a zone: 08:00+08:00 = 00:00Z */
  double t0;
  TF_EXPECT(tf_time_parse("2022-08-10T00:00:00Z", &t0, NULL) == TF_OK);
  TF_EXPECT(cfg_get_time(c, "run", "start") == t0);
  TF_EXPECT(cfg_line(c, "run", "start") == 3);
  TF_EXPECT(cfg_get_int(c, "run", "hours") == 48);
  TF_EXPECT(cfg_get_int(c, "run", "timestep_s") == 300 && cfg_line(c, "run", "timestep_s") == 5);
  TF_EXPECT(!cfg_has(c, "run", "restart_from") && cfg_get_str(c, "run", "restart_from") == NULL);
  TF_EXPECT(cfg_line(c, "run", "restart_from") == 6);
  TF_EXPECT(!strcmp(cfg_get_str(c, "run", "progress"), "off"));
  /* defaults */
  TF_EXPECT(cfg_get_int(c, "run", "restart_interval_h") == 24);
  TF_EXPECT(!cfg_has(c, "run", "restart_interval_h") && cfg_line(c, "run", "restart_interval_h") == 0);
  snprintf(exp, sizeof exp, "%s/output", tmp);
  TF_EXPECT(!strcmp(cfg_get_str(c, "run", "output_dir"), exp));
  TF_EXPECT(!strcmp(cfg_get_str(c, "chemistry", "solver"), "rodas3"));
  TF_EXPECT(cfg_get_double(c, "chemistry", "atol_ppb") == 1e-3);
  TF_EXPECT(cfg_get_double(c, "chemistry", "rtol") == 1e-4);
  TF_EXPECT(cfg_get_bool(c, "transport", "dry_deposition") == 1);
  TF_EXPECT(cfg_get_bool(c, "transport", "wet_scavenging") == 0);
  TF_EXPECT(cfg_get_bool(c, "emissions", "biogenic") == 0);
  TF_EXPECT(cfg_get_bool(c, "output", "fields_3d") == 1);
  TF_EXPECT(cfg_get_str(c, "emissions", "gridded") == NULL);
  TF_EXPECT(!strcmp(cfg_get_str(c, "boundary", "lateral"), "profile"));
  /* paths: relative -> config folder; builtin names kept */
  snprintf(exp, sizeof exp, "%s/mech/my.def", tmp);
  TF_EXPECT(!strcmp(cfg_get_str(c, "chemistry", "mechanism"), exp));
  TF_EXPECT(!cfg_is_builtin(c, "chemistry", "mechanism"));
  /* speciation has no default word: unset = the mechanism's own speciation.csv */
  TF_EXPECT(cfg_get_str(c, "emissions", "speciation") == NULL);
  TF_EXPECT(!strcmp(cfg_get_str(c, "output", "cities"), "builtin"));
  /* path list with comma, continuation line, absolute and parent paths, ':' in names */
  const char *const *it;
  int n = cfg_get_list(c, "met", "files", &it);
  TF_EXPECT(n == 3);
  if (n == 3) {
    snprintf(exp, sizeof exp, "%s/met/wrfout_d01_2022-08-10_00:00:00", tmp);
    TF_EXPECT_MSG(!strcmp(it[0], exp), "got %s", it[0]);
    TF_EXPECT(!strcmp(it[1], "/abs/met/*.nc"));
    snprintf(exp, sizeof exp, "%s/../other/wrfout_*", tmp);
    TF_EXPECT_MSG(!strcmp(it[2], exp), "got %s", it[2]);
  }
  TF_EXPECT(cfg_line(c, "met", "files") == 9);
  n = cfg_get_list(c, "output", "species", &it);
  TF_EXPECT(n == 3 && !strcmp(it[0], "O3") && !strcmp(it[1], "NO2") && !strcmp(it[2], "ISOP"));
  TF_EXPECT(cfg_line(c, "output", NULL) == 18 && cfg_line(c, "transport", NULL) == 0);
  walk_getters(c);

  /* dump: loadable and equal */
  FILE *f = fopen("dump.ini", "w");
  TF_EXPECT(f && cfg_dump(c, f) == TF_OK);
  if (f) fclose(f);
  tf_err err;
  cfg_file *d = cfg_load("dump.ini", CFG_KIND_RUN, &err);
  TF_EXPECT_MSG(d != NULL, "dump does not reload: %s", err.msg);
  if (d) {
    TF_EXPECT(cfg_get_time(d, "run", "start") == t0);
    TF_EXPECT(cfg_get_int(d, "run", "hours") == 48);
    TF_EXPECT(cfg_get_int(d, "run", "restart_interval_h") == 24);
    TF_EXPECT(!strcmp(cfg_get_str(d, "chemistry", "mechanism"), cfg_get_str(c, "chemistry", "mechanism")));
    TF_EXPECT(cfg_get_double(d, "chemistry", "rtol") == 1e-4);
    TF_EXPECT(cfg_get_bool(d, "emissions", "biogenic") == 0);
    TF_EXPECT(cfg_get_list(d, "met", "files", &it) == 3);
    TF_EXPECT(cfg_get_str(d, "run", "restart_from") == NULL);
    cfg_destroy(&d);
  }
  cfg_destroy(&c);
  TF_EXPECT(c == NULL);
  cfg_destroy(&c); /* NULL is fine */
}

static const char *good_box =
    "[box]\n"                                  /* 1 */
    "start = 2022-08-10T00:00:00Z\n"           /* 2 */
    "units = molec/cm3\n"                      /* 3 */
    "h2o_ppm = 2.0e4\n"                        /* 4 */
    "photolysis = fixed\n"                     /* 5 */
    "solver = rodas4\n"                        /* 6 */
    "[initial]\n"                              /* 7 */
    "O3 = 1e12\n"                              /* 8 */
    "NO2 = 2.5e11 ; comment\n"                 /* 9 */
    "[photolysis]\n"                           /* 10 */
    "J(NO2) = 8e-3\n"                          /* 11 */
    "SUN = 1\n"                                /* 12 */
    "[emissions]\n"                            /* 13 */
    "NO = 1e6\n";                              /* 14 */

static void test_good_box(void)
{
  cfg_file *c = load_ok("box.ini", CFG_KIND_BOX, good_box);
  if (!c) return;
  TF_EXPECT(!strcmp(cfg_get_str(c, "box", "units"), "molec/cm3"));
  TF_EXPECT(cfg_get_double(c, "box", "h2o_ppm") == 2.0e4);
  TF_EXPECT(!cfg_has(c, "box", "rh_percent") && cfg_get_double(c, "box", "rh_percent") == 50);
  TF_EXPECT(cfg_get_double(c, "box", "temperature_K") == 298.15);
  TF_EXPECT(cfg_get_double(c, "box", "latitude") == 30.67);
  TF_EXPECT(cfg_get_double(c, "box", "atol") == 1.0);
  TF_EXPECT(cfg_get_str(c, "box", "output") == NULL);
  TF_EXPECT(!strcmp(cfg_get_str(c, "box", "mechanism"), "cb05"));
  TF_EXPECT(cfg_map_count(c, "initial") == 2);
  const char *name = NULL;
  double v = 0;
  TF_EXPECT(cfg_map_get(c, "initial", 1, &name, &v) == TF_OK && !strcmp(name, "NO2") && v == 2.5e11);
  TF_EXPECT(cfg_map_get(c, "initial", 2, &name, &v) == TF_EINVAL);
  TF_EXPECT(cfg_map_count(c, "photolysis") == 2);
  TF_EXPECT(cfg_map_get(c, "photolysis", 0, &name, &v) == TF_OK && !strcmp(name, "J(NO2)") && v == 8e-3);
  TF_EXPECT(cfg_line(c, "photolysis", "SUN") == 12 && cfg_line(c, "photolysis", "J(O1D)") == 0);
  TF_EXPECT(cfg_map_count(c, "emissions") == 1);
  walk_getters(c);
  cfg_destroy(&c);

  /* minimal box file: every default; h2o_ppm unset -> NAN */
  c = load_ok("box_min.ini", CFG_KIND_BOX, "[box]\nstart = 2022-08-10T00:00Z\n");
  if (c) {
    TF_EXPECT(isnan(cfg_get_double(c, "box", "h2o_ppm")));
    TF_EXPECT(cfg_get_double(c, "box", "duration_s") == 86400);
    TF_EXPECT(cfg_map_count(c, "photolysis") == 0);
    walk_getters(c);
    cfg_destroy(&c);
  }
  /* minimal run file: every default */
  c = load_ok("run_min.ini", CFG_KIND_RUN, "[met]\nfiles = met/*\n");
  if (c) {
    TF_EXPECT(isnan(cfg_get_time(c, "run", "start")));
    TF_EXPECT(cfg_get_int(c, "run", "hours") == 72 && cfg_get_int(c, "run", "timestep_s") == 600);
    const char *const *it;
    TF_EXPECT(cfg_get_list(c, "output", "species", &it) == 8 && !strcmp(it[7], "ISOP"));
    walk_getters(c);
    cfg_destroy(&c);
  }
}

/* The run.ini of README.md (Input formats) (what `tianfu synth` writes), verbatim. */
static const char *interfaces_run =
    "[run]\n"
    "start = 2022-08-10T00:00:00Z     ; ISO 8601, default = first met time\n"
    "hours = 72                       ; simulated hours (1..744)\n"
    "timestep_s = 600                 ; operator-splitting (synchronisation) step, s (60..3600)\n"
    "output_dir = output              ; relative to this file's folder\n"
    "restart_interval_h = 24          ; 0 = only at the end\n"
    "restart_from =                   ; optional restart NetCDF\n"
    "progress = auto                  ; auto | on | off\n"
    "[met]\n"
    "files = met/wrfout_d01_*         ; glob(s), space-separated, relative to this file\n"
    "[chemistry]\n"
    "mechanism = cb05                 ; builtin name (configs/mechanisms/<name>/<name>.def) or a path to .def/.eqn\n"
    "solver = rodas3                  ; ros2 | ros3 | rodas3 | rodas4\n"
    "rtol = 1e-3\n"
    "atol_ppb = 1e-3\n"
    "photolysis = solar               ; solar | off\n"
    "[emissions]\n"
    "gridded = emis/emissions.nc      ; optional\n"
    "points = emis/points.csv         ; optional\n"
    "biogenic = on\n"
    "speciation = cb05                ; override: builtin mechanism name or CSV path\n"
    "[transport]\n"
    "advection = ppm                  ; ppm | off\n"
    "vertical_mixing = acm2           ; acm2 | kz | off\n"
    "dry_deposition = on\n"
    "wet_scavenging = off\n"
    "[boundary]\n"
    "initial = profile                ; profile | file\n"
    "lateral = profile                ; profile | file\n"
    "file =                           ; NetCDF with initial/boundary fields when 'file'\n"
    "[output]\n"
    "species = O3 NO NO2 CO SO2 FORM PAN ISOP   ; mechanism species to write hourly (surface)\n"
    "fields_3d = off\n"
    "cities = builtin                 ; builtin (configs/sichuan/cities.csv) or a CSV path\n";

static void test_interfaces_run(void)
{
  cfg_file *c = load_ok("synth_run.ini", CFG_KIND_RUN, interfaces_run);
  if (!c) return;
  char exp[2048];
  snprintf(exp, sizeof exp, "%s/emis/emissions.nc", tmp);
  TF_EXPECT(!strcmp(cfg_get_str(c, "emissions", "gridded"), exp));
  TF_EXPECT(cfg_line(c, "emissions", "gridded") == 18);
  TF_EXPECT(cfg_is_builtin(c, "chemistry", "mechanism"));
  TF_EXPECT(cfg_get_str(c, "boundary", "file") == NULL);
  const char *const *it;
  TF_EXPECT(cfg_get_list(c, "output", "species", &it) == 8);
  TF_EXPECT(cfg_get_list(c, "met", "files", &it) == 1);
  walk_getters(c);
  cfg_destroy(&c);
}

/* Relative paths resolve against the config's folder, not the working directory. */
static void test_paths(void)
{
  mkdir("case", 0777);
  mkdir("case/sub", 0777);
  write_file("case/sub/run.ini", "[met]\nfiles = met/wrfout_*\n[run]\noutput_dir = ./out\n"
                                 "[boundary]\ninitial = file\nfile = ../bc.nc\n");
  tf_err err;
  char exp[2048];
  cfg_file *c = cfg_load("case/sub/run.ini", CFG_KIND_RUN, &err);
  TF_EXPECT_MSG(c != NULL, "%s", err.msg);
  if (!c) return;
  snprintf(exp, sizeof exp, "%s/case/sub", tmp);
  TF_EXPECT_MSG(!strcmp(cfg_dir(c), exp), "dir %s", cfg_dir(c));
  const char *const *it;
  TF_EXPECT(cfg_get_list(c, "met", "files", &it) == 1);
  snprintf(exp, sizeof exp, "%s/case/sub/met/wrfout_*", tmp);
  TF_EXPECT_MSG(!strcmp(it[0], exp), "got %s", it[0]);
  snprintf(exp, sizeof exp, "%s/case/sub/out", tmp);
  TF_EXPECT_MSG(!strcmp(cfg_get_str(c, "run", "output_dir"), exp), "got %s",
                cfg_get_str(c, "run", "output_dir"));
  snprintf(exp, sizeof exp, "%s/case/sub/../bc.nc", tmp);
  TF_EXPECT(!strcmp(cfg_get_str(c, "boundary", "file"), exp));
  cfg_destroy(&c);
  /* the same file through an absolute path */
  char abs[2048];
  snprintf(abs, sizeof abs, "%s/case/sub/run.ini", tmp);
  c = cfg_load(abs, CFG_KIND_RUN, &err);
  TF_EXPECT(c != NULL);
  if (c) {
    snprintf(exp, sizeof exp, "%s/case/sub", tmp);
    TF_EXPECT(!strcmp(cfg_dir(c), exp));
    cfg_destroy(&c);
  }
}

/* ------------------------------------------------------------------ bad files */

static void test_errors(void)
{
  tf_err err;
  /* The two examples, verbatim. */
  write_file("run.ini", "[run]\nhours = 24\n[met]\nfiles = met/*\n\n[chemistry]\nsovler = ros3\n");
  cfg_file *c = cfg_load("run.ini", CFG_KIND_RUN, &err);
  TF_EXPECT(c == NULL);
  TF_EXPECT_MSG(!strcmp(err.msg, "run.ini:7: [chemistry] key 'sovler' is unknown (did you mean "
                        "'solver'?)"), "got '%s'", err.msg);
  write_file("run.ini", "[met]\nfiles = x\n\n\n\n\n\n\n\n\n[run]\nhours = 0\n");
  c = cfg_load("run.ini", CFG_KIND_RUN, &err);
  TF_EXPECT(c == NULL && err.code == TF_EINVAL);
  TF_EXPECT_MSG(!strcmp(err.msg, "run.ini:12: [run] hours = 0: expected an integer in 1..744 "
                        "(h), found 0"), "got '%s'", err.msg);

  /* unknown section: near miss, other kind's section, no suggestion; empty section too */
  EXPECT_ERROR("bad.ini", CFG_KIND_RUN, "[met]\nfiles = x\n[chemsitry]\n",
               "bad.ini:3:", "unknown section [chemsitry]", "did you mean [chemistry]?");
  EXPECT_ERROR("bad.ini", CFG_KIND_RUN, "[met]\nfiles = x\n[box]\nstart = 2022-08-10T00:00Z\n",
               "bad.ini:3:", "[box] belongs to box configs", "read as a run config");
  EXPECT_ERROR("bad.ini", CFG_KIND_RUN, "[met]\nfiles = x\n[weather]\n", "bad.ini:3:",
               "unknown section [weather]: expected one of [run], [met], [chemistry]");
  EXPECT_ERROR("bad.ini", CFG_KIND_RUN, "[met]\nfiles = x\n[run]] ; x\n", "bad.ini:3:",
               "unexpected text '] ; x' after section header [run]");
  /* unknown keys */
  EXPECT_ERROR("bad.ini", CFG_KIND_RUN, "[run]\nHours = 3\n", "bad.ini:2:",
               "[run] key 'Hours' is unknown (did you mean 'hours'?)");
  EXPECT_ERROR("bad.ini", CFG_KIND_RUN, "[run]\nsolver = ros3\n", "bad.ini:2:",
               "[run] key 'solver' is unknown here (it belongs in [chemistry])");
  EXPECT_ERROR("bad.ini", CFG_KIND_RUN, "[met]\nwind = fast\n", "bad.ini:2:",
               "[met] key 'wind' is unknown: expected one of files");
  EXPECT_ERROR("bad.ini", CFG_KIND_RUN, "hours = 3\n[run]\n", "bad.ini:1:",
               "key 'hours' is outside any section");
  /* wrong types */
  EXPECT_ERROR("bad.ini", CFG_KIND_RUN, "[met]\nfiles = x\n[run]\nhours = 3.5\n", "bad.ini:4:",
               "[run] hours = 3.5: expected an integer in 1..744 (h), found '3.5'");
  EXPECT_ERROR("bad.ini", CFG_KIND_RUN, "[met]\nfiles = x\n[run]\ntimestep_s = 10 min\n",
               "bad.ini:4:", "[run] timestep_s = 10 min: expected an integer in 60..3600 (s), "
               "found '10 min'");
  EXPECT_ERROR("bad.ini", CFG_KIND_BOX, "[box]\nstart = 2022-08-10T00:00Z\ntemperature_K = warm\n",
               "bad.ini:3:", "[box] temperature_K = warm: expected a number in 150..350 (K), "
               "found 'warm'");
  EXPECT_ERROR("bad.ini", CFG_KIND_RUN, "[met]\nfiles = x\n[emissions]\nbiogenic = maybe\n",
               "bad.ini:4:", "[emissions] biogenic = maybe: expected on/off", "found 'maybe'");
  EXPECT_ERROR("bad.ini", CFG_KIND_RUN, "[met]\nfiles = x\n[chemistry]\nsolver = rodsa3\n",
               "bad.ini:4:", "[chemistry] solver = rodsa3: expected one of ros2, ros3, rodas3, "
               "rodas4, found 'rodsa3' (did you mean 'rodas3'?)");
  EXPECT_ERROR("bad.ini", CFG_KIND_RUN, "[met]\nfiles = x\n[run]\nstart = 2022-13-45\n",
               "bad.ini:4:", "[run] start = 2022-13-45: expected an ISO 8601 time",
               "found '2022-13-45'");
  EXPECT_ERROR("bad.ini", CFG_KIND_RUN, "[met]\nfiles = x\n[run]\nhours = 72 # three days\n",
               "bad.ini:4:", "found '72 # three days' (an inline comment starts with ' ;', not '#')");
  /* out of range (degC given for K; exclusive bound) */
  EXPECT_ERROR("bad.ini", CFG_KIND_BOX, "[box]\nstart = 2022-08-10T00:00Z\ntemperature_K = 25\n",
               "bad.ini:3:", "expected a number in 150..350 (K), found 25");
  EXPECT_ERROR("bad.ini", CFG_KIND_BOX, "[box]\nstart = 2022-08-10T00:00Z\nduration_s = 0\n",
               "bad.ini:3:", "[box] duration_s = 0: expected a number > 0 (s), found 0");
  EXPECT_ERROR("bad.ini", CFG_KIND_RUN, "[met]\nfiles = x\n[chemistry]\natol_ppb = inf\n",
               "bad.ini:4:", "expected a number > 0 and <= 1000 (ppb), found 'inf'");
  /* missing required, empty required */
  EXPECT_ERROR("bad.ini", CFG_KIND_BOX, "; no start\n[box]\nunits = ppb\n", "bad.ini:2:",
               "[box] required key 'start' is missing: expected an ISO 8601 time");
  EXPECT_ERROR("bad.ini", CFG_KIND_RUN, "[run]\nhours = 3\n", "bad.ini:",
               "[met] files is required when [cycle] wrf_pattern is unset, found it unset");
  EXPECT_ERROR("bad.ini", CFG_KIND_RUN, "[met]\nfiles =\n", "bad.ini:1:",
               "[met] files is required when [cycle] wrf_pattern is unset, found it unset");
  EXPECT_ERROR("bad.ini", CFG_KIND_RUN, "[met]\nfiles = , ,\n", "bad.ini:2:",
               "[met] files is required when [cycle] wrf_pattern is unset, found no item");
  /* duplicates */
  EXPECT_ERROR("bad.ini", CFG_KIND_RUN, "[met]\nfiles = x\n[run]\nhours = 3\n[run]\nhours = 4\n",
               "bad.ini:6:", "[run] key 'hours' is set twice (first on line 4)");
  EXPECT_ERROR("bad.ini", CFG_KIND_BOX, "[box]\nstart = 2022-08-10T00:00Z\n[initial]\nO3 = 1\n"
               "NO = 2\nO3 = 3\n", "bad.ini:6:", "[initial] 'O3' is set twice (first on line 4)");
  /* mutually exclusive keys */
  EXPECT_ERROR("bad.ini", CFG_KIND_BOX, "[box]\nstart = 2022-08-10T00:00Z\nrh_percent = 60\n"
               "h2o_ppm = 2e4\n", "bad.ini:4:", "[box] rh_percent (line 3) and h2o_ppm (line 4) "
               "are both set: set at most one of them");
  /* conditional sections and keys */
  EXPECT_ERROR("bad.ini", CFG_KIND_BOX, "[box]\nstart = 2022-08-10T00:00Z\nphotolysis = fixed\n",
               "bad.ini:3:", "[photolysis] needs at least one 'name = value' entry when [box] "
               "photolysis = fixed (line 3), found none");
  EXPECT_ERROR("bad.ini", CFG_KIND_BOX, "[box]\nstart = 2022-08-10T00:00Z\n[photolysis]\n"
               "J(NO2) = 8e-3\n", "bad.ini:4:", "[photolysis] is set but only used when [box] "
               "photolysis = fixed; found photolysis = solar (default)");
  EXPECT_ERROR("bad.ini", CFG_KIND_RUN, "[met]\nfiles = x\n[boundary]\nlateral = file\n",
               "bad.ini:3:", "[boundary] file is required when [boundary] initial = file or "
               "[boundary] lateral = file (line 4)");
  EXPECT_ERROR("bad.ini", CFG_KIND_RUN, "[met]\nfiles = x\n[boundary]\nfile = bc.nc\n",
               "bad.ini:4:", "[boundary] file is set but only used when", "found initial = "
               "profile (default), lateral = profile (default)");
  /* free-form map values must be numbers */
  EXPECT_ERROR("bad.ini", CFG_KIND_BOX, "[box]\nstart = 2022-08-10T00:00Z\n[initial]\nO3 = 40\n"
               "NO2 = lots\n", "bad.ini:5:", "[initial] NO2 = lots: expected a number >= 0 "
               "(box units), found 'lots'");
  EXPECT_ERROR("bad.ini", CFG_KIND_BOX, "[box]\nstart = 2022-08-10T00:00Z\n[emissions]\nNO = -1\n",
               "bad.ini:4:", "[emissions] NO = -1: expected a number >= 0 (box units/s), found -1");
  EXPECT_ERROR("bad.ini", CFG_KIND_BOX, "[box]\nstart = 2022-08-10T00:00Z\n[initial]\nO3 =\n",
               "bad.ini:4:", "[initial] O3 has no value: expected a number");
  /* inih syntax errors: the first bad line is named and quoted */
  EXPECT_ERROR("bad.ini", CFG_KIND_RUN, "[met]\nfiles = x\n[run]\nthis is not ini\nhours = 2\n",
               "bad.ini:4:", "syntax error: expected '[section]', 'key = value' or a comment, "
               "found 'this is not ini'");
  EXPECT_ERROR("bad.ini", CFG_KIND_RUN, "[met]\nfiles = x\n[run\nhours = 2\n", "bad.ini:3:",
               "section header '[run' has no closing ']'");
  /* a syntax error before a bad value is the one reported (line order) */
  EXPECT_ERROR("bad.ini", CFG_KIND_RUN, "[run]\noops\nhours = 0\n", "bad.ini:2:",
               "syntax error", "found 'oops'");
  /* indented continuation of a scalar key */
  EXPECT_ERROR("bad.ini", CFG_KIND_RUN, "[met]\nfiles = x\n[run]\nhours = 3\n   4\n", "bad.ini:5:",
               "[run] hours: indented line '4' looks like a continuation");
  /* over-long line */
  char longtext[1200];
  int k = snprintf(longtext, sizeof longtext, "[met]\nfiles =");
  for (int i = 0; i < 60; i++) k += snprintf(longtext + k, sizeof longtext - (size_t)k, " met/f%02d", i);
  snprintf(longtext + k, sizeof longtext - (size_t)k, "\n");
  EXPECT_ERROR("bad.ini", CFG_KIND_RUN, longtext, "bad.ini:2:", "characters long", "libinih");
  /* missing file */
  c = cfg_load("no/such/run.ini", CFG_KIND_RUN, &err);
  TF_EXPECT(c == NULL && err.code == TF_EIO);
  TF_EXPECT_MSG(strstr(err.msg, "cannot open config file 'no/such/run.ini'") &&
                strstr(err.msg, "No such file"), "got '%s'", err.msg);
  /* bad kind */
  write_file("k.ini", "[met]\nfiles = x\n");
  TF_EXPECT(cfg_load("k.ini", 7, &err) == NULL && err.code == TF_EINVAL);
}

/* ------------------------------------------------------------------ misc */

static void test_edit_distance(void)
{
  TF_EXPECT(cfg_edit_distance("sovler", "solver") == 1);  /* one transposition */
  TF_EXPECT(cfg_edit_distance("kitten", "sitting") == 3); /* Levenshtein's classic */
  TF_EXPECT(cfg_edit_distance("", "abc") == 3);
  TF_EXPECT(cfg_edit_distance("HOURS", "hours") == 0);    /* case-insensitive */
  TF_EXPECT(cfg_edit_distance("ca", "abc") == 3);         /* OSA, not unrestricted DL (2) */
  TF_EXPECT(cfg_edit_distance("chemsitry", "chemistry") == 1);
}

static int file_contains(const char *path, const char *s)
{
  FILE *f = fopen(path, "r");
  if (!f) return 0;
  static char buf[1 << 16];
  size_t n = fread(buf, 1, sizeof buf - 1, f);
  buf[n] = '\0';
  fclose(f);
  return strstr(buf, s) != NULL;
}

static void test_help(void)
{
  FILE *f = fopen("help.txt", "w");
  TF_EXPECT(f && cfg_print_help(f, CFG_KIND_ALL, 0) == TF_OK);
  if (f) fclose(f);
  f = fopen("help.md", "w");
  TF_EXPECT(f && cfg_print_help(f, CFG_KIND_ALL, 1) == TF_OK);
  if (f) fclose(f);
  f = fopen("help_box.md", "w");
  TF_EXPECT(f && cfg_print_help(f, CFG_KIND_BOX, 1) == TF_OK);
  if (f) fclose(f);
  /* every key and section of the table is documented in both forms */
  int n;
  const cfg_key *t = cfg_table(&n);
  for (int i = 0; i < n; i++) {
    char s[160], sec[96];
    int srow = -1;
    for (int j = 0; j < n; j++)
      if (t[j].kind == t[i].kind && !t[j].key && !strcmp(t[j].section, t[i].section)) srow = j;
    /* named families are documented as [family NAME] */
    snprintf(sec, sizeof sec, "%s%s", t[i].section, srow >= 0 && (t[srow].flags & CFG_NAMED) ? " NAME" : "");
    if (t[i].key) {
      snprintf(s, sizeof s, "| [%s] | `%s` |", sec, t[i].key);
      TF_EXPECT_MSG(file_contains("help.md", s), "markdown lacks '%s'", s);
      snprintf(s, sizeof s, "  %s ", t[i].key);
      TF_EXPECT_MSG(file_contains("help.txt", s), "text lacks '%s'", s);
    } else {
      snprintf(s, sizeof s, "[%s]", sec);
      TF_EXPECT(file_contains("help.txt", s));
    }
  }
  TF_EXPECT(file_contains("help.md", "| [run] | `hours` | int | 1..744 | h | `72` |"));
  TF_EXPECT(file_contains("help.md", "ros2, ros3, rodas3, rodas4"));
  TF_EXPECT(file_contains("help.md", "configs/mechanisms/&lt;name>"));
  TF_EXPECT(!file_contains("help_box.md", "[chemistry]"));
  TF_EXPECT(file_contains("help_box.md", "| [initial] | *name* |"));
}

int main(void)
{
  tf_tmp_dir("test_config", tmp, sizeof tmp);
  if (chdir(tmp) != 0) {
    fprintf(stderr, "cannot enter %s\n", tmp);
    return 1;
  }
  char cwd[1024];
  if (getcwd(cwd, sizeof cwd)) snprintf(tmp, sizeof tmp, "%s", cwd); /* canonical form */
  test_table();
  test_edit_distance();
  test_good_run();
  test_good_box();
  test_interfaces_run();
  test_paths();
  test_errors();
  test_help();
  return tf_test_exit();
}

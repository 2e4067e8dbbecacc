/* test_run_config.c — unit tests of io/config/run_config: every run key of the table is
 * mapped to exactly one typed field, the C enums follow the table's `choices` words, a
 * file's values land in the struct, command-line overrides are validated by the table's
 * rules (and relative paths resolve against the working directory), the [emissions] scale
 * grammar, and the three forms of a key's location in messages (line, default, option). */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "io/config/box_config.h"
#include "io/config/config.h"
#include "io/config/run_config.h"
#include "tf_test.h"

static char tmp[1024];

static void write_file(const char *name, const char *text)
{
  FILE *f = fopen(name, "w");
  if (!f) { fprintf(stderr, "cannot write %s/%s\n", tmp, name); exit(1); }
  fputs(text, f);
  fclose(f);
}

static const char *base =
  "[run]\n"
  "hours = 6\n"
  "timestep_s = 900\n"
  "[met]\n"
  "files = met/wrfout_*\n"
  "[chemistry]\n"
  "solver = rodas4\n"
  "[emissions]\n"
  "scale = NOX=0.7 solvent:NMVOC=0.5\n"
  "[transport]\n"
  "vertical_mixing = kz\n";

static void test_table_mapping(void)
{
  int n;
  const cfg_key *t = cfg_table(&n);
  int nrun = 0;
  for (int i = 0; i < n; i++) {
    if (t[i].kind != CFG_KIND_RUN || !t[i].key) continue;
    nrun++;
    int found = 0;
    for (int k = 0; k < RCK_N; k++)
      found += !strcmp(run_config_section((rc_key)k), t[i].section) && !strcmp(run_config_key((rc_key)k), t[i].key);
    TF_EXPECT_MSG(found == 1, "[%s] %s is mapped %d times", t[i].section, t[i].key, found);
  }
  TF_EXPECT_MSG(nrun == RCK_N, "table has %d run keys, run_config maps %d", nrun, RCK_N);
  /* enum values name the table's words in order */
  TF_EXPECT(!strcmp(run_config_word(RCK_CHEM_SOLVER, RC_SOLVER_ROS2), "ros2"));
  TF_EXPECT(!strcmp(run_config_word(RCK_CHEM_SOLVER, RC_SOLVER_RODAS4), "rodas4"));
  TF_EXPECT(!strcmp(run_config_word(RCK_TR_VMIX, RC_VMIX_ACM2), "acm2"));
  TF_EXPECT(!strcmp(run_config_word(RCK_TR_VMIX, RC_VMIX_KZ), "kz"));
  TF_EXPECT(!strcmp(run_config_word(RCK_TR_VMIX, RC_VMIX_OFF), "off"));
  TF_EXPECT(!strcmp(run_config_word(RCK_TR_ADVECTION, RC_ADV_OFF), "off"));
  TF_EXPECT(!strcmp(run_config_word(RCK_RUN_PROGRESS, RC_PROGRESS_OFF), "off"));
  TF_EXPECT(!strcmp(run_config_word(RCK_CHEM_PHOTOLYSIS, RC_PHOTO_OFF), "off"));
  TF_EXPECT(!strcmp(run_config_word(RCK_BC_LATERAL, RC_BC_FILE), "file"));
  TF_EXPECT(!strcmp(run_config_word(RCK_CHEM_SOLVER, 7), "?"));
  TF_EXPECT(!strcmp(run_config_word(RCK_RUN_HOURS, 0), "?"));
}

static void test_values(void)
{
  write_file("a.ini", base);
  tf_err err;
  run_config *c = run_config_load("a.ini", NULL, &err);
  TF_EXPECT_MSG(c != NULL, "a.ini: %s", err.msg);
  if (!c) return;
  TF_EXPECT(c->run.hours == 6 && c->run.timestep_s == 900 && !c->run.has_start && c->run.threads == 0);
  TF_EXPECT(c->chem.solver == RC_SOLVER_RODAS4 && c->transport.vmix == RC_VMIX_KZ);
  TF_EXPECT(c->transport.advection == RC_ADV_PPM && c->transport.dry_deposition && !c->transport.wet_scavenging);
  TF_EXPECT(c->chem.mechanism_builtin && !strcmp(c->chem.mechanism, "cb05"));
  TF_EXPECT(c->chem.rtol == 1e-3 && c->chem.atol_ppb == 1e-3);
  TF_EXPECT(c->met.nfiles == 1 && c->met.files[0][0] == '/' && strstr(c->met.files[0], "/met/wrfout_*"));
  TF_EXPECT(c->emis.gridded == NULL && c->emis.points == NULL && c->boundary.file == NULL && !c->run.restart_from);
  TF_EXPECT(c->output.nspecies == 8 && !strcmp(c->output.species[0], "O3"));
  /* scale grammar */
  TF_EXPECT(c->emis.nscale == 2);
  if (c->emis.nscale == 2) {
    TF_EXPECT(!strcmp(c->emis.scale[0].sector, "*") && !strcmp(c->emis.scale[0].species, "NOX") && c->emis.scale[0].factor == 0.7);
    TF_EXPECT(!strcmp(c->emis.scale[1].sector, "solvent") && !strcmp(c->emis.scale[1].species, "NMVOC") &&
              c->emis.scale[1].factor == 0.5);
  }
  /* where values came from */
  tf_err e;
  tf_err_set(&e, TF_EINVAL, "boom");
  run_config_key_err(c, RCK_RUN_HOURS, &e);
  TF_EXPECT_MSG(strstr(e.msg, "a.ini:2: [run] hours") != NULL, "%s", e.msg);
  tf_err_set(&e, TF_EINVAL, "boom");
  run_config_key_err(c, RCK_OUT_CITIES, &e);
  TF_EXPECT_MSG(strstr(e.msg, "a.ini: [output] cities (default)") != NULL, "%s", e.msg);
  run_config_destroy(&c);
  TF_EXPECT(c == NULL);
}

static void expect_refused(const char *text, const rc_overrides *ov, const char *want)
{
  write_file("b.ini", text);
  tf_err err;
  run_config *c = run_config_load("b.ini", ov, &err);
  tf_test_count++;
  if (c) {
    tf_test_failures++;
    fprintf(stderr, "FAILED: accepted although it should be refused with '%s'\n", want);
    run_config_destroy(&c);
    return;
  }
  printf("  error: %s\n", err.msg);
  TF_EXPECT_MSG(strstr(err.msg, want) != NULL, "message '%s' lacks '%s'", err.msg, want);
}

static void test_overrides(void)
{
  write_file("a.ini", base);
  tf_err err;
  rc_overrides ov = {.hours = "24", .threads = "2", .output_dir = "out/x", .progress = "off"};
  run_config *c = run_config_load("a.ini", &ov, &err);
  TF_EXPECT_MSG(c != NULL, "%s", err.msg);
  if (c) {
    char want[1200];
    snprintf(want, sizeof want, "%s/out/x", tmp);
    TF_EXPECT(c->run.hours == 24 && c->run.threads == 2 && c->run.progress == RC_PROGRESS_OFF);
    TF_EXPECT_MSG(!strcmp(c->run.output_dir, want), "output_dir %s, expected %s", c->run.output_dir, want);
    tf_err e;
    tf_err_set(&e, TF_EINVAL, "boom");
    run_config_key_err(c, RCK_RUN_HOURS, &e);
    TF_EXPECT_MSG(!strncmp(e.msg, "--hours", 7), "%s", e.msg);
    run_config_destroy(&c);
  }
  /* the same rules as the file */
  expect_refused(base, &(rc_overrides){.hours = "0"}, "--hours 0: expected an integer in 1..744");
  expect_refused(base, &(rc_overrides){.hours = "6.5"}, "--hours 6.5: expected an integer");
  expect_refused(base, &(rc_overrides){.threads = "two"}, "--threads two: expected an integer");
  expect_refused(base, &(rc_overrides){.threads = "-1"}, "--threads -1");
  expect_refused(base, &(rc_overrides){.progress = "offf"}, "did you mean 'off'");
  expect_refused(base, &(rc_overrides){.output_dir = ""}, "--output");
}

static void test_scale_errors(void)
{
  const char *bad[] = {"NOX=-1", "NOX", "=0.5", "NOX=0.5x", ":NOX=1", "NOX:solvent=1x"};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    char text[512];
    snprintf(text, sizeof text, "[met]\nfiles = x\n[emissions]\nscale = %s\n", bad[i]);
    expect_refused(text, NULL, "b.ini:4: [emissions] scale");
  }
}

/* The box description: enums in the table's order, maps with their lines. */
static void test_box(void)
{
  write_file("box.ini", "[box]\nunits = none\nstart = 2022-08-10T08:00:00+08:00\nphotolysis = fixed\n"
                        "h2o_ppm = 2e4\n[photolysis]\nJ(NO2) = 8e-3\n[initial]\nO3 = 40\nNO2 = 20\n");
  tf_err err;
  box_config *c = box_config_load("box.ini", &err);
  TF_EXPECT_MSG(c != NULL, "%s", err.msg);
  if (!c) return;
  TF_EXPECT(c->units == BC_UNITS_NONE && c->photolysis == BC_PHOT_FIXED && c->has_h2o && c->h2o_ppm == 2e4);
  TF_EXPECT(c->start_s == 1660089600.0 && !strcmp(c->solver, "rodas3") && c->temperature_k == 298.15);
  TF_EXPECT(c->initial.n == 2 && !strcmp(c->initial.e[1].name, "NO2") && c->initial.e[1].value == 20 &&
            c->initial.e[1].line == 10);
  TF_EXPECT(c->photolysis_fixed.n == 1 && c->photolysis_fixed.e[0].line == 7 && c->emissions.n == 0 && !c->output);
  box_config_destroy(&c);
  write_file("box2.ini", "[box]\nunits = molec/cm3\nstart = 2022-08-10T00:00:00Z\nphotolysis = off\n");
  c = box_config_load("box2.ini", &err);
  TF_EXPECT(c && c->units == BC_UNITS_MOLEC && c->photolysis == BC_PHOT_OFF && !c->has_h2o);
  box_config_destroy(&c);
  write_file("box3.ini", "[box]\nunits = ppb\nstart = 2022-08-10T00:00:00Z\nphotolysis = solar\n");
  c = box_config_load("box3.ini", &err);
  TF_EXPECT(c && c->units == BC_UNITS_PPB && c->photolysis == BC_PHOT_SOLAR);
  box_config_destroy(&c);
}

int main(void)
{
  tf_tmp_dir("test_run_config", tmp, sizeof tmp);
  if (chdir(tmp) != 0) return 1;
  char cwd[1024];
  if (getcwd(cwd, sizeof cwd)) snprintf(tmp, sizeof tmp, "%s", cwd);
  test_table_mapping();
  test_values();
  test_overrides();
  test_scale_errors();
  test_box();
  return tf_test_exit();
}

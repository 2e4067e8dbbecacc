/* test_scenario_config.c — scenario files (io/config/scenario_config.h) through the key
 * table: named sections [region NAME] / [measure NAME] / [scenario NAME], the typed values
 * (order of measures, factor from cut_percent, Beijing hour bits, date range, as_of), and the
 * errors: each names file:line, the [section NAME] and key, with "did you mean" for keys,
 * sections, measure and region names. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "io/config/config.h"
#include "io/config/scenario_config.h"
#include "model/core/tf_time.h"
#include "tf_test.h"

static void write_file(const char *name, const char *text)
{
  FILE *f = fopen(name, "w");
  if (f) { fputs(text, f); fclose(f); }
}

/* Load text as a scenario file; expect failure with every fragment in the message. */
static void expect_error(const char *text, const char *frag1, const char *frag2)
{
  tf_err err = {0};
  write_file("bad_scen.ini", text);
  scenario_config *sc = scenario_config_load("bad_scen.ini", &err);
  TF_EXPECT_MSG(sc == NULL, "should fail: %s", text);
  TF_EXPECT_MSG(strstr(err.msg, frag1) != NULL, "message '%s' lacks '%s'", err.msg, frag1);
  if (frag2) TF_EXPECT_MSG(strstr(err.msg, frag2) != NULL, "message '%s' lacks '%s'", err.msg, frag2);
  printf("  error: %s\n", err.msg);
  scenario_config_destroy(&sc);
}

static const char *good =
    "[scenarios]\n"                               /* 1 */
    "baseline = run.ini\n"                        /* 2 */
    "[region corridor]\n"                         /* 3 */
    "box = 104 29.5 106.5 30.5\n"                 /* 4 */
    "[measure traffic]\n"                         /* 5 */
    "type = scale\n"                              /* 6 */
    "sectors = transport\n"                       /* 7 */
    "pollutants = NOX NMVOC\n"                    /* 8 */
    "cut_percent = 25\n"                          /* 9 */
    "region = corridor\n"                         /* 10 */
    "hours = 7-10 17-20\n"                        /* 11 */
    "dates = 2022-08-10 2022-08-11\n"             /* 12 */
    "[measure list]\n"                            /* 13 */
    "type = projects\n"                           /* 14 */
    "projects = p.csv\n"                          /* 15 */
    "as_of = 2022-09-30\n"                        /* 16 */
    "[scenario both]\n"                           /* 17 */
    "measures = list traffic\n"                   /* 18 */
    "[scenario none]\n";                          /* 19 */

int main(void)
{
  tf_err err = {0};
  write_file("scen.ini", good);
  scenario_config *sc = scenario_config_load("scen.ini", &err);
  TF_EXPECT_MSG(sc != NULL, "good file: %s", err.msg);
  if (sc) {
    TF_EXPECT(sc->nregion == 1 && sc->nmeasure == 2 && sc->nscen == 2);
    TF_EXPECT(sc->baseline[0] == '/' && strstr(sc->baseline, "run.ini"));
    TF_EXPECT(sc->region[0].kind == SC_REGION_BOX && sc->region[0].box[2] == 106.5);
    const sc_measure *M = &sc->measure[0];
    TF_EXPECT(M->type == SC_MEASURE_SCALE && M->npol == 2 && !strcmp(M->pol[1], "NMVOC"));
    tf_check("scenario_cut_percent_factor", M->factor, 0.75, 0.0);
    TF_EXPECT(M->hours_bj == ((1u << 7) | (1u << 8) | (1u << 9) | (1u << 17) | (1u << 18) | (1u << 19)));
    double t0;
    tf_time_parse("2022-08-10T00:00:00+08:00", &t0, &err);
    TF_EXPECT(M->t_from_s == t0 && M->t_to_s == t0 + 2 * 86400.0);
    const sc_measure *L = &sc->measure[1];
    tf_time_parse("2022-10-01T00:00:00+08:00", &t0, &err);
    TF_EXPECT(L->type == SC_MEASURE_PROJECTS && L->as_of_s == t0 && strstr(L->projects, "/p.csv"));
    TF_EXPECT(sc->scen[0].nmeasure == 2 && sc->scen[0].measure[0] == 1 && sc->scen[0].measure[1] == 0);
    TF_EXPECT(sc->scen[1].nmeasure == 0);
    TF_EXPECT(cfg_line(sc->cfg, "measure list", "as_of") == 16 && cfg_line(sc->cfg, "scenario none", NULL) == 19);
    TF_EXPECT(!strcmp(cfg_instance(sc->cfg, "measure", 1, NULL), "measure list"));
    scenario_config_destroy(&sc);
    TF_EXPECT(sc == NULL);
  }

  /* errors name file:line, the section instance and the key, with did-you-mean */
  expect_error("[scenarios]\nbaseline = r.ini\n[measure a]\ntype = scale\nfactr = 0.5\n[scenario s]\n",
               "bad_scen.ini:5: [measure a] key 'factr' is unknown (did you mean 'factor'?)", NULL);
  expect_error("[scenarios]\nbaseline = r.ini\n[mesure a]\ntype = scale\n",
               "bad_scen.ini:3: unknown section [mesure a] (did you mean [measure a]?)", NULL);
  expect_error("[scenarios]\nbaseline = r.ini\n[measure a]\ntype = scale\nfactor = 1\n[scenario s]\nmeasures = b a\n",
               "bad_scen.ini:7: [scenario s] measures:", "measure 'b' is not defined");
  expect_error("[scenarios]\nbaseline = r.ini\n[measure traffic]\ntype = scale\nfactor = 1\n[scenario s]\n"
               "measures = trafic\n", "bad_scen.ini:7:", "(did you mean 'traffic'?)");
  expect_error("[scenarios]\nbaseline = r.ini\n[measure a]\ntype = scal\n", "bad_scen.ini:4: [measure a] type = scal",
               "(did you mean 'scale'?)");
  expect_error("[scenarios]\nbaseline = r.ini\n[measure a]\nfactor = 0.5\n[scenario s]\n",
               "bad_scen.ini:3: [measure a] required key 'type' is missing", NULL);
  expect_error("[scenarios]\nbaseline = r.ini\n[measure a]\ntype = scale\nfactor = 1\n[measure a]\n",
               "bad_scen.ini:6: section [measure a] is defined twice (first on line 3)", NULL);
  expect_error("[scenarios]\nbaseline = r.ini\n[measure]\ntype = scale\n", "bad_scen.ini:3: section [measure] needs a name", NULL);
  expect_error("[scenarios]\nbaseline = r.ini\n[measure a]\ntype = scale\nfactor = 1\nhours = 9-25\n[scenario s]\n",
               "bad_scen.ini:6: [measure a] hours:", "found '9-25'");
  expect_error("[scenarios]\nbaseline = r.ini\n[measure a]\ntype = scale\nfactor = 1\ndates = 2022-08-12 2022-08-10\n"
               "[scenario s]\n", "bad_scen.ini:6: [measure a] dates:", "before the first");
  expect_error("[scenarios]\nbaseline = r.ini\n[measure a]\ntype = scale\n[scenario s]\n",
               "bad_scen.ini:4: [measure a] type:", "needs factor or cut_percent");
  expect_error("[scenarios]\nbaseline = r.ini\n[measure a]\ntype = scale\nfactor = 0.5\ncut_percent = 50\n",
               "bad_scen.ini:6:", "set at most one of them");
  expect_error("[scenarios]\nbaseline = r.ini\n[measure a]\ntype = scale\nfactor = 1\nas_of = 2022-01-01\n",
               "bad_scen.ini:6: [measure a] as_of is set but only used when [measure] type = projects", NULL);
  expect_error("[scenarios]\nbaseline = r.ini\n[measure a]\ntype = projects\n[scenario s]\n",
               "[measure a] projects is required when [measure] type = projects", NULL);
  expect_error("[scenarios]\nbaseline = r.ini\n[region r1]\nbox = 1 2 3 4\nbuiltin = sichuan\n[scenario s]\n",
               "bad_scen.ini:3: [region r1]:", "set exactly one of box, mask, polygon, builtin");
  expect_error("[scenarios]\nbaseline = r.ini\n[region r1]\nbox = 106 29 104 31\n[scenario s]\n",
               "bad_scen.ini:4: [region r1] box:", "lon_min < lon_max");
  expect_error("[scenarios]\nbaseline = r.ini\n[region r1]\nmask = m.nc\n[scenario s]\n",
               "[region r1] variable is required when [region] mask is set", NULL);
  expect_error("[scenarios]\nbaseline = r.ini\n[region corridor]\nbox = 1 2 3 4\n[measure a]\ntype = scale\nfactor = 1\n"
               "region = coridor\n[scenario s]\n", "bad_scen.ini:8: [measure a] region:", "(did you mean 'corridor'?)");
  expect_error("[scenarios]\nbaseline = r.ini\n[measure a]\ntype = scale\nfactor = 1\n",
               "no [scenario NAME] section", NULL);
  expect_error("[scenarios]\n[scenario s]\n", "bad_scen.ini:1: [scenarios] required key 'baseline' is missing", NULL);
  expect_error("[run]\nhours = 3\n", "bad_scen.ini:1: section [run] belongs to run configs", "read as a scenario config");
  return tf_test_exit();
}

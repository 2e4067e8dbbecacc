/* scenario_checks.c — `tianfu scenario check` against hand arithmetic.
 *
 * The built-in case at 100 km (15 x 11 cells) gets a hand-built inventory: NOX 1 kg/h and
 * NMVOC 2 kg/h in every cell and sector (CO, SO2, NH3 zero) and two stacks (S1 cement,
 * industry sector, at Chengdu: NOX 100, SO2 10 kg/h; S2 coal power at Chongqing: NOX 50,
 * SO2 20 kg/h). Then every number the check prints is a short product (t/yr = 8.76 kg/h):
 * project tonnes from a cell, a stack, with the as-of date; a regional scale factor; a time
 * window; a point-source cut by industry; a scenario without measures; measures that match
 * nothing (warnings); an over-reduction and a bad project row (refused with both numbers
 * and file:line:column). Printed values have 3 decimals, so the tolerance is 5e-4 t/yr. */
#include <math.h>
#include <netcdf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tf_test.h"

static char dir[1024], tianfu[1024];

static void put(const char *name, const char *text)
{
  char p[1200];
  snprintf(p, sizeof p, "%s/%s", dir, name);
  FILE *f = fopen(p, "w");
  if (f) { fputs(text, f); fclose(f); }
}

/* Run `tianfu scenario check FILE`, stdout+stderr into out; returns the exit status. */
static int check(const char *file, char *out, size_t n)
{
  char cmd[3000];
  snprintf(cmd, sizeof cmd, "cd %s && %s scenario check %s 2>&1", dir, tianfu, file);
  FILE *p = popen(cmd, "r");
  size_t k = p ? fread(out, 1, n - 1, p) : 0;
  out[k] = '\0';
  int st = p ? pclose(p) : -1;
  return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* Value (and %) of the row region/pol/sector/industry inside the block of [scenario name]. */
static int row(const char *out, const char *scen, const char *region, const char *pol, const char *sector,
               const char *industry, double *v, double *pct)
{
  char head[128];
  snprintf(head, sizeof head, "[scenario %s]", scen);
  const char *b = strstr(out, head);
  if (!b) return 0;
  const char *e = strstr(b + 1, "\n[scenario ");
  for (const char *l = strchr(b, '\n'); l && (!e || l < e); l = strchr(l + 1, '\n')) {
    char r[64], p[16], s[32], i[64];
    if (sscanf(l + 1, "%63s %15s %31s %63s %lf %lf", r, p, s, i, v, pct) == 6 && !strcmp(r, region) &&
        !strcmp(p, pol) && !strcmp(s, sector) && !strcmp(i, industry))
      return 1;
  }
  return 0;
}

static double get(const char *out, const char *scen, const char *region, const char *pol, const char *sector,
                  const char *industry)
{
  double v = NAN, pct;
  if (!row(out, scen, region, pol, sector, industry, &v, &pct)) return NAN;
  return v;
}

int main(int argc, char **argv)
{
  if (argc != 3) { fprintf(stderr, "usage: scenario_checks TIANFU DIR\n"); return 2; }
  snprintf(tianfu, sizeof tianfu, "%s", argv[1]);
  snprintf(dir, sizeof dir, "%s", argv[2]);
  char cmd[6000];
  snprintf(cmd, sizeof cmd, "rm -rf %s && mkdir -p %s && %s synth --out %s/case --resolution-km 100 --hours 1 > %s/synth.log 2>&1",
           dir, dir, tianfu, dir, dir);
  if (system(cmd)) { fprintf(stderr, "synth failed\n"); return 1; }

  /* the hand-built inventory */
  char nc[1200];
  snprintf(nc, sizeof nc, "%s/case/emis/emissions.nc", dir);
  int id, v, d[3];
  size_t ns, ny, nx;
  if (nc_open(nc, NC_WRITE, &id)) { fprintf(stderr, "cannot open %s\n", nc); return 1; }
  nc_inq_varid(id, "NOX", &v);
  nc_inq_vardimid(id, v, d);
  nc_inq_dimlen(id, d[0], &ns);
  nc_inq_dimlen(id, d[1], &ny);
  nc_inq_dimlen(id, d[2], &nx);
  size_t n = ns * ny * nx;
  float *buf = malloc(n * sizeof *buf);
  int *reg = malloc(nx * ny * sizeof *reg);
  static const char *const pol[] = {"NOX", "NMVOC", "CO", "SO2", "NH3"};
  static const float val[] = {1.0f, 2.0f, 0.0f, 0.0f, 0.0f};
  for (int p = 0; p < 5; p++) {
    for (size_t k = 0; k < n; k++) buf[k] = val[p];
    nc_inq_varid(id, pol[p], &v);
    if (nc_put_var_float(id, v, buf)) { fprintf(stderr, "cannot write %s\n", pol[p]); return 1; }
  }
  nc_inq_varid(id, "region", &v);
  nc_get_var_int(id, v, reg);
  nc_close(id);
  int ncell = (int)(nx * ny), nsc = 0, ncq = 0;
  for (int k = 0; k < ncell; k++) { nsc += reg[k] == 1; ncq += reg[k] == 2; }
  printf("grid %zu x %zu, %zu sectors; %d Sichuan and %d Chongqing cells\n", nx, ny, ns, nsc, ncq);
  put("case/emis/points.csv",
      "id,name,industry,sector,lat,lon,stack_height_m,stack_diameter_m,exit_velocity_ms,exit_temp_k,NOX_kgh,NMVOC_kgh,CO_kgh,SO2_kgh,NH3_kgh\n"
      "S1,kiln,cement,industry,30.67,104.07,60,3,10,400,100,0,0,10,0\n"
      "S2,power plant,coal_power,power,29.565,106.595,150,6,20,420,50,0,0,20,0\n");

  put("projects.csv",
      "id,name,industry,location,NOX_t_yr,NMVOC_t_yr,CO_t_yr,SO2_t_yr,NH3_t_yr,completion,cost_10k_cny\n"
      "P1,buses,heavy_vehicles,104.07 30.67,4.38,,,,,2022-03-01,10\n"
      "P2,kiln,cement_building,stack:S1,438,,,43.8,,2022-09-30,\n"
      "P3,coating line,coating,104.07 30.67,,8.76,,,,2022-06-01,\n"
      "P4,later,heavy_vehicles,104.07 30.67,1,,,,,2022-10-01,\n");
  put("scen.ini",
      "[scenarios]\nbaseline = case/run.ini\n"
      "[region far]\nbox = 0 0 1 1\n"
      "[measure list]\ntype = projects\nprojects = projects.csv\nas_of = 2022-09-30\n"
      "[measure none_yet]\ntype = projects\nprojects = projects.csv\nas_of = 2000-01-01\n"
      "[measure sc_transport]\ntype = scale\nsectors = transport\npollutants = NOX\nregion = sichuan\nfactor = 0.5\n"
      "[measure power_window]\ntype = scale\nsectors = power\npollutants = NOX\ncut_percent = 100\nhours = 9-10\n"
      "[measure coal_so2]\ntype = points\nindustries = power\npollutants = SO2\nfactor = 0.25\n"
      "[measure far_away]\ntype = scale\nregion = far\nfactor = 0.1\n"
      "[scenario base]\n"
      "[scenario projects]\nmeasures = list\n"
      "[scenario scale_sc]\nmeasures = sc_transport\n"
      "[scenario window]\nmeasures = power_window\n"
      "[scenario points]\nmeasures = coal_so2\n"
      "[scenario nothing]\nmeasures = far_away none_yet\n"
      "[scenario chain]\nmeasures = sc_transport list\n");
  static char out[1 << 20];
  int rc = check("scen.ini", out, sizeof out);
  fputs(out, stdout);
  TF_EXPECT(rc == 0);
  const double tol = 5e-4;
  /* no measures: nothing removed */
  const char *b = strstr(out, "[scenario base]");
  TF_EXPECT(b && strstr(b, "(nothing removed: the baseline itself)") && strstr(b, "(nothing removed") < strstr(b, "[scenario projects]"));
  /* projects as of 30 September: P1 4.38 t NOX from transport in Chengdu's cell, P2 438 t NOX and
   * 43.8 t SO2 from stack S1, P3 8.76 t NMVOC from solvent; P4 (1 October) does not count */
  tf_check("check_projects_domain_NOX_t", get(out, "projects", "domain", "NOX", "(all)", "(all)"), 4.38 + 438.0, tol);
  tf_check("check_projects_NOX_transport_heavy_vehicles_t", get(out, "projects", "domain", "NOX", "transport", "heavy_vehicles"), 4.38, tol);
  tf_check("check_projects_NOX_stack_cement_t", get(out, "projects", "sichuan", "NOX", "industry", "cement_building"), 438.0, tol);
  tf_check("check_projects_SO2_t", get(out, "projects", "domain", "SO2", "(all)", "(all)"), 43.8, tol);
  tf_check("check_projects_NMVOC_solvent_coating_t", get(out, "projects", "domain", "NMVOC", "solvent", "coating"), 8.76, tol);
  TF_EXPECT(isnan(get(out, "projects", "chongqing", "NOX", "(all)", "(all)")));
  double vv, pct;
  TF_EXPECT(row(out, "projects", "domain", "NOX", "(all)", "(all)", &vv, &pct));
  double dom_nox = ((double)ns * ncell * 1.0 + 150.0) * 8.76;
  tf_check("check_projects_domain_NOX_percent", pct, 100.0 * 442.38 / dom_nox, 5e-5);
  /* scale: transport NOX x 0.5 in Sichuan = 0.5 kg/h x 8.76 per Sichuan cell */
  tf_check("check_scale_sichuan_transport_NOX_t", get(out, "scale_sc", "sichuan", "NOX", "transport", "-"), 0.5 * 8.76 * nsc, tol);
  tf_check("check_scale_domain_equals_sichuan_t", get(out, "scale_sc", "domain", "NOX", "(all)", "(all)"), 0.5 * 8.76 * nsc, tol);
  /* time window: power NOX cut 100 % in hour 9 (the rate while active): gridded + stack S2 */
  tf_check("check_window_power_NOX_t", get(out, "window", "domain", "NOX", "power", "-"), (ncell + 50.0) * 8.76, tol);
  /* points by industry: coal_power stacks' SO2 x 0.25 */
  tf_check("check_points_coal_SO2_t", get(out, "points", "domain", "SO2", "power", "-"), 20.0 * 0.75 * 8.76, tol);
  tf_check("check_points_chongqing_SO2_t", get(out, "points", "chongqing", "SO2", "(all)", "(all)"), 20.0 * 0.75 * 8.76, tol);
  /* chain: the transport cut halves what P1 finds in the cell (0.5 kg/h = 4.38 t: P1 takes all) */
  tf_check("check_chain_NOX_transport_t", get(out, "chain", "domain", "NOX", "transport", "heavy_vehicles"), 4.38, tol);
  /* matching nothing: reported, and nothing removed */
  TF_EXPECT(strstr(out, "warning: [measure far_away] in scenario 'nothing' matched nothing: no emission changed"));
  TF_EXPECT(strstr(out, "warning: [measure none_yet] in scenario 'nothing' matched nothing: no project of the list passes"));
  b = strstr(out, "[scenario nothing]");
  TF_EXPECT(b && strstr(b, "(nothing removed"));
  TF_EXPECT(strstr(out, "2 warning(s)"));

  /* over-reduction: 10 t NOX of transport in Chengdu's cell, where 8.76 t are */
  put("over.csv", "id,name,industry,location,NOX_t_yr,NMVOC_t_yr,CO_t_yr,SO2_t_yr,NH3_t_yr,completion\n"
                  "X1,too big,heavy_vehicles,104.07 30.67,10,,,,,2022-03-01\n");
  put("over.ini", "[scenarios]\nbaseline = case/run.ini\n[measure m]\ntype = projects\nprojects = over.csv\n[scenario s]\nmeasures = m\n");
  rc = check("over.ini", out, sizeof out);
  printf("%s", out);
  TF_EXPECT(rc == 1 && strstr(out, "over.csv:2: project 'X1'") && strstr(out, "sector transport") &&
            strstr(out, "remove 10 t/yr but only 8.76 t/yr") && strstr(out, "over.ini:5: [measure m] projects"));
  /* stacks too: 900 t NOX from S1 (876 t) */
  put("over2.csv", "id,name,industry,location,NOX_t_yr,NMVOC_t_yr,CO_t_yr,SO2_t_yr,NH3_t_yr,completion\n"
                   "X2,kiln,cement_building,stack:S1,500,,,,,2022-03-01\nX3,kiln 2,cement_building,stack:S1,400,,,,,2022-03-01\n");
  put("over2.ini", "[scenarios]\nbaseline = case/run.ini\n[measure m]\ntype = projects\nprojects = over2.csv\n[scenario s]\nmeasures = m\n");
  rc = check("over2.ini", out, sizeof out);
  printf("%s", out);
  TF_EXPECT(rc == 1 && strstr(out, "over2.csv:3: project 'X3'") && strstr(out, "stack S1") &&
            strstr(out, "remove 900 t/yr but only 876 t/yr"));
  /* a bad row */
  put("bad.csv", "id,name,industry,location,NOX_t_yr,NMVOC_t_yr,CO_t_yr,SO2_t_yr,NH3_t_yr,completion\n"
                 "B1,ok,coating,city:Chengdu,,1,,,,2022-03-01\nB2,bad,coating,104.07,,1,,,,2022-03-01\n");
  put("bad.ini", "[scenarios]\nbaseline = case/run.ini\n[measure m]\ntype = projects\nprojects = bad.csv\n[scenario s]\nmeasures = m\n");
  rc = check("bad.ini", out, sizeof out);
  printf("%s", out);
  TF_EXPECT(rc == 1 && strstr(out, "bad.csv:3:4: column 'location'") && strstr(out, "found '104.07'"));
  /* a city name misspelt: did you mean */
  put("city.ini", "[scenarios]\nbaseline = case/run.ini\n[measure m]\ntype = scale\nfactor = 0.5\nregion = Chengdo\n[scenario s]\nmeasures = m\n");
  rc = check("city.ini", out, sizeof out);
  printf("%s", out);
  TF_EXPECT(rc == 1 && strstr(out, "city.ini:6: [measure m] region:") && strstr(out, "(did you mean 'Chengdu'?)"));
  free(buf);
  free(reg);
  return tf_test_exit();
}

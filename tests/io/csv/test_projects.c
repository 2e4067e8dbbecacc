/* test_projects.c — the industries table and project lists (io/csv/projects.h): the shipped
 * configs/scenarios/industries.csv (14 classes, sectors of the built-in inventory) and the
 * illustrative list read cleanly; a good list is read into the struct exactly; every kind of
 * bad row is refused with "<file>:<line>:<column>: column '<name>': expected ..., found ...". */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "io/csv/projects.h"
#include "model/core/tf_time.h"
#include "tf_test.h"

static const char *header = "id,name,industry,location,NOX_t_yr,NMVOC_t_yr,CO_t_yr,SO2_t_yr,NH3_t_yr,completion,cost_10k_cny\n";

static void write_file(const char *name, const char *a, const char *b)
{
  FILE *f = fopen(name, "w");
  if (f) { fputs(a, f); fputs(b, f); fclose(f); }
}

static void expect_bad(const csv_industry *ind, int nind, const char *rows, const char *frag1, const char *frag2)
{
  tf_err err = {0};
  csv_project *p = NULL;
  int n = 0;
  write_file("bad_projects.csv", header, rows);
  int rc = csv_read_projects("bad_projects.csv", ind, nind, &p, &n, &err);
  TF_EXPECT_MSG(rc != TF_OK, "should be refused: %s", rows);
  TF_EXPECT_MSG(strstr(err.msg, frag1) != NULL, "message '%s' lacks '%s'", err.msg, frag1);
  if (frag2) TF_EXPECT_MSG(strstr(err.msg, frag2) != NULL, "message '%s' lacks '%s'", err.msg, frag2);
  printf("  refused: %s\n", err.msg);
  free(p);
}

int main(void)
{
  tf_err err = {0};
  char path[1024];
  csv_industry *ind = NULL;
  int nind = 0;
  tf_source_path("configs/scenarios/industries.csv", path, sizeof path);
  TF_EXPECT_MSG(csv_read_industries(path, &ind, &nind, &err) == TF_OK, "%s", err.msg);
  TF_EXPECT(nind == 14);
  static const char *const sectors[] = {"power", "industry", "solvent", "transport", "residential", "agriculture"};
  for (int i = 0; i < nind; i++)
    for (int k = 0; k < ind[i].nsector; k++) {
      int ok = 0;
      for (int s = 0; s < 6; s++) ok |= !strcmp(ind[i].sector[k], sectors[s]);
      TF_EXPECT_MSG(ok, "industry %s: sector '%s' is not a built-in inventory sector", ind[i].id, ind[i].sector[k]);
    }
  int ich = csv_industry_find(ind, nind, "chemical");
  TF_EXPECT(ich >= 0 && ind[ich].nsector == 2 && !strcmp(ind[ich].point_ind[0], "chemical"));

  /* the shipped illustrative list */
  csv_project *p = NULL;
  int n = 0;
  tf_source_path("configs/scenarios/projects_illustrative.csv", path, sizeof path);
  TF_EXPECT_MSG(csv_read_projects(path, ind, nind, &p, &n, &err) == TF_OK, "%s", err.msg);
  tf_check("illustrative_list_projects", n, 1557, 0);
  int used[14] = {0}, nloc[3] = {0};
  for (int k = 0; k < n; k++) { used[p[k].industry]++; nloc[p[k].loc]++; }
  int all = 1;
  for (int i = 0; i < nind; i++) all &= used[i] > 0;
  TF_EXPECT(all);                                    /* every class has projects */
  TF_EXPECT(nloc[PRJ_LOC_LONLAT] > 0 && nloc[PRJ_LOC_CITY] > 0 && nloc[PRJ_LOC_STACK] > 0);
  free(p);

  /* a good list, read exactly */
  write_file("projects.csv", header,
             "# comment\n"
             "A1,\"Chengdu coating, line 2\",coating,city:Chengdu,,12.5,,,,2022-09-30,88\n"
             "A2,kiln,cement_building,stack:SC-CEM-01,40,0,1.5,20,0,2022-12-31,\n"
             "A3,buses,heavy_vehicles,104.07 30.67,3,0.5,0,0,0,2022-01-01,5\n");
  TF_EXPECT_MSG(csv_read_projects("projects.csv", ind, nind, &p, &n, &err) == TF_OK, "%s", err.msg);
  TF_EXPECT(n == 3);
  if (n == 3) {
    double t;
    tf_time_parse("2022-09-30T00:00:00+08:00", &t, &err);
    TF_EXPECT(!strcmp(p[0].name, "Chengdu coating, line 2") && p[0].loc == PRJ_LOC_CITY && !strcmp(p[0].where, "Chengdu"));
    TF_EXPECT(p[0].t_yr[1] == 12.5 && p[0].t_yr[0] == 0.0 && p[0].completion_s == t && p[0].cost == 88 && p[0].line == 3);
    TF_EXPECT(p[1].loc == PRJ_LOC_STACK && !strcmp(p[1].where, "SC-CEM-01") && isnan(p[1].cost) && p[1].t_yr[3] == 20);
    TF_EXPECT(p[2].loc == PRJ_LOC_LONLAT && p[2].lon == 104.07 && p[2].lat == 30.67);
  }
  free(p);

  /* bad rows: file:line:column, the column, expected vs found */
  expect_bad(ind, nind, "A1,x,coatng,city:Chengdu,,1,,,,2022-09-30,\n",
             "bad_projects.csv:2:3: column 'industry': expected an industry", "(did you mean 'coating'?), found 'coatng'");
  expect_bad(ind, nind, "A1,x,coating,Chengdu,,1,,,,2022-09-30,\n",
             "bad_projects.csv:2:4: column 'location': expected a location 'LON LAT'", "found 'Chengdu'");
  expect_bad(ind, nind, "A1,x,coating,30.67 204.07,,1,,,,2022-09-30,\n", "bad_projects.csv:2:4:", "order: LON LAT");
  expect_bad(ind, nind, "A1,x,coating,city:Chengdu,,-1,,,,2022-09-30,\n",
             "bad_projects.csv:2:6: column 'NMVOC_t_yr': expected tonnes per year >= 0, found '-1'", NULL);
  expect_bad(ind, nind, "A1,x,coating,city:Chengdu,,lots,,,,2022-09-30,\n", "bad_projects.csv:2:6: column 'NMVOC_t_yr'", "'lots'");
  expect_bad(ind, nind, "A1,x,coating,city:Chengdu,0,0,0,0,0,2022-09-30,\n", "bad_projects.csv:2:5:", "at least one reduction > 0");
  expect_bad(ind, nind, "A1,x,coating,city:Chengdu,,1,,,,2022-09-31,\n",
             "bad_projects.csv:2:10: column 'completion': expected a completion day YYYY-MM-DD, found '2022-09-31'", NULL);
  expect_bad(ind, nind, "A1,x,coating,city:Chengdu,,1,,,,2022-09-30,-5\n", "bad_projects.csv:2:11: column 'cost_10k_cny'", NULL);
  expect_bad(ind, nind, "A1,x,coating,city:Chengdu,,1,,,,2022-09-30,\n# c\nA1,y,coating,city:Chengdu,,1,,,,2022-09-30,\n",
             "bad_projects.csv:4:1: column 'id': project id 'A1' used twice (first at line 2)", NULL);
  expect_bad(ind, nind, "A1,x,coating,city:Chengdu,,1,,,,2022-09-30\n", "bad_projects.csv:2", "field");
  free(ind);
  return tf_test_exit();
}

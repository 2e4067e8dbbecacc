/* test_csv.c — the CSV reader: header mapping, quotes, comments, and error messages that
 * name file:line:column, the column and what was expected vs found; the table readers on
 * the shipped configs, a points file in the README (Input formats) format, and configs/sichuan/cities.csv. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "io/csv/csv.h"
#include "io/csv/tables.h"
#include "tf_test.h"

static int write_file(const char *path, const char *text)
{
  FILE *f = fopen(path, "w");
  if (!f) return 1;
  fputs(text, f);
  return fclose(f) != 0;
}

int main(void)
{
  tf_err err = {0};
  csv_table *t = NULL;

  /* parsing: comments, blanks, CRLF, quotes with commas and "" */
  const char *txt = "# comment\n\n a , b ,\"c, d\"\r\n1, 2.5 ,\"x \"\"y\"\"\"\n# mid comment\n3,-4e2,\n";
  TF_EXPECT(csv_parse(txt, "mem.csv", &t, &err) == TF_OK);
  if (t) {
    TF_EXPECT(t->ncol == 3 && t->nrow == 2);
    TF_EXPECT(strcmp(t->header[2], "c, d") == 0);
    TF_EXPECT(csv_col(t, "b") == 1 && csv_col(t, "zz") == -1);
    TF_EXPECT(strcmp(csv_str(t, 0, 2), "x \"y\"") == 0);
    TF_EXPECT(strcmp(csv_str(t, 1, 2), "") == 0);
    TF_EXPECT(t->line[0] == 4 && t->line[1] == 6);
    double v;
    TF_EXPECT(csv_double(t, 1, 1, &v, &err) == TF_OK && v == -400.0);
    /* error message: file:line:column, column name, expected, found */
    TF_EXPECT(csv_double(t, 0, 2, &v, &err) == TF_EFORMAT);
    TF_EXPECT_MSG(strstr(err.msg, "mem.csv:4:3:") && strstr(err.msg, "'c, d'") &&
                  strstr(err.msg, "expected a number") && strstr(err.msg, "x \"y\""), "%s", err.msg);
    int iv;
    TF_EXPECT(csv_int(t, 0, 1, &iv, &err) == TF_EFORMAT && strstr(err.msg, "mem.csv:4:2:"));
    const char *need[] = {"a", "missing_col"};
    int idx[2];
    TF_EXPECT(csv_require_cols(t, 2, need, idx, &err) == TF_EFORMAT && strstr(err.msg, "missing_col"));
    csv_destroy(&t);
    TF_EXPECT(t == NULL);
  }
  /* wrong field count names the line */
  TF_EXPECT(csv_parse("a,b\n1,2\n1,2,3\n", "f.csv", &t, &err) == TF_EFORMAT);
  TF_EXPECT_MSG(strstr(err.msg, "f.csv:3:") && strstr(err.msg, "expected 2 fields") && strstr(err.msg, "found 3"), "%s", err.msg);
  TF_EXPECT(csv_parse("a,b\n\"open,2\n", "q.csv", &t, &err) == TF_EFORMAT && strstr(err.msg, "q.csv:2:1: unterminated"));
  TF_EXPECT(csv_parse("# only comments\n", "e.csv", &t, &err) == TF_EFORMAT && strstr(err.msg, "no header"));
  TF_EXPECT(csv_read("/nonexistent/x.csv", &t, &err) == TF_EIO && strstr(err.msg, "/nonexistent/x.csv"));

  /* table readers on the shipped configs */
  char path[1024];
  dep_species_props *props;
  int np;
  tf_source_path("configs/mechanisms/cb05/species.csv", path, sizeof path);
  TF_EXPECT(csv_read_species_props(path, &props, &np, &err) == TF_OK);
  TF_EXPECT(np > 40);
  free(props);
  emis_speciation sp;
  tf_source_path("configs/mechanisms/cb05/speciation.csv", path, sizeof path);
  TF_EXPECT(csv_read_speciation(path, &sp, &err) == TF_OK && sp.n > 50);
  csv_speciation_free(&sp);
  bc_profiles bp;
  tf_source_path("configs/mechanisms/cb05/boundary_profiles.csv", path, sizeof path);
  TF_EXPECT(csv_read_bc_profiles(path, &bp, &err) == TF_OK && bp.n > 100);
  csv_bc_profiles_free(&bp);

  /* points file in the README (Input formats) format, and a bad value */
  char dir[1024], pfile[1100];
  tf_tmp_dir("test_csv", dir, sizeof dir);
  snprintf(pfile, sizeof pfile, "%s/points.csv", dir);
  const char *hdr = "id,name,industry,sector,lat,lon,stack_height_m,stack_diameter_m,exit_velocity_ms,"
                    "exit_temp_k,NOX_kgh,NMVOC_kgh,CO_kgh,SO2_kgh,NH3_kgh\n";
  char buf[2048];
  snprintf(buf, sizeof buf, "# test points\n%sP1,\"Plant, one\",coal power,power,30.5,104.1,180,7,20,410,"
           "600,12,90,800,0\nP2,Cement,cement,industry,29.9,105.2,80,3,12,380,150,30,200,120,1\n", hdr);
  TF_EXPECT(write_file(pfile, buf) == 0);
  emis_point *pts;
  int npt;
  TF_EXPECT(csv_read_points(pfile, &pts, &npt, &err) == TF_OK);
  if (npt == 2) {
    TF_EXPECT(strcmp(pts[0].name, "Plant, one") == 0 && strcmp(pts[1].sector, "industry") == 0);
    TF_EXPECT(pts[0].rate_kgh[EMIS_NOX] == 600 && pts[0].rate_kgh[EMIS_SO2] == 800 && pts[1].rate_kgh[EMIS_NH3] == 1);
    TF_EXPECT(pts[0].exit_temp_k == 410 && pts[1].stack_height_m == 80);
    free(pts);
  }
  snprintf(buf, sizeof buf, "%sP1,A,x,power,30.5,104.1,180,7,20,41O,600,12,90,800,0\n", hdr);
  TF_EXPECT(write_file(pfile, buf) == 0);
  TF_EXPECT(csv_read_points(pfile, &pts, &npt, &err) == TF_EFORMAT);
  TF_EXPECT_MSG(strstr(err.msg, "points.csv:2:10:") && strstr(err.msg, "exit_temp_k") && strstr(err.msg, "41O"), "%s", err.msg);
  snprintf(buf, sizeof buf, "%sP1,A,x,power,30.5,104.1,180,7,20,50,600,12,90,800,0\n", hdr);
  TF_EXPECT(write_file(pfile, buf) == 0);
  TF_EXPECT(csv_read_points(pfile, &pts, &npt, &err) == TF_EINVAL && strstr(err.msg, "[200, 2000]"));

  /* cities: the run-time list of the built-in case */
  char cpath[1024];
  tf_source_path("configs/sichuan/cities.csv", cpath, sizeof cpath);
  csv_city *cities;
  int nc;
  TF_EXPECT(csv_read_cities(cpath, &cities, &nc, &err) == TF_OK);
  int found = 0;
  for (int i = 0; i < nc; i++)
    if (strcmp(cities[i].name, "Chengdu") == 0) {
      found = 1;
      tf_check("cities_chengdu_lat", cities[i].lat, 30.67, 1e-9);
      tf_check("cities_chengdu_pop2020", cities[i].population, 20937757, 0.5);
    }
  TF_EXPECT(found);
  if (nc) free(cities);
  return tf_test_exit();
}

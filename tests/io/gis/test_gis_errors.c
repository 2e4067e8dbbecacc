/* test_gis_errors.c — every refusal of io/gis/tfgis_region names the file and the thing:
 * missing file, a file that is not a vector file, a missing attribute field (the fields are
 * listed), an unknown value (did-you-mean from the shipped prefecture names), a
 * self-intersecting polygon (feature index, value, GEOS's reason), a non-polygon geometry,
 * a region with no part inside the grid domain, and NULL arguments (no crash). GDAL prints
 * nothing itself: its messages are in the tf_err text. */
#include "tf_test.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "gis_test_util.h"
#include "io/gis/tfgis_region.h"

/* open must fail and the message contain every NULL-terminated fragment. */
static void expect_open_error(const char *path, const char *field, const char *value, ...)
{
  tf_err err;
  tf_err_clear(&err);
  tfgis_region *r = tfgis_region_open(path, field, value, &err);
  TF_EXPECT(r == NULL);
  TF_EXPECT(err.code != TF_OK);
  tfgis_region_destroy(&r);
  printf("  refused: %s\n", err.msg);
  va_list ap;
  va_start(ap, value);
  const char *frag;
  while ((frag = va_arg(ap, const char *)))
    TF_EXPECT_MSG(strstr(err.msg, frag) != NULL, "message lacks '%s': %s", frag, err.msg);
  va_end(ap);
}

int main(void)
{
  char dir[1024], absent[1200], text[1200], bad[1200], pts[1200], far[1200], pref[1200];
  tf_tmp_dir("test_gis_errors", dir, sizeof dir);
  snprintf(absent, sizeof absent, "%s/absent.geojson", dir);
  snprintf(text, sizeof text, "%s/not_vector.geojson", dir);
  snprintf(bad, sizeof bad, "%s/bowtie.geojson", dir);
  snprintf(pts, sizeof pts, "%s/points.geojson", dir);
  snprintf(far, sizeof far, "%s/far.geojson", dir);
  tf_source_path("configs/regions/sichuan_chongqing_prefectures.geojson", pref, sizeof pref);
  tf_grid *g = gis_test_grid(16, 12, 1, 12000.0);
  TF_EXPECT(g != NULL);
  if (!g) return tf_test_exit();

  /* missing file; a text file */
  remove(absent);
  expect_open_error(absent, "name", "x", absent, "file not found", (char *)NULL);
  FILE *fp = fopen(text, "w");
  if (fp) { fputs("this is not a vector file\n", fp); fclose(fp); }
  expect_open_error(text, "name", "x", text, "not a vector file", (char *)NULL);

  /* missing field: the fields that exist are listed */
  expect_open_error(pref, "nmae", "Chengdu", pref, "layer 'sichuan_chongqing_prefectures'",
                    "no attribute field 'nmae'", "'name'", "'name_zh'", "'adcode'", (char *)NULL);
  /* unknown value: did you mean */
  expect_open_error(pref, "name", "Chengdou", pref, "no feature with name = 'Chengdou'",
                    "did you mean 'Chengdu'", (char *)NULL);
  expect_open_error(pref, "name", "Aba", pref, "did you mean", "'Ngawa (Aba) Tibetan and Qiang AP'", (char *)NULL);
  expect_open_error(pref, "name", "Xyzzy-Nowhere", pref, "no feature with name = 'Xyzzy-Nowhere'", "22 values",
                    (char *)NULL);
  /* a value without a field */
  expect_open_error(pref, NULL, "Chengdu", pref, "needs a field", (char *)NULL);

  /* self-intersecting ring (a bow tie) as feature 1 */
  const char *bn[] = {"fine", "bowtie"};
  const char *bw[] = {"POLYGON((1 1, 3 1, 3 3, 1 3, 1 1))", "POLYGON((5 5, 8 8, 8 5, 5 8, 5 5))"};
  TF_EXPECT(gis_write_layer(bad, "GeoJSON", &g->proj, 2, bn, bw) == 0);
  expect_open_error(bad, "name", "bowtie", bad, "layer 'regions'", "feature 1 (name='bowtie')", "invalid polygon",
                    "Self-intersection", "refused", "ogr2ogr -makevalid", (char *)NULL);
  /* all features: the bad one is found too */
  expect_open_error(bad, NULL, NULL, bad, "feature 1", "invalid polygon", (char *)NULL);
  /* the valid neighbour opens */
  tf_err err;
  tfgis_region *ok = tfgis_region_open(bad, "name", "fine", &err);
  TF_EXPECT_MSG(ok != NULL, "%s", err.msg);
  tfgis_region_destroy(&ok);

  /* a point instead of a polygon */
  const char *pn[] = {"stack"};
  const char *pw[] = {"POINT(4 4)"};
  TF_EXPECT(gis_write_layer(pts, "GeoJSON", &g->proj, 1, pn, pw) == 0);
  expect_open_error(pts, "name", "stack", pts, "feature 0 (name='stack')", "geometry is POINT", "expected Polygon",
                    (char *)NULL);

  /* a polygon far from the domain (around 0 E, 50 N): open works, fraction says why not */
  const char *fn[] = {"greenwich"};
  const char *fw[] = {"POLYGON((-1 49, 1 49, 1 51, -1 51, -1 49))"};
  TF_EXPECT(gis_write_layer(far, "GeoJSON", NULL, 1, fn, fw) == 0);
  tfgis_region *r = tfgis_region_open(far, "name", "greenwich", &err);
  TF_EXPECT_MSG(r != NULL, "%s", err.msg);
  if (r) {
    double *f = calloc(g->n2, sizeof *f);
    tf_err_clear(&err);
    TF_EXPECT(tfgis_region_fraction(r, g, f, &err) == TF_EINVAL);
    printf("  refused: %s\n", err.msg);
    TF_EXPECT(strstr(err.msg, "far.geojson") != NULL);
    TF_EXPECT(strstr(err.msg, "name='greenwich'") != NULL);
    TF_EXPECT(strstr(err.msg, "no part of it lies inside the grid domain") != NULL);
    TF_EXPECT(tfgis_region_contains(r, 104.0, 30.0) == 0);
    TF_EXPECT(tfgis_region_contains(r, 0.0, 50.0) == 1);
    free(f);
    tfgis_region_destroy(&r);
  }

  /* listing values: the shipped file; a missing field lists the fields */
  char **vals = NULL;
  int nv = 0;
  TF_EXPECT(tfgis_list_values(pref, "short_name", &vals, &nv, &err) == TF_OK);
  TF_EXPECT(nv == 22);
  int has_aba = 0;
  for (int k = 0; k < nv; k++) has_aba |= !strcmp(vals[k], "Aba");
  TF_EXPECT(has_aba);
  tfgis_free_values(&vals);
  TF_EXPECT(vals == NULL);
  TF_EXPECT(tfgis_list_values(pref, "city", &vals, &nv, &err) == TF_EINVAL);
  TF_EXPECT(strstr(err.msg, "no attribute field 'city'") && strstr(err.msg, "'short_name'"));
  TF_EXPECT(tfgis_list_values(absent, "name", &vals, &nv, &err) == TF_EIO && vals == NULL);

  /* NULL arguments: errors, no crash */
  TF_EXPECT(tfgis_region_open(NULL, "name", "x", &err) == NULL);
  TF_EXPECT(tfgis_region_fraction(NULL, g, NULL, &err) == TF_EINVAL);
  TF_EXPECT(tfgis_region_contains(NULL, 104.0, 30.0) == 0);
  TF_EXPECT(tfgis_region_area_m2(NULL, g) < 0.0);
  tfgis_region_destroy(NULL);
  grid_destroy(&g);
  return tf_test_exit();
}

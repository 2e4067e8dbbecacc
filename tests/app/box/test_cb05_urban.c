/* test_cb05_urban.c — CB05 urban box at Chengdu over three August days (chengdu_urban.ini:
 * clear-sky solar photolysis, constant urban emissions, exchange with background air on a
 * 12-h time scale).
 *
 * Expected behaviour (references): surface O3 in polluted summer boundary layers peaks in
 * the early-to-mid afternoon, 13-16 h local time, and is titrated by fresh NO at night
 * (Seinfeld & Pandis 2016, Atmospheric Chemistry and Physics, 3rd ed., ch. 6; for Chengdu
 * the summer O3 diurnal maximum is at 14-16 h Beijing time, Tan et al. 2018, Sci. Total
 * Environ. 636, 775). Checks: day-2 and day-3 O3 maxima between 12 and 17 h Beijing time;
 * night (00-06 h) minimum at least 20 ppb below the afternoon maximum.
 * Isopleth signs (Sillman 1999, Atmos. Environ. 33, 1821; EKMA diagrams): where NOx is
 * high (VOC-limited) O3 rises with VOC emissions and falls with NOx; where NOx is low
 * (NOx-limited) O3 rises with NOx. Measured on the day-3 O3 maximum. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "tf_test.h"
#include "box.h"

#define NH 72
static const char *nox[] = {"NO", "NO2"};
static const char *voc[] = {"PAR", "OLE", "ETH", "IOLE", "TOL", "XYL", "FORM", "ALD2", "ALDX", "ISOP"};

/* Run 72 h; fill o3[h] (ppb) at the end of each hour. */
static int run(box_model *b, const double *emis0, double fnox, double fvoc, double *o3)
{
  tf_err err;
  tf_err_clear(&err);
  memcpy(b->emis, emis0, (size_t)b->nspec * sizeof *emis0);
  for (size_t k = 0; k < sizeof nox / sizeof *nox; k++) b->emis[chem_mech_find(b->mech, nox[k])] *= fnox;
  for (size_t k = 0; k < sizeof voc / sizeof *voc; k++) {
    int i = chem_mech_find(b->mech, voc[k]);
    if (i >= 0) b->emis[i] *= fvoc;
  }
  box_work w;
  if (box_work_init(b, 1, &w, &err)) return 1;
  double *c = malloc((size_t)b->nspec * sizeof *c);
  memcpy(c, b->conc0, (size_t)b->nspec * sizeof *c);
  int io3 = chem_mech_find(b->mech, "O3"), rc = 0;
  double h = box_substep(b, 3600.0);
  for (int hr = 0; hr < NH && !rc; hr++) {
    for (double t = 0; t < 3600.0 - 1e-6 && !rc; t += h) rc = box_step(b, &w, c, 1, hr * 3600.0 + t, h, &err);
    o3[hr] = c[io3] / b->unit_factor;
  }
  if (rc) fprintf(stderr, "integration failed: %s\n", err.msg);
  free(c);
  box_work_free(&w);
  return rc;
}

static double day_max(const double *o3, int day, int *hour)
{
  double mx = -1;
  for (int h = 0; h < 24; h++)
    if (o3[day * 24 + h] > mx) { mx = o3[day * 24 + h]; *hour = h; }
  return mx;
}

int main(int argc, char **argv)
{
  char path[1024];
  if (argc > 1) snprintf(path, sizeof path, "%s", argv[1]);
  else tf_source_path("tests/app/box/chengdu_urban.ini", path, sizeof path);
  tf_err err;
  tf_err_clear(&err);
  box_model *b = NULL;
  b = box_create(path, &err);
  int rc = b ? TF_OK : err.code;
  TF_EXPECT_MSG(rc == TF_OK, "%s", err.msg);
  if (rc) return tf_test_exit();
  b->dilution_per_s = 1.0 / (12 * 3600.0);
  double *emis0 = malloc((size_t)b->nspec * sizeof *emis0);
  memcpy(emis0, b->emis, (size_t)b->nspec * sizeof *emis0);
  /* Output rows are the END of hour h (start 00:00 Beijing), i.e. local time h+1. */
  double o3[NH];
  TF_EXPECT(run(b, emis0, 1.0, 1.0, o3) == 0);
  for (int d = 0; d < 3; d++) {
    printf("day %d O3 (ppb, hourly, Beijing 01..24):", d + 1);
    for (int h = 0; h < 24; h++) printf(" %.0f", o3[d * 24 + h]);
    printf("\n");
  }
  for (int d = 1; d < 3; d++) {
    int hmax = 0;
    double mx = day_max(o3, d, &hmax);
    double mn = 1e30;
    for (int h = 0; h < 6; h++) mn = fmin(mn, o3[d * 24 + h]);
    char name[64];
    snprintf(name, sizeof name, "day%d_o3_peak_hour_beijing_ge", d + 1);
    tf_check_ge(name, hmax + 1, 12);
    snprintf(name, sizeof name, "day%d_o3_peak_hour_beijing_le", d + 1);
    tf_check_le(name, hmax + 1, 17);
    snprintf(name, sizeof name, "day%d_o3_max_minus_night_min_ppb", d + 1);
    tf_check_ge(name, mx - mn, 20.0);
  }
  /* Isopleth sweep on the day-3 maximum. */
  int hh = 0;
  double base[NH], s[NH];
  TF_EXPECT(run(b, emis0, 1.0, 1.0, base) == 0);
  double o_base = day_max(base, 2, &hh);
  TF_EXPECT(run(b, emis0, 1.0, 1.5, s) == 0);
  double o_voc = day_max(s, 2, &hh);
  TF_EXPECT(run(b, emis0, 1.5, 1.0, s) == 0);
  double o_nox = day_max(s, 2, &hh);
  TF_EXPECT(run(b, emis0, 0.1, 1.0, s) == 0);
  double o_low = day_max(s, 2, &hh);
  TF_EXPECT(run(b, emis0, 0.15, 1.0, s) == 0);
  double o_low_nox = day_max(s, 2, &hh);
  printf("day-3 max O3: base %.1f, VOC x1.5 %.1f, NOx x1.5 %.1f, NOx x0.1 %.1f, NOx x0.15 %.1f ppb\n",
         o_base, o_voc, o_nox, o_low, o_low_nox);
  tf_check_ge("highNOx_dO3_dVOC_ppb", o_voc - o_base, 0.5);
  tf_check_le("highNOx_dO3_dNOx_ppb", o_nox - o_base, -0.5);
  tf_check_ge("lowNOx_dO3_dNOx_ppb", o_low_nox - o_low, 0.5);
  free(emis0);
  box_destroy(&b);
  return tf_test_exit();
}

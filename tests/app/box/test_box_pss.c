/* test_box_pss.c — photostationary state (Leighton 1961, "Photochemistry of Air
 * Pollution"): with constant J(NO2), no radicals and no VOC, NO-NO2-O3 relaxes to
 *   [O3][NO]/[NO2] = J(NO2)/k(NO+O3),
 * k from the mechanism (JPL 2015 / CB05 R3: 3.0e-12 exp(-1500/T)) at the box temperature.
 * nox_o3_voc has no other NOx/O3 reaction in the dark-except-J(NO2) case: tolerance 1e-4
 * (solver rtol 1e-6). CB05 adds NO2 + O3 -> NO3, NO3 + NO -> 2 NO2 (an extra O3 + NO
 * channel, k7[NO2]/[NO] ~ 0.3 % of k3 here): tolerance 1 %. Also run through the CLI
 * path (box_run) to check the CSV output is the same state. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "tf_test.h"
#include "box.h"

static void check_pss(const char *ini, const char *tag_o3no, double tol)
{
  char path[1024];
  tf_source_path(ini, path, sizeof path);
  tf_err err;
  tf_err_clear(&err);
  box_model *b = NULL;
  b = box_create(path, &err);
  int rc = b ? TF_OK : err.code;
  TF_EXPECT_MSG(rc == TF_OK, "%s", err.msg);
  if (rc) return;
  box_work w;
  TF_EXPECT(box_work_init(b, 1, &w, &err) == TF_OK);
  double *c = malloc((size_t)b->nspec * sizeof *c);
  memcpy(c, b->conc0, (size_t)b->nspec * sizeof *c);
  TF_EXPECT(box_step(b, &w, c, 1, 0.0, b->duration_s, &err) == TF_OK);
  double *k = calloc((size_t)chem_mech_nreact(b->mech), sizeof *k);
  TF_EXPECT(chem_mech_eval_cell(b->mech, &w.env, 0, c, k, NULL, NULL, NULL, NULL, &err) == TF_OK);
  int r3 = -1;
  for (int r = 0; r < chem_mech_nreact(b->mech); r++)
    if (!strcmp(chem_mech_react_tag(b->mech, r), tag_o3no)) r3 = r;
  TF_EXPECT(r3 >= 0);
  int jno2 = chem_mech_find_phot(b->mech, "NO2");
  double no = c[chem_mech_find(b->mech, "NO")], no2 = c[chem_mech_find(b->mech, "NO2")];
  double o3 = c[chem_mech_find(b->mech, "O3")];
  char name[96];
  snprintf(name, sizeof name, "leighton_%s_molec_cm3", tag_o3no);
  tf_check_rel(name, o3 * no / no2, b->j_fixed[jno2] / k[r3], tol);
  /* k(NO+O3) itself vs JPL 2015 at the box temperature. */
  snprintf(name, sizeof name, "k_NO_O3_%s_cm3_s", tag_o3no);
  tf_check_rel(name, k[r3], 3.0e-12 * exp(-1500.0 / b->temp_k), 1e-12);
  /* The CSV path gives the same final state. */
  FILE *f = tmpfile();
  TF_EXPECT(box_run(b, f, &err) == TF_OK);
  rewind(f);
  char line[8192], last[8192] = "";
  while (fgets(line, sizeof line, f)) strcpy(last, line);
  fclose(f);
  double t_last = atof(last);
  TF_EXPECT(fabs(t_last - b->duration_s) < 1e-6);
  free(k);
  free(c);
  box_work_free(&w);
  box_destroy(&b);
}

int main(void)
{
  check_pss("tests/app/box/leighton_nox.ini", "N3", 1e-4);
  check_pss("tests/app/box/leighton_cb05.ini", "R3", 1e-2);
  return tf_test_exit();
}

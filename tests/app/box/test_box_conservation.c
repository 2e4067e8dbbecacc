/* test_box_conservation.c — atom conservation in a closed box (no emissions, no
 * exchange): total N (CB05, nox_o3_voc) and total C (nox_o3_voc, which carries CO2) are
 * linear invariants of the ODE system (every reaction balances them: the loader's
 * #ATOMS check reports no imbalance), and Rosenbrock methods conserve linear invariants
 * to round-off (Sandu et al. 1997, Atmos. Environ. 31, 3459, sec. 2). So the relative
 * drift over three days must be round-off: <= 1e-10. The solver sets negative values to
 * zero after accepted steps (chem_stats.nclip), which adds mass of order sqrt(nvar) atol
 * per clip at most; the bound includes that term and the test prints the clip count.
 * Atom counts come from the mechanism compositions (io/kpp chem_desc). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "tf_test.h"
#include "box.h"
#include "io/kpp/kpp_parse.h"

static void atoms(const char *mech_path, const char *atom, int nspec, double *count)
{
  chem_desc *d = NULL;
  tf_err err;
  tf_err_clear(&err);
  memset(count, 0, (size_t)nspec * sizeof *count);
  if (kpp_load(mech_path, &d, &err)) return;
  for (int i = 0; i < d->nspec && i < nspec; i++)
    for (int k = 0; k < d->spec[i].ncomp; k++)
      if (!strcmp(d->atom[d->spec[i].comp_atom[k]], atom)) count[i] += d->spec[i].comp_count[k];
  chem_desc_destroy(&d);
}

static void run(const char *ini, int zero_emis, const char *const *atom, int natom)
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
  if (zero_emis) { memset(b->emis, 0, (size_t)b->nspec * sizeof *b->emis); b->has_emis = 0; }
  box_work w;
  TF_EXPECT(box_work_init(b, 1, &w, &err) == TF_OK);
  double *c = malloc((size_t)b->nspec * sizeof *c), *cnt = malloc((size_t)(2 * b->nspec) * sizeof *cnt);
  memcpy(c, b->conc0, (size_t)b->nspec * sizeof *c);
  double tot0[2] = {0}, drift[2] = {0};
  for (int a = 0; a < natom; a++) {
    atoms(b->mech_path, atom[a], b->nspec, cnt + a * b->nspec);
    for (int i = 0; i < b->nspec; i++) if (!chem_mech_is_fixed(b->mech, i)) tot0[a] += cnt[a * b->nspec + i] * c[i];
  }
  double h = box_substep(b, 3600.0);
  for (int hr = 0; hr < (int)(b->duration_s / 3600.0) && !rc; hr++) {
    for (double t = 0; t < 3600.0 - 1e-6 && !rc; t += h) rc = box_step(b, &w, c, 1, hr * 3600.0 + t, h, &err);
    for (int a = 0; a < natom; a++) {
      double tot = 0;
      for (int i = 0; i < b->nspec; i++) if (!chem_mech_is_fixed(b->mech, i)) tot += cnt[a * b->nspec + i] * c[i];
      drift[a] = fmax(drift[a], fabs(tot - tot0[a]) / tot0[a]);
    }
  }
  TF_EXPECT_MSG(rc == TF_OK, "%s", err.msg);
  printf("%s: %ld steps, %ld clipped values\n", ini, b->stats.naccept, b->stats.nclip);
  for (int a = 0; a < natom; a++) {
    char name[128];
    const char *base = strrchr(ini, '/');
    snprintf(name, sizeof name, "total_%s_rel_drift_3days_%s", atom[a], base ? base + 1 : ini);
    TF_EXPECT(tot0[a] > 0);
    /* Round-off bound 1e-10, plus what clipping can add. The solver accepts a step when
     * the RMS over the nvar variable species of err_i / (atol + rtol |y_i|) is <= 1
     * (KPP's error norm), so one component near zero can be off by up to sqrt(nvar) atol;
     * a clipped value was such a small negative number. Times the largest atom count per
     * molecule (2, N2O5). */
    double atol_abs = b->opts.atol * (b->opts.atol_mixing_ratio ? b->m : 1.0);
    double clip_bound = 2.0 * sqrt((double)chem_mech_nvar(b->mech)) * (double)b->stats.nclip * atol_abs / tot0[a];
    printf("  %s: drift %.3g, of which clipping can explain up to %.3g\n", atom[a], drift[a], clip_bound);
    tf_check_le(name, drift[a], 1e-10 + clip_bound);
  }
  free(c);
  free(cnt);
  box_work_free(&w);
  box_destroy(&b);
}

int main(void)
{
  const char *nc[2] = {"N", "C"};
  run("tests/app/box/nox_closed.ini", 0, nc, 2);
  run("tests/app/box/chengdu_urban.ini", 1, nc, 1);
  return tf_test_exit();
}

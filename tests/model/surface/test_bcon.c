/* test_bcon.c — boundary/initial profiles: table reading, linear interpolation in height,
 * initial state and lateral halo fill. Reference: the profile table itself
 * (configs/mechanisms/cb05/boundary_profiles.csv: O3 35 ppb at 0 m, 45 ppb at 1500 m, 70 ppb at
 * 10 km, 150 ppb at 15 km), so O3 at 750 m must be the midpoint 40 ppb. */
#include <math.h>
#include <string.h>

#include "io/csv/tables.h"
#include "model/surface/bcon.h"
#include "surface_fixture.h"
#include "tf_test.h"

int main(void)
{
  tf_err err = {0};
  char path[1024];
  bc_profiles tab;
  tf_source_path("configs/mechanisms/cb05/boundary_profiles.csv", path, sizeof path);
  if (csv_read_bc_profiles(path, &tab, &err)) { fprintf(stderr, "%s\n", err.msg); return 1; }
  const char *names[] = {"O3", "CO", "OH", "NO2", "ETHA"};
  bcon_ctx *b = bcon_create(5, names, &tab, &err);
  TF_EXPECT(b != NULL);
  if (!b) return tf_test_exit();
  TF_EXPECT(bcon_nprofiled(b) == 4);  /* OH: radical, no profile -> 0 */
  tf_check("bc_O3_surface_ppb", bcon_value(b, 0, 0.0), 35.0, 1e-12);
  tf_check("bc_O3_750m_ppb", bcon_value(b, 0, 750.0), 40.0, 1e-12);
  tf_check("bc_O3_10km_ppb", bcon_value(b, 0, 10000.0), 70.0, 1e-12);
  tf_check("bc_O3_above_top_ppb", bcon_value(b, 0, 20000.0), 150.0, 1e-12);
  tf_check("bc_CO_surface_ppb", bcon_value(b, 1, 0.0), 120.0, 1e-12);
  TF_EXPECT(bcon_value(b, 2, 500.0) == 0.0);

  tf_grid *g = fixture_grid(4, 3, 5, TF_LU_DRY_CROP, &err);
  tf_met *m = g ? fixture_met(g, &err) : NULL;
  tf_state *s = m ? state_create(g, 5, names, &err) : NULL;
  TF_EXPECT(s != NULL);
  if (s) {
    bcon_init_state(b, m, s);
    size_t c = grid_idx3(g, 1, 1, 2);
    tf_check("ic_O3_layer3_ppb", state_spec(s, 0)[c], bcon_value(b, 0, m->zmid_m[c]), 1e-12);
    /* lateral fill touches only halo cells outside the domain */
    for (size_t n = 0; n < (size_t)s->nspec * g->n3; n++) s->c[n] = -1.0;
    bcon_fill_lateral(b, m, s);
    TF_EXPECT(state_spec(s, 0)[grid_idx3(g, 0, 0, 0)] == -1.0);
    TF_EXPECT(state_spec(s, 0)[grid_idx3(g, -1, 1, 0)] > 30.0);
    TF_EXPECT(state_spec(s, 1)[grid_idx3(g, g->nxo + 1, g->nyo + 1, 4)] > 100.0);
  }
  /* duplicate heights are rejected with the species named */
  bc_profile_row dup[] = {{"O3", 0, 30}, {"O3", 0, 31}};
  bc_profiles bad = {2, dup};
  bcon_ctx *b2 = bcon_create(5, names, &bad, &err);
  TF_EXPECT(b2 == NULL && strstr(err.msg, "O3"));
  state_destroy(&s);
  met_destroy(&m);
  grid_destroy(&g);
  bcon_destroy(&b);
  csv_bc_profiles_free(&tab);
  return tf_test_exit();
}

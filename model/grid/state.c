/* state.c — see state.h. */
#include "model/grid/state.h"
#include <stdlib.h>
#include <string.h>

tf_state *state_create(const tf_grid *g, int nspec, const char *const *names, tf_err *err)
{
  if (nspec < 1) {
    tf_err_set(err, TF_EINVAL, "state: need at least one species, got %d", nspec);
    return NULL;
  }
  tf_state *s = tf_calloc(1, sizeof *s, err);
  if (!s) return NULL;
  s->g = g;
  s->nspec = nspec;
  s->names = tf_calloc((size_t)nspec, sizeof *s->names, err);
  s->c = tf_calloc((size_t)nspec * g->n3, sizeof(double), err);
  if (!s->names || !s->c) {
    state_destroy(&s);
    return NULL;
  }
  for (int i = 0; i < nspec; i++) {
    if (strlen(names[i]) >= TF_SPEC_NAME_LEN) {
      tf_err_set(err, TF_EINVAL, "state: species name '%s' longer than %d characters", names[i],
                 TF_SPEC_NAME_LEN - 1);
      state_destroy(&s);
      return NULL;
    }
    strcpy(s->names[i], names[i]);
  }
  return s;
}

void state_destroy(tf_state **sp)
{
  if (!sp || !*sp) return;
  free((*sp)->names);
  free((*sp)->c);
  free(*sp);
  *sp = NULL;
}

int state_find(const tf_state *s, const char *name)
{
  for (int i = 0; i < s->nspec; i++)
    if (strcmp(s->names[i], name) == 0) return i;
  return -1;
}

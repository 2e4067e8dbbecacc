/* bulletin_maps.c — the bulletin's PNG maps and city series (io/plot). Until io/plot lands
 * the bulletin has no images: bd_draw leaves them NULL and the page omits those sections. */
#include "bulletin_doc.h"

int bd_draw(bd_doc *d, tf_err *err)
{
  (void)d, (void)err;
  return TF_OK;
}

/* Links two models compiled by `mint compile` into one program: each keeps
 * its symbols internal but <name>_run, so nothing clashes. Prints the sum
 * of each output. */
#include <stdio.h>
#include <stdlib.h>

#include "first.h"
#include "second.h"

int main(void) {
  float x[FIRST_X_ELEMENTS], y[FIRST_Y_ELEMENTS], sum[FIRST_SUM_ELEMENTS];
  float twice[SECOND_SUM_ELEMENTS];
  for (int i = 0; i < FIRST_X_ELEMENTS; ++i) {
    x[i] = (float)i - 3.0f;
    y[i] = 0.5f;
  }
  void *first = aligned_alloc(FIRST_WORKSPACE_ALIGNMENT,
                              FIRST_WORKSPACE_BYTES + FIRST_WORKSPACE_ALIGNMENT);
  void *second =
      aligned_alloc(SECOND_WORKSPACE_ALIGNMENT,
                    SECOND_WORKSPACE_BYTES + SECOND_WORKSPACE_ALIGNMENT);
  first_run(x, y, sum, first);
  for (int i = 0; i < FIRST_SUM_ELEMENTS; ++i)
    printf("%s%g", i ? " " : "first: ", sum[i]);
  second_run(sum, y, twice, second);
  for (int i = 0; i < SECOND_SUM_ELEMENTS; ++i)
    printf("%s%g", i ? " " : "\nsecond: ", twice[i]);
  printf("\n");
  free(first);
  free(second);
  return 0;
}

/* ics: to be written. */
#include "ics.h"

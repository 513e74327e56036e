/* The ABI is the header; this file gives the target a translation unit. */
#include "lb_domain.h"

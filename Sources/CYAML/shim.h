#ifndef LB_CYAML_SHIM_H
#define LB_CYAML_SHIM_H
// libyaml (Debian's libyaml-dev): the YAML parser spec files are read with.
#include <yaml.h>
#endif

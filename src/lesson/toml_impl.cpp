// toml++ is used header-only everywhere else; its implementation is compiled here once.
#define TOML_IMPLEMENTATION
#include <toml++/toml.h>

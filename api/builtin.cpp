// Registry::add_builtin lives apart so that only programs that call it link the built-in catalogue.
#include "optcheck/check.hpp"

namespace optcheck {

Registry& Registry::add_builtin() {
  catalogue_.append(optcheck::catalogue());
  return *this;
}

}  // namespace optcheck

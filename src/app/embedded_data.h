// The data files (data/kinds, data/models, data/vocabulary) as built into
// the program: its defaults, used where no data directory replaces them.
#ifndef QINGLIAN_APP_EMBEDDED_DATA_H_
#define QINGLIAN_APP_EMBEDDED_DATA_H_

#include <cstddef>
#include <string_view>

namespace qinglian {

struct EmbeddedFile {
  std::string_view path;  // relative to data/: "kinds/employees.json"
  std::string_view text;
};

extern const EmbeddedFile kEmbeddedData[];
extern const size_t kEmbeddedDataCount;

}  // namespace qinglian

#endif  // QINGLIAN_APP_EMBEDDED_DATA_H_

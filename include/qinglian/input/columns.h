// Which column holds which field of a record kind: headers in Chinese or
// English, recognised through the kind's aliases, plus the user's own
// --map 'HEADER=field'.
#ifndef QINGLIAN_INPUT_COLUMNS_H_
#define QINGLIAN_INPUT_COLUMNS_H_

#include <string>
#include <vector>

#include "qinglian/base/status.h"
#include "qinglian/core/record_kind.h"

namespace qinglian {

class ColumnMap {
 public:
  // Column index of field `f` (an index into the kind's fields), or -1 when
  // the file has none.
  int column(int f) const { return f >= 0 ? index_[static_cast<size_t>(f)] : -1; }
  bool has(int f) const { return column(f) >= 0; }
  // The header text of `f`'s column as it appears in the file; "" for none.
  const std::string& header(int f) const;
  size_t width() const { return headers_.size(); }

  // Maps the header row of a file of `kind`. `user_map` holds "HEADER=field"
  // entries that override the aliases; an entry naming a field the kind does
  // not have, or a header the file does not have, is meant for another input
  // and left alone here. Fails naming the first required field that no column
  // fills, and listing the columns found.
  static Result<ColumnMap> Build(const std::vector<std::string>& headers, const RecordKind& kind,
                                 const std::vector<std::string>& user_map);

 private:
  std::vector<int> index_;
  std::vector<std::string> headers_;
};

// Checks, once a command has read the header rows of all its inputs, that
// every --map entry's HEADER is one of `headers_seen` and its field one of
// `fields` (the fields of the kinds it read): a mapping that matched nothing
// (a typo, the wrong file) is an error naming it, not silently ignored.
Status CheckColumnMapUsed(const std::vector<std::string>& user_map,
                          const std::vector<std::string>& headers_seen,
                          const std::vector<std::string>& fields = {});

}  // namespace qinglian

#endif  // QINGLIAN_INPUT_COLUMNS_H_

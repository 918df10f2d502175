// The rejects file of check, run and the demo: rows are written as they
// come, Finish() makes sure every one of them is on disk, and the file
// appears whole, owner-only, at Commit(). Without a path it writes nothing.
#ifndef QINGLIAN_INPUT_REJECTS_FILE_H_
#define QINGLIAN_INPUT_REJECTS_FILE_H_

#include <optional>
#include <string>

#include "qinglian/base/output_file.h"
#include "qinglian/base/status.h"
#include "qinglian/input/loader.h"

namespace qinglian {

class RejectsFile {
 public:
  Status Open(const std::string& path);
  RejectSink sink();
  Status Finish();
  Status Commit();

 private:
  std::optional<OutputFile> file_;
};

}  // namespace qinglian

#endif  // QINGLIAN_INPUT_REJECTS_FILE_H_

// Every file qinglian writes (exports, rejects files, reports, the demo's
// files) goes through OutputFile: it appears whole under its name or not at
// all, it is readable by its owner only, and a failed write says why.
#ifndef QINGLIAN_BASE_OUTPUT_FILE_H_
#define QINGLIAN_BASE_OUTPUT_FILE_H_

#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "qinglian/base/status.h"

namespace qinglian {

// A file written whole or not at all. The bytes go to an unnamed file in the
// target's folder (O_TMPFILE): no other process can open it, and a process
// killed before Commit() leaves nothing behind. Where the file system has no
// unnamed files, a fresh name is created exclusively instead (O_EXCL: a link
// planted there is never followed). Either way the file is owner-only (0600)
// whatever the umask. Commit() puts it in place under its name, replacing
// what was there.
//
// A target that exists and is not a regular file (a terminal, a pipe,
// /dev/null) is written in place: there is nothing to replace.
class OutputFile {
 public:
  // Fails with "PATH: cannot create (reason)".
  static Result<OutputFile> Create(const std::string& path);
  OutputFile(OutputFile&&) noexcept;
  OutputFile& operator=(OutputFile&&) noexcept;
  ~OutputFile();  // without Commit(), the bytes are dropped

  const std::string& path() const;
  // Where the bytes go. Buffered: a failed write shows at Finish().
  std::ostream& stream();
  // A file name under which a library that opens its output itself
  // (libxlsxwriter) writes the pending file, instead of using stream().
  std::string temp_name() const;

  // Writes out and syncs everything written so far, still out of sight.
  // Fails with "PATH: reason" ("No space left on device") when any write
  // failed; the file is then never committed.
  Status Finish();
  // Finish(), then puts the file in place under its name.
  Status Commit();

 private:
  struct Impl;
  explicit OutputFile(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Creates `path` as an OutputFile, lets `write` fill its stream, and commits.
Status WriteOutputFile(const std::string& path, const std::function<void(std::ostream&)>& write);

// A file that an output must never replace, and what it is ("the store",
// "the input").
struct KeptFile {
  std::string path;
  std::string what;
};

// The store at `db` and the files SQLite keeps beside it (-wal, -shm, -journal).
std::vector<KeptFile> StoreFiles(const std::string& db);

// Fails with "refusing to overwrite the store qinglian.db" when writing
// `path` would replace one of `kept`: the same file (device and inode) when
// both exist, else the same path once made absolute and normalised (links
// resolved as far as they exist).
Status CheckOutputPath(const std::string& path, const std::vector<KeptFile>& kept);

}  // namespace qinglian

#endif  // QINGLIAN_BASE_OUTPUT_FILE_H_

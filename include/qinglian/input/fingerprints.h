// The fingerprints of a run's inputs, each file's size and SHA-256, taken on
// threads of their own while the run goes on: hashing a gigabyte takes half
// a second of a core. The files read first (the rosters) are hashed while
// the run indexes them and scans the other files; those are hashed once they
// are read, while the run compares and stores.
//
// Each file's state (size, modification time, inode) is noted before it is
// read. A file whose state differs once it is hashed, or whose size is not
// the number of bytes hashed, changed while the run read it: its records and
// its fingerprint may not be of the same bytes, and the run fails.
#ifndef QINGLIAN_INPUT_FINGERPRINTS_H_
#define QINGLIAN_INPUT_FINGERPRINTS_H_

#include <sys/types.h>

#include <atomic>
#include <cstdint>
#include <future>
#include <string>
#include <vector>

#include "qinglian/base/sha256.h"
#include "qinglian/base/status.h"

namespace qinglian {

class InputFingerprints {
 public:
  InputFingerprints() = default;
  // Stops hashing (the fingerprints are not wanted any more) and waits for
  // the threads.
  ~InputFingerprints();
  InputFingerprints(const InputFingerprints&) = delete;
  InputFingerprints& operator=(const InputFingerprints&) = delete;

  // Notes the state of the file at `path`, before it is read; fails with
  // "PATH: <reason>" when it cannot be looked at.
  Status Note(const std::string& path);
  // Hashes the files noted since the last call, in order, on a thread of
  // their own. Call once they are read.
  void Start();
  // The fingerprints of every file noted, in the order noted, once they are
  // all taken (the files noted since the last Start are hashed first). The
  // first file that fails stops the rest, and its error is the one returned.
  // Call once, after the last Note; a second call fails.
  Result<std::vector<FileDigest>> Wait();

 private:
  struct State {
    std::string path;
    uint64_t size = 0;
    int64_t mtime_ns = 0;
    dev_t device = 0;
    ino_t inode = 0;
    bool operator==(const State&) const = default;
  };
  static Result<State> Look(const std::string& path);
  Result<std::vector<FileDigest>> Hash(const std::vector<State>& files) const;

  std::vector<State> files_;
  size_t started_ = 0;  // files_ whose hashing has started
  bool waited_ = false;
  std::atomic<bool> stop_{false};
  std::vector<std::future<Result<std::vector<FileDigest>>>> batches_;
};

}  // namespace qinglian

#endif  // QINGLIAN_INPUT_FINGERPRINTS_H_

// The fingerprints of a run's inputs, each file's size and SHA-256, taken on
// a thread of their own while the run goes on: hashing a gigabyte takes half
// a second of a core. The files read first (the rosters) are hashed while
// the run indexes them, which leaves a core idle; the rest while the run
// compares and stores.
//
// Each file's state (size, modification time, inode) is noted before it is
// read. A file whose state differs once it is hashed, or whose size is not
// the number of bytes hashed, changed while the run read it: its records and
// its fingerprint may not be of the same bytes, and the run fails.
#ifndef QINGLIAN_INPUT_FINGERPRINTS_H_
#define QINGLIAN_INPUT_FINGERPRINTS_H_

#include <sys/types.h>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <future>
#include <mutex>
#include <string>
#include <vector>

#include "qinglian/base/sha256.h"
#include "qinglian/base/status.h"

namespace qinglian {

class InputFingerprints {
 public:
  InputFingerprints() = default;
  // Stops hashing (the fingerprints are not wanted any more) and waits for
  // the thread.
  ~InputFingerprints();
  InputFingerprints(const InputFingerprints&) = delete;
  InputFingerprints& operator=(const InputFingerprints&) = delete;

  // Notes the state of the file at `path`, before it is read; fails with
  // "PATH: <reason>" when it cannot be looked at.
  Status Note(const std::string& path);
  // Hashes every file noted so far, in order, after those it hashes
  // already; the thread starts at the first call. Call once a file is read.
  void Start();
  // The fingerprints of every file noted, in the order noted, once they are
  // all taken. Notes nothing more; call once.
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
  Result<std::vector<FileDigest>> HashAll();

  std::mutex mu_;
  std::condition_variable ready_;
  std::vector<State> files_;  // guarded by mu_
  size_t released_ = 0;       // files_ the thread may hash; guarded by mu_
  bool last_ = false;         // no file will be released after those; guarded by mu_
  std::atomic<bool> stop_{false};
  std::future<Result<std::vector<FileDigest>>> digests_;
};

}  // namespace qinglian

#endif  // QINGLIAN_INPUT_FINGERPRINTS_H_

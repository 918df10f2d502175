// A file written whole or not at all: the bytes go to PATH.tmp-PID and are
// renamed over PATH by Commit(); without Commit() the temporary is removed.
#ifndef QINGLIAN_CLI_ATOMIC_FILE_H_
#define QINGLIAN_CLI_ATOMIC_FILE_H_

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>

#include "qinglian/status.h"

namespace qinglian::cli {

class AtomicFile {
 public:
  explicit AtomicFile(std::string path)
      : path_(std::move(path)), tmp_(path_ + ".tmp-" + std::to_string(::getpid())) {
    out_.open(tmp_, std::ios::binary | std::ios::trunc);
  }
  ~AtomicFile() {
    if (!committed_) {
      out_.close();
      std::remove(tmp_.c_str());  // nothing half-written stays behind
    }
  }
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  // Fails with "PATH: reason" when the file cannot be created.
  Status status() const {
    return out_.is_open() ? Status::Ok()
                          : Status::Error(path_ + ": cannot create (" + std::strerror(errno) + ")");
  }
  std::ostream& stream() { return out_; }

  Status Commit() {
    out_.flush();
    if (!out_) return Status::Error(path_ + ": write failed");
    out_.close();
    if (std::rename(tmp_.c_str(), path_.c_str()) != 0)
      return Status::Error(path_ + ": " + std::strerror(errno));
    committed_ = true;
    return Status::Ok();
  }

 private:
  std::string path_;
  std::string tmp_;
  std::ofstream out_;
  bool committed_ = false;
};

}  // namespace qinglian::cli

#endif  // QINGLIAN_CLI_ATOMIC_FILE_H_

// A file written whole or not at all: the bytes go to PATH.tmp-PID and are
// renamed over PATH by Commit(); without Commit() the temporary is removed.
#ifndef QINGLIAN_CLI_ATOMIC_FILE_H_
#define QINGLIAN_CLI_ATOMIC_FILE_H_

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <ostream>
#include <streambuf>
#include <string>

#include "qinglian/status.h"

namespace qinglian::cli {

// An output buffer over a file descriptor that keeps the errno of the first
// failed write, so that a failure can say why ("File too large").
class FdBuf final : public std::streambuf {
 public:
  explicit FdBuf(int fd) : fd_(fd) { setp(buf_, buf_ + sizeof buf_); }
  int error() const { return error_; }

 protected:
  int overflow(int c) override {
    if (!Drain()) return traits_type::eof();
    if (c != traits_type::eof()) {
      *pptr() = static_cast<char>(c);
      pbump(1);
    }
    return traits_type::not_eof(c);
  }
  int sync() override { return Drain() ? 0 : -1; }

 private:
  bool Drain() {
    const char* p = pbase();
    while (p < pptr() && error_ == 0) {
      const ssize_t n = ::write(fd_, p, static_cast<size_t>(pptr() - p));
      if (n >= 0)
        p += n;
      else if (errno != EINTR)
        error_ = errno;
    }
    setp(buf_, buf_ + sizeof buf_);
    return error_ == 0;
  }
  int fd_;
  int error_ = 0;
  char buf_[1 << 16];
};

class AtomicFile {
 public:
  explicit AtomicFile(std::string path)
      : path_(std::move(path)), tmp_(path_ + ".tmp-" + std::to_string(::getpid())) {
    // Owner-only: what these files hold is personal data.
    fd_ = ::open(tmp_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd_ < 0) open_error_ = errno;
    created_ = fd_ >= 0;
    buf_ = std::make_unique<FdBuf>(fd_);
    out_.rdbuf(buf_.get());
  }
  ~AtomicFile() {
    if (fd_ >= 0) ::close(fd_);
    if (!committed_ && created_) std::remove(tmp_.c_str());  // nothing half-written stays behind
  }
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  // Fails with "PATH: cannot create (reason)" when the file cannot be created.
  Status status() const {
    return fd_ >= 0 ? Status::Ok()
                    : Status::Error(path_ + ": cannot create (" + std::strerror(open_error_) + ")");
  }
  std::ostream& stream() { return out_; }

  // Fails with "PATH: cannot write (reason)" when a write failed.
  Status Commit() {
    if (Status s = status(); !s.ok()) return s;
    out_.flush();
    if (buf_->error() != 0)
      return Status::Error(path_ + ": cannot write (" + std::strerror(buf_->error()) + ")");
    if (::close(fd_) != 0) {
      fd_ = -1;
      return Status::Error(path_ + ": cannot write (" + std::strerror(errno) + ")");
    }
    fd_ = -1;
    if (std::rename(tmp_.c_str(), path_.c_str()) != 0)
      return Status::Error(path_ + ": " + std::strerror(errno));
    committed_ = true;
    return Status::Ok();
  }

 private:
  std::string path_;
  std::string tmp_;
  int fd_ = -1;
  int open_error_ = 0;
  bool created_ = false;
  std::unique_ptr<FdBuf> buf_;
  std::ostream out_{nullptr};
  bool committed_ = false;
};

}  // namespace qinglian::cli

#endif  // QINGLIAN_CLI_ATOMIC_FILE_H_

#include "qinglian/input/fingerprints.h"

#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace qinglian {

namespace {
constexpr int kNiceness = 10;
}  // namespace

InputFingerprints::~InputFingerprints() {
  stop_ = true;
  {
    const std::lock_guard lock(mu_);
    last_ = true;
  }
  ready_.notify_one();
  if (digests_.valid()) digests_.wait();
}

Result<InputFingerprints::State> InputFingerprints::Look(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return Status::Error(path + ": " + std::strerror(errno));
  State s;
  s.path = path;
  s.size = static_cast<uint64_t>(st.st_size);
  s.mtime_ns = static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
  s.device = st.st_dev;
  s.inode = st.st_ino;
  return s;
}

Status InputFingerprints::Note(const std::string& path) {
  Result<State> s = Look(path);
  if (!s.ok()) return s.status();
  const std::lock_guard lock(mu_);
  files_.push_back(std::move(*s));
  return Status::Ok();
}

Result<std::vector<FileDigest>> InputFingerprints::HashAll() {
  std::vector<FileDigest> out;
  while (true) {
    State before;
    {
      std::unique_lock lock(mu_);
      ready_.wait(lock, [this, &out] { return out.size() < released_ || last_; });
      if (stop_) return Status::Error("the inputs' fingerprints were not wanted");
      if (out.size() == released_) return out;
      before = files_[out.size()];
    }
    Result<FileDigest> d = Sha256File(before.path, &stop_);
    if (!d.ok()) return d.status();
    Result<State> after = Look(before.path);
    if (!after.ok()) return after.status();
    if (!(*after == before) || d->size != before.size)
      return Status::Error(before.path + ": the file changed while it was read");
    out.push_back(std::move(*d));
  }
}

void InputFingerprints::Start() {
  {
    const std::lock_guard lock(mu_);
    released_ = files_.size();
  }
  ready_.notify_one();
  if (digests_.valid()) return;
  digests_ = std::async(std::launch::async, [this] {
    // A lower priority than the run's own threads (Linux gives each thread
    // its own nice value): hashing takes the core the run leaves idle, and
    // yields it when the comparison wants both.
    ::setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), kNiceness);
    return HashAll();
  });
}

Result<std::vector<FileDigest>> InputFingerprints::Wait() {
  Start();
  {
    const std::lock_guard lock(mu_);
    last_ = true;
  }
  ready_.notify_one();
  return digests_.get();
}

}  // namespace qinglian

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
  for (auto& batch : batches_)
    if (batch.valid()) batch.wait();
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
  files_.push_back(std::move(*s));
  return Status::Ok();
}

Result<std::vector<FileDigest>> InputFingerprints::Hash(const std::vector<State>& files) const {
  std::vector<FileDigest> out;
  for (const State& before : files) {
    Result<FileDigest> d = Sha256File(before.path, &stop_);
    if (!d.ok()) return d.status();
    Result<State> after = Look(before.path);
    if (!after.ok()) return after.status();
    if (!(*after == before) || d->size != before.size)
      return Status::Error(before.path + ": the file changed while it was read");
    out.push_back(std::move(*d));
  }
  return out;
}

void InputFingerprints::Start(Priority priority) {
  if (started_ == files_.size()) return;
  std::vector<State> batch(files_.begin() + static_cast<std::ptrdiff_t>(started_), files_.end());
  started_ = files_.size();
  batches_.push_back(std::async(std::launch::async, [this, batch = std::move(batch), priority] {
    // Linux gives each thread its own nice value: a low-priority batch
    // takes the core the run leaves idle, and yields it when the run
    // wants both.
    if (priority == Priority::kLow)
      ::setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), kNiceness);
    return Hash(batch);
  }));
}

Result<std::vector<FileDigest>> InputFingerprints::Wait() {
  Start(Priority::kRun);
  std::vector<FileDigest> all;
  Status failed = Status::Ok();
  // Every batch is waited for, even after one has failed: none outlives this.
  for (auto& batch : batches_) {
    Result<std::vector<FileDigest>> digests = batch.get();
    if (!digests.ok()) {
      if (failed.ok()) failed = digests.status();
      continue;
    }
    for (FileDigest& d : *digests) all.push_back(std::move(d));
  }
  batches_.clear();
  if (!failed.ok()) return failed;
  return all;
}

}  // namespace qinglian

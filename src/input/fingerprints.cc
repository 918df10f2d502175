#include "qinglian/input/fingerprints.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace qinglian {

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

void InputFingerprints::Start() {
  if (started_ == files_.size()) return;
  std::vector<State> batch(files_.begin() + static_cast<std::ptrdiff_t>(started_), files_.end());
  // Room first: once its thread runs, the batch is kept, and counted started.
  batches_.reserve(batches_.size() + 1);
  batches_.push_back(
      std::async(std::launch::async, [this, batch = std::move(batch)] { return Hash(batch); }));
  started_ = files_.size();
}

Result<std::vector<FileDigest>> InputFingerprints::Wait() {
  if (waited_) return Status::Error("the inputs' fingerprints were taken already");
  waited_ = true;
  Start();
  std::vector<FileDigest> all;
  Status failed = Status::Ok();
  // Every batch is waited for, even after one has failed: none outlives this.
  for (auto& batch : batches_) {
    Result<std::vector<FileDigest>> digests = batch.get();
    if (!digests.ok()) {
      if (failed.ok()) {
        failed = digests.status();
        stop_ = true;  // the run fails: the later files need no hashing
      }
      continue;
    }
    for (FileDigest& d : *digests) all.push_back(std::move(d));
  }
  batches_.clear();
  if (!failed.ok()) return failed;
  return all;
}

}  // namespace qinglian

#include "qinglian/input/rejects_file.h"

namespace qinglian {

Status RejectsFile::Open(const std::string& path) {
  if (path.empty()) return Status::Ok();
  Result<OutputFile> file = OutputFile::Create(path);
  if (!file.ok()) return file.status();
  file_ = std::move(file.value());
  WriteRejectsHeader(file_->stream());
  return Status::Ok();
}

RejectSink RejectsFile::sink() {
  if (!file_) return nullptr;
  return [this](const Reject& r) { WriteReject(file_->stream(), r); };
}

Status RejectsFile::Finish() { return file_ ? file_->Finish() : Status::Ok(); }

Status RejectsFile::Commit() { return file_ ? file_->Commit() : Status::Ok(); }

}  // namespace qinglian

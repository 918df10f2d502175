// An output file is first an unnamed inode in the target's folder, opened
// with O_TMPFILE. Commit() gives it a name with linkat() through
// /proc/self/fd: straight under the target's name when that is free, else
// under a fresh temporary name that rename() then moves over the target in
// one step. A process killed at any point before that leaves nothing, or
// (between the link and the rename) a whole file under a name nobody chose.
#include "qinglian/base/output_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>
#include <streambuf>

namespace qinglian {
namespace {

std::string Reason(int error) { return std::strerror(error); }

// A stream buffer over a file descriptor that remembers the first failed
// write (std::ofstream forgets its errno).
class FdBuf : public std::streambuf {
 public:
  FdBuf() { setp(buf_, buf_ + sizeof buf_); }
  void set_fd(int fd) { fd_ = fd; }
  int error() const { return error_; }

  // Writes out what is buffered; false once any write has failed.
  bool Drain() {
    const char* p = pbase();
    size_t left = static_cast<size_t>(pptr() - pbase());
    setp(buf_, buf_ + sizeof buf_);
    while (left > 0 && error_ == 0) {
      const ssize_t n = ::write(fd_, p, left);
      if (n <= 0) {
        if (n == 0 || errno != EINTR) error_ = n == 0 ? EIO : errno;
        continue;
      }
      p += n;
      left -= static_cast<size_t>(n);
    }
    return error_ == 0;
  }

 protected:
  int_type overflow(int_type c) override {
    if (!Drain()) return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(c);
      pbump(1);
    }
    return traits_type::not_eof(c);
  }
  int sync() override { return Drain() ? 0 : -1; }

 private:
  int fd_ = -1;
  int error_ = 0;
  char buf_[1 << 16];
};

std::string RandomSuffix() {
  std::random_device rd;
  char s[17];
  std::snprintf(s, sizeof s, "%08x%08x", rd(), rd());
  return s;
}

// The path made absolute and normalised, links resolved as far as they exist.
std::string Normalised(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path p = fs::weakly_canonical(fs::absolute(path, ec), ec);
  if (ec) p = fs::absolute(path, ec).lexically_normal();
  return p.string();
}

}  // namespace

struct OutputFile::Impl {
  enum class Kind { kUnnamed, kNamed, kInPlace };

  std::string path, dir, name;  // name: the temporary's, when kNamed
  Kind kind = Kind::kUnnamed;
  int fd = -1;
  bool finished = false, committed = false;
  Status finish_status;
  FdBuf buf;
  std::ostream out{&buf};

  ~Impl() {
    if (fd >= 0) ::close(fd);
    // Error ignored on purpose: the temporary may be gone already.
    if (!committed && kind == Kind::kNamed) ::unlink(name.c_str());
  }

  std::string FdPath() const { return "/proc/self/fd/" + std::to_string(fd); }

  // Gives the unnamed file the target's name.
  Status Link() {
    if (::linkat(AT_FDCWD, FdPath().c_str(), AT_FDCWD, path.c_str(), AT_SYMLINK_FOLLOW) == 0)
      return Status::Ok();
    if (errno != EEXIST) return Status::Error(path + ": " + Reason(errno));
    // The target exists: link under a fresh name, then rename over it.
    for (int attempt = 0; attempt < 100; ++attempt) {
      const std::string tmp =
          dir + "/." + std::filesystem::path(path).filename().string() + ".tmp-" + RandomSuffix();
      if (::linkat(AT_FDCWD, FdPath().c_str(), AT_FDCWD, tmp.c_str(), AT_SYMLINK_FOLLOW) != 0) {
        if (errno == EEXIST) continue;
        return Status::Error(path + ": " + Reason(errno));
      }
      if (::rename(tmp.c_str(), path.c_str()) != 0) {
        const int error = errno;
        ::unlink(tmp.c_str());
        return Status::Error(path + ": " + Reason(error));
      }
      return Status::Ok();
    }
    return Status::Error(path + ": cannot find a free temporary name");
  }

  // Makes the new name durable too. Errors ignored on purpose: the data is
  // synced and in place; only a crash in the next seconds could lose the name.
  void SyncFolder() const {
    const int d = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (d < 0) return;
    ::fsync(d);
    ::close(d);
  }
};

OutputFile::OutputFile(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
OutputFile::OutputFile(OutputFile&&) noexcept = default;
OutputFile& OutputFile::operator=(OutputFile&&) noexcept = default;
OutputFile::~OutputFile() = default;

Result<OutputFile> OutputFile::Create(const std::string& path) {
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  const auto cannot = [&](int error) {
    return Status::Error(path + ": cannot create (" + Reason(error) + ")");
  };
  struct stat st;
  if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
    if (S_ISDIR(st.st_mode)) return cannot(EISDIR);
    impl->kind = Impl::Kind::kInPlace;
    impl->fd = ::open(path.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC);
    if (impl->fd < 0) return cannot(errno);
  } else {
    const std::string parent = std::filesystem::path(path).parent_path().string();
    impl->dir = parent.empty() ? "." : parent;
    impl->fd = ::open(impl->dir.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
    if (impl->fd < 0 && (errno == EOPNOTSUPP || errno == EISDIR || errno == EINVAL)) {
      // No unnamed files here: a fresh name, created exclusively.
      impl->kind = Impl::Kind::kNamed;
      std::string name =
          impl->dir + "/." + std::filesystem::path(path).filename().string() + ".tmp-XXXXXX";
      impl->fd = ::mkostemp(name.data(), O_CLOEXEC);
      impl->name = name;
    }
    if (impl->fd < 0) return cannot(errno);
    // The umask may only take bits away; make it exactly owner read and write.
    if (::fchmod(impl->fd, 0600) != 0) return cannot(errno);
  }
  impl->buf.set_fd(impl->fd);
  return OutputFile(std::move(impl));
}

const std::string& OutputFile::path() const { return impl_->path; }

std::ostream& OutputFile::stream() { return impl_->out; }

std::string OutputFile::temp_name() const {
  switch (impl_->kind) {
    case Impl::Kind::kUnnamed:
      return impl_->FdPath();
    case Impl::Kind::kNamed:
      return impl_->name;
    case Impl::Kind::kInPlace:
      break;
  }
  return impl_->path;
}

Status OutputFile::Finish() {
  Impl& f = *impl_;
  if (f.finished) return f.finish_status;
  f.finished = true;
  f.out.flush();
  if (f.buf.error() != 0)
    f.finish_status = Status::Error(f.path + ": " + Reason(f.buf.error()));
  else if (f.kind != Impl::Kind::kInPlace && ::fsync(f.fd) != 0)
    f.finish_status = Status::Error(f.path + ": " + Reason(errno));
  return f.finish_status;
}

Status OutputFile::Commit() {
  if (Status s = Finish(); !s.ok()) return s;
  Impl& f = *impl_;
  if (f.committed) return Status::Ok();
  if (f.kind == Impl::Kind::kUnnamed) {
    if (Status s = f.Link(); !s.ok()) return s;
  } else if (f.kind == Impl::Kind::kNamed) {
    if (::rename(f.name.c_str(), f.path.c_str()) != 0)
      return Status::Error(f.path + ": " + Reason(errno));
  }
  f.committed = true;
  const int fd = f.fd;
  f.fd = -1;
  if (::close(fd) != 0) return Status::Error(f.path + ": " + Reason(errno));
  if (f.kind != Impl::Kind::kInPlace) f.SyncFolder();
  return Status::Ok();
}

Status WriteOutputFile(const std::string& path, const std::function<void(std::ostream&)>& write) {
  Result<OutputFile> file = OutputFile::Create(path);
  if (!file.ok()) return file.status();
  write(file->stream());
  return file->Commit();
}

std::vector<KeptFile> StoreFiles(const std::string& db) {
  return {{db, "the store"},
          {db + "-wal", "the store's file"},
          {db + "-shm", "the store's file"},
          {db + "-journal", "the store's file"}};
}

Status CheckOutputPath(const std::string& path, const std::vector<KeptFile>& kept) {
  struct stat out;
  const bool exists = ::stat(path.c_str(), &out) == 0;
  const std::string normalised = Normalised(path);
  for (const KeptFile& k : kept) {
    struct stat st;
    const bool same = exists && ::stat(k.path.c_str(), &st) == 0
                          ? st.st_dev == out.st_dev && st.st_ino == out.st_ino
                          : Normalised(k.path) == normalised;
    if (same) return Status::Error("refusing to overwrite " + k.what + " " + k.path);
  }
  return Status::Ok();
}

}  // namespace qinglian

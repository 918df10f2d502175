#include "qinglian/input/source.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "qinglian/base/text.h"
#include "qinglian/input/csv.h"
#include "qinglian/input/xlsx.h"

namespace qinglian {
namespace {

// A chunk is read a piece at a time, each looked at for record ends while it
// is still in the core's cache.
constexpr size_t kPieceBytes = 512u << 10;

class FileSource final : public ByteSource {
 public:
  FileSource(std::string name, int fd) : name_(std::move(name)), fd_(fd) {}
  void set_size(uint64_t bytes) { size_ = bytes; }
  ~FileSource() override { ::close(fd_); }
  FileSource(const FileSource&) = delete;
  FileSource& operator=(const FileSource&) = delete;

  Result<size_t> Read(char* buf, size_t n) override {
    while (true) {
      const ssize_t got = ::read(fd_, buf, n);
      if (got >= 0) return static_cast<size_t>(got);
      if (errno != EINTR) return Status::Error(name_ + ": " + std::strerror(errno));
    }
  }
  const std::string& name() const override { return name_; }
  std::optional<uint64_t> size_hint() const override { return size_; }

 private:
  std::string name_;
  int fd_;
  std::optional<uint64_t> size_;
};

class StringSource final : public ByteSource {
 public:
  StringSource(std::string name, std::string bytes, const char* format,
               std::optional<uint64_t> file_bytes = std::nullopt)
      : name_(std::move(name)),
        bytes_(std::move(bytes)),
        format_(format),
        file_bytes_(file_bytes) {}
  Result<size_t> Read(char* buf, size_t n) override {
    const size_t k = std::min(n, bytes_.size() - pos_);
    std::memcpy(buf, bytes_.data() + pos_, k);
    pos_ += k;
    return k;
  }
  const std::string& name() const override { return name_; }
  const char* format() const override { return format_; }
  std::optional<uint64_t> file_bytes() const override { return file_bytes_; }
  std::optional<uint64_t> size_hint() const override { return bytes_.size(); }

 private:
  std::string name_;
  std::string bytes_;
  const char* format_;
  std::optional<uint64_t> file_bytes_;
  size_t pos_ = 0;
};

// Reads the rest of `fd`.
Result<std::string> ReadAll(int fd, const std::string& path) {
  std::string bytes;
  char buf[1 << 16];
  while (true) {
    const ssize_t got = ::read(fd, buf, sizeof buf);
    if (got == 0) return bytes;
    if (got > 0) {
      bytes.append(buf, static_cast<size_t>(got));
    } else if (errno != EINTR) {
      return Status::Error(path + ": " + std::strerror(errno));
    }
  }
}

// The header did not decode: says which encoding was tried and, when the
// bytes look like another one, which.
Status BadHeader(Encoding tried, std::string_view head) {
  const Encoding looks = DetectEncoding(head, Encoding::kAuto).encoding;
  std::string m = std::string("line 1: the header is not valid ") + EncodingTitle(tried);
  if (looks != tried)
    return Status::Error(m + " (it looks like " + EncodingTitle(looks) + ": try --encoding " +
                         EncodingName(looks) + ")");
  return Status::Error(m + " (is the file in another encoding? name it with --encoding)");
}

Status NotRegular(const std::string& path, mode_t mode) {
  if (S_ISDIR(mode)) return Status::Error(path + ": " + std::strerror(EISDIR));
  return Status::Error(path +
                       ": not a regular file (a pipe or device cannot be read twice); save it to "
                       "a file first");
}

}  // namespace

Status CheckRegularFile(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return Status::Error(path + ": " + std::strerror(errno));
  return S_ISREG(st.st_mode) ? Status::Ok() : NotRegular(path, st.st_mode);
}

Result<std::unique_ptr<ByteSource>> OpenFileSource(const std::string& path) {
  // Non-blocking, so that opening a pipe with no writer does not wait for one.
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return Status::Error(path + ": " + std::strerror(errno));
  auto file = std::make_unique<FileSource>(path, fd);  // closes fd on every return
  struct stat st;
  if (::fstat(fd, &st) != 0) return Status::Error(path + ": " + std::strerror(errno));
  if (!S_ISREG(st.st_mode)) return NotRegular(path, st.st_mode);
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);  // no effect on a regular file
  char head[4] = {};
  const ssize_t n = ::pread(fd, head, sizeof head, 0);
  if (n == sizeof head && LooksLikeXlsx(std::string_view(head, sizeof head))) {
    // Read whole, so that the size reported is that of the bytes converted.
    Result<std::string> book = ReadAll(fd, path);
    file.reset();
    if (!book.ok()) return book.status();
    Result<std::string> csv = XlsxToCsv(*book, path);
    if (!csv.ok()) return csv.status();
    return std::unique_ptr<ByteSource>(
        std::make_unique<StringSource>(path, std::move(*csv), "xlsx", book->size()));
  }
  file->set_size(static_cast<uint64_t>(st.st_size));
  // Nightly files are read once, front to back.
  posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
  return std::unique_ptr<ByteSource>(std::move(file));
}

std::unique_ptr<ByteSource> MakeStringSource(std::string name, std::string bytes,
                                             const char* format) {
  return std::make_unique<StringSource>(std::move(name), std::move(bytes), format);
}

ChunkReader::ChunkReader(ByteSource* source, Encoding forced, size_t chunk_bytes)
    : source_(source), forced_(forced), chunk_bytes_(std::max<size_t>(chunk_bytes, 4096)) {}

Result<size_t> ChunkReader::ReadSource(char* to, size_t bytes) {
  size_t got_total = 0;
  // Fill the whole request: a slow disk may return less at a time.
  while (got_total < bytes && !source_eof_) {
    Result<size_t> got = source_->Read(to + got_total, bytes - got_total);
    if (!got.ok()) return got.status();
    if (*got == 0) source_eof_ = true;
    got_total += *got;
  }
  bytes_read_ += got_total;
  return got_total;
}

Status ChunkReader::ReadAhead() {
  // Grown as it fills: most files are smaller than the look-ahead.
  while (ahead_.size() < kSniffBytes && !source_eof_) {
    const size_t had = ahead_.size();
    ahead_.resize(std::min(kSniffBytes, std::max<size_t>(2 * had, 64 << 10)));
    const Result<size_t> got = ReadSource(ahead_.data() + had, ahead_.size() - had);
    if (!got.ok()) return got.status();
    ahead_.resize(had + *got);
  }
  eof_ = source_eof_ && ahead_.empty();
  return Status::Ok();
}

Result<size_t> ChunkReader::ReadSome(char* to, size_t bytes) {
  // The input read ahead comes first.
  const size_t from_ahead = std::min(bytes, ahead_.size() - ahead_pos_);
  std::copy_n(ahead_.data() + ahead_pos_, from_ahead, to);
  ahead_pos_ += from_ahead;
  if (ahead_pos_ == ahead_.size()) {
    std::string().swap(ahead_);
    ahead_pos_ = 0;
  }
  const Result<size_t> got = ReadSource(to + from_ahead, bytes - from_ahead);
  if (!got.ok()) return got.status();
  eof_ = source_eof_ && ahead_.empty();
  return from_ahead + *got;
}

Result<bool> ChunkReader::Fill(std::string* out, size_t bytes) {
  if (eof_) return false;
  const size_t out_start = out->size();
  std::string* target = utf16_ ? &raw_ : out;
  const size_t start = target->size();
  target->resize(start + bytes);
  const Result<size_t> got = ReadSome(target->data() + start, bytes);
  if (!got.ok()) return got.status();
  target->resize(start + *got);
  if (utf16_) {
    utf16_->Decode(raw_, out);
    raw_.clear();
  }
  if (cr_line_ends_) std::replace(out->begin() + out_start, out->end(), '\r', '\n');
  return *got > 0;
}

Result<bool> ChunkReader::FillBuffer(std::string* buffer, size_t* size, size_t bytes) {
  if (utf16_) {  // how long the decoded text is is known only once it is decoded
    buffer->resize(*size);
    Result<bool> more = Fill(buffer, bytes);
    *size = buffer->size();
    return more;
  }
  if (eof_) return false;
  if (buffer->size() < *size + bytes) buffer->resize(*size + bytes);
  char* const start = buffer->data() + *size;
  const Result<size_t> got = ReadSome(start, bytes);
  if (!got.ok()) return got.status();
  if (cr_line_ends_) std::replace(start, start + *got, '\r', '\n');
  *size += *got;
  return *got > 0;
}

Status ChunkReader::Start() {
  // What the file is read as, its encoding and its line ends, is seen in its
  // first kSniffBytes, read ahead whatever the chunk size: a file reads the
  // same in chunks of any size.
  if (Status s = ReadAhead(); !s.ok()) return s;
  const Detected d = DetectEncoding(ahead_, forced_);
  encoding_ = d.encoding;
  const std::string head = ahead_.substr(0, 4096);  // as read, for messages
  ahead_pos_ = std::min(d.bom_bytes, ahead_.size());
  const std::string_view start = std::string_view(ahead_).substr(ahead_pos_);
  better_encoding_ = BetterEncoding(start, encoding_);
  std::string decoded;
  std::string_view text = start;
  if (encoding_ == Encoding::kUtf16Le || encoding_ == Encoding::kUtf16Be) {
    utf16_ = std::make_unique<Utf16Decoder>(encoding_ == Encoding::kUtf16Be);
    Utf16Decoder(encoding_ == Encoding::kUtf16Be).Decode(start, &decoded);
    text = decoded;
  }
  // Lines that end in CR alone: the start has CRs and not one LF. Neither
  // byte occurs inside a GB18030 character. Fill hands them on as LFs.
  cr_line_ends_ =
      text.find('\n') == std::string_view::npos && text.find('\r') != std::string_view::npos;
  // Enough to hold the whole header record.
  Result<bool> more = Fill(&carry_, chunk_bytes_);
  if (!more.ok()) return more.status();
  const Status too_long =
      Status::Error(source_->name() + ": line 1: the header runs over 16 MiB; is this a CSV file?");
  while (carry_.find('\n') == std::string::npos && !eof_) {
    if (carry_.size() > kMaxRecordBytes) return too_long;
    more = Fill(&carry_, std::max(chunk_bytes_, carry_.size()));
    if (!more.ok()) return more.status();
  }
  if (carry_.find_first_not_of(" \t\r\n") == std::string::npos)
    return Status::Error(source_->name() + ": the file is empty: no header row");

  delimiter_ = SniffDelimiter(std::string_view(carry_).substr(0, carry_.find('\n')));
  // The header may span lines when a quoted name holds a newline.
  size_t header_length = 0;
  while ((header_length = CompleteRecordsLength(carry_, delimiter_)) == 0 && !eof_) {
    if (carry_.size() > kMaxRecordBytes) return too_long;
    more = Fill(&carry_, std::max(chunk_bytes_, carry_.size()));
    if (!more.ok()) return more.status();
  }
  if ((header_length == 0 ? carry_.size() : header_length) > kMaxRecordBytes) return too_long;
  CsvReader reader(carry_, delimiter_);
  CsvRow row;
  reader.Next(&row);
  const size_t header_end = reader.position();
  Transcoder gb("UTF-8", "GB18030");
  for (std::string_view f : row.fields) {
    std::string h;
    if (encoding_ == Encoding::kGb18030) {
      if (!gb.Convert(f, &h)) return BadHeader(encoding_, head).WithContext(source_->name());
    } else {
      h.assign(f);
      if (FindInvalidUtf8(h) != std::string::npos)
        return BadHeader(encoding_, head).WithContext(source_->name());
    }
    header_.push_back(std::move(h));
  }
  first_data_line_ = reader.line();
  carry_.erase(0, header_end);
  return Status::Ok();
}

Result<bool> ChunkReader::Next(Chunk* chunk) {
  std::string data;
  {
    const std::lock_guard<std::mutex> lock(recycled_mutex_);
    if (!recycled_.empty()) {
      data = std::move(recycled_.back());
      recycled_.pop_back();
    }
  }
  size_t size = carry_.size();
  if (data.size() < size) data.resize(size);
  std::copy(carry_.begin(), carry_.end(), data.begin());
  carry_.clear();
  // Where the records end, found a piece at a time as each is read, while it
  // is still in the cache.
  RecordEnds ends(delimiter_);
  ends.Scan(std::string_view(data.data(), size));
  size_t end = 0;
  while (true) {
    end = ends.end();
    // A record that runs on: hand on the whole ones before it, if any, and
    // refuse it on the next call, when it starts the data.
    if (size - end > kMaxRecordBytes) {
      if (end > 0) break;
      record_too_long_ = true;
      return Status::Error(
          "a record runs over 16 MiB; is a closing quote missing, or is this not "
          "a CSV file?");
    }
    // Aim for a full chunk, and take whatever is left at the end: the last
    // record may have no newline.
    if (eof_) {
      end = size;
      break;
    }
    if (end > 0 && size >= chunk_bytes_) break;
    // Past a chunk without a record's end, read as much again, so that a long
    // record is scanned a few times, not once per chunk.
    const size_t want = std::max(chunk_bytes_, size);
    if (!utf16_ && data.size() < size + want) data.resize(size + want);
    for (size_t read = 0; read < want;) {
      const size_t piece = std::min(kPieceBytes, want - read), before = size;
      Result<bool> more = FillBuffer(&data, &size, piece);
      if (!more.ok()) return more.status();
      if (size > before) ends.Scan(std::string_view(data.data(), size));
      if (!*more) break;
      read += piece;
    }
  }
  if (end == 0) return false;
  carry_.assign(data, end, size - end);
  chunk->buffer = std::move(data);
  chunk->size = end;
  chunk->first_quote = ends.first_quote() < end ? ends.first_quote() : std::string::npos;
  return true;
}

void ChunkReader::Recycle(std::string buffer) {
  const std::lock_guard<std::mutex> lock(recycled_mutex_);
  // More than the chunks a load keeps in flight are never asked for again.
  if (recycled_.size() < 8) recycled_.push_back(std::move(buffer));
}

}  // namespace qinglian

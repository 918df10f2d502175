// Bytes in, whole records out: a ByteSource is where bytes come from (a file,
// or a string in tests), and a ChunkReader cuts them into large chunks that end
// at record boundaries, converted to UTF-8 when the file is UTF-16, so that
// chunks can be parsed in parallel.
#ifndef QINGLIAN_INPUT_SOURCE_H_
#define QINGLIAN_INPUT_SOURCE_H_

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "qinglian/base/sha256.h"
#include "qinglian/base/status.h"
#include "qinglian/input/encoding.h"

namespace qinglian {

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Reads up to `n` bytes into `buf`; returns 0 at the end.
  virtual Result<size_t> Read(char* buf, size_t n) = 0;
  // The name used in messages: the path as given.
  virtual const std::string& name() const = 0;
  // What the bytes were before reading: "csv", or "xlsx" for a workbook
  // whose first sheet is handed on as CSV.
  virtual const char* format() const { return "csv"; }
  // The size of the file, when it is not the number of bytes Read gives (a
  // workbook is read as the CSV of its sheet).
  virtual std::optional<uint64_t> file_bytes() const { return std::nullopt; }
  // How many bytes Read will give, when known (the size of a file when it
  // was opened): a loader makes room for the records once.
  virtual std::optional<uint64_t> size_hint() const { return std::nullopt; }
};

// The longest record a file may hold. A longer one is a quote never closed,
// or a file that is not CSV at all: it is refused, never read into memory.
constexpr size_t kMaxRecordBytes = 16u << 20;
// The start of an input that decides its encoding and line ends.
constexpr size_t kSniffBytes = 1u << 20;

// Opens a file for reading; an Excel workbook (.xlsx) is read as the CSV of
// its first sheet. Fails with "PATH: <reason>", also for a pipe or a device
// (see CheckRegularFile).
Result<std::unique_ptr<ByteSource>> OpenFileSource(const std::string& path);
// Fails with "PATH: not a regular file ..." unless `path` names a regular
// file (after symbolic links). A run takes each input's fingerprint (its size
// and SHA-256) to record which file it compared, which a pipe cannot give; a
// device such as /dev/zero may never end.
Status CheckRegularFile(const std::string& path);
// A source over bytes held in memory.
std::unique_ptr<ByteSource> MakeStringSource(std::string name, std::string bytes,
                                             const char* format = "csv");

// Whole records, in UTF-8 or (for a GB18030 file) in GB18030 bytes. Chunks
// come in file order; their line numbers are the parser's to count.
// Its buffer may be longer than the records: it is reused from chunk to chunk
// (ChunkReader::Recycle), and a buffer read into again need not be cleared.
struct Chunk {
  std::string buffer;
  size_t size = 0;  // the records are buffer[0, size)
  // The first '"' among the records, or npos: the rows before it have no
  // quoted field.
  size_t first_quote = std::string::npos;
  std::string_view text() const { return {buffer.data(), size}; }
};

class ChunkReader {
 public:
  ChunkReader(ByteSource* source, Encoding forced, size_t chunk_bytes);

  // Reads the start of the input: detects the encoding and the separator and
  // reads the header record (decoded to UTF-8). Fails on an empty input or an
  // undecodable header; the error names the source, as a read error does.
  Status Start();
  Encoding encoding() const { return encoding_; }
  char delimiter() const { return delimiter_; }
  // Set when the text decoded with encoding() has the marks of another
  // encoding, which would read it (see BetterEncoding).
  std::optional<Encoding> better_encoding() const { return better_encoding_; }
  // True for a file whose lines end in CR alone (old Mac OS): its CRs are
  // handed on as LFs.
  bool cr_line_ends() const { return cr_line_ends_; }
  const std::vector<std::string>& header() const { return header_; }
  // The line the first record after the header starts on.
  uint32_t first_data_line() const { return first_data_line_; }

  // The next chunk of whole records; false at the end. Fails on a record
  // longer than kMaxRecordBytes, which then starts the data after the last
  // chunk given (record_too_long() is true): its caller knows its line.
  Result<bool> Next(Chunk* chunk);
  // Hands back a chunk's buffer once its records are parsed, for a later
  // Next() to read into. Safe to call from any thread.
  void Recycle(std::string buffer);
  uint64_t bytes_read() const { return bytes_read_; }
  bool record_too_long() const { return record_too_long_; }

 private:
  // Appends up to `bytes` more input (decoded when UTF-16) to `out`.
  Result<bool> Fill(std::string* out, size_t bytes);
  // Reads up to `bytes` to `to`, fewer only at the end of the input: first
  // what was read ahead, then from the source.
  Result<size_t> ReadSome(char* to, size_t bytes);
  // As ReadSome, from the source alone.
  Result<size_t> ReadSource(char* to, size_t bytes);
  // Reads the first kSniffBytes of the source (fewer in a shorter one).
  Status ReadAhead();
  // As Fill, to buffer[*size, ...), growing the buffer only when it is too
  // short; *size counts the bytes that are input.
  Result<bool> FillBuffer(std::string* buffer, size_t* size, size_t bytes);

  ByteSource* source_;
  Encoding forced_;
  size_t chunk_bytes_;
  Encoding encoding_ = Encoding::kUtf8;
  std::optional<Encoding> better_encoding_;
  char delimiter_ = ',';
  std::vector<std::string> header_;
  std::unique_ptr<Utf16Decoder> utf16_;
  std::string carry_;     // input after the last whole record
  std::string raw_;       // read buffer for UTF-16 input
  std::string ahead_;     // the start of the source, read ahead
  size_t ahead_pos_ = 0;  // how much of it has been handed on
  uint32_t first_data_line_ = 1;
  uint64_t bytes_read_ = 0;
  bool eof_ = false;         // no more input, read ahead or not
  bool source_eof_ = false;  // the source is at its end
  bool cr_line_ends_ = false;
  bool record_too_long_ = false;
  std::mutex recycled_mutex_;
  std::vector<std::string> recycled_;
};

}  // namespace qinglian

#endif  // QINGLIAN_INPUT_SOURCE_H_

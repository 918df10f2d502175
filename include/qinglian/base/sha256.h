// SHA-256 through OpenSSL's libcrypto: for input files' fingerprints, lead
// keys and the audit trail's hash chain.
#ifndef QINGLIAN_BASE_SHA256_H_
#define QINGLIAN_BASE_SHA256_H_

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "qinglian/base/status.h"

namespace qinglian {

class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  void Update(std::string_view bytes);
  // The digest as 64 lower-case hex digits. Call once.
  std::string HexDigest();

 private:
  struct Ctx;
  std::unique_ptr<Ctx> ctx_;
};

std::string Sha256Hex(std::string_view bytes);

struct FileDigest {
  uint64_t size = 0;
  std::string sha256;
};
// Reads a whole file and returns its size and SHA-256. With `stop`, gives up
// ("PATH: stopped") once *stop is set.
Result<FileDigest> Sha256File(const std::string& path, const std::atomic<bool>* stop = nullptr);

}  // namespace qinglian

#endif  // QINGLIAN_BASE_SHA256_H_

#include "qinglian/base/sha256.h"

#include <fcntl.h>
#include <openssl/evp.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace qinglian {

namespace {

// SHA-256 fetched from OpenSSL's provider once: naming it by EVP_sha256() at
// every init makes OpenSSL 3 look it up again each time, which costs more
// than hashing a lead's fields.
const EVP_MD* Sha256Algorithm() {
  static const struct Fetched {
    EVP_MD* md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    ~Fetched() { EVP_MD_free(md); }
  } fetched;
  return fetched.md ? fetched.md : EVP_sha256();
}

}  // namespace

struct Sha256::Ctx {
  EVP_MD_CTX* md = EVP_MD_CTX_new();
  ~Ctx() { EVP_MD_CTX_free(md); }
};

Sha256::Sha256() : ctx_(std::make_unique<Ctx>()) {
  EVP_DigestInit_ex(ctx_->md, Sha256Algorithm(), nullptr);
}
Sha256::~Sha256() = default;

void Sha256::Update(std::string_view bytes) {
  EVP_DigestUpdate(ctx_->md, bytes.data(), bytes.size());
}

std::string Sha256::HexDigest() {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  EVP_DigestFinal_ex(ctx_->md, digest, &n);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(n * 2);
  for (unsigned int i = 0; i < n; ++i) {
    hex.push_back(kHex[digest[i] >> 4]);
    hex.push_back(kHex[digest[i] & 15]);
  }
  return hex;
}

Result<FileDigest> Sha256File(const std::string& path, const std::atomic<bool>* stop) {
  const struct File {
    int fd;
    ~File() {
      if (fd >= 0) ::close(fd);
    }
  } file{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
  if (file.fd < 0) return Status::Error(path + ": " + std::strerror(errno));
  Sha256 h;
  FileDigest d;
  std::vector<char> buf(1 << 20);
  while (true) {
    if (stop && stop->load(std::memory_order_relaxed)) return Status::Error(path + ": stopped");
    const ssize_t n = ::read(file.fd, buf.data(), buf.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int err = errno;  // before the message's allocations
      return Status::Error(path + ": " + std::strerror(err));
    }
    if (n == 0) break;
    h.Update(std::string_view(buf.data(), static_cast<size_t>(n)));
    d.size += static_cast<uint64_t>(n);
  }
  d.sha256 = h.HexDigest();
  return d;
}

std::string Sha256Hex(std::string_view bytes) {
  Sha256 h;
  h.Update(bytes);
  return h.HexDigest();
}

}  // namespace qinglian

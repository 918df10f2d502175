// Helpers shared by the tests: running the real binary, temporary folders,
// reading and writing small files.
#ifndef QINGLIAN_TESTS_TEST_UTIL_H_
#define QINGLIAN_TESTS_TEST_UTIL_H_

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "qinglian/app/catalog.h"
#include "qinglian/core/vocab.h"

namespace qinglian::testing {

struct CliResult {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

inline std::string ReadFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void WriteFile(const std::filesystem::path& p, const std::string& bytes) {
  std::ofstream out(p, std::ios::binary);
  out << bytes;
}

// A fresh directory removed when the object goes out of scope.
class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() / ("qinglian_test_" + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;  // best effort: a leftover temp dir is harmless
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

// A map keyed by a vocabulary enumeration, keyed by its codes instead, so
// that tests compare it with literals.
template <typename E>
std::map<std::string, uint64_t> ByCode(const std::map<E, uint64_t>& m) {
  std::map<std::string, uint64_t> out;
  for (const auto& [k, n] : m) {
    if constexpr (std::is_same_v<E, std::string>)
      out[k] = n;
    else
      out[Code(k)] = n;
  }
  return out;
}

template <typename E>
std::vector<std::pair<std::string, uint64_t>> ByCode(const std::vector<std::pair<E, uint64_t>>& v) {
  std::vector<std::pair<std::string, uint64_t>> out;
  for (const auto& [k, n] : v) out.emplace_back(Code(k), n);
  return out;
}

// The data files the program is built with: kinds, vocabulary, models.
inline const Catalog& BuiltIn() {
  static const Catalog* catalog = [] {
    Result<Catalog> c = LoadCatalog({});
    if (!c.ok()) {
      std::fprintf(stderr, "%s\n", c.error().c_str());
      std::abort();
    }
    return new Catalog(std::move(*c));  // NOLINT: lives as long as the tests
  }();
  return *catalog;
}

inline const RecordKind& Kind(const std::string& name) { return **BuiltIn().Kind(name); }

// The index of field `name` of kind `kind`.
inline int FieldOf(const std::string& kind, const std::string& name) {
  return Kind(kind).Field(name);
}

inline std::string TestData(const std::string& name) {
  // Appended in place: GCC 12 takes `std::string(...) + "/" + name`, inlined,
  // for an out-of-bounds copy (-Warray-bounds, a false positive).
  std::string path = QINGLIAN_TEST_DATA;
  path += '/';
  path += name;
  return path;
}

// Runs the qinglian binary with `args` (shell words, quoted by the caller) and
// captures stdout, stderr and the exit code.
inline CliResult RunCli(const std::string& args, const std::string& env = "") {
  TempDir dir;
  const std::string out = dir / "out", err = dir / "err";
  const std::string cmd = env + (env.empty() ? "" : " ") + "'" + QINGLIAN_BIN + "' " + args +
                          " >'" + out + "' 2>'" + err + "' </dev/null";
  const int status = std::system(cmd.c_str());
  CliResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = ReadFile(out);
  r.err = ReadFile(err);
  return r;
}

}  // namespace qinglian::testing

#endif  // QINGLIAN_TESTS_TEST_UTIL_H_

#include "qinglian/base/output_file.h"

#include <sys/stat.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <vector>

#include "qinglian/base/text.h"
#include "test_util.h"

namespace qinglian {
namespace {

namespace fs = std::filesystem;

std::string FolderListing(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return Join(names, " ");
}

fs::perms Perms(const std::string& path) { return fs::status(path).permissions(); }

constexpr fs::perms kOwnerOnly = fs::perms::owner_read | fs::perms::owner_write;

// Sets the umask for one test and puts it back.
class Umask {
 public:
  explicit Umask(mode_t mask) : old_(::umask(mask)) {}
  ~Umask() { ::umask(old_); }

 private:
  mode_t old_;
};

TEST_CASE("OutputFile shows nothing until Commit, then the whole file, owner-only",
          "[output_file]") {
  testing::TempDir dir;
  const Umask umask(022);
  const std::string path = dir / "out.csv";
  Result<OutputFile> file = OutputFile::Create(path);
  REQUIRE(file.ok());
  file->stream() << "a,b\r\n";
  REQUIRE(file->Finish().ok());
  CHECK(FolderListing(dir.path()) == "");
  REQUIRE(file->Commit().ok());
  CHECK(FolderListing(dir.path()) == "out.csv");
  CHECK(testing::ReadFile(path) == "a,b\r\n");
  CHECK(Perms(path) == kOwnerOnly);
}

TEST_CASE("OutputFile replaces an existing file and leaves nothing when not committed",
          "[output_file]") {
  testing::TempDir dir;
  const std::string path = dir / "out.csv";
  testing::WriteFile(path, "old\n");
  fs::permissions(path, fs::perms::owner_all | fs::perms::group_read | fs::perms::others_read);
  {
    Result<OutputFile> dropped = OutputFile::Create(path);
    REQUIRE(dropped.ok());
    dropped->stream() << "half";
  }
  CHECK(FolderListing(dir.path()) == "out.csv");
  CHECK(testing::ReadFile(path) == "old\n");
  Result<OutputFile> file = OutputFile::Create(path);
  REQUIRE(file.ok());
  file->stream() << "new\n";
  REQUIRE(file->Commit().ok());
  CHECK(FolderListing(dir.path()) == "out.csv");
  CHECK(testing::ReadFile(path) == "new\n");
  CHECK(Perms(path) == kOwnerOnly);
}

TEST_CASE("OutputFile lets a library write the pending file by name", "[output_file]") {
  testing::TempDir dir;
  const std::string path = dir / "book.xlsx";
  Result<OutputFile> file = OutputFile::Create(path);
  REQUIRE(file.ok());
  testing::WriteFile(file->temp_name(), "PK bytes");
  CHECK(FolderListing(dir.path()) == "");
  REQUIRE(file->Commit().ok());
  CHECK(testing::ReadFile(path) == "PK bytes");
}

TEST_CASE("OutputFile says why a write failed", "[output_file]") {
  Result<OutputFile> full = OutputFile::Create("/dev/full");
  REQUIRE(full.ok());
  full->stream() << std::string(200000, 'x');
  CHECK(full->Finish().message() == "/dev/full: No space left on device");
  CHECK(full->Commit().message() == "/dev/full: No space left on device");

  const Result<OutputFile> missing = OutputFile::Create("/nonexistent/dir/out.csv");
  CHECK(missing.error() == "/nonexistent/dir/out.csv: cannot create (No such file or directory)");
  testing::TempDir dir;
  CHECK(OutputFile::Create(dir.path().string()).error() ==
        dir.path().string() + ": cannot create (Is a directory)");
}

TEST_CASE("CheckOutputPath refuses the store, its files and inputs", "[output_file]") {
  testing::TempDir dir;
  const std::string db = dir / "q.db", input = dir / "in.csv";
  testing::WriteFile(db, "db");
  testing::WriteFile(input, "x");
  fs::create_hard_link(input, dir.path() / "hard.csv");
  fs::create_symlink(db, dir.path() / "soft.csv");
  std::vector<KeptFile> kept = StoreFiles(db);
  kept.push_back({input, "the input"});
  struct {
    std::string out, want;
  } cases[] = {
      {db, "refusing to overwrite the store " + db},
      {dir.path().string() + "/sub/../q.db", "refusing to overwrite the store " + db},
      {dir / "soft.csv", "refusing to overwrite the store " + db},
      {dir.path().string() + "//q.db-wal", "refusing to overwrite the store's file " + db + "-wal"},
      {dir / "hard.csv", "refusing to overwrite the input " + input},
      {dir / "other.csv", ""},
      {dir / "q.db.csv", ""},
  };
  for (const auto& c : cases) {
    INFO(c.out);
    CHECK(CheckOutputPath(c.out, kept).message() == c.want);
  }
}

}  // namespace
}  // namespace qinglian

#include "qinglian/input/fingerprints.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <functional>

#include "test_util.h"

namespace qinglian {
namespace {

TEST_CASE("fingerprints are each input's size and SHA-256, in the order noted", "[fingerprints]") {
  testing::TempDir dir;
  testing::WriteFile(dir / "a.csv", "id\n1\n");
  testing::WriteFile(dir / "b.csv", "");
  InputFingerprints f;
  REQUIRE(f.Note(dir / "a.csv").ok());
  REQUIRE(f.Note(dir / "b.csv").ok());
  f.Start();
  const Result<std::vector<FileDigest>> d = f.Wait();
  REQUIRE(d.ok());
  REQUIRE(d->size() == 2);
  CHECK((*d)[0].size == 5);
  CHECK((*d)[0].sha256 == Sha256Hex("id\n1\n"));
  CHECK((*d)[1].size == 0);
  CHECK((*d)[1].sha256 == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST_CASE("files noted after hashing started are hashed too, after the first, in order",
          "[fingerprints]") {
  // A run hashes its rosters once they are read, then the other files.
  testing::TempDir dir;
  const std::string roster(1 << 20, 'r');
  testing::WriteFile(dir / "roster.csv", roster);
  testing::WriteFile(dir / "offences.csv", "id\n1\n");
  testing::WriteFile(dir / "more.csv", "id\n2\n");
  InputFingerprints f;
  REQUIRE(f.Note(dir / "roster.csv").ok());
  f.Start();
  REQUIRE(f.Note(dir / "offences.csv").ok());
  REQUIRE(f.Note(dir / "more.csv").ok());
  // Wait takes the files noted since, without another Start.
  const Result<std::vector<FileDigest>> d = f.Wait();
  REQUIRE(d.ok());
  REQUIRE(d->size() == 3);
  CHECK((*d)[0].sha256 == Sha256Hex(roster));
  CHECK((*d)[1].sha256 == Sha256Hex("id\n1\n"));
  CHECK((*d)[2].sha256 == Sha256Hex("id\n2\n"));
  CHECK(f.Wait().error() == "the inputs' fingerprints were taken already");

  // A file changed after it was noted fails the run, hashed in either batch.
  InputFingerprints g;
  REQUIRE(g.Note(dir / "roster.csv").ok());
  g.Start();
  REQUIRE(g.Note(dir / "offences.csv").ok());
  std::ofstream(dir / "offences.csv", std::ios::app) << "3\n";
  g.Start();
  CHECK(g.Wait().error() == (dir / "offences.csv") + ": the file changed while it was read");
  // The first batch's failure is the one told, though both fail.
  InputFingerprints h;
  REQUIRE(h.Note(dir / "offences.csv").ok());
  std::ofstream(dir / "offences.csv", std::ios::app) << "4\n";
  h.Start();
  REQUIRE(h.Note(dir / "more.csv").ok());
  std::filesystem::remove(dir / "more.csv");
  CHECK(h.Wait().error() == (dir / "offences.csv") + ": the file changed while it was read");
}

// The fingerprint of `path` when `change` happens to it between Note and Start.
Result<std::vector<FileDigest>> FingerprintAfter(const std::string& path,
                                                 const std::function<void()>& change) {
  InputFingerprints f;
  if (Status s = f.Note(path); !s.ok()) return s;
  change();
  f.Start();
  return f.Wait();
}

TEST_CASE("a file written to, or replaced, after it was noted fails its fingerprint",
          "[fingerprints]") {
  testing::TempDir dir;
  const std::string path = dir / "offences.csv";
  testing::WriteFile(path, "id\n1\n");
  const std::string changed = path + ": the file changed while it was read";
  CHECK(FingerprintAfter(path, [&] { std::ofstream(path, std::ios::app) << "2\n"; }).error() ==
        changed);
  // Another file of the same size, moved over it.
  CHECK(FingerprintAfter(path, [&] {
          testing::WriteFile(dir / "new.csv", "id\n2\n");
          std::filesystem::rename(dir / "new.csv", path);
        }).error() == changed);
  const auto removed = FingerprintAfter(path, [&] { std::filesystem::remove(path); });
  REQUIRE(!removed.ok());
  CHECK(removed.error() == path + ": No such file or directory");
}

TEST_CASE("a missing input cannot be noted, and an unwanted hashing stops", "[fingerprints]") {
  testing::TempDir dir;
  InputFingerprints f;
  const Status missing = f.Note(dir / "none.csv");
  REQUIRE(!missing.ok());
  CHECK(missing.message() == (dir / "none.csv") + ": No such file or directory");
  InputFingerprints unwanted;
  testing::WriteFile(dir / "a.csv", std::string(4 << 20, 'x'));
  REQUIRE(unwanted.Note(dir / "a.csv").ok());
  unwanted.Start();
  // Destroyed without Wait: it stops and joins its thread.
  InputFingerprints two;
  REQUIRE(two.Note(dir / "a.csv").ok());
  two.Start();
  REQUIRE(two.Note(dir / "a.csv").ok());
  two.Start();
  // Destroyed with two batches under way: both stop.
}

}  // namespace
}  // namespace qinglian
